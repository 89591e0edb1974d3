public import Foundation
import GridGeoCore
import GridGeoSpatiaLite
public import GridGeoStore

/// RFC 7946 GeoJSON of a store table: CRS84 lon/lat (CGCS2000 ≈ WGS 84 to well under a metre),
/// exterior rings counter-clockwise, 7 decimals (≈ 1 cm), no `crs` member, every column a property.
public enum GeoJSONExport {
    /// The tables `geo-import export --layer` accepts.
    public static let layers = ["districts", "streets", "communities", "grids", "roads", "addresses", "parcels", "components"]

    public static func export(_ store: GridStore, layer: String) throws -> Data {
        let table: String
        var clause = ""
        switch layer {
        case "grids":
            table = "unit_grids"
            clause = "WHERE end_date IS NULL"   // the current version
        case "addresses":
            table = "address_points"
        case "components":
            table = "components"
            clause = "WHERE retire_date IS NULL"   // in use; retired ones stay in the store with their history
        case let other where layers.contains(other):
            table = other
        default:
            throw ImportError.usage("--layer \(layer): not a layer (one of \(layers.joined(separator: ", ")))")
        }
        let sql = "SELECT *, AsBinary(geometry) AS wkb__ FROM \(table) \(clause) ORDER BY rowid"
        let features: [Feature<[String: JSONValue]>] = try store.read { db in
            try db.query(sql) { row in
                var properties: [String: JSONValue] = [:]
                var geometry: Geometry?
                for i in 0..<row.count {
                    let name = row.name(at: i)
                    switch (name, row[i]) {
                    case ("geometry", _): continue
                    case ("wkb__", .blob(let bytes)): geometry = try Geometry(wkb: bytes)
                    case (_, .integer(let v)): properties[name] = .number(Double(v))
                    case (_, .real(let v)): properties[name] = .number(v)
                    case (_, .text(let v)): properties[name] = .string(v)
                    case (_, .null): properties[name] = .null
                    default: continue
                    }
                }
                return Feature(geometry: geometry.map { $0.rfc7946Oriented.rounded(toDecimals: 7) }, properties: properties)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(FeatureCollection(features: features))
    }
}
