import GridGeoCore
import GridGeoSpatiaLite
import GridGeoStore
import Testing

@Suite struct GridStoreUnitGridsTests {
    /// Version 1: two grids side by side in the community.
    static let version1 = [
        UnitGridRecord(code: "110101001001001", geometry: .polygon(rectangle(116.400, 39.910, 116.405, 39.920)),
                       landUseCode: "R", responsibleBody: "东华门街道办事处"),
        UnitGridRecord(code: "110101001001002", geometry: .polygon(rectangle(116.405, 39.910, 116.410, 39.920))),
    ]
    /// Version 2: grid 001 unchanged, grid 002 split into 002 and 003.
    static let version2 = [
        version1[0],
        UnitGridRecord(code: "110101001001002", geometry: .polygon(rectangle(116.405, 39.910, 116.410, 39.915))),
        UnitGridRecord(code: "110101001001003", geometry: .polygon(rectangle(116.405, 39.915, 116.410, 39.920))),
    ]

    @Test func reDivisionKeepsHistory() throws {
        try withTemporaryStore { store, _ throws in
            try Dongcheng.seed(store)
            let v1 = try store.publishGridVersion(Self.version1, startDate: date("2023-01-01"), note: "初次划分")
            let v2 = try store.publishGridVersion(Self.version2, startDate: date("2024-07-01"), note: "重新划分")
            #expect(v1.version == 1 && v2.version == 2)
            #expect(v2.note == "重新划分" && v2.endDate == nil)

            // Version 1 is end-dated on the switch day; its grids keep their codes.
            let versions = try store.gridVersions()
            #expect(versions.map(\.endDate) == [date("2024-07-01"), nil])
            let old = try store.unitGrids(version: 1)
            #expect(old.map(\.code) == Self.version1.map(\.code))
            #expect(old.allSatisfy { $0.startDate == date("2023-01-01") && $0.endDate == date("2024-07-01") })
            #expect(old[0].landUseCode == "R" && old[0].responsibleBody == "东华门街道办事处")
            #expect(old[0].communityCode == "110101001001")
            #expect(old[0].isValid(on: date("2024-06-30")) && !old[0].isValid(on: date("2024-07-01")))

            // Reading by date picks the version valid then; the end date is exclusive.
            #expect(try store.unitGrids(on: date("2022-12-31")).isEmpty)
            let before = try store.unitGrids(on: date("2024-06-30"))
            #expect(before.map(\.version) == [1, 1])
            #expect(before.map(\.geometry) == Self.version1.map { .multiPolygon($0.geometry.polygons) })
            let after = try store.unitGrids(on: date("2024-07-01"))
            #expect(after.map(\.code) == ["110101001001001", "110101001001002", "110101001001003"])
            #expect(after.allSatisfy { $0.version == 2 && $0.startDate == date("2024-07-01") && $0.endDate == nil })
            #expect(try store.currentGridVersion() == v2)
        }
    }

    @Test func pointLookupUsesTheVersionValidOnTheDate() throws {
        try withTemporaryStore { store, _ throws in
            try Dongcheng.seed(store)
            try store.publishGridVersion(Self.version1, startDate: date("2023-01-01"))
            try store.publishGridVersion(Self.version2, startDate: date("2024-07-01"))
            let point = Coordinate(lon: 116.407, lat: 39.918)
            #expect(try store.unitGrid(containing: point, on: date("2024-01-01"))?.code == "110101001001002")
            #expect(try store.unitGrid(containing: point, on: date("2024-08-01"))?.code == "110101001001003")
            // On the shared edge of 001 and 002 (x = 116.405) the lower code wins.
            let edge = Coordinate(lon: 116.405, lat: 39.912)
            #expect(try store.unitGrid(containing: edge, on: date("2024-08-01"))?.code == "110101001001001")
            #expect(try store.unitGrid(containing: .init(lon: 116.5, lat: 39.9), on: date("2024-08-01")) == nil)
        }
    }

    @Test func areaIsComputedOnTheEllipsoidUnlessGiven() throws {
        try withTemporaryStore { store, _ throws in
            try Dongcheng.seed(store)
            var given = Self.version1[1]
            given.areaSquareMetres = 12_345
            try store.publishGridVersion([Self.version1[0], given], startDate: date("2023-01-01"))
            let grids = try store.unitGrids(on: date("2023-01-01"))
            // 0.005° × 0.01° at 39.915° N ≈ 427 m × 1110 m.
            #expect(abs((grids[0].areaSquareMetres ?? 0) - 474_700) < 1_000)
            #expect(grids[1].areaSquareMetres == 12_345)
            let sqlArea = try store.read { db in
                try db.scalar("SELECT ST_Area(geometry, 1) FROM unit_grids WHERE code = ?", ["110101001001001"], as: Double.self)
            }
            #expect(sqlArea == grids[0].areaSquareMetres)
        }
    }

    @Test func aFailedPublicationChangesNothing() throws {
        try withTemporaryStore { store, path throws in
            try Dongcheng.seed(store)
            try store.publishGridVersion(Self.version1, startDate: date("2023-01-01"))
            let before = try fileBytes(path)
            // A duplicate code in the new set fails after the old version was end-dated in the transaction.
            let duplicate = Self.version2 + [Self.version2[2]]
            #expect(throws: SpatiaLiteError.self) {
                try store.publishGridVersion(duplicate, startDate: date("2024-07-01"))
            }
            #expect(try fileBytes(path) == before)
            #expect(try store.currentGridVersion()?.version == 1)
            #expect(try store.unitGrids(on: date("2030-01-01")).count == 2)
        }
    }

    @Test func aVersionMustStartAfterTheCurrentOne() throws {
        try withTemporaryStore { store, _ throws in
            try Dongcheng.seed(store)
            try store.publishGridVersion(Self.version1, startDate: date("2023-01-01"))
            #expect(throws: GridStoreError.gridVersionNotAfterCurrent(start: date("2023-01-01"), currentStart: date("2023-01-01"))) {
                try store.publishGridVersion(Self.version2, startDate: date("2023-01-01"))
            }
            #expect(throws: GridStoreError.emptyGridVersion) { try store.publishGridVersion([], startDate: date("2025-01-01")) }
        }
    }
}
