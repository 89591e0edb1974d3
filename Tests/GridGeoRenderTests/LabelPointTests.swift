import GridGeoCore
import Testing
@testable import GridGeoRender

/// Even-odd point-in-polygon, independent of the code under test.
private func inside(_ p: Coordinate, _ polygon: Polygon) -> Bool {
    var isInside = false
    for ring in [polygon.exterior] + polygon.holes {
        let c = ring.coordinates
        for (a, b) in zip(c, c.dropFirst()) where (a.y > p.y) != (b.y > p.y) {
            if p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y) { isInside.toggle() }
        }
    }
    return isInside
}

private func polygon(_ points: [(Double, Double)], holes: [[(Double, Double)]] = []) -> Polygon {
    Polygon(exterior: Ring(points.map { Coordinate(x: $0.0, y: $0.1) }),
            holes: holes.map { Ring($0.map { Coordinate(x: $0.0, y: $0.1) }) })
}

@Test func aSquaresLabelIsNearItsCentre() {
    let p = Polygon(exterior: square(0, 0, 10)).labelPoint()
    #expect(abs(p.x - 5) < 0.5 && abs(p.y - 5) < 0.5)
}

@Test(arguments: [
    // A U: the box centre (5, 5) is in the notch.
    polygon([(0, 0), (10, 0), (10, 10), (7, 10), (7, 3), (3, 3), (3, 10), (0, 10)]),
    // An L: the box centre (5, 5) is outside.
    polygon([(0, 0), (10, 0), (10, 2), (2, 2), (2, 10), (0, 10)]),
    // A square whose centre is a hole.
    polygon([(0, 0), (10, 0), (10, 10), (0, 10)], holes: [[(2, 2), (8, 2), (8, 8), (2, 8)]]),
    // A thin diagonal sliver.
    polygon([(0, 0), (1, 0), (10, 9), (10, 10), (9, 10), (0, 1)]),
])
func concaveAndHoledPolygonsGetAnInsidePoint(shape: Polygon) {
    let p = shape.labelPoint()
    #expect(inside(p, shape), "\(p) is not inside")
}

@Test func theLabelGoesIntoTheWidestPart() {
    // A dumbbell: a big square left, a corridor, a small square right.
    let shape = polygon([(0, 0), (10, 0), (10, 4), (14, 4), (14, 2), (17, 2), (17, 8), (14, 8), (14, 6), (10, 6),
                         (10, 10), (0, 10)])
    #expect(shape.labelPoint().x < 10)
}

@Test func xScaleJudgesWidthOnTheGround() {
    // An L with a low arm 8 wide × 3 tall and a high arm 2 wide × 8 tall above it: the low arm is roomier,
    // until x is stretched five times.
    let shape = polygon([(0, 0), (8, 0), (8, 3), (2, 3), (2, 11), (0, 11)])
    #expect(shape.labelPoint(xScale: 1).y < 3)
    #expect(shape.labelPoint(xScale: 5).y > 3)
}

@Test func geometriesOtherThanPolygons() {
    let line = Geometry.lineString(LineString([Coordinate(x: 0, y: 0), Coordinate(x: 4, y: 0), Coordinate(x: 4, y: 4)]))
    #expect(line.labelPoint() == Coordinate(x: 4, y: 0))
    #expect(Geometry.point(Coordinate(x: 1, y: 2)).labelPoint() == Coordinate(x: 1, y: 2))
    #expect(Geometry.multiPolygon([]).labelPoint() == nil)
    #expect(Geometry.collection([]).labelPoint() == nil)
}

@Test func aMultiPolygonIsLabelledInItsLargestPart() {
    let g = Geometry.multiPolygon([Polygon(exterior: square(0, 0, 1)), Polygon(exterior: square(10, 10, 5))])
    let p = g.labelPoint()!
    #expect(p.x > 10 && p.y > 10)
}
