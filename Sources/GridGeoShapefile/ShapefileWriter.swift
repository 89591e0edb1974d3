public import GridGeoCore
internal import CShapelib
import Glibc

/// Writes a shapefile: enough for GridGeo's test fixtures and small exports, including the encodings,
/// `.cpg` files and language driver IDs that real deliveries carry.
///
/// Polygons are written the way the shapefile specification wants them: exterior rings clockwise, holes
/// counter-clockwise (self-intersecting rings are written as given). Z and M are not written.
///
/// Owns one shapelib `SHPHandle`, one `DBFHandle` and one iconv descriptor, released by `close()` or
/// `deinit`. **Not thread safe**; confine a writer to one task or thread.
public final class ShapefileWriter {
    /// The `.shp` file written.
    public let path: String
    /// The shape type written (2-D).
    public let kind: ShapeType.Kind
    /// The DBF fields, in order.
    public let fields: [ShapefileField]
    /// The encoding of field names and text values in the `.dbf`.
    public let encoding: TextEncoding
    /// Records appended so far.
    public private(set) var recordCount = 0

    private let addedFID: Bool
    private var shapes: ShapeHandle?
    private var table: TableHandle?
    private let encoder: TextConverter

    /// Creates (or replaces) a shapefile.
    /// - Parameters:
    ///   - path: the `.shp` path, with or without the extension.
    ///   - kind: the shape type (2-D).
    ///   - fields: the DBF fields; names must fit in 10 bytes in `encoding`. With none, `fid` is added.
    ///   - encoding: the encoding for names and text (GBK files are written as `.gb18030`, which encodes
    ///     every GBK character with GBK's bytes).
    ///   - cpg: text for a `.cpg` file (e.g. `"GBK"`, `"UTF-8"`, `"936"`); nil writes none.
    ///   - languageDriver: the LDID for byte 29 of the `.dbf` header (e.g. 0x4D); nil writes 0.
    ///   - projection: text for a `.prj` file; nil writes none.
    public init(path: String, kind: ShapeType.Kind, fields: [ShapefileField], encoding: TextEncoding = .utf8,
                cpg: String? = nil, languageDriver: UInt8? = nil, projection: String? = nil) throws(ShapefileError) {
        let base = path.lowercased().hasSuffix(".shp") ? String(path.dropLast(4)) : path
        guard let encoder = TextConverter(from: "UTF-8", to: encoding.iconvName) else {
            throw .unencodableText(encoding: encoding.iconvName, text: "(iconv_open failed)")
        }
        var hooks = Shapelib.hooks()
        let (shp, shpMessages) = Shapelib.capturingErrors { SHPCreateLL(base + ".shp", ShapeType(kind: kind).code32, &hooks) }
        guard let shp else { throw .openFailed(path: base + ".shp", message: shpMessages.joined(or: "SHPCreate failed")) }
        let shapes = ShapeHandle(shp)
        // shapelib writes "LDID/<n>" into header byte 29; with no code page it writes 0 and removes any .cpg.
        let codePage = languageDriver.map { "LDID/\($0)" }
        let (dbf, dbfMessages) = Shapelib.capturingErrors { DBFCreateLL(base + ".dbf", codePage, &hooks) }
        guard let dbf else { throw .openFailed(path: base + ".dbf", message: dbfMessages.joined(or: "DBFCreate failed")) }
        let table = TableHandle(dbf)

        // shapelib writes rows only through fields, so a field-less file gets GDAL's FID column.
        let addedFID = fields.isEmpty
        let fields = addedFID ? [Self.fid] : fields
        for field in fields {
            guard let name = encoder.convert(Array(field.name.utf8)) else {
                throw .unencodableText(encoding: encoding.iconvName, text: field.name)
            }
            guard name.count <= 10 else {
                throw .writeFailed(message: "field name \(field.name) is \(name.count) bytes in \(encoding); dBase allows 10")
            }
            let cName = name.map { CChar(bitPattern: $0) } + [0]
            // DBFAddNativeFieldType returns the new field's index, or -1.
            let (added, messages) = Shapelib.capturingErrors {
                DBFAddNativeFieldType(dbf, cName, CChar(bitPattern: field.type.letter), Int32(field.width), Int32(field.decimals))
            }
            guard added >= 0 else { throw .writeFailed(message: messages.joined(or: "DBFAddField failed for \(field.name)")) }
        }

        // The .cpg goes in after DBFCreate, which deletes one when it is not given a plain code page name.
        for (ext, text) in [(".cpg", cpg), (".prj", projection)] {
            if let text, !Shapelib.write(Array(text.utf8), to: base + ext) {
                throw .writeFailed(message: "cannot write \(base + ext)")
            }
        }

        self.path = base + ".shp"
        self.kind = kind
        self.fields = fields
        self.addedFID = addedFID
        self.encoding = encoding
        self.shapes = shapes
        self.table = table
        self.encoder = encoder
    }

    /// Appends one record. Attributes missing from `attributes` are written as null.
    ///
    /// Values are checked and encoded before anything is written, so a rejected record leaves the files
    /// as they were.
    /// - Throws: `.writeFailed` for a geometry the shape type cannot hold, an unknown field, a value of the
    ///   wrong type or wider than its field; `.unencodableText` for text the encoding cannot represent.
    public func append(_ geometry: Geometry?, attributes: [String: AttributeValue] = [:]) throws(ShapefileError) {
        guard let shapes, let table else { throw .writeFailed(message: "the writer is closed") }
        if let unknown = attributes.keys.first(where: { key in !fields.contains { $0.name == key } }) {
            throw .writeFailed(message: "no field named \(unknown)")
        }
        // Check and encode everything before writing, so a failure leaves .shp and .dbf in step.
        let values = try fields.map { field throws(ShapefileError) in
            try cell(attributes[field.name] ?? (addedFID ? .integer(recordCount) : .null), for: field)
        }
        let (type, parts) = try shapeParts(geometry)

        let object = Self.object(type: type, parts: parts)
        defer { SHPDestroyObject(object) }
        // SHPWriteObject returns the record number written, or -1.
        let (written, messages) = Shapelib.capturingErrors { SHPWriteObject(shapes.raw, -1, object) }
        guard written >= 0 else { throw .writeFailed(message: messages.joined(or: "SHPWriteObject failed")) }

        let row = Int32(recordCount)
        for (i, value) in values.enumerated() {
            let column = Int32(i)
            // The DBFWrite*Attribute calls return 0 on failure, including a value wider than its field.
            let ok: Int32 = switch value {
            case .null: DBFWriteNULLAttribute(table.raw, row, column)
            case .text(let bytes): DBFWriteStringAttribute(table.raw, row, column, bytes)
            case .integer(let n): DBFWriteIntegerAttribute(table.raw, row, column, n)
            case .double(let x): DBFWriteDoubleAttribute(table.raw, row, column, x)
            case .logical(let b): DBFWriteLogicalAttribute(table.raw, row, column, CChar(UInt8(ascii: b ? "T" : "F")))
            // DBFWriteAttribute formats D fields as numbers, so dates go in as raw bytes.
            case .raw(var bytes): DBFWriteAttributeDirectly(table.raw, row, column, &bytes)
            }
            guard ok != 0 else {
                throw .writeFailed(message: "record \(recordCount), field \(fields[i].name): the value does not fit a field of width \(fields[i].width)")
            }
        }
        recordCount += 1
    }

    /// The field added to a file created without fields: the record number, as GDAL adds it.
    public static let fid = ShapefileField(name: "FID", type: .integer, width: 11)

    /// Finishes the files: shapelib writes the final headers when it closes. Later appends throw.
    public func close() {
        shapes = nil
        table = nil
    }

    /// A value ready for shapelib.
    private enum Cell {
        case null, text([CChar]), integer(Int32), double(Double), logical(Bool), raw([CChar])
    }

    private func cell(_ value: AttributeValue, for field: ShapefileField) throws(ShapefileError) -> Cell {
        func fit(_ characters: Int) throws(ShapefileError) {
            guard characters <= field.width else {
                throw .writeFailed(message: "\(value) needs \(characters) bytes; field \(field.name) has \(field.width)")
            }
        }
        switch (value, field.type) {
        case (.null, _):
            return .null
        case (.string(let s), .string), (.string(let s), .other):
            guard let bytes = encoder.convert(Array(s.utf8)) else { throw .unencodableText(encoding: encoding.iconvName, text: s) }
            try fit(bytes.count)
            return .text(bytes.map { CChar(bitPattern: $0) } + [0])
        case (.integer(let n), .integer), (.integer(let n), .double):
            try fit(String(n).utf8.count + (field.decimals > 0 ? field.decimals + 1 : 0))
            return Int32(exactly: n).map(Cell.integer) ?? .double(Double(n))
        case (.double(let x), .double), (.double(let x), .integer):
            // Integer digits, sign, point and decimals as shapelib's "%w.df" prints them.
            let digits = abs(x) < 10 ? 1 : Int(log10(abs(x))) + 1
            try fit(digits + (x < 0 ? 1 : 0) + (field.decimals > 0 ? field.decimals + 1 : 0))
            return .double(x)
        case (.logical(let b), .logical):
            return .logical(b)
        case (.date(let y, let m, let d), .date):
            let digits = String(y * 10_000 + m * 100 + d)
            return .raw((String(repeating: "0", count: max(0, 8 - digits.count)) + digits).utf8.map { CChar(bitPattern: $0) } + [0])
        default:
            throw .writeFailed(message: "field \(field.name) is \(field.type); cannot hold \(value)")
        }
    }

    private func shapeParts(_ geometry: Geometry?) throws(ShapefileError) -> (type: Int32, parts: [[Coordinate]]) {
        let type = ShapeType(kind: kind).code32
        // The spec's orientation: exterior clockwise (negative signed area), holes counter-clockwise.
        func rings(_ p: Polygon) -> [[Coordinate]] {
            [(p.exterior.signedArea > 0 ? p.exterior.reversed : p.exterior).coordinates]
                + p.holes.map { ($0.signedArea < 0 ? $0.reversed : $0).coordinates }
        }
        switch (kind, geometry) {
        case (_, nil): return (0, [])                                        // SHPT_NULL
        case (.point, .point(let c)?), (.multipoint, .point(let c)?): return (type, [[c]])
        case (.multipoint, .multiPoint(let cs)?): return (type, [cs])
        case (.polyline, .lineString(let l)?): return (type, [l.coordinates])
        case (.polyline, .multiLineString(let ls)?): return (type, ls.map(\.coordinates))
        case (.polygon, .polygon(let p)?): return (type, rings(p))
        case (.polygon, .multiPolygon(let ps)?): return (type, ps.flatMap(rings))
        case (_, let g?): throw .writeFailed(message: "a \(kind) shapefile cannot hold a \(g.typeName)")
        }
    }

    /// A shapelib object for the parts (a caller must destroy it).
    private static func object(type: Int32, parts: [[Coordinate]]) -> UnsafeMutablePointer<SHPObject> {
        let points = parts.flatMap { $0 }
        var starts: [Int32] = []
        var next: Int32 = 0
        for part in parts { starts.append(next); next += Int32(part.count) }
        // Points and multipoints have no parts.
        let partCount = type % 10 == 3 || type % 10 == 5 ? Int32(parts.count) : 0
        return SHPCreateObject(type, -1, partCount, starts, nil, Int32(points.count),
                               points.map(\.x), points.map(\.y), nil, nil)
    }
}

@available(*, unavailable, message: "a ShapefileWriter is confined to one task or thread")
extension ShapefileWriter: Sendable {}

extension ShapeType {
    /// The type code as shapelib takes it.
    var code32: Int32 { Int32(code) }
}

extension FieldType {
    /// The dBase type letter.
    var letter: UInt8 {
        switch self {
        case .string: UInt8(ascii: "C")
        case .integer, .double: UInt8(ascii: "N")
        case .logical: UInt8(ascii: "L")
        case .date: UInt8(ascii: "D")
        case .other(let letter): letter
        }
    }
}
