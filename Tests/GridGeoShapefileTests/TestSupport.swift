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
