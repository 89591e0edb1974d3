import GridGeoSpatiaLite

/// One step of the schema's history. Versions count up from 1 and are never edited once released:
/// a change is a new migration.
struct Migration: Sendable {
    let version: Int
    let summary: String
    let apply: @Sendable (Connection) throws -> Void
}

enum Migrations {
    static let all: [Migration] = [
        Migration(version: 1, summary: "administrative divisions, versioned unit grids, roads, addresses, "
                  + "components with history, import log", apply: Schema.createVersion1),
        Migration(version: 2, summary: "components updated online: retirement instead of deletion, dated history "
                  + "with every attribute, local catalogue extensions", apply: Schema.createVersion2),
        // components_grid (grid_code) is a prefix of components_grid_class (grid_code, minor_code), which
        // answers the same queries; one B-tree fewer to write per component.
        Migration(version: 3, summary: "drop the index components_grid, covered by components_grid_class",
                  apply: { try $0.execute("DROP INDEX components_grid") }),
    ]

    static var latestVersion: Int { all.last?.version ?? 0 }

    /// Marks the file as GridGeo's in its header ('GGeo'), so other SQLite files are told apart.
    static let applicationID: Int32 = 0x4747_656F

    /// Brings the database up to `latestVersion`, one transaction per migration, or refuses it.
    ///
    /// The version lives in `PRAGMA user_version`, which is part of the file header and is
    /// written in the same transaction as the migration, so a failed migration leaves no trace.
    static func migrate(_ db: Connection, path: String) throws {
        let found = try userVersion(db)
        let isOurs = try db.scalar("PRAGMA application_id", as: Int32.self) == applicationID
        let isEmpty = try db.scalar("SELECT count(*) FROM sqlite_schema", as: Int.self) == 0
        guard isOurs || (found == 0 && isEmpty) else { throw GridStoreError.notAGridGeoDatabase(path: path) }
        guard found <= latestVersion else {
            throw GridStoreError.schemaTooNew(path: path, found: found, supported: latestVersion)
        }

        for migration in all where migration.version > found {
            try db.transaction {
                // Re-read under the write lock: another process may have migrated meanwhile.
                guard try userVersion(db) < migration.version else { return }
                try migration.apply(db)
                // PRAGMA takes no parameters; the value is our own integer constant.
                try db.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }

    static func userVersion(_ db: Connection) throws -> Int {
        try db.scalar("PRAGMA user_version", as: Int.self) ?? 0
    }
}
