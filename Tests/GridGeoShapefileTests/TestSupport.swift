import Foundation
import GridGeoCore
@testable import GridGeoShapefile

/// A fresh temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("gridgeo-shp-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }
}

/// A ring from (x, y) pairs.
func ring(_ pairs: [(Double, Double)]) -> Ring {
    Ring(pairs.map { Coordinate(x: $0.0, y: $0.1) })
}

/// An axis-aligned square ring, clockwise (the shapefile outer orientation) unless `counterClockwise`.
func square(_ x: Double, _ y: Double, _ size: Double, counterClockwise: Bool = false) -> Ring {
    let cw = ring([(x, y), (x, y + size), (x + size, y + size), (x + size, y)])
    return counterClockwise ? cw.reversed : cw
}

/// The street names the fixtures use; the last holds characters only GB18030 has.
let streetNames = ["东华门街道", "景山街道", "交道口街道", rareName]

/// Writes a point shapefile with a text field `fieldName` holding `names` (one record each) and an integer
/// field `CODE`, and returns the `.shp` path.
@discardableResult
func writeNames(_ names: [String] = streetNames, in dir: TemporaryDirectory, as name: String,
                encoding: TextEncoding, cpg: String? = nil, ldid: UInt8? = nil,
                fieldName: String = "名称") throws -> String {
    let writer = try ShapefileWriter(
        path: dir.file(name), kind: .point,
        fields: [ShapefileField(name: fieldName, type: .string, width: 40), ShapefileField(name: "CODE", type: .integer, width: 9)],
        encoding: encoding, cpg: cpg, languageDriver: ldid)
    for (i, n) in names.enumerated() {
        try writer.append(.point(Coordinate(x: 116.4 + Double(i) / 100, y: 39.9)),
                          attributes: [fieldName: .string(n), "CODE": .integer(110_101_001 + i)])
    }
    writer.close()
    return writer.path
}

/// The bytes of a file.
func bytes(of path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Replaces the bytes of a file.
func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
