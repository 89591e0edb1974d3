import GridGeoCore
import GridGeoSpatiaLite
import GridGeoStore
import Testing

/// Schema behaviour that has no typed API yet: components and their history triggers.
@Suite struct SchemaTests {
    @Test func componentUpdatesAreKeptInHistoryAndDeletesRefused() throws {
        try withTemporaryStore { store, path throws in
            try store.close()
            let db = try Connection(path: path)
            defer { try? db.close() }
            let point = Geometry.point(.init(lon: 116.4107, lat: 39.9120))
            try db.transaction {
                try db.execute("INSERT INTO component_layers (major_code, minor_code, name) VALUES ('01', '0101', '上水井盖')")
                try db.execute("""
                    INSERT INTO components (code, major_code, minor_code, name, dept_name, state, start_date, data_source, grid_code, geometry)
                    VALUES (?, '01', '0101', '上水井盖', '自来水集团', '完好', '2020-05-02', '实测', '110101001001001', GeomFromWKB(?, 4490))
                    """, ["1101010101000001", point.sqlValue])
            }
            try db.execute("UPDATE components SET state = '破损', change_date = '2024-03-01' WHERE code = ?", ["1101010101000001"])
            // Since schema version 2 components are retired, never deleted.
            let refused = #expect(throws: SpatiaLiteError.self) {
                try db.execute("DELETE FROM components WHERE code = ?", ["1101010101000001"])
            }
            #expect(refused?.description.contains("never deleted") == true)
            let history = try db.query("""
                SELECT operation, state, valid_from, valid_to, AsBinary(geometry) FROM component_history WHERE component_code = ? ORDER BY id
                """, ["1101010101000001"]) { row in
                (try row.column(0, as: String.self), try row.column(1, as: String.self), try row.column(2, as: String.self),
                 try row.column(3, as: String.self), try row.column(4, as: Geometry.self))
            }
            #expect(history.map(\.0) == ["UPDATE"])
            #expect(history.map(\.1) == ["完好"])
            #expect(history.map(\.2) == ["2020-05-02"] && history.map(\.3) == ["2024-03-01"])
            #expect(history.allSatisfy { $0.4 == point })
        }
    }

    @Test(arguments: ["1101010101", "110101020100000A", "1101010201000001"])
    func malformedOrInconsistentComponentCodesAreRejected(_ code: String) throws {
        try withTemporaryStore { store, path throws in
            try store.close()
            let db = try Connection(path: path)
            defer { try? db.close() }
            try db.execute("INSERT INTO component_layers (major_code, minor_code, name) VALUES ('01', '0101', '上水井盖')")
            let error = #expect(throws: SpatiaLiteError.self) {
                try db.execute("""
                    INSERT INTO components (code, major_code, minor_code, name, start_date, geometry)
                    VALUES (?, '01', '0101', '上水井盖', '2020-05-02', MakePoint(116.41, 39.91, 4490))
                    """, [.text(code)])
            }
            #expect(error.map { ResultCode.constraint ~= $0.resultCode } == true)
        }
    }

    @Test func componentStateIsOneOfTheFour() throws {
        try withTemporaryStore { store, path throws in
            try store.close()
            let db = try Connection(path: path)
            defer { try? db.close() }
            try db.execute("INSERT INTO component_layers (major_code, minor_code, name) VALUES ('01', '0101', '上水井盖')")
            #expect(throws: SpatiaLiteError.self) {
                try db.execute("""
                    INSERT INTO components (code, major_code, minor_code, name, state, start_date, geometry)
                    VALUES ('1101010101000001', '01', '0101', '上水井盖', '损坏', '2020-05-02', MakePoint(116.41, 39.91, 4490))
                    """)
            }
        }
    }
}
