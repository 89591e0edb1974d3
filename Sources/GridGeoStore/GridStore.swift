public import GridGeoSpatiaLite

/// GridGeo's database: administrative divisions, versioned unit grids, roads, address points,
/// components and the import log, in one SpatiaLite file that QGIS opens directly.
///
/// Opening a file creates or migrates it (see `latestSchemaVersion`). Every method that writes
/// is one transaction: it either happens completely or not at all. A store is `Sendable`: its
/// calls are serialised over one connection by a `DatabaseQueue`.
public final class GridStore: Sendable {
    /// CGCS2000 geographic (EPSG:4490): the SRID of every geometry column. Coordinates are lon/lat.
    public static let srid = 4490

    /// The schema version this code creates and understands.
    public static var latestSchemaVersion: Int { Migrations.latestVersion }

    /// The database file.
    public let path: String
    let queue: DatabaseQueue

    /// Opens or creates a GridGeo database and migrates it to `latestSchemaVersion`.
    ///
    /// - Throws: `GridStoreError.schemaTooNew` for a file from a newer GridGeo,
    ///   `GridStoreError.notAGridGeoDatabase` for another SQLite file with tables, and
    ///   `SpatiaLiteError` when the file cannot be opened or a migration fails (it is rolled back).
    public init(path: String) throws {
        self.path = path
        queue = try DatabaseQueue(path: path)
        // Migrations manage their own transactions: one per version.
        try queue.inDatabase { db in try Migrations.migrate(db, path: path) }
    }

    /// The schema version recorded in the file.
    public func schemaVersion() throws -> Int {
        try queue.read { db in try Migrations.userVersion(db) }
    }

    /// Closes the database; later calls throw.
    public func close() throws { try queue.close() }

    /// Read-only SQL over the store, for queries the typed API does not cover. Runs in one
    /// snapshot; writes are refused. Select geometries with `AsBinary(geometry)`.
    public func read<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        try queue.read(body)
    }
}
