/// What can go wrong reading or writing a shapefile. Messages from shapelib are kept word for word.
public enum ShapefileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A required component (`.shp`, `.shx` or `.dbf`) is absent; `path` is where it was looked for.
    case missingComponent(extension: String, path: String)
    /// shapelib could not open or create a file; `message` is shapelib's own when it gave one.
    case openFailed(path: String, message: String)
    /// A file is shorter than its header or index says it is.
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// The `.shp`/`.shx` pair and the `.dbf` hold different numbers of records.
    case recordCountMismatch(shapes: Int, attributes: Int)
    /// shapelib failed to read one record; `message` is shapelib's own.
    case unreadableRecord(index: Int, message: String)
    /// A record index outside `0..<count`.
    case recordOutOfRange(index: Int, count: Int)
    /// A shape type GridGeo does not read (null-shape files, MultiPatch, unknown codes).
    case unsupportedShapeType(code: Int, name: String)
    /// Bytes that are not valid in the chosen encoding; `context` says where they are.
    case undecodableText(encoding: String, context: String)
    /// Text the chosen encoding cannot represent (writing).
    case unencodableText(encoding: String, text: String)
    /// A write that shapelib refused or that does not fit the file (writing).
    case writeFailed(message: String)

    public var description: String {
        switch self {
        case .missingComponent(let ext, let path):
            "missing \(ext) file: \(path) does not exist (a shapefile needs .shp, .shx and .dbf)"
        case .openFailed(let path, let message):
            "cannot open \(path): \(message)"
        case .truncated(let path, let expected, let actual):
            "truncated file \(path): \(actual) bytes, but its header or index needs \(expected)"
        case .recordCountMismatch(let shapes, let attributes):
            "record counts disagree: .shp/.shx hold \(shapes) shapes, .dbf holds \(attributes) rows"
        case .unreadableRecord(let index, let message):
            "cannot read record \(index): \(message)"
        case .recordOutOfRange(let index, let count):
            "record \(index) is out of range (the file holds \(count))"
        case .unsupportedShapeType(let code, let name):
            "unsupported shape type \(code) (\(name)); GridGeo reads Point, PolyLine, Polygon and MultiPoint (with or without Z/M)"
        case .undecodableText(let encoding, let context):
            "\(context) is not valid \(encoding); pass the right encoding explicitly"
        case .unencodableText(let encoding, let text):
            "\"\(text)\" cannot be written in \(encoding)"
        case .writeFailed(let message):
            "write failed: \(message)"
        }
    }
}
