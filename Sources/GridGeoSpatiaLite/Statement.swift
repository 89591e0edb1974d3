import CSpatiaLite

/// A compiled SQL statement (`sqlite3_stmt*`), finalized when released.
///
/// Parameters are always bound (`?`, `?NNN`, `:name`), never spliced into the SQL. Like its
/// connection, a statement is confined to one task; it keeps the connection alive.
public final class Statement {
    /// The SQL text it was compiled from.
    public let sql: String
    /// The owning connection, retained so it cannot close under a live statement.
    public let connection: Connection
    private let handle: OpaquePointer

    init(connection: Connection, sql: String) throws {
        let db = try connection.database()
        var statement: OpaquePointer?
        let (rc, trailing) = sql.withCString { start -> (Int32, Bool) in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v2(db, start, -1, &statement, &tail)
            guard rc == SQLITE_OK, let tail else { return (rc, false) }
            // A second statement would never run: refuse it rather than ignore it.
            var extra: OpaquePointer?
            defer { sqlite3_finalize(extra) }
            return (rc, sqlite3_prepare_v2(db, tail, -1, &extra, nil) != SQLITE_OK || extra != nil)
        }
        guard rc == SQLITE_OK else { throw connection.error(rc, sql: sql) }
        guard let statement else { throw SpatiaLiteError(resultCode: .misuse, message: "no SQL statement", sql: sql) }
        guard !trailing else {
            sqlite3_finalize(statement)
            throw SpatiaLiteError(resultCode: .misuse, message: "more than one statement; use execute(_:) for scripts",
                                  sql: sql)
        }
        self.sql = sql
        self.connection = connection
        self.handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    /// The number of parameters the SQL declares (the largest `?NNN` index).
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Resets the statement and binds `parameters` in order, after checking their number.
    public func bind(_ parameters: [SQLValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        guard parameters.count == parameterCount else {
            throw SpatiaLiteError(
                resultCode: .range, message: "expected \(parameterCount) parameters, got \(parameters.count)", sql: sql)
        }
        for (offset, value) in parameters.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(handle, index)
            case .integer(let v):
                rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v):
                rc = sqlite3_bind_double(handle, index, v)
            case .text(let s):
                // Explicit byte length, so text with an embedded NUL is kept whole.
                rc = s.withCString { sqlite3_bind_text64(handle, index, $0, UInt64(s.utf8.count),
                                                         CSpatiaLite_transient(), UInt8(SQLITE_UTF8)) }
            case .blob(let bytes) where bytes.isEmpty:
                // A nil pointer would bind NULL; an empty blob is a zero-length blob.
                rc = sqlite3_bind_zeroblob(handle, index, 0)
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes {
                    sqlite3_bind_blob64(handle, index, $0.baseAddress, UInt64($0.count), CSpatiaLite_transient())
                }
            }
            guard rc == SQLITE_OK else { throw connection.error(rc, sql: sql) }
        }
    }

    /// Advances to the next row; nil when the statement is done.
    /// The returned row reads the statement's current row, so it changes on the next `step()`.
    public func step() throws -> Row? {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return Row(statement: self)
        case SQLITE_DONE: return nil
        case let rc: throw connection.error(rc, sql: sql)
        }
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    public func reset() { sqlite3_reset(handle) }

    /// Binds `parameters` and runs the statement to completion, discarding any rows.
    public func execute(_ parameters: [SQLValue] = []) throws {
        try bind(parameters)
        while try step() != nil {}
        reset()
    }

    /// Binds `parameters`, runs the query and maps every row.
    public func query<T>(_ parameters: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> [T] {
        try bind(parameters)
        defer { reset() }
        var results: [T] = []
        while let row = try step() { results.append(try transform(row)) }
        return results
    }

    // MARK: Column access, for `Row`

    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    func columnName(_ index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    func value(_ index: Int) -> SQLValue {
        let i = Int32(index)
        switch sqlite3_column_type(handle, i) {
        case SQLITE_NULL:
            return .null
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            // Read the pointer before the byte count, as the SQLite docs advise.
            let text = sqlite3_column_text(handle, i)
            let count = Int(sqlite3_column_bytes(handle, i))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        default:
            let blob = sqlite3_column_blob(handle, i)
            let count = Int(sqlite3_column_bytes(handle, i))
            return .blob(count == 0 ? [] : Array(UnsafeRawBufferPointer(start: blob, count: count)))
        }
    }
}

@available(*, unavailable)
extension Statement: Sendable {}

/// The current row of a stepping `Statement`. Valid only until the statement steps again.
public struct Row {
    let statement: Statement

    /// The number of columns.
    public var count: Int { statement.columnCount }

    /// The name of a column (its `AS` alias if any).
    public func name(at index: Int) -> String { statement.columnName(index) }

    /// The raw value of a column (0-based).
    public subscript(index: Int) -> SQLValue { statement.value(index) }

    /// A column converted to `T`; reading NULL needs an optional `T`.
    public func column<T: SQLValueConvertible>(_ index: Int, as type: T.Type = T.self) throws -> T {
        let value = statement.value(index)
        do {
            return try T(sqlValue: value)
        } catch {
            throw SpatiaLiteError(resultCode: .mismatch,
                                  message: "column \(index) '\(name(at: index))': \(error)", sql: statement.sql)
        }
    }
}

@available(*, unavailable)
extension Row: Sendable {}
