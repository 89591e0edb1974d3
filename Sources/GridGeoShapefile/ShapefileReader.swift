public import GridGeoCore
internal import CShapelib
import Glibc

/// One record of a shapefile: its geometry and attributes.
public struct ShapefileRecord: Hashable, Sendable {
    /// The 0-based record number (GDAL's FID).
    public var index: Int
    /// The 2-D geometry (Z and M dropped); nil for a null shape.
    public var geometry: Geometry?
    /// Attribute values by field name.
    public var attributes: [String: AttributeValue]
    /// What polygon ring assembly corrected; empty for well-formed and non-polygon records.
    public var ringCorrections: RingCorrections

    public init(index: Int, geometry: Geometry?, attributes: [String: AttributeValue],
                ringCorrections: RingCorrections = RingCorrections()) {
        self.index = index
        self.geometry = geometry
        self.attributes = attributes
        self.ringCorrections = ringCorrections
    }
}

/// Reads a shapefile: `.shp`, `.shx` and `.dbf`, with the optional `.cpg` and `.prj`.
///
/// Attribute text is decoded with the encoding chosen by `EncodingDecision` (flag > `.cpg` > LDID >
/// detection). Polygon rings are assembled by `RingAssembly`; multi-part polylines become multi-line strings.
///
/// The reader owns one shapelib `SHPHandle` and one `DBFHandle` (each closed in `deinit`) and one iconv
/// descriptor. **Not thread safe:** shapelib keeps the current DBF record in its handle and iconv keeps
/// conversion state, so a reader must stay confined to one task or thread at a time; it is deliberately not
/// `Sendable`. The records it returns are `Sendable` values.
public final class ShapefileReader {
    /// The `.shp` file read.
    public let path: String
    /// The shape type from the `.shp` header.
    public let shapeType: ShapeType
    /// The number of records (the `.shx` index and the `.dbf` agree on it).
    public let recordCount: Int
    /// The extent from the `.shp` header (`.empty` for a file without records).
    public let bounds: BoundingBox
    /// The `.prj` text (ESRI WKT), if the file exists.
    public let projection: String?
    /// The encoding used for field names and text, with where it came from.
    public let encodingDecision: EncodingDecision
    /// The DBF fields, names decoded.
    public let fields: [ShapefileField]
    /// The undecoded field names, as stored (up to 11 bytes).
    public let rawFieldNames: [[UInt8]]

    private let shapes: ShapeHandle
    private let table: TableHandle
    private let decoder: TextConverter

    /// Opens a shapefile.
    /// - Parameters:
    ///   - path: the `.shp` path, with or without the extension; component extensions match in any case.
    ///   - override: an explicit encoding for the DBF text, overriding `.cpg` and the LDID.
    /// - Throws: `ShapefileError.missingComponent`, `.openFailed` (with shapelib's message), `.truncated`,
    ///   `.recordCountMismatch`, `.unsupportedShapeType` or `.undecodableText` (a field name).
    public init(path: String, encoding override: TextEncoding? = nil) throws(ShapefileError) {
        // 1. The three required components must exist.
        let base = path.lowercased().hasSuffix(".shp") ? String(path.dropLast(4)) : path
        func component(_ ext: String) throws(ShapefileError) -> String {
            guard let found = Shapelib.resolve(base + ext) else { throw .missingComponent(extension: ext, path: base + ext) }
            return found
        }
        let shpPath = try component(".shp")
        _ = try component(".shx")
        let dbfPath = try component(".dbf")

        // 2. Open both with shapelib, keeping its messages.
        var hooks = Shapelib.hooks()
        let (shp, shpMessages) = Shapelib.capturingErrors { SHPOpenLL(shpPath, "rb", &hooks) }
        guard let shp else { throw .openFailed(path: shpPath, message: shpMessages.joined(or: "SHPOpen failed")) }
        let shapes = ShapeHandle(shp)
        let (dbf, dbfMessages) = Shapelib.capturingErrors { DBFOpenLL(dbfPath, "rb", &hooks) }
        guard let dbf else { throw .openFailed(path: dbfPath, message: dbfMessages.joined(or: "DBFOpen failed: not a dBase file")) }
        let table = TableHandle(dbf)

        // 3. Shape type, matching counts, and files as long as their index and header say.
        var count: Int32 = 0, type: Int32 = 0
        var minBound = [Double](repeating: 0, count: 4), maxBound = [Double](repeating: 0, count: 4)
        SHPGetInfo(shp, &count, &type, &minBound, &maxBound)
        guard let shapeType = ShapeType(code: Int(type)) else {
            throw .unsupportedShapeType(code: Int(type), name: String(cString: SHPTypeName(type)))
        }
        let rows = Int(DBFGetRecordCount(dbf))
        guard Int(count) == rows else { throw .recordCountMismatch(shapes: Int(count), attributes: rows) }
        try Self.checkLengths(shp: shp, shpPath: shpPath, dbf: dbf, dbfPath: dbfPath)

        // 4. Fields, with raw names; .cpg and .prj read here so their raw text is seen.
        var rawNames: [[UInt8]] = []
        var types: [(type: FieldType, width: Int, decimals: Int)] = []
        for i in 0..<DBFGetFieldCount(dbf) {
            var name = [CChar](repeating: 0, count: 12)             // XBASE_FLDNAME_LEN_READ + NUL
            var width: Int32 = 0, decimals: Int32 = 0
            _ = DBFGetFieldInfo(dbf, i, &name, &width, &decimals)
            rawNames.append(name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) })
            let native = UInt8(bitPattern: DBFGetNativeFieldType(dbf, i))
            types.append((FieldType(native: native, decimals: Int(decimals)), Int(width), Int(decimals)))
        }
        func text(_ ext: String) -> String? {
            Shapelib.resolve(base + ext).flatMap(Shapelib.contents).map { String(decoding: $0, as: UTF8.self).trimmingWhitespace() }
        }
        projection = text(".prj")

        // 5. Choose the encoding; detection reads every name and text value.
        let decision = EncodingDecision.decide(override: override, cpgValue: text(".cpg"),
                                               ldidByte: UInt8(truncatingIfNeeded: dbf.pointee.iLanguageDriver)) {
            let textFields = types.indices.filter { types[$0].type.isText }
            let values = (0..<rows).lazy.flatMap { row in
                textFields.lazy.compactMap { Self.rawText(table, row: row, field: $0).value }
            }
            return EncodingDecision.detect(rawNames + values)
        }
        guard let decoder = TextConverter(decoding: decision.encoding) else {
            throw .undecodableText(encoding: decision.encoding.iconvName, context: "iconv_open for this encoding failed; the text")
        }

        // 6. Decode field names; names that decode alike (P2 truncation) get a suffix.
        var fields: [ShapefileField] = []
        var used: Set<String> = []
        for (i, raw) in rawNames.enumerated() {
            guard var name = decoder.decode(raw)?.trimmingWhitespace() else {
                throw .undecodableText(encoding: decision.encoding.iconvName, context: "the name of field \(i + 1)")
            }
            if used.contains(name) {
                let stem = name
                var k = 2
                while used.contains("\(stem)_\(k)") { k += 1 }
                name = "\(stem)_\(k)"
            }
            used.insert(name)
            fields.append(ShapefileField(name: name, type: types[i].type, width: types[i].width, decimals: types[i].decimals))
        }

        self.path = shpPath
        self.shapeType = shapeType
        self.recordCount = rows
        self.bounds = rows == 0 ? .empty
            : BoundingBox(minX: minBound[0], minY: minBound[1], maxX: maxBound[0], maxY: maxBound[1])
        self.encodingDecision = decision
        self.fields = fields
        self.rawFieldNames = rawNames
        self.shapes = shapes
        self.table = table
        self.decoder = decoder
    }

    /// Reads one record.
    /// - Throws: `.recordOutOfRange`, `.unreadableRecord` (with shapelib's message) or `.undecodableText`.
    public func record(at index: Int) throws(ShapefileError) -> ShapefileRecord {
        guard (0..<recordCount).contains(index) else { throw .recordOutOfRange(index: index, count: recordCount) }
        let (object, messages) = Shapelib.capturingErrors { SHPReadObject(shapes.raw, Int32(index)) }
        guard let object else { throw .unreadableRecord(index: index, message: messages.joined(or: "SHPReadObject failed")) }
        defer { SHPDestroyObject(object) }
        let (geometry, corrections) = Self.geometry(of: object.pointee)

        var attributes: [String: AttributeValue] = [:]
        for (i, field) in fields.enumerated() {
            attributes[field.name] = try attribute(row: index, field: i)
        }
        return ShapefileRecord(index: index, geometry: geometry, attributes: attributes, ringCorrections: corrections)
    }

    /// Calls `body` with each record in order.
    public func forEachRecord(_ body: (ShapefileRecord) throws -> Void) throws {
        for i in 0..<recordCount { try body(try record(at: i)) }
    }

    /// Every record, in order.
    public func records() throws(ShapefileError) -> [ShapefileRecord] {
        var all: [ShapefileRecord] = []
        all.reserveCapacity(recordCount)
        for i in 0..<recordCount { all.append(try record(at: i)) }
        return all
    }

    /// The undecoded bytes of one value, as shapelib returns them (leading and trailing blanks trimmed).
    public func rawText(record: Int, field: Int) throws(ShapefileError) -> [UInt8] {
        guard (0..<recordCount).contains(record) else { throw .recordOutOfRange(index: record, count: recordCount) }
        precondition(fields.indices.contains(field), "field \(field) out of range")
        let (bytes, messages) = Self.rawText(table, row: record, field: field)
        guard let bytes else { throw .unreadableRecord(index: record, message: messages.joined(or: "DBFReadStringAttribute failed")) }
        return bytes
    }

    private func attribute(row: Int, field i: Int) throws(ShapefileError) -> AttributeValue {
        let raw = try rawText(record: row, field: i)
        // shapelib's null rule: blank or '*' numbers, blank or "00000000" dates, '?' logicals, empty text.
        if DBFIsAttributeNULL(table.raw, Int32(row), Int32(i)) != 0 { return .null }
        let field = fields[i]
        guard field.type.isText else { return AttributeValue(parsing: String(decoding: raw, as: UTF8.self), as: field.type) }
        guard let text = decoder.decode(raw) else {
            throw .undecodableText(encoding: encodingDecision.encoding.iconvName, context: "record \(row), field \(field.name)")
        }
        return .string(text)
    }

    /// One value's bytes; shapelib trims blanks (TRIM_DBF_WHITESPACE) and returns them undecoded.
    private static func rawText(_ table: TableHandle, row: Int, field: Int) -> (value: [UInt8]?, messages: [String]) {
        Shapelib.capturingErrors {
            // Points into the handle's work buffer, valid until the next read.
            guard let text = DBFReadStringAttribute(table.raw, Int32(row), Int32(field)) else { return nil }
            return Array(UnsafeRawBufferPointer(start: text, count: strlen(text)))
        }
    }

    /// Rejects a `.shp` shorter than its `.shx` index says, and a `.dbf` shorter than its header says;
    /// shapelib notices neither at open, only when the missing record is read.
    private static func checkLengths(shp: SHPHandle, shpPath: String, dbf: DBFHandle, dbfPath: String) throws(ShapefileError) {
        let index = shp.pointee
        var shpNeeded = 100                                          // the main file header
        for i in 0..<Int(index.nRecords) {
            // Record offsets and content sizes are in bytes; each record has an 8-byte header.
            shpNeeded = max(shpNeeded, Int(index.panRecOffset[i]) + Int(index.panRecSize[i]) + 8)
        }
        if let actual = Shapelib.size(of: shpPath), actual < shpNeeded {
            throw .truncated(path: shpPath, expectedBytes: shpNeeded, actualBytes: actual)
        }
        let header = dbf.pointee
        let dbfNeeded = Int(header.nHeaderLength) + Int(header.nRecords) * Int(header.nRecordLength)
        if let actual = Shapelib.size(of: dbfPath), actual < dbfNeeded {
            throw .truncated(path: dbfPath, expectedBytes: dbfNeeded, actualBytes: actual)
        }
    }

    /// The 2-D geometry of a shapelib object, with what ring assembly corrected.
    private static func geometry(of object: SHPObject) -> (Geometry?, RingCorrections) {
        let n = Int(object.nVertices)
        guard let type = ShapeType(code: Int(object.nSHPType)), n > 0 else { return (nil, RingCorrections()) }
        let points = (0..<n).map { Coordinate(x: object.padfX[$0], y: object.padfY[$0]) }
        // Part k runs from its start to the next part's start; starts are clamped so bad data cannot trap.
        let starts = object.nParts > 0 ? (0..<Int(object.nParts)).map { Int(object.panPartStart[$0]) } : [0]
        let bounds = starts.map { min(max($0, 0), n) } + [n]
        let parts = starts.indices.compactMap { k -> [Coordinate]? in
            let lo = bounds[k], hi = max(lo, bounds[k + 1])
            return hi > lo ? Array(points[lo..<hi]) : nil
        }
        switch type.kind {
        case .point:
            return (.point(points[0]), RingCorrections())
        case .multipoint:
            return (.multiPoint(points), RingCorrections())
        case .polyline:
            return (parts.count == 1 ? .lineString(LineString(parts[0])) : .multiLineString(parts.map(LineString.init)),
                    RingCorrections())
        case .polygon:
            let assembly = RingAssembly(rings: parts.map(Ring.init))
            return (assembly.geometry, assembly.corrections)
        }
    }
}

@available(*, unavailable, message: "a ShapefileReader is confined to one task or thread")
extension ShapefileReader: Sendable {}

extension FieldType {
    /// The type for a dBase type letter.
    init(native: UInt8, decimals: Int) {
        switch native {
        case UInt8(ascii: "C"): self = .string
        case UInt8(ascii: "N"), UInt8(ascii: "F"): self = decimals > 0 ? .double : .integer
        case UInt8(ascii: "L"): self = .logical
        case UInt8(ascii: "D"): self = .date
        default: self = .other(native)
        }
    }

    /// True for the types whose bytes are text in the file's encoding.
    var isText: Bool {
        switch self {
        case .string, .other: true
        default: false
        }
    }
}

extension [String] {
    /// The messages joined, or `fallback` when there are none.
    func joined(or fallback: String) -> String { isEmpty ? fallback : joined(separator: "; ") }
}
