import GridGeoSpatiaLite
import Testing

@Suite struct ConnectionTests {
    @Test func versionsAreReported() {
        #expect(SpatiaLite.version.hasPrefix("5."))
        #expect(SQLite.version.hasPrefix("3."))
    }

    @Test func spatiaLiteFunctionsAreLinked() throws {
        let db = try Connection(path: ":memory:")
        defer { try? db.close() }
        #expect(try db.scalar("SELECT spatialite_version()", as: String.self) == SpatiaLite.version)
        #expect(try db.scalar("SELECT AsText(MakePoint(116.4, 39.9))", as: String.self) == "POINT(116.4 39.9)")
    }

    @Test func foreignKeysAreEnforced() throws {
        let db = try Connection(path: ":memory:")
        defer { try? db.close() }
        #expect(try db.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
        try db.execute("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (parent_id INTEGER REFERENCES parent(id));
            """)
        let error = #expect(throws: SpatiaLiteError.self) { try db.execute("INSERT INTO child VALUES (?)", [7]) }
        #expect(error.map { ResultCode.constraint ~= $0.resultCode } == true)
        #expect(error?.resultCode == ResultCode(rawValue: 787))  // SQLITE_CONSTRAINT_FOREIGNKEY: extended codes are on
    }

    @Test func closeRefusesWhileAStatementIsAliveThenSucceeds() throws {
        let db = try Connection(path: ":memory:")
        var statement: Statement? = try db.prepare("SELECT 1")
        let error = #expect(throws: SpatiaLiteError.self) { try db.close() }
        #expect(error?.resultCode == .busy)
        #expect(!db.isClosed)
        _ = statement
        statement = nil
        try db.close()
        #expect(db.isClosed)
        try db.close()  // closing twice is harmless
        #expect(throws: SpatiaLiteError.self) { try db.execute("SELECT 1") }
    }

    @Test func openingAMissingFileReadOnlyFails() {
        let error = #expect(throws: SpatiaLiteError.self) {
            _ = try Connection(path: "/nonexistent/gridgeo.sqlite", readOnly: true)
        }
        #expect(error?.resultCode == .cannotOpen)
    }

    @Test func syntaxErrorsCarrySQLitesMessageAndTheSQL() throws {
        let db = try Connection(path: ":memory:")
        let error = #expect(throws: SpatiaLiteError.self) { try db.execute("SELEC 1") }
        #expect(error?.resultCode == .error)
        #expect(error?.message.contains("syntax error") == true)
        #expect(error?.sql == "SELEC 1")
    }

    @Test func lastInsertRowIDAndChanges() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        try db.execute("INSERT INTO t (v) VALUES (?)", ["a"])
        try db.execute("INSERT INTO t (v) VALUES (?)", ["b"])
        #expect(db.lastInsertRowID == 2)
        try db.execute("UPDATE t SET v = ?", ["c"])
        #expect(db.changes == 2)
    }
}
