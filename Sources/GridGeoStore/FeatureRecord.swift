import GridGeoCore
import GridGeoSpatiaLite

/// A record stored as one row of a spatial table: attribute columns plus `geometry`.
///
/// Table and column names are schema constants and appear in SQL text; values are always bound.
protocol FeatureRecord: Sendable {
    static var table: String { get }
    static var geometryType: GeometryType { get }
    /// Attribute columns, in the order of `attributeValues` and of the columns `init(row:)` reads.
    static var attributeColumns: [String] { get }
    var attributeValues: [SQLValue] { get }
    var featureGeometry: Geometry { get }
    /// Reads columns 0..<attributeColumns.count; `geometry` was read from the next column.
    init(row: Row, geometry: Geometry) throws
}

extension Connection {
    /// Inserts records with one prepared statement, turning each geometry into a SpatiaLite
    /// geometry with the store's SRID.
    func insert<R: FeatureRecord>(_ records: [R]) throws {
        let columns = R.attributeColumns + ["geometry"]
        let placeholders = Array(repeating: "?", count: R.attributeColumns.count) + ["GeomFromWKB(?, \(GridStore.srid))"]
        let insert = try prepare("""
            INSERT INTO \(R.table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", ")))
            """)
        for record in records {
            let geometry = try record.featureGeometry.promoted(to: R.geometryType, table: R.table)
            try insert.execute(record.attributeValues + [geometry.sqlValue])
        }
    }

    /// Selects records; `clause` follows `FROM table` (WHERE, ORDER BY) and uses bound parameters.
    func select<R: FeatureRecord>(_ type: R.Type, _ clause: String, _ parameters: [SQLValue] = []) throws -> [R] {
        let columns = R.attributeColumns.joined(separator: ", ")
        let geometryColumn = R.attributeColumns.count
        return try query("SELECT \(columns), AsBinary(geometry) FROM \(R.table) \(clause)", parameters) { row in
            try R(row: row, geometry: try row.column(geometryColumn, as: Geometry.self))
        }
    }
}

extension Geometry {
    /// The geometry in the column's type: a single polygon or line becomes a one-member multi.
    /// Promoting to multi is what GIS users expect (`ogr2ogr -nlt PROMOTE_TO_MULTI`).
    func promoted(to type: GeometryType, table: String) throws -> Geometry {
        switch (type, self) {
        case (.multiPolygon, .polygon(let p)): return .multiPolygon([p])
        case (.multiLineString, .lineString(let l)): return .multiLineString([l])
        case (.multiPolygon, .multiPolygon), (.multiLineString, .multiLineString), (.point, .point): return self
        default: throw GridStoreError.wrongGeometryType(table: table, expected: type.rawValue, found: typeName)
        }
    }
}
