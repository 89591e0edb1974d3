import GridGeoCore
import GridGeoSpatiaLite
import GridGeoStore
import Testing

@Suite struct GridStoreTests {
    static let spatialTables = ["address_points", "communities", "components", "districts", "parcels", "roads", "streets",
                                "unit_grids"]

    @Test func everyGeometryColumnIsRegisteredIn4490WithAnRTreeIndex() throws {
        try withTemporaryStore { store, _ throws in
            let registered = try store.read { db in
                try db.query("""
                    SELECT f_table_name, srid, spatial_index_enabled FROM geometry_columns ORDER BY f_table_name
                    """) { row in
                    (try row.column(0, as: String.self), try row.column(1, as: Int.self), try row.column(2, as: Int.self))
                }
            }
            #expect(registered.allSatisfy { $0.1 == 4490 })
            #expect(registered.filter { $0.2 == 1 }.map(\.0) == Self.spatialTables)
            #expect(registered.map(\.0).contains("component_history"))
            let indexTables = try store.read { db in
                try db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'idx_*_geometry' ORDER BY name") {
                    try $0.column(0, as: String.self)
                }
            }
            #expect(indexTables == Self.spatialTables.map { "idx_\($0)_geometry" })
        }
    }

    @Test func spatialIndexesAreConsistentAfterInserts() throws {
        try withTemporaryStore { store, path throws in
            try Dongcheng.seed(store)
            try store.publishGridVersion([UnitGridRecord(code: "110101001001001",
                                                         geometry: .polygon(rectangle(116.400, 39.910, 116.401, 39.911)))],
                                         startDate: date("2024-01-01"))
            try store.close()
            // CheckSpatialIndex() may write its verdict, so run it on a plain connection, as QGIS would.
            let db = try Connection(path: path)
            defer { try? db.close() }
            for table in Self.spatialTables {
                #expect(try db.scalar("SELECT CheckSpatialIndex(?, 'geometry')", [.text(table)], as: Int.self) == 1)
            }
            #expect(try db.scalar("SELECT count(*) FROM idx_unit_grids_geometry", as: Int.self) == 1)
        }
    }

    @Test func readRefusesWrites() throws {
        try withTemporaryStore { store, _ throws in
            #expect(throws: SpatiaLiteError.self) {
                try store.read { db in try db.execute("DELETE FROM districts") }
            }
        }
    }

    @Test func aStoreIsSharedByConcurrentTasks() async throws {
        let path = temporaryPath()
        defer { removeDatabase(path) }
        let store = try GridStore(path: path)
        try Dongcheng.seed(store)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for i in 0..<10 {
                        let lon = 116.40 + Double(task) / 100 + Double(i) / 1000
                        try store.insert([AddressPointRecord(address: "东华门街道\(task)-\(i)号",
                                                             location: .init(lon: lon, lat: 39.915))])
                        _ = try store.districts()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.addressPoints().count == 80)
        try store.close()
    }
}
