import GridGeoCore
import GridGeoSpatiaLite
@testable import GridGeoStore
import Testing

private let wangfujing = Coordinate(lon: 116.4107, lat: 39.9120)

private func manhole(_ name: String = "上水井盖", at p: Coordinate = wangfujing, on day: String = "2020-05-02",
                     grid: String = "110101001001001") -> ComponentRecord {
    ComponentRecord(classCode: "0101", className: "上水井盖", name: name, districtCode: "110101", location: p,
                    dataSource: "实测", startDate: date(day), gridCode: grid,
                    department: Organization(code: "11110000000000000X", name: "北京市水务局"),
                    owner: Organization(name: "北京自来水集团"), maintainer: Organization(name: "东城养护中心"),
                    photo: "photos/0101-1.jpg", note: "样例")
}

@Suite struct GridStoreComponentsTests {
    @Test func addingAllocatesCodesWithoutGapsPerDistrictAndClass() throws {
        try withTemporaryStore { store, _ throws in
            let stop = ComponentRecord(classCode: "0203", className: "公交站亭", name: "王府井", districtCode: "110101",
                                       location: wangfujing, startDate: date("2020-01-01"), gridCode: "110101001001001")
            let codes = try store.addComponents([manhole(), stop, manhole(), stop, manhole()])
            #expect(codes == ["1101010101000001", "1101010203000001", "1101010101000002", "1101010203000002", "1101010101000003"])
            #expect(try store.addComponents([stop]) == ["1101010203000003"])
            let c = try #require(try store.component(code: "1101010101000002"))
            #expect(c.department == Organization(code: "11110000000000000X", name: "北京市水务局"))
            #expect(c.owner?.name == "北京自来水集团" && c.maintainer?.name == "东城养护中心" && c.owner?.code == nil)
            #expect(c.state == .intact && c.photo == "photos/0101-1.jpg" && c.note == "样例" && c.dataSource == "实测")
            #expect(c.location == wangfujing && c.gridCode == "110101001001001" && c.streetCode == "110101001")
            #expect(c.startDate == date("2020-05-02") && c.changeDate == nil && c.retireDate == nil)
            #expect(try store.count(of: .components) == 6 && store.count(of: .components, componentClass: "0203") == 3)
        }
    }

    @Test func changesAndRetirementKeepEveryPastStateReadable() throws {
        try withTemporaryStore { store, path throws in
            let code = try store.addComponents([manhole()])[0]
            let moved = Coordinate(lon: 116.4120, lat: 39.9130)
            try store.apply([
                .change(code: code, date: date("2021-03-01"), ComponentChange(state: .damaged)),
                .change(code: code, date: date("2022-01-01"), ComponentChange(location: moved, gridCode: "110101001001002",
                                                                             maintainer: Organization(name: "新养护单位"))),
                .change(code: code, date: date("2022-01-01"), ComponentChange(state: .intact)),   // same day: last wins
                .retire(code: code, date: date("2023-06-01")),
            ])
            #expect(try store.component(code: code, on: date("2020-05-01")) == nil)
            #expect(try store.component(code: code, on: date("2020-05-02"))?.state == .intact)
            #expect(try store.component(code: code, on: date("2021-02-28"))?.state == .intact)
            #expect(try store.component(code: code, on: date("2021-03-01"))?.state == .damaged)
            let y2022 = try #require(try store.component(code: code, on: date("2022-06-01")))
            #expect(y2022.state == .intact && y2022.location == moved && y2022.gridCode == "110101001001002")
            #expect(y2022.maintainer?.name == "新养护单位" && y2022.changeDate == date("2022-01-01"))
            #expect(try store.component(code: code, on: date("2023-05-31")) != nil)
            #expect(try store.component(code: code, on: date("2023-06-01")) == nil)
            // Now: retired, still readable by code, not in use.
            #expect(try store.component(code: code)?.retireDate == date("2023-06-01"))
            #expect(try store.components(.all).isEmpty && store.count(of: .components) == 0)
            #expect(try store.components(.all, on: date("2021-06-01")).map(\.code) == [code])

            let history = try store.componentHistory(code: code)
            #expect(history.map(\.validFrom.description) == ["2020-05-02", "2021-03-01", "2022-01-01", "2022-01-01", "2023-06-01"])
            #expect(history.map { $0.validTo?.description } == ["2021-03-01", "2022-01-01", "2022-01-01", "2023-06-01", "2023-06-01"])
            #expect(history.map(\.component.state) == [.intact, .damaged, .damaged, .intact, .intact])

            // Retired components take no changes; changes are dated forwards; nothing is deleted.
            #expect(throws: ComponentError.retired(code: code, date: date("2023-06-01"))) {
                try store.apply([.change(code: code, date: date("2024-01-01"), ComponentChange(state: .lost))])
            }
            try store.close()
            let db = try Connection(path: path)
            defer { try? db.close() }
            #expect(throws: SpatiaLiteError.self) { try db.execute("DELETE FROM components") }
        }
    }

    @Test func aBatchIsAllOrNothing() throws {
        try withTemporaryStore { store, _ throws in
            let code = try store.addComponents([manhole()])[0]
            try store.apply([.change(code: code, date: date("2022-01-01"), ComponentChange(state: .occupied))])
            #expect(throws: ComponentError.changeBeforeLastChange(code: code, date: date("2021-01-01"), last: date("2022-01-01"))) {
                try store.apply([.add(manhole()), .change(code: code, date: date("2021-01-01"), ComponentChange(state: .lost))])
            }
            #expect(throws: ComponentError.notFound(code: "1101010101999999")) {
                try store.apply([.add(manhole()), .retire(code: "1101010101999999", date: date("2024-01-01"))])
            }
            #expect(try store.count(of: .components) == 1)
            // The failed batches allocated nothing: the next code follows without a gap.
            #expect(try store.addComponents([manhole()]) == ["1101010101000002"])
        }
    }

    @Test func overwritingALayerRetiresItsComponentsAndNeverReusesCodes() throws {
        try withTemporaryStore { store, _ throws in
            try store.write(.components([manhole(), manhole()]), mode: .create)
            try store.write(.components([manhole(on: "2024-01-01")]), mode: .overwrite)
            #expect(try store.components().map(\.code) == ["1101010101000003"])
            let old = try #require(try store.component(code: "1101010101000001"))
            #expect(old.retireDate == date("2024-01-01"))
            #expect(try store.components(.all, on: date("2023-12-31")).map(\.code) == ["1101010101000001", "1101010101000002"])
        }
    }

    @Test func queriesAndCountsByDivisionAndClass() throws {
        try withTemporaryStore { store, _ throws in
            var stop = manhole(grid: "110101001002001")
            stop.classCode = "0203"
            stop.className = "公交站亭"
            try store.addComponents([manhole(), manhole(grid: "110101001001002"), stop, manhole(grid: "110101002001001")])
            #expect(try store.components(ComponentFilter(divisionCode: "110101001001001")).count == 1)
            #expect(try store.components(ComponentFilter(divisionCode: "110101001001")).count == 2)
            #expect(try store.components(ComponentFilter(divisionCode: "110101001")).count == 3)
            #expect(try store.components(ComponentFilter(divisionCode: "110101001", classCode: "0101")).count == 2)
            #expect(try store.components(ComponentFilter(classCode: "02")).map(\.classCode) == ["0203"])
            let counts = try store.componentCounts(by: .street)
            #expect(counts == [ComponentCount(divisionCode: "110101001", classCode: "0101", count: 2),
                               ComponentCount(divisionCode: "110101001", classCode: "0203", count: 1),
                               ComponentCount(divisionCode: "110101002", classCode: "0101", count: 1)])
            #expect(try store.componentCounts(by: .community, ComponentFilter(classCode: "0101"), on: date("2021-01-01")).map(\.count) == [2, 1])
            #expect(try store.componentCounts(by: .grid, on: date("2019-01-01")).isEmpty)
        }
    }

    @Test func catalogExtensionsAreStoredOnce() throws {
        try withTemporaryStore { store, _ throws in
            let ext = CatalogExtension(kind: .component, code: "2101", majorName: "扩展部件", name: "防蚊闸")
            try store.register(ext)
            #expect(throws: ComponentError.classExists("2101")) { try store.register(ext) }
            try store.register(CatalogExtension(kind: .event, code: "2101", majorName: "扩展事件", name: "共享单车乱停放"))
            #expect(try store.catalogExtensions().map(\.kind) == [.component, .event])
        }
    }

    /// A version-1 file with updated and deleted components opens at the latest version with every past state
    /// dated, and its deleted codes stay used.
    @Test func aVersion1FileIsMigrated() throws {
        let path = temporaryPath()
        defer { removeDatabase(path) }
        let db = try Connection(path: path)
        try db.transaction {
            try Schema.createVersion1(db)
            try db.execute("PRAGMA user_version = 1")
            try db.execute("INSERT INTO component_layers (major_code, minor_code, name) VALUES ('01', '0101', '上水井盖')")
            for (code, start) in [("1101010101000001", "2020-05-02"), ("1101010101000002", "2020-06-01")] {
                try db.execute("""
                    INSERT INTO components (code, major_code, minor_code, name, state, start_date, geometry)
                    VALUES (?, '01', '0101', '上水井盖', '完好', ?, MakePoint(116.41, 39.91, 4490))
                    """, [.text(code), .text(start)])
            }
        }
        try db.execute("UPDATE components SET state = '破损', change_date = '2021-01-01' WHERE code = '1101010101000001'")
        try db.execute("UPDATE components SET state = '丢失', change_date = '2022-01-01' WHERE code = '1101010101000001'")
        try db.execute("DELETE FROM components WHERE code = '1101010101000002'")
        try db.close()

        let store = try GridStore(path: path)
        defer { try? store.close() }
        #expect(try store.schemaVersion() == GridStore.latestSchemaVersion)
        let history = try store.componentHistory(code: "1101010101000001")
        #expect(history.map(\.component.state) == [.intact, .damaged, .lost])
        #expect(history.map(\.validFrom.description) == ["2020-05-02", "2021-01-01", "2022-01-01"])
        #expect(history.map { $0.validTo?.description } == ["2021-01-01", "2022-01-01", nil])
        #expect(try store.component(code: "1101010101000002", on: date("2020-07-01"))?.state == .intact)
        #expect(try store.addComponents([manhole()]) == ["1101010101000003"])
    }
}

@Suite struct BulkInsertTests {
    /// A batch at the bulk threshold bypasses SpatiaLite's per-row triggers: its R*Tree must hold the
    /// same boxes as rows inserted one by one through the triggers, and the triggers must be back.
    @Test func aBulkBatchIndexesLikeTheTriggers() throws {
        var rng = SystemRandomNumberGenerator()
        let points = (0..<BulkInsert.threshold).map { _ in
            Coordinate(lon: Double.random(in: 116.38...116.44, using: &rng), lat: Double.random(in: 39.86...39.97, using: &rng))
        }
        func boxes(_ path: String) throws -> [[Double]] {
            let db = try Connection(path: path)
            return try db.query("SELECT pkid, xmin, xmax, ymin, ymax FROM idx_components_geometry ORDER BY pkid") { row in
                try (0..<5).map { try row.column($0) as Double }
            }
        }
        // Triggers and indexes of the components table (the first batch is larger than the table,
        // so its secondary indexes are dropped and rebuilt too).
        func triggers(_ path: String) throws -> [String] {
            try Connection(path: path).query("""
                SELECT sql FROM sqlite_master WHERE type IN ('trigger', 'index') AND tbl_name = 'components' ORDER BY name
                """) { try $0.column(0) as String? ?? "" }
        }
        try withTemporaryStore { bulk, bulkPath throws in
            try withTemporaryStore { single, singlePath throws in
                let before = try triggers(bulkPath)
                try bulk.addComponents(points.map { manhole(at: $0) })
                for p in points { try single.addComponents([manhole(at: p)]) }
                let indexed = try boxes(bulkPath)
                #expect(indexed.count == points.count)
                #expect(indexed == (try boxes(singlePath)))
                #expect(try triggers(bulkPath) == before)
                // The restored triggers index the next single insert.
                try bulk.addComponents([manhole(at: wangfujing)])
                #expect(try boxes(bulkPath).count == points.count + 1)
                // A bulk batch that moves one of its own components indexes it where it ends up.
                let moved = Coordinate(lon: 116.4, lat: 39.9)
                let codes = try bulk.apply(points.map { .add(manhole(at: $0)) }
                    + [.change(code: "1101010101001002", date: date("2021-01-01"), ComponentChange(location: moved))])
                #expect(codes.count == points.count + 1)
                let box = try #require(try boxes(bulkPath).first { $0[0] == Double(points.count + 2) })
                // 32-bit floats: a few units in the last place, about a metre.
                #expect(abs(box[1] - moved.x) < 1e-4 && abs(box[3] - moved.y) < 1e-4 && abs(box[2] - moved.x) < 1e-4, "\(box)")
                #expect(try boxes(bulkPath).count == 2 * points.count + 1)
                // geo-import's layer write takes the same path.
                try bulk.write(.components(points.map { manhole(at: $0) }), mode: .append)
                #expect(try boxes(bulkPath).count == 3 * points.count + 1)
                #expect(try triggers(bulkPath) == before)
            }
        }
    }
}
