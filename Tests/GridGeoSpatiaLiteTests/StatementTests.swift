import GridGeoSpatiaLite
import Testing

@Suite struct StatementTests {
    let db: Connection

    init() throws {
        db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (v)")  // no affinity: values come back as bound
    }

    static let values: [SQLValue] = [
        .null,
        .integer(0), .integer(Int64.max), .integer(Int64.min),
        .real(3.25), .real(-0.0), .real(.greatestFiniteMagnitude),
        .text(""), .text("东城区东华门街道"), .text("🏙️ emoji"), .text("a\u{0}b"),
        .blob([]), .blob([0, 1, 2, 0xFF, 0]), .blob(Array(repeating: 0xAB, count: 100_000)),
    ]

    @Test(arguments: values)
    func valuesRoundTripExactly(_ value: SQLValue) throws {
        try db.execute("INSERT INTO t VALUES (?)", [value])
        let back = try db.query("SELECT v, typeof(v) FROM t") { row in (row[0], try row.column(1, as: String.self)) }
        #expect(back.count == 1)
        #expect(back.first?.0 == value)
        #expect(back.first?.1 == value.typeName.lowercased())
    }

    @Test func typedColumnsAndOptionals() throws {
        let row = try #require(try db.query("SELECT 42, 2.5, '社区', x'0102', NULL, 1") { row in
            (try row.column(0, as: Int.self), try row.column(1, as: Double.self), try row.column(2, as: String.self),
             try row.column(3, as: [UInt8].self), try row.column(4, as: String?.self), try row.column(5, as: Bool.self),
             row.count, row.name(at: 2))
        }.first)
        #expect(row.0 == 42 && row.1 == 2.5 && row.2 == "社区" && row.3 == [1, 2] && row.4 == nil && row.5)
        #expect(row.6 == 6 && row.7 == "'社区'")
    }

    @Test func readingNullIntoANonOptionalThrowsMismatch() throws {
        let error = #expect(throws: SpatiaLiteError.self) { _ = try db.scalar("SELECT NULL", as: Int.self) }
        // scalar returns nil only for "no row"; a NULL in a row is a mismatch for Int.
        #expect(error?.resultCode == .mismatch)
        #expect(try db.scalar("SELECT 1 WHERE 0", as: Int.self) == nil)
    }

    @Test func sqlInjectionAttemptStaysALiteral() throws {
        let attack = "x'); DROP TABLE t; --"
        try db.execute("INSERT INTO t VALUES (?)", [.text(attack)])
        #expect(try db.scalar("SELECT count(*) FROM t WHERE v = ?", [.text(attack)], as: Int.self) == 1)
        #expect(try db.scalar("SELECT v FROM t", as: String.self) == attack)
        #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 't'", as: Int.self) == 1)
    }

    @Test func parameterCountIsChecked() throws {
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        #expect(insert.parameterCount == 1)
        let error = #expect(throws: SpatiaLiteError.self) { try insert.execute([1, 2]) }
        #expect(error?.resultCode == .range)
        #expect(throws: SpatiaLiteError.self) { try insert.execute([]) }
    }

    @Test func numberedParametersCanRepeat() throws {
        #expect(try db.scalar("SELECT ?1 || '-' || ?1 || '-' || ?2", ["街道", "社区"], as: String.self) == "街道-街道-社区")
    }

    @Test func aPreparedStatementRunsManyTimes() throws {
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        for i in 0..<50 { try insert.execute([.integer(Int64(i))]) }
        #expect(try db.scalar("SELECT sum(v) FROM t", as: Int.self) == 1225)
    }

    @Test func prepareRefusesTrailingStatements() throws {
        let error = #expect(throws: SpatiaLiteError.self) { _ = try db.prepare("SELECT 1; DROP TABLE t") }
        #expect(error?.resultCode == .misuse)
        _ = try db.prepare("SELECT 1;  -- a trailing comment is fine\n")
    }

    @Test func stepWalksRows() throws {
        try db.execute("INSERT INTO t VALUES (1), (2), (3)")
        let select = try db.prepare("SELECT v FROM t ORDER BY v")
        var seen: [Int] = []
        while let row = try select.step() { seen.append(try row.column(0)) }
        #expect(seen == [1, 2, 3])
    }
}
