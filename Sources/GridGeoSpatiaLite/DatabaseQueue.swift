import GridGeoCore

/// A database shared across tasks: one `Connection`, used by one closure at a time.
///
/// Closures run on the calling thread while holding a lock, as GRDB's queue does; keep them short
/// and never call the same queue from inside one of its closures (the lock is not reentrant).
/// Closures must be `@Sendable` and return `Sendable` values, so the connection cannot leak out
/// of the lock.
public final class DatabaseQueue: Sendable {
    // Behind a pthread mutex (`Locked`), not `Synchronization.Mutex`: a service's thread-sanitizer
    // runs see pthread mutexes, and report races in code locked by `Mutex` on Linux.
    private let connection: Locked<Held>

    /// The connection, handed to one closure at a time under the lock. @unchecked: it never leaves
    /// the lock (the closures are `@Sendable` and return `Sendable` values).
    private final class Held: @unchecked Sendable {
        let db: Connection
        init(_ db: Connection) { self.db = db }
    }

    /// The path of the database file.
    public let path: String

    /// Opens (or creates) the database; see `Connection.init(path:readOnly:busyTimeoutMilliseconds:)`.
    public init(path: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int = 5_000) throws {
        self.path = path
        connection = Locked(Held(try Connection(path: path, readOnly: readOnly,
                                                busyTimeoutMilliseconds: busyTimeoutMilliseconds)))
    }

    /// Runs `body` in a deferred transaction with writes refused (`PRAGMA query_only`), so it sees
    /// one consistent snapshot.
    public func read<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        try connection.withLock { held in
            let db = held.db
            try db.execute("PRAGMA query_only = 1")
            defer { try? db.execute("PRAGMA query_only = 0") }
            return try db.transaction(.deferred) { try body(db) }
        }
    }

    /// Runs `body` in an immediate transaction: committed if it returns, rolled back if it throws.
    public func write<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        try connection.withLock { held in try held.db.transaction(.immediate) { try body(held.db) } }
    }

    /// Runs `body` with exclusive use of the connection and no implicit transaction, for work
    /// that manages its own transactions (migrations, VACUUM).
    public func inDatabase<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        try connection.withLock { held in try body(held.db) }
    }

    /// Closes the connection; later calls throw `SQLITE_MISUSE`. See `Connection.close()`.
    public func close() throws {
        try connection.withLock { held in try held.db.close() }
    }
}
