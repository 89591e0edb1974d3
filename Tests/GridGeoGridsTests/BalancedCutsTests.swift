import GridGeoCore
import GridGeoGEOS
@testable import GridGeoGrids
import Testing

private func ring(_ points: [(Double, Double)]) -> [Coordinate] {
    let r = points.map { Coordinate(x: $0.0, y: $0.1) }
    return r + [r[0]]
}

/// The areas of the pieces the cuts make.
private func pieces(_ rings: [[Coordinate]], cuts: [LineString]) throws -> [Double] {
    // Snap-rounded noding, as the builder does: cut ends computed on an edge are off it by ~1e-13 m.
    let geos = try GEOSContext()
    let noded = try geos.union([.multiLineString(rings.map(LineString.init) + cuts)], gridSize: 1e-6)
    return try geos.polygonize(noded.allLines).map(\.planarArea)
}

@Test func aStripIsCutAcrossItsLength() throws {
    let strip = [ring([(0, 0), (300, 0), (300, 100), (0, 100)])]
    let cuts = balancedCuts(of: strip, parts: 3)
    #expect(cuts.count == 2)
    for cut in cuts {
        #expect(abs(cut.coordinates[0].x - cut.coordinates[1].x) < 1e-6)
    }
    #expect(Set(cuts.map { ($0.coordinates[0].x).rounded() }) == [100, 200])
}

@Test(arguments: [2, 3, 5, 7])
func anLShapeIsCutIntoEqualAreas(_ parts: Int) throws {
    let l = [ring([(0, 0), (300, 0), (300, 150), (150, 150), (150, 300), (0, 300)])]
    let areas = try pieces(l, cuts: balancedCuts(of: l, parts: parts))
    // A concave piece may be cut in two by one straight cut; the shares still add up.
    #expect(areas.count >= parts)
    #expect(abs(areas.reduce(0, +) - 67_500) < 1e-3)
    if areas.count == parts {
        #expect(areas.allSatisfy { abs($0 - 67_500 / Double(parts)) < 1 })
    }
}

@Test func holesAreLeftOut() throws {
    let holed = [ring([(0, 0), (300, 0), (300, 300), (0, 300)]), ring([(100, 100), (100, 200), (200, 200), (200, 100)])]
    let areas = try pieces(holed, cuts: balancedCuts(of: holed, parts: 4))
    // The hole comes back as a face of its own in polygonize; the rest share 80,000 m².
    #expect(abs(areas.reduce(0, +) - 90_000) < 1e-3)
    #expect(areas.filter { abs($0 - 20_000) < 1 }.count >= 3)
}

@Test func onePartNeedsNoCut() {
    #expect(balancedCuts(of: [ring([(0, 0), (1, 0), (1, 1)])], parts: 1).isEmpty)
}

extension Geometry {
    var allLines: [LineString] {
        switch self {
        case .lineString(let l): [l]
        case .multiLineString(let ls): ls
        case .collection(let gs): gs.flatMap(\.allLines)
        default: []
        }
    }
}
