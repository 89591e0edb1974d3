import CSpatiaLite

/// One SQLite connection with SpatiaLite linked in: the owner of an `sqlite3*` and of
/// SpatiaLite's per-connection cache.
///
/// **Not thread safe.** A connection, and every `Statement` and `Row` made from it, must stay
/// confined to one thread or task at a time; it is deliberately not `Sendable`. To share a
/// database across tasks, use `DatabaseQueue`, which serialises access to one connection.
///
/// Lifetime: call `close()` to release the connection and see a failure (SQLite refuses with
/// `SQLITE_BUSY` while a `Statement` is alive). `deinit` is a safe fallback, not an error: every
/// `Statement` retains its connection, so by the time `deinit` runs no statement can be alive and
/// closing cannot fail. We chose this over GRDB's asserting `deinit` so a test or request that
/// throws half-way never crashes the process.
public final class Connection {
    /// The `sqlite3*`, or nil once closed.
    private var handle: OpaquePointer?
    /// SpatiaLite's connection cache (`spatialite_alloc_connection`), released after the handle.
    private var cache: UnsafeMutableRawPointer?
    /// Depth of nested `transaction` calls, used to name savepoints.
    var savepointDepth = 0

    /// The path the connection was opened with (`:memory:` for an in-memory database).
    public let path: String

    /// Opens (and, unless `readOnly`, creates) a database file and links SpatiaLite into it.
    ///
    /// The connection has foreign keys enforced, extended result codes on, and waits up to
    /// `busyTimeoutMilliseconds` for locks held by other processes.
    ///
    /// The corresponding C functions are `sqlite3_open_v2`, `spatialite_alloc_connection` and
    /// `spatialite_init_ex`.
    public init(path: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int = 5_000) throws {
        self.path = path
        var db: OpaquePointer?
        // No mutex per call: a connection is confined (one thread at a time, see the type's rules).
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            // "Whether or not an error occurs when it is opened, resources associated with the
            // database connection handle should be released by passing it to sqlite3_close()."
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw SpatiaLiteError(resultCode: ResultCode(rawValue: rc), message: "\(message): \(path)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Int32(clamping: busyTimeoutMilliseconds))
        // Linked, not loaded as an extension: SQL-level load_extension() stays disabled (style §2.2 #5).
        cache = spatialite_alloc_connection()
        spatialite_init_ex(db, cache, 0)
        try execute("PRAGMA foreign_keys = ON")
        // Each insert into a table with triggers (SpatiaLite's spatial index) inside a transaction
        // keeps a statement journal; on disk (a /var/tmp file) that was ~16 page writes per row.
        try execute("PRAGMA temp_store = MEMORY")
        // SQLite's default 2 MiB page cache spills dirty pages to the file in the middle of a large
        // transaction (an import of a million rows); an upper bound, used only as the file needs it.
        try execute("PRAGMA cache_size = -262144")
    }

    deinit {
        // No Statement can be alive here (each retains the connection), so this close succeeds.
        if let handle { sqlite3_close_v2(handle) }
        if let cache { spatialite_cleanup_ex(cache) }
    }

    /// Closes the connection. Throws `SQLITE_BUSY` while a `Statement` from it is still alive, and
    /// leaves the connection open in that case. Closing twice does nothing.
    ///
    /// The corresponding C functions are `sqlite3_close` and `spatialite_cleanup_ex` (after it,
    /// as the SpatiaLite docs require).
    public func close() throws {
        guard let db = handle else { return }
        let rc = sqlite3_close(db)
        guard rc == SQLITE_OK else { throw error(rc, sql: nil) }
        handle = nil
        if let cache { spatialite_cleanup_ex(cache) }
        cache = nil
    }

    /// Whether `close()` has succeeded.
    public var isClosed: Bool { handle == nil }

    /// The open handle, or a `SQLITE_MISUSE` error once closed.
    func database() throws -> OpaquePointer {
        guard let handle else {
            throw SpatiaLiteError(resultCode: .misuse, message: "the connection to \(path) is closed")
        }
        return handle
    }

    /// Turns a result code into an error carrying SQLite's current message.
    func error(_ rc: Int32, sql: String?) -> SpatiaLiteError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
        return SpatiaLiteError(resultCode: ResultCode(rawValue: rc), message: message, sql: sql)
    }

    /// Runs SQL to completion. Without parameters it may hold several statements separated by `;`
    /// (a schema script); with parameters it must be exactly one statement.
    public func execute(_ sql: String, _ parameters: [SQLValue] = []) throws {
        guard parameters.isEmpty else { return try prepare(sql).execute(parameters) }
        let db = try database()
        try sql.withCString { start in
            var next: UnsafePointer<CChar>? = start
            while let current = next, current.pointee != 0 {
                var statement: OpaquePointer?
                let rc = sqlite3_prepare_v2(db, current, -1, &statement, &next)
                guard rc == SQLITE_OK else { throw error(rc, sql: sql) }
                guard let statement else { continue }  // only whitespace or a comment was left
                defer { sqlite3_finalize(statement) }
                var step: Int32
                repeat { step = sqlite3_step(statement) } while step == SQLITE_ROW
                guard step == SQLITE_DONE else {
                    throw error(step, sql: String(cString: sqlite3_sql(statement)))
                }
            }
        }
    }

    /// Compiles one SQL statement. Trailing statements are an error rather than silently ignored.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: self, sql: sql)
    }

    /// Runs a query and maps each row. The `Row` is valid only inside `row`.
    public func query<T>(_ sql: String, _ parameters: [SQLValue] = [], _ row: (Row) throws -> T) throws -> [T] {
        try prepare(sql).query(parameters, row)
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar<T: SQLValueConvertible>(
        _ sql: String, _ parameters: [SQLValue] = [], as type: T.Type = T.self
    ) throws -> T? {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        return try statement.step()?.column(0, as: T.self)
    }

    /// The rowid of the most recent successful INSERT on this connection.
    /// The corresponding C function is `sqlite3_last_insert_rowid`.
    public var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    /// The corresponding C function is `sqlite3_changes64`.
    public var changes: Int {
        handle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// Whether a transaction is open (SQLite is out of autocommit mode).
    /// The corresponding C function is `sqlite3_get_autocommit`.
    public var isInTransaction: Bool {
        handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }
}

/// Connections are confined to one task at a time; share them through `DatabaseQueue`.
@available(*, unavailable)
extension Connection: Sendable {}
