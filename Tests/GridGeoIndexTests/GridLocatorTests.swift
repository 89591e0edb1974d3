import GridGeoCore
@testable import GridGeoIndex
import Testing

func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, clockwise: Bool = false) -> Ring {
    let r = Ring([.init(x: x0, y: y0), .init(x: x1, y: y0), .init(x: x1, y: y1), .init(x: x0, y: y1)])
    return clockwise ? r.reversed : r
}

/// A–D: four unit squares around (1, 1), with B and C clockwise. E: a multipolygon (square with a hole,
/// plus a separate square); F fills E's hole.
let fixtureGrids: [[Polygon]] = [
    [Polygon(exterior: square(0, 0, 1, 1))],                                     // A
    [Polygon(exterior: square(1, 0, 2, 1, clockwise: true))],                    // B
    [Polygon(exterior: square(0, 1, 1, 2, clockwise: true))],                    // C
    [Polygon(exterior: square(1, 1, 2, 2))],                                     // D
    [Polygon(exterior: square(10, 10, 14, 14), holes: [square(11, 11, 13, 13, clockwise: true)]),
     Polygon(exterior: square(20, 20, 21, 21))],                                 // E
    [Polygon(exterior: square(11, 11, 13, 13))],                                 // F
]

/// (point, expected owner, on its boundary) under the half-open rule.
let fixtureRows: [(Coordinate, UInt32?, Bool)] = [
    (.init(x: 0.5, y: 0.5), 0, false),
    (.init(x: 1, y: 0.5), 1, true),      // shared vertical edge A|B → east: B
    (.init(x: 0.5, y: 1), 2, true),      // shared horizontal edge A/C → north: C
    (.init(x: 1, y: 1), 3, true),        // vertex of A, B, C, D → north-east: D
    (.init(x: 1, y: 0), 1, true),        // outer-boundary vertex A|B → B
    (.init(x: 0, y: 0.5), 0, true),      // west edge of A
    (.init(x: 2, y: 0.5), 1, true),      // east edge of B: outer boundary, answered as B
    (.init(x: 2, y: 2), 3, true),        // outer corner of D
    (.init(x: 0.5, y: 2), 2, true),      // north edge of C
    (.init(x: 3, y: 3), nil, false),
    (.init(x: 2.0000001, y: 0.5), nil, false),
    (.init(x: 12, y: 12), 5, false),     // F, inside E's hole
    (.init(x: 11, y: 12), 5, true),      // hole edge: east side is F
    (.init(x: 13, y: 12), 4, true),      // hole edge: east side is E
    (.init(x: 12, y: 11), 5, true),      // hole bottom: north side is F
    (.init(x: 10.5, y: 12), 4, false),
    (.init(x: 20.5, y: 20.5), 4, false), // E's second part
    (.init(x: 15, y: 15), nil, false),
]

@Test(arguments: [0.5, 8, 64])
func fixturesFollowTheHalfOpenRule(cellsPerGrid: Double) {
    let l = GridLocator(grids: fixtureGrids, cellsPerGrid: cellsPerGrid)
    for (p, owner, onEdge) in fixtureRows {
        let hit = l.locate(p)
        #expect(hit?.grid == owner, "\(p)")
        if let hit { #expect((hit.position == .boundary) == onEdge, "\(p)") }
    }
    let b = BruteForce(fixtureGrids)
    for p in randomPoints(2_000, in: BoundingBox(minX: -1, minY: -1, maxX: 22, maxY: 22), seed: 5) {
        #expect(violation(l.locate(p), at: p, b) == nil)
    }
}

@Test(arguments: [1.0, 8, 32])
func randomPointsMatchBruteForce(cellsPerGrid: Double) {
    let l = GridLocator(grids: partition.grids, cellsPerGrid: cellsPerGrid)
    let box = partition.bounds.expanded(by: 0.002)
    var failures: [String] = []
    for p in randomPoints(20_000, in: box, seed: 7) {
        if let v = violation(l.locate(p), at: p, brute) { failures.append(v) }
    }
    #expect(failures.isEmpty, "\(failures.prefix(5))")
}

@Test func verticesAndEdgePointsHaveExactlyOneOwner() {
    var failures: [String] = []
    var interior = 0
    for (i, p) in boundaryPoints(partition.grids).enumerated() where i % 2 == 0 {
        let hit = locator.locate(p)
        if let v = violation(hit, at: p, brute) { failures.append(v); continue }
        #expect(hit != nil)
        #expect(hit?.position == .boundary)
        let onOuterBoundary = p.x == partition.bounds.minX || p.x == partition.bounds.maxX
            || p.y == partition.bounds.minY || p.y == partition.bounds.maxY
        if !onOuterBoundary {
            interior += 1
            if brute.owners(p).count != 1 { failures.append("\(p): owners \(brute.owners(p))") }
        }
    }
    #expect(interior > 30_000)
    #expect(failures.isEmpty, "\(failures.prefix(5))")
}

@Test func pointsOutsideOrNotFiniteGiveNil() {
    #expect(locator.locate(Coordinate(x: .nan, y: 39.9)) == nil)
    #expect(locator.locate(Coordinate(x: .infinity, y: 39.9)) == nil)
    #expect(locator.locate(Coordinate(x: 116.0, y: 39.9)) == nil)
    #expect(GridLocator(grids: []).locate(Coordinate(x: 0, y: 0)) == nil)
}

@Test func indexMemoryStaysBelowCoordinateMemory() {
    let m = locator.memory
    #expect(m.index <= m.coordinates, "\(m)")
}
