import Foundation
import GridGeoCore
import GridGeoLookup
import GridGeoStore
import MetricsTestKit
import Testing

private func rectangle(_ minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) -> Polygon {
    Polygon(exterior: Ring([
        .init(lon: minLon, lat: minLat), .init(lon: maxLon, lat: minLat),
        .init(lon: maxLon, lat: maxLat), .init(lon: minLon, lat: maxLat),
    ]))
}

/// A store with 东城区 → 东华门街道 → 多福巷社区 and two grid versions: two grids side by side, then
/// the eastern one split in two.
private func withStore(_ body: (GridStore) throws -> Void) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("lookup-\(UUID().uuidString).sqlite").path
    defer { for s in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
    let store = try GridStore(path: path)
    defer { try? store.close() }
    try store.insert([DistrictRecord(code: "110101", name: "东城区", geometry: .polygon(rectangle(116.38, 39.88, 116.44, 39.96)))])
    try store.insert([StreetRecord(code: "110101001", name: "东华门街道", districtCode: "110101",
                                   geometry: .polygon(rectangle(116.39, 39.90, 116.42, 39.93)))])
    try store.insert([CommunityRecord(code: "110101001001", name: "多福巷社区", streetCode: "110101001",
                                      geometry: .polygon(rectangle(116.400, 39.910, 116.410, 39.920)))])
    try store.publishGridVersion([
        UnitGridRecord(code: "110101001001001", geometry: .polygon(rectangle(116.400, 39.910, 116.405, 39.920))),
        UnitGridRecord(code: "110101001001002", geometry: .polygon(rectangle(116.405, 39.910, 116.410, 39.920))),
    ], startDate: LocalDate("2023-01-01")!)
    try store.publishGridVersion([
        UnitGridRecord(code: "110101001001001", geometry: .polygon(rectangle(116.400, 39.910, 116.405, 39.920))),
        UnitGridRecord(code: "110101001001002", geometry: .polygon(rectangle(116.405, 39.910, 116.410, 39.915))),
        UnitGridRecord(code: "110101001001003", geometry: .polygon(rectangle(116.405, 39.915, 116.410, 39.920))),
    ], startDate: LocalDate("2024-07-01")!)
    try body(store)
}

@Suite struct GridDirectoryTests {
    @Test func answersCarryTheWholeHierarchyAndVersion() throws {
        try withStore { store in
            let directory = try GridDirectory(store: store)
            #expect(directory.version == 2 && directory.gridCount == 3)
            let a = directory.locate(Coordinate(lon: 116.407, lat: 39.918))
            #expect(a.grid == "110101001001003" && a.position == .inside && a.version == 2)
            #expect(a.community == Division(code: "110101001001", name: "多福巷社区"))
            #expect(a.street?.name == "东华门街道" && a.district?.name == "东城区")
        }
    }

    /// Answers share their grid's entry; as JSON they are still the plain fields, and equal by value.
    @Test func answersEncodeTheirFieldsAndCompareByValue() throws {
        try withStore { store in
            let directory = try GridDirectory(store: store)
            let point = Coordinate(lon: 116.407, lat: 39.918)
            let a = directory.locate(point)
            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(a)) as? [String: Any]
            #expect(json?["grid"] as? String == "110101001001003")
            #expect((json?["community"] as? [String: Any])?["name"] as? String == "多福巷社区")
            #expect((json?["district"] as? [String: Any])?["code"] as? String == "110101")
            #expect(json?["distanceMetres"] == nil && json?["position"] as? String == "inside")
            let decoded = try JSONDecoder().decode(GridAnswer.self, from: JSONEncoder().encode(a))
            #expect(decoded == a && decoded.hashValue == a.hashValue)
            // Another directory's entry with the same values: equal; another grid: not.
            #expect(try GridDirectory(store: store).locate(point) == a)
            #expect(directory.locate(Coordinate(lon: 116.402, lat: 39.918)) != a)
            let outside = directory.locate(Coordinate(lon: 116.5, lat: 39.5))
            #expect(try JSONDecoder().decode(GridAnswer.self, from: JSONEncoder().encode(outside)) == outside)
        }
    }

    @Test func aPastDateAnswersFromItsVersion() throws {
        try withStore { store in
            let old = try GridDirectory(store: store, on: LocalDate("2024-01-01")!)
            #expect(old.version == 1)
            #expect(old.locate(Coordinate(lon: 116.407, lat: 39.918)).grid == "110101001001002")
            #expect(throws: LookupError.self) { try GridDirectory(store: store, on: LocalDate("2020-01-01")!) }
        }
    }

    @Test func sharedEdgeBelongsToTheEasternGrid() throws {
        try withStore { store in
            let a = try GridDirectory(store: store).locate(Coordinate(lon: 116.405, lat: 39.912))
            #expect(a.grid == "110101001001002" && a.position == .boundary)
        }
    }

    @Test func outsidePointsSayOutsideOrGiveTheNearestGrid() throws {
        try withStore { store in
            let directory = try GridDirectory(store: store)
            let far = Coordinate(lon: 116.411, lat: 39.912)   // ~85 m east of the community
            let none = directory.locate(far)
            #expect(none.position == .outside && none.grid == nil && none.community == nil)
            let near = directory.locate(far, nearestWithinMetres: 200)
            #expect(near.position == .outside && near.grid == "110101001001002")
            #expect(abs((near.distanceMetres ?? 0) - 85.5) < 2)
            #expect(directory.locate(far, nearestWithinMetres: 50).grid == nil)
        }
    }

    @Test func batchAgreesWithSingleLookups() throws {
        try withStore { store in
            let directory = try GridDirectory(store: store)
            var rng = SystemRandomNumberGenerator()
            let points = (0..<2_000).map { _ in
                Coordinate(lon: .random(in: 116.399...116.411, using: &rng), lat: .random(in: 39.909...39.921, using: &rng))
            }
            #expect(directory.locate(points, nearestWithinMetres: 100) == points.map { directory.locate($0, nearestWithinMetres: 100) })
        }
    }

    @Test func aLiveDirectorySwapsVersions() throws {
        try withStore { store in
            let live = LiveGridDirectory(try GridDirectory(store: store, on: LocalDate("2024-01-01")!))
            let p = Coordinate(lon: 116.407, lat: 39.918)
            #expect(live.locate(p).version == 1 && live.locate(p).grid == "110101001001002")
            live.publish(try GridDirectory(store: store))
            #expect(live.locate(p).version == 2 && live.locate(p).grid == "110101001001003")
        }
    }

    /// `reload` loads a version from the store and swaps it in, timed; a date with no grids throws
    /// and leaves the version in force.
    @Test func aLiveDirectoryReloadsFromTheStore() throws {
        try withStore { store in
            let metrics = TestMetrics()
            let live = LiveGridDirectory(try GridDirectory(store: store, on: LocalDate("2024-01-01")!), metrics: metrics)
            try live.reload(from: store)
            #expect(live.current.version == 2)
            #expect(try metrics.expectTimer("gridgeo_grid_reload").values.count == 1)
            #expect(throws: LookupError.noGridVersion(date: "1999-01-01")) { try live.reload(from: store, on: LocalDate("1999-01-01")!) }
            #expect(live.current.version == 2)
            #expect(try metrics.expectCounter("gridgeo_grid_publishes").totalValue == 1)
        }
    }
}
