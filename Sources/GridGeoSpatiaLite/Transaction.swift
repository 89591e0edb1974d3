import CSpatiaLite

/// How a top-level transaction takes its lock.
public enum TransactionKind: String, Sendable {
    /// `BEGIN DEFERRED`: no lock until the first read or write. For read-only work.
    case deferred = "DEFERRED"
    /// `BEGIN IMMEDIATE`: the write lock up front, so a writer never fails half-way with
    /// `SQLITE_BUSY` when upgrading a read lock.
    case immediate = "IMMEDIATE"
}

extension Connection {
    /// Runs `body` atomically: everything it does is committed together, or not at all.
    ///
    /// At top level this is `BEGIN IMMEDIATE` … `COMMIT`, with `ROLLBACK` when `body` (or the
    /// commit) throws. Inside another transaction it is a `SAVEPOINT`, rolled back to and released
    /// on error, so an inner failure the caller catches leaves the outer transaction usable.
    /// The error from `body` is rethrown unchanged.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        guard isInTransaction else {
            try execute("BEGIN \(kind.rawValue)")
            do {
                let result = try body()
                try execute("COMMIT")
                return result
            } catch {
                // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL).
                if isInTransaction { try? execute("ROLLBACK") }
                throw error
            }
        }
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        // Our own generated identifier, not data: nothing to bind here.
        let name = "gridgeo_savepoint_\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE \(name)")
            return result
        } catch {
            if isInTransaction {
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
            }
            throw error
        }
    }
}
