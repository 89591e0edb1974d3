import GridGeoSpatiaLite

/// 导入日志 One imported layer: what was read, kept and rejected, with the importer's JSON report.
public struct ImportLogEntry: Hashable, Sendable {
    public var file: String
    public var layer: String
    public var featuresRead: Int
    public var featuresInserted: Int
    public var featuresRejected: Int
    /// A JSON document (validated by the database).
    public var reportJSON: String
    /// When it was logged, UTC (`YYYY-MM-DDTHH:MM:SSZ`); set by the store.
    public internal(set) var importedAt: String?

    public init(file: String, layer: String, featuresRead: Int, featuresInserted: Int, featuresRejected: Int,
                reportJSON: String = "{}") {
        self.file = file
        self.layer = layer
        self.featuresRead = featuresRead
        self.featuresInserted = featuresInserted
        self.featuresRejected = featuresRejected
        self.reportJSON = reportJSON
    }
}

extension GridStore {
    /// Appends an entry to the import log.
    /// - Throws: `SpatiaLiteError` (`.constraint`) when `reportJSON` is not valid JSON.
    public func logImport(_ entry: ImportLogEntry) throws {
        try queue.write { db in try db.insertLogEntry(entry) }
    }

    /// The import log, oldest first.
    public func importLog() throws -> [ImportLogEntry] {
        try queue.read { db in
            try db.query("""
                SELECT file, layer, features_read, features_inserted, features_rejected, report, imported_at
                FROM import_log ORDER BY id
                """) { row in
                var entry = ImportLogEntry(file: try row.column(0), layer: try row.column(1),
                                           featuresRead: try row.column(2), featuresInserted: try row.column(3),
                                           featuresRejected: try row.column(4), reportJSON: try row.column(5))
                entry.importedAt = try row.column(6)
                return entry
            }
        }
    }
}

extension Connection {
    func insertLogEntry(_ entry: ImportLogEntry) throws {
        try execute("""
            INSERT INTO import_log (file, layer, features_read, features_inserted, features_rejected, report)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [.text(entry.file), .text(entry.layer), entry.featuresRead.sqlValue,
                  entry.featuresInserted.sqlValue, entry.featuresRejected.sqlValue, .text(entry.reportJSON)])
    }
}
