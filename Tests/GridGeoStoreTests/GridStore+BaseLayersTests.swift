import GridGeoCore
import GridGeoSpatiaLite
import GridGeoStore
import Testing

@Suite struct GridStoreBaseLayersTests {
    @Test func roadsArePromotedToMultiLines() throws {
        try withTemporaryStore { store, _ throws in
            let line = LineString([.init(lon: 116.410, lat: 39.900), .init(lon: 116.410, lat: 39.930)])
            try store.insert([RoadRecord(name: "王府井大街", roadClass: "主干路", geometry: .lineString(line)),
                              RoadRecord(name: "东单北大街", geometry: .multiLineString([line]))])
            let roads = try store.roads(named: "王府井大街")
            #expect(roads == [RoadRecord(name: "王府井大街", roadClass: "主干路", geometry: .multiLineString([line]))])
            #expect(try store.roads().count == 2)
            let length = try store.read { db in
                try db.scalar("SELECT ST_Length(geometry, 1) FROM roads WHERE name = ?", ["王府井大街"], as: Double.self)
            }
            #expect(abs((length ?? 0) - 3_330) < 10)  // 0.03° of latitude ≈ 3.33 km
        }
    }

    @Test func addressPointsRoundTripAndSearchLiterally() throws {
        try withTemporaryStore { store, _ throws in
            let points = [
                AddressPointRecord(address: "北京市东城区王府井大街1号", name: "北京市百货大楼", kind: "门牌",
                                   location: .init(lon: 116.4107, lat: 39.9120)),
                AddressPointRecord(address: "北京市东城区东华门大街100%号", location: .init(lon: 116.4000, lat: 39.9140)),
            ]
            try store.insert(points)
            #expect(try store.addressPoints() == points)
            #expect(try store.addressPoints(containing: "王府井").map(\.name) == ["北京市百货大楼"])
            #expect(try store.addressPoints(containing: "100%").count == 1)
            #expect(try store.addressPoints(containing: "%").count == 1)  // '%' is not a wildcard
            let inStreet = try store.read { db in
                try db.scalar("SELECT count(*) FROM address_points WHERE ST_Within(geometry, BuildMbr(116.39, 39.90, 116.42, 39.93, 4490))",
                              as: Int.self)
            }
            #expect(inStreet == 2)
        }
    }
}
