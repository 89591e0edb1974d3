import Foundation
import GridGeoComponents
import GridGeoStore
import Testing

private let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("../shared/reference").standardizedFileURL

@Suite struct ComponentCatalogTests {
    @Test func theStandardTablesHaveTheirClasses() {
        let catalog = ComponentCatalog.standard
        #expect(catalog.componentClasses.count == 85)
        #expect(catalog.eventClasses.count == 54)
        #expect(catalog.majorClasses(.component).map(\.code) == ["01", "02", "03", "04", "05", "06"])
        #expect(catalog.majorClasses(.component).map(\.name) == ["公用设施", "道路交通", "市容环境", "园林绿化", "房屋土地", "其他设施"])
        let perMajor = Dictionary(grouping: catalog.componentClasses, by: \.majorCode).mapValues(\.count)
        #expect(perMajor == ["01": 38, "02": 17, "03": 11, "04": 10, "05": 3, "06": 6])
        #expect(catalog.majorClasses(.event).map(\.name) == ["市容环境", "宣传广告", "施工管理", "突发事件", "街面秩序"])
        #expect(catalog.componentClass("0203")?.name == "公交站亭")
        #expect(catalog.componentClass("0201")?.name == "停车场")
        #expect(catalog.componentClass("0201")?.majorName == "道路交通")
        #expect(catalog.componentClass("0104")?.name == "雨水箅子")
        #expect(catalog.eventClass("0115")?.name == "焚烧树叶，垃圾")
        #expect(catalog.componentClasses.allSatisfy { $0.code.count == 4 && !$0.isExtension && !$0.name.isEmpty })
        #expect(Set(catalog.componentClasses.map(\.code)).count == 85)
    }

    /// The embedded tables are the reference files, byte for byte (when ../shared/reference is there).
    @Test(arguments: ["component_classes.csv", "event_classes.csv"])
    func theEmbeddedTablesEqualTheReference(_ file: String) throws {
        let url = reference.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let text = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .newlines)
        let kind: CatalogExtension.Kind = file.hasPrefix("component") ? .component : .event
        let rows = text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false) }
        let classes = kind == .component ? ComponentCatalog.standard.componentClasses : ComponentCatalog.standard.eventClasses
        #expect(rows.map { String($0[2]) } == classes.map(\.code))
        #expect(rows.map { String($0[3]) } == classes.map(\.name))
        #expect(rows.map { String($0[1]) } == classes.map(\.majorName))
    }

    @Test func aCityRegistersLocalClasses() throws {
        try Area.withStore { store in
            var catalog = try ComponentCatalog.register(kind: .component, code: "2101", name: "防蚊闸", in: store)
            #expect(catalog.componentClass("2101") == CatalogClass(kind: .component, code: "2101", name: "防蚊闸",
                                                                   majorName: "扩展部件", isExtension: true))
            catalog = try ComponentCatalog.register(kind: .component, code: "0199", name: "充电桩", in: store)
            #expect(catalog.componentClass("0199")?.majorName == "公用设施")
            catalog = try ComponentCatalog.register(kind: .event, code: "2101", name: "共享单车乱停放", in: store)
            #expect(catalog.eventClass("2101")?.majorName == "扩展事件" && catalog.componentClasses.count == 87)
            #expect(throws: ComponentError.classExists("0203")) {
                try ComponentCatalog.register(kind: .component, code: "0203", name: "站亭", in: store)
            }
            #expect(throws: ComponentError.classExists("2101")) {
                try ComponentCatalog.register(kind: .component, code: "2101", name: "again", in: store)
            }
            #expect(throws: ComponentError.unknownClass("21A")) {
                try ComponentCatalog.register(kind: .component, code: "21A", name: "bad", in: store)
            }
            // Registered classes are stored: a new catalogue over the store has them, and components use them.
            #expect(try ComponentCatalog(store: store).componentClass("2101")?.name == "防蚊闸")
            let ledger = try ComponentLedger(store: store)
            let codes = try ledger.add([Area.record("2101", "东四防蚊闸", at: .init(lon: 116.401, lat: 39.919))]).codes
            #expect(codes == ["1101012101000001"])
            #expect(try store.component(code: codes[0])?.className == "防蚊闸")
        }
    }
}
