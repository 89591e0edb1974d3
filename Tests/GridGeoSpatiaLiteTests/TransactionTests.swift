import GridGeoSpatiaLite
import Testing

private struct Abort: Error {}

@Suite struct TransactionTests {
    /// A file with spatial metadata, a spatial table with an index, and 10 committed rows.
    private func makeFile(_ path: String) throws {
        let db = try Connection(path: path)
        try db.initSpatialMetadata()
        try db.execute("CREATE TABLE poi (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE)")
        try db.addGeometryColumn(table: "poi", column: "geometry", srid: 4490, type: .point)
        try db.createSpatialIndex(table: "poi", column: "geometry")
        try db.transaction {
            for i in 0..<10 {
                try db.execute("INSERT INTO poi (code, geometry) VALUES (?, MakePoint(?, ?, 4490))",
                               [.text("P\(i)"), .real(116 + Double(i) / 100), 39.9])
            }
        }
        try db.close()
    }

    @Test func aConstraintViolationHalfWayLeavesTheFileByteForByteUnchanged() throws {
        try withTemporaryDatabase { path in
            try makeFile(path)
            let before = try fileBytes(path)
            let db = try Connection(path: path)
            defer { try? db.close() }
            let error = #expect(throws: SpatiaLiteError.self) {
                try db.transaction {
                    for i in 100..<200 {
                        try db.execute("INSERT INTO poi (code, geometry) VALUES (?, MakePoint(?, 39.95, 4490))",
                                       [.text("Q\(i)"), .real(116.5)])
                    }
                    try db.execute("INSERT INTO poi (code) VALUES ('P3')")  // duplicate code
                }
            }
            #expect(error.map { ResultCode.constraint ~= $0.resultCode } == true)
            #expect(!db.isInTransaction)
            #expect(try db.scalar("SELECT count(*) FROM poi", as: Int.self) == 10)
            #expect(try db.scalar("SELECT count(*) FROM idx_poi_geometry", as: Int.self) == 10)
            try db.close()
            #expect(try fileBytes(path) == before)
        }
    }

    @Test func anErrorThrownFromTheClosureRollsBackAndIsRethrown() throws {
        try withTemporaryDatabase { path in
            try makeFile(path)
            let before = try fileBytes(path)
            let db = try Connection(path: path)
            #expect(throws: Abort.self) {
                try db.transaction {
                    try db.execute("DELETE FROM poi")
                    try db.execute("UPDATE geometry_columns SET srid = 4326")
                    throw Abort()
                }
            }
            #expect(try db.scalar("SELECT count(*) FROM poi", as: Int.self) == 10)
            try db.close()
            #expect(try fileBytes(path) == before)
        }
    }

    @Test func nestedTransactionsUseSavepoints() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (v INTEGER)")
        try db.transaction {
            try db.execute("INSERT INTO t VALUES (1)")
            // The inner failure is caught: only the inner insert is undone.
            try? db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                throw Abort()
            }
            #expect(db.isInTransaction)
            try db.transaction { try db.execute("INSERT INTO t VALUES (3)") }
        }
        #expect(try db.query("SELECT v FROM t ORDER BY v") { try $0.column(0, as: Int.self) } == [1, 3])
    }

    @Test func aTransactionReturnsItsValue() throws {
        let db = try Connection(path: ":memory:")
        #expect(try db.transaction { try db.scalar("SELECT 40 + 2", as: Int.self) } == 42)
        #expect(!db.isInTransaction)
    }
}
