import Foundation
import GridGeoHierarchy
import Testing

@Suite struct DivisionListsTests {
    @Test func readsTheNamesListByItsHeader() throws {
        let s = try Scratch()
        let list = try CommunityNameList(contentsOfFile: s.write("names.csv", "\u{FEFF}" + namesCSV))
        #expect(list.entries.count == 6)
        // The short name, a quoted field with a comma kept whole, file order within a street.
        #expect(list.entries(inStreet: "110101001").map(\.name) == ["甲社区", "乙社区", "丙,丁社区"])
        #expect(list.entries.allSatisfy { $0.code == nil })
    }

    @Test func officialCodesAreTakenWhenTheListHasThem() throws {
        let s = try Scratch()
        let list = try CommunityNameList(contentsOfFile: s.write("codes.csv", """
            street_code,community_code,name
            110101001,110101001007,甲社区
            """))
        #expect(list.entries == [.init(streetCode: "110101001", name: "甲社区", code: "110101001007")])
    }

    @Test func aBadListSaysWhatIsWrongWithIt() throws {
        let s = try Scratch()
        func error(_ text: String) throws -> HierarchyError? {
            let path = try s.write("bad.csv", text)
            do { _ = try CommunityNameList(contentsOfFile: path); return nil } catch { return error }
        }
        #expect(try error("name\n甲社区\n")?.description.contains("no street_code column") == true)
        #expect(try error("street_code,name\n11010100,甲社区\n")?.description.contains("bad.csv:2: street code «11010100» is not 9 digits") == true)
        #expect(try error("street_code,name,community_code\n110101001,甲社区,110101002001\n")?.exitCode == 65)
        #expect(throws: HierarchyError.missingInput(s.file("none.csv") + ": no such file")) {
            try CommunityNameList(contentsOfFile: s.file("none.csv"))
        }
    }

    @Test func streetAreasKeepOnlyStreetRows() throws {
        let s = try Scratch()
        let list = try StreetAreaList(contentsOfFile: s.write("areas.csv", """
            level,code,name,area_km2
            district,110101,东城区,41.84
            street,110101001,东华门街道,5.35
            street,110101002,景山街道,1.64
            """))
        #expect(list.entries.map(\.code) == ["110101001", "110101002"])
        #expect(list.entries.map(\.areaSquareKilometres) == [5.35, 1.64])
        #expect(throws: HierarchyError.self) {
            try StreetAreaList(contentsOfFile: s.write("neg.csv", "code,name,area_km2\n110101001,东华门街道,-1\n"))
        }
    }
}
