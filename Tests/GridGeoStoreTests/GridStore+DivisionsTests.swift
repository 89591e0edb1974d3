import GridGeoCore
import GridGeoSpatiaLite
import GridGeoStore
import Testing

@Suite struct GridStoreDivisionsTests {
    @Test func divisionsRoundTripWithTheirGeometry() throws {
        try withTemporaryStore { store, _ throws in
            try Dongcheng.seed(store)
            #expect(try store.districts() == [Dongcheng.district.multi])
            let streets = try store.streets(inDistrict: "110101")
            #expect(streets.map(\.name) == ["东华门街道"])
            #expect(streets.first?.geometry == .multiPolygon(Dongcheng.street.geometry.polygons))
            #expect(try store.streets(inDistrict: "110102").isEmpty)
            let communities = try store.communities()
            #expect(communities.map(\.code) == ["110101001001"])
            #expect(communities.first?.drafted == true)
            #expect(communities.first?.streetCode == "110101001")
        }
    }

    @Test func spatiaLiteSeesTheStoredGeometries() throws {
        try withTemporaryStore { store, _ throws in
            try Dongcheng.seed(store)
            let (area, communityInStreet, streetInCommunity) = try store.read { db in
                try db.query("""
                    SELECT ST_Area(c.geometry, 1), ST_Within(c.geometry, s.geometry), ST_Within(s.geometry, c.geometry)
                    FROM communities c JOIN streets s ON s.code = c.street_code
                    """) { (try $0.column(0, as: Double.self), try $0.column(1, as: Bool.self), try $0.column(2, as: Bool.self)) }[0]
            }
            // 0.01° × 0.01° at 39.915° N on the CGCS2000 ellipsoid: ≈ 854 m × 1110 m.
            #expect(abs(area - 949_400) < 2_000)
            #expect(communityInStreet && !streetInCommunity)
        }
    }

    @Test func aCodeOutsideItsParentIsRejectedAndNothingIsWritten() throws {
        try withTemporaryStore { store, _ throws in
            try store.insert([Dongcheng.district])
            var stray = Dongcheng.street
            stray.code = "110102001"  // 西城区 prefix under 东城区
            let error = #expect(throws: SpatiaLiteError.self) { try store.insert([Dongcheng.street, stray]) }
            #expect(error.map { ResultCode.constraint ~= $0.resultCode } == true)
            #expect(try store.streets().isEmpty)  // the valid first street was rolled back too
        }
    }

    @Test func aMissingParentIsAForeignKeyError() throws {
        try withTemporaryStore { store, _ throws in
            let error = #expect(throws: SpatiaLiteError.self) { try store.insert([Dongcheng.street]) }
            #expect(error?.resultCode == ResultCode(rawValue: 787))  // SQLITE_CONSTRAINT_FOREIGNKEY
        }
    }

    @Test func aWrongGeometryTypeIsRefusedBeforeSpatiaLite() throws {
        try withTemporaryStore { store, _ throws in
            var district = Dongcheng.district
            district.geometry = .point(.init(lon: 116.4, lat: 39.9))
            #expect(throws: GridStoreError.wrongGeometryType(table: "districts", expected: "MULTIPOLYGON", found: "POINT")) {
                try store.insert([district])
            }
        }
    }
}
