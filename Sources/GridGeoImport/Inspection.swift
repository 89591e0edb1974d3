public import GridGeoCore
import GridGeoPROJ
public import GridGeoShapefile

/// What `geo-import inspect` reports about a shapefile before anything is imported, like
/// `ogrinfo -so`: shape, count, extent, fields, both encoding declarations, the `.prj` and how PROJ
/// identifies it, and whether the coordinate magnitudes fit that CRS.
public struct FileInspection: Codable, Sendable, Equatable {
    public struct Field: Codable, Sendable, Equatable {
        public var name: String
        public var type: String
        public var width: Int
        public var decimals: Int
    }
    public struct Candidate: Codable, Sendable, Equatable {
        public var epsg: Int
        public var name: String
        public var confidence: Int
    }

    public var file: String
    public var geometryType: String
    public var hasZ: Bool
    public var hasM: Bool
    public var featureCount: Int
    public var extent: BoundingBox
    public var fields: [Field]
    public var cpg: String?
    public var languageDriver: String
    public var encoding: String
    public var encodingSource: String
    public var encodingNote: String
    public var encodingDisagreement: String?
    public var prj: String?
    public var crsCandidates: [Candidate]
    /// nil when the magnitudes fit the best candidate; otherwise why not, with the flag to use.
    public var magnitudeProblem: String?

    /// Inspects `path` (a `.shp`, with or without extension).
    public init(path: String, encoding: TextEncoding? = nil) throws(ImportError) {
        let reader: ShapefileReader
        do { reader = try ShapefileReader(path: path, encoding: encoding) } catch { throw ImportError(error, file: path) }
        file = reader.path
        geometryType = reader.shapeType.description
        hasZ = reader.shapeType.hasZ
        hasM = reader.shapeType.hasM
        featureCount = reader.recordCount
        extent = reader.bounds
        fields = reader.fields.map { f in
            let type = switch f.type {
            case .string: "String"
            case .integer: "Integer"
            case .double: "Real"
            case .logical: "Logical"
            case .date: "Date"
            case .other(let b): "Other(\(Character(Unicode.Scalar(b))))"
            }
            return Field(name: f.name, type: type, width: f.width, decimals: f.decimals)
        }
        let e = reader.encodingDecision
        cpg = e.cpgValue
        let ldid = e.ldidByte
        languageDriver = ldid == 0 ? "none (0x00)"
            : "0x" + String(ldid, radix: 16, uppercase: true) + (TextEncoding.codePage(languageDriver: ldid).map { " (code page \($0))" } ?? "")
        self.encoding = e.encoding.iconvName
        encodingSource = e.source.rawValue
        encodingNote = e.reason
        encodingDisagreement = e.disagreement
        prj = reader.projection
        crsCandidates = []
        magnitudeProblem = nil
        if let prj, !prj.isEmpty, let found = try? CRS.identify(wkt: prj) {
            crsCandidates = found.prefix(5).map { Candidate(epsg: $0.epsg, name: $0.name, confidence: $0.confidence) }
            if let best = found.first {
                let source = try SourceFile(path: path, encoding: encoding)
                do {
                    try CRSDecision.checkMagnitude(source, isGeographic: best.kind == .geographic,
                                                   tm: best.transverseMercator, crs: best.crs)
                } catch { magnitudeProblem = error.description }
            }
        }
    }

    /// The ogrinfo-like text form.
    public var text: String {
        var lines = ["File: \(file)",
                     "Geometry: \(geometryType)\(hasZ ? " Z" : "")\(hasM ? " M" : "")",
                     "Feature count: \(featureCount)",
                     "Extent: (\(extent.minX), \(extent.minY)) - (\(extent.maxX), \(extent.maxY))",
                     "Encoding: \(encoding) (from \(encodingSource): \(encodingNote))",
                     "  .cpg: \(cpg ?? "none")",
                     "  DBF language driver: \(languageDriver)"]
        if let d = encodingDisagreement { lines.append("  disagreement: \(d)") }
        if crsCandidates.isEmpty {
            lines.append("CRS: \(prj == nil ? "no .prj — the import will need --s-srs" : "the .prj was not identified")")
        } else {
            lines.append("CRS (PROJ identification):")
            for c in crsCandidates { lines.append("  EPSG:\(c.epsg) \(c.name) — \(c.confidence) %") }
        }
        lines.append("Coordinate magnitude: \(magnitudeProblem ?? "fits the CRS")")
        lines.append("Fields:")
        for f in fields { lines.append("  \(f.name): \(f.type) (\(f.width)\(f.decimals > 0 ? ".\(f.decimals)" : ""))") }
        return lines.joined(separator: "\n")
    }
}
