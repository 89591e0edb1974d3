import Foundation
import GridGeoCore
import GridGeoShapefile

/// One feature as read from a delivery, before any CRS or validity decision.
struct SourceFeature {
    var index: Int
    var geometry: Geometry?
    var attributes: [String: JSONValue]
}

/// A delivery file opened for import: a shapefile (with its encoding decided) or a GeoJSON file.
struct SourceFile {
    let path: String
    let geometryKind: GeometryKind
    let fieldNames: [String]
    let featureCount: Int
    let bounds: BoundingBox
    /// The `.prj` text; GeoJSON has none (RFC 7946 fixes CRS84).
    let projection: String?
    let isGeoJSON: Bool
    let encoding: EncodingDecision?
    private let reader: ShapefileReader?
    private let geoJSON: [SourceFeature]

    enum GeometryKind: String { case point = "Point", line = "LineString", polygon = "Polygon", mixed = "Geometry" }

    init(path: String, encoding: TextEncoding?) throws(ImportError) {
        self.path = path
        let lower = path.lowercased()
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: path) else { throw .missingInput("\(path): no such file") }
            let collection: FeatureCollection<[String: JSONValue]?>
            do { collection = try JSONDecoder().decode(FeatureCollection<[String: JSONValue]?>.self, from: data) }
            catch { throw .data("\(path): not a GeoJSON FeatureCollection (\(error))") }
            geoJSON = collection.features.enumerated().map { i, f in
                SourceFeature(index: i, geometry: f.geometry, attributes: f.properties ?? [:])
            }
            fieldNames = Array(Set(geoJSON.flatMap { $0.attributes.keys })).sorted()
            featureCount = geoJSON.count
            bounds = geoJSON.reduce(BoundingBox.empty) { $0.union($1.geometry?.boundingBox ?? .empty) }
            geometryKind = SourceFile.kind(of: geoJSON.compactMap(\.geometry))
            projection = nil
            isGeoJSON = true
            self.encoding = nil
            reader = nil
            return
        }
        let reader: ShapefileReader
        do { reader = try ShapefileReader(path: path, encoding: encoding) } catch { throw ImportError(error, file: path) }
        self.reader = reader
        geoJSON = []
        fieldNames = reader.fields.map(\.name)
        featureCount = reader.recordCount
        bounds = reader.bounds
        projection = reader.projection
        isGeoJSON = false
        self.encoding = reader.encodingDecision
        geometryKind = switch reader.shapeType.kind {
        case .point, .multipoint: .point
        case .polyline: .line
        case .polygon: .polygon
        }
    }

    /// Calls `body` with each feature in file order.
    func forEach(_ body: (SourceFeature) throws(ImportError) -> Void) throws(ImportError) {
        if let reader {
            for i in 0..<reader.recordCount {
                let record: ShapefileRecord
                do { record = try reader.record(at: i) } catch { throw ImportError(error, file: path) }
                try body(SourceFeature(index: i, geometry: record.geometry,
                                       attributes: record.attributes.mapValues(\.jsonValue)))
            }
        } else {
            for f in geoJSON { try body(f) }
        }
    }

    private static func kind(of geometries: [Geometry]) -> GeometryKind {
        let kinds = Set(geometries.map { g -> GeometryKind in
            switch g {
            case .point, .multiPoint: .point
            case .lineString, .multiLineString: .line
            case .polygon, .multiPolygon: .polygon
            case .collection: .mixed
            }
        })
        return kinds.count == 1 ? kinds.first! : .mixed
    }
}

extension AttributeValue {
    var jsonValue: JSONValue {
        switch self {
        case .string(let s): .string(s)
        case .integer(let i): .number(Double(i))
        case .double(let d): .number(d)
        case .logical(let b): .bool(b)
        case .date(let y, let m, let d): .string(String(format: "%04d-%02d-%02d", y, m, d))
        case .null: .null
        }
    }
}

extension JSONValue {
    /// The value as text, for name and code fields (numbers without a trailing `.0`).
    var text: String? {
        switch self {
        case .string(let s): s.isEmpty ? nil : s
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): String(b)
        default: nil
        }
    }
}

extension ImportError {
    /// A shapefile error as the import reports it: naming the file, and saying what to do.
    init(_ error: ShapefileError, file: String) {
        let message = error.description.contains(file) ? error.description : "\(file): \(error.description)"
        switch error {
        case .missingComponent: self = .missingInput(message)
        case .openFailed(let path, _):
            // shapelib refuses a file it cannot read and a file that is not what it claims alike:
            // only the first is an I/O error.
            self = FileManager.default.isReadableFile(atPath: path)
                ? .data(message + "; the file is damaged or not a shapefile part: ask for the delivery again")
                : .io(message)
        case .undecodableText(let encoding, let context):
            self = .data("\(file): \(context) is not valid \(encoding); give the DBF encoding with --encoding (e.g. --encoding GBK)")
        case .truncated, .recordCountMismatch, .unreadableRecord:
            self = .data(message + "; the files are damaged or do not belong together: ask for the delivery again")
        default: self = .data(message)
        }
    }
}
