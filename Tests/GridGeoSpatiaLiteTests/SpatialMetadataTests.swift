import GridGeoCore
import GridGeoSpatiaLite
import Testing

@Suite struct SpatialMetadataTests {
    let square = Geometry.multiPolygon([Polygon(exterior: Ring([
        .init(lon: 116.400, lat: 39.900), .init(lon: 116.401, lat: 39.900),
        .init(lon: 116.401, lat: 39.901), .init(lon: 116.400, lat: 39.901),
    ]))])

    private func spatialTable(_ db: Connection) throws {
        try db.initSpatialMetadata()
        try db.execute("CREATE TABLE grid (id INTEGER PRIMARY KEY, name TEXT)")
        try db.addGeometryColumn(table: "grid", column: "geometry", srid: 4490, type: .multiPolygon, notNull: true)
        try db.createSpatialIndex(table: "grid", column: "geometry")
    }

    @Test func initIsIdempotentAndFastOnAFile() throws {
        try withTemporaryDatabase { path in
            let db = try Connection(path: path)
            defer { try? db.close() }
            #expect(try !db.hasSpatialMetadata())
            let clock = ContinuousClock()
            let elapsed = try clock.measure { try db.initSpatialMetadata() }
            #expect(elapsed < .seconds(10))  // ~0.1 s; without the transaction it takes ~50 s
            try db.initSpatialMetadata()
            #expect(try db.hasSpatialMetadata())
            #expect(try db.scalar("SELECT count(*) FROM spatial_ref_sys WHERE srid = 4490", as: Int.self) == 1)
        }
    }

    @Test func initInsideATransactionKeepsTheTransaction() throws {
        let db = try Connection(path: ":memory:")
        try db.transaction {
            try db.initSpatialMetadata()
            #expect(db.isInTransaction)
        }
        #expect(try db.hasSpatialMetadata())
    }

    @Test func geometryColumnIsRegisteredWithAnIndex() throws {
        let db = try Connection(path: ":memory:")
        try spatialTable(db)
        let registered = try db.query("""
            SELECT geometry_type, srid, coord_dimension, spatial_index_enabled FROM geometry_columns
            WHERE f_table_name = 'grid' AND f_geometry_column = 'geometry'
            """) { row in [try row.column(0, as: Int.self), try row.column(1), try row.column(2), try row.column(3)] }
        #expect(registered == [[6, 4490, 2, 1]])  // 6 = MULTIPOLYGON XY, index 1 = R*Tree
        #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'idx_grid_geometry'", as: Int.self) == 1)
    }

    @Test func addGeometryColumnFailureThrowsWithAMessage() throws {
        let db = try Connection(path: ":memory:")
        try spatialTable(db)
        for (table, srid) in [("grid", 4490), ("missing", 4490)] {  // existing column, missing table
            let error = #expect(throws: SpatiaLiteError.self) {
                try db.addGeometryColumn(table: table, column: "geometry", srid: srid, type: .point)
            }
            #expect(error?.message.contains("AddGeometryColumn") == true)
        }
        #expect(throws: SpatiaLiteError.self) { try db.createSpatialIndex(table: "grid", column: "name") }
    }

    @Test func geometryRoundTripsThroughGeomFromWKBAndAsBinary() throws {
        let db = try Connection(path: ":memory:")
        try spatialTable(db)
        try db.execute("INSERT INTO grid (name, geometry) VALUES (?, GeomFromWKB(?, 4490))", ["网格", square.sqlValue])
        let back = try db.scalar("SELECT AsBinary(geometry) FROM grid", as: Geometry.self)
        #expect(back == square)
        let (srid, within) = try #require(try db.query("""
            SELECT ST_SRID(geometry), ST_Within(MakePoint(116.4005, 39.9005, 4490), geometry) FROM grid
            """) { (try $0.column(0, as: Int.self), try $0.column(1, as: Bool.self)) }.first)
        #expect(srid == 4490 && within)
        let area = try #require(try db.scalar("SELECT ST_Area(geometry, 1) FROM grid", as: Double.self))
        #expect(abs(area - 9495.26) < 1)  // metres² on the ellipsoid: 0.001° × 0.001° at 39.9° N
    }

    @Test func aGeometryColumnRejectsTheWrongType() throws {
        let db = try Connection(path: ":memory:")
        try spatialTable(db)
        let point = Geometry.point(.init(lon: 116.4, lat: 39.9))
        let error = #expect(throws: SpatiaLiteError.self) {
            try db.execute("INSERT INTO grid (geometry) VALUES (GeomFromWKB(?, 4490))", [point.sqlValue])
        }
        #expect(error.map { ResultCode.constraint ~= $0.resultCode } == true)
    }

    @Test func readingTheInternalBlobExplainsAsBinary() throws {
        let db = try Connection(path: ":memory:")
        try spatialTable(db)
        try db.execute("INSERT INTO grid (geometry) VALUES (GeomFromWKB(?, 4490))", [square.sqlValue])
        let error = #expect(throws: SpatiaLiteError.self) { _ = try db.scalar("SELECT geometry FROM grid", as: Geometry.self) }
        #expect(error?.message.contains("AsBinary") == true)
    }
}
