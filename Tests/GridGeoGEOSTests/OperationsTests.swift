import GridGeoCore
import GridGeoGEOS
import Testing

@Test func coversIncludesTheBoundaryContainsDoesNot() throws {
    let geos = try GEOSContext()
    let edge = Geometry.point(c(10, 5))
    #expect(try geos.covers(square, edge))
    #expect(try !geos.contains(square, edge))
    #expect(try geos.intersects(square, edge))
    #expect(try geos.contains(square, .point(c(5, 5))))
}

@Test func measures() throws {
    let geos = try GEOSContext()
    #expect(try geos.area(square) == 100)
    #expect(try geos.length(square) == 40)
    #expect(try geos.length(.lineString(LineString([c(0, 0), c(3, 4)]))) == 5)
}

@Test func unionOfAdjacentSquaresIsOnePolygon() throws {
    let geos = try GEOSContext()
    let left = Geometry.polygon(rectangle(0, 0, 10, 10)), right = Geometry.polygon(rectangle(10, 0, 20, 10))
    let merged = try geos.union([left, right])
    guard case .polygon = merged else {
        Issue.record("expected one polygon, got \(merged.typeName)")
        return
    }
    #expect(try geos.area(merged) == geos.area(left) + geos.area(right))
    let coverage = try geos.coverageUnion([left, right])
    #expect(try geos.area(coverage) == 200)
    #expect(coverage.polygons.count == 1)
}

@Test func coverageUnionChecksLittle() throws {
    let geos = try GEOSContext()
    let error = #expect(throws: GEOSError.self) { try geos.coverageUnion([square, square]) }
    #expect(error?.message == "TopologyException: CoverageUnion cannot process overlapping inputs.")
    // Known GEOS 3.11 limit, and why callers fall back to union(_:): a T-junction passes silently unmerged.
    let shifted: [Geometry] = [square, .polygon(rectangle(10, 5, 20, 15))]
    #expect(try geos.coverageUnion(shifted).polygons.count == 2)
    #expect(try geos.union(shifted).polygons.count == 1)
}

@Test func intersectionAndDifference() throws {
    let geos = try GEOSContext()
    let right = Geometry.polygon(rectangle(5, 0, 15, 10))
    #expect(try geos.area(geos.intersection(square, right)) == 50)
    #expect(try geos.area(geos.difference(square, right)) == 50)
    #expect(try geos.area(geos.difference(square, square)) == 0)
}

@Test func constructions() throws {
    let geos = try GEOSContext()
    let grown = try geos.buffer(square, distance: 1)
    #expect(try geos.covers(grown, .point(c(-0.5, 5))))
    #expect(try geos.area(grown) > 100 + 40)
    #expect(try geos.envelope(.lineString(LineString([c(0, 0), c(4, 2)]))) == .polygon(rectangle(0, 0, 4, 2)))
    #expect(try geos.centroid(square) == c(5, 5))
    let ell = Geometry.polygon(Polygon(exterior: Ring([c(0, 0), c(10, 0), c(10, 1), c(1, 1), c(1, 10), c(0, 10)])))
    let anchor = try #require(try geos.pointOnSurface(ell))
    #expect(try geos.covers(ell, .point(anchor)))
    let wiggly = Geometry.lineString(LineString([c(0, 0), c(1, 0.01), c(2, 0), c(3, 0.01), c(4, 0)]))
    #expect(try geos.simplify(wiggly, tolerance: 0.1) == .lineString(LineString([c(0, 0), c(4, 0)])))
}

@Test func snapRoundedUnionNodesLinesOnAGrid() throws {
    let geos = try GEOSContext()
    // Two crossing lines and a third ending a hair (1e-9) short of the first: all meet at snapped nodes.
    let lines = [LineString([c(0, 0), c(10, 10)]), LineString([c(0, 10), c(10, 0)]),
                 LineString([c(2, 2.000000001), c(2, 8)])]
    let noded = try geos.union([.multiLineString(lines)], gridSize: 0.001)
    let ends = noded.allCoordinates
    #expect(ends.allSatisfy { ($0.x * 1000).rounded() == $0.x * 1000 && ($0.y * 1000).rounded() == $0.y * 1000 })
    #expect(ends.contains(c(5, 5)) && ends.contains(c(2, 2)))
    // The diagonal is split where the short line now ends on it.
    #expect(noded.allCoordinates.filter { $0 == c(2, 2) }.count == 3)
}
