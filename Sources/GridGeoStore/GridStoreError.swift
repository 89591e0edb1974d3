/// Errors of the GridGeo database itself; SQLite failures arrive as `SpatiaLiteError`.
public enum GridStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file was written by a newer GridGeo; opening it could corrupt data this code does not know.
    case schemaTooNew(path: String, found: Int, supported: Int)
    /// The file holds tables but is not a GridGeo database.
    case notAGridGeoDatabase(path: String)
    /// A geometry does not fit its column (e.g. a line for a grid polygon).
    case wrongGeometryType(table: String, expected: String, found: String)
    /// A new grid version must start after the current one.
    case gridVersionNotAfterCurrent(start: LocalDate, currentStart: LocalDate)
    /// A grid version needs at least one unit grid.
    case emptyGridVersion
    /// A create-mode write found the layer already filled.
    case layerNotEmpty(layer: String, rows: Int)

    public var description: String {
        switch self {
        case let .schemaTooNew(path, found, supported):
            "\(path) has schema version \(found), newer than this GridGeo supports (\(supported)); upgrade GridGeo"
        case let .notAGridGeoDatabase(path):
            "\(path) is not a GridGeo database (it has other tables and no GridGeo application id)"
        case let .wrongGeometryType(table, expected, found):
            "\(table) stores \(expected) geometries, got \(found)"
        case let .gridVersionNotAfterCurrent(start, currentStart):
            "a grid version starting \(start) must start after the current one (\(currentStart))"
        case .emptyGridVersion:
            "a grid version needs at least one unit grid"
        case let .layerNotEmpty(layer, rows):
            "layer \(layer) already holds \(rows) rows; use --overwrite to replace them or --append to add"
        }
    }
}
