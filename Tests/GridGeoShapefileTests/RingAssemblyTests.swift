import GridGeoCore
import Testing
@testable import GridGeoShapefile

@Test func outerWithHole() {
    let outer = square(0, 0, 10), hole = square(2, 2, 2, counterClockwise: true)
    let a = RingAssembly(rings: [outer, hole])
    #expect(a.polygons == [Polygon(exterior: outer, holes: [hole])])
    #expect(a.corrections.isEmpty)
    #expect(a.geometry == .polygon(Polygon(exterior: outer, holes: [hole])))
}

@Test func holesGoToTheSmallestContainingOuter() {
    // An island inside a hole: big outer ⊃ its hole ⊃ island ⊃ the island's hole. Plus a separate square,
    // and rings listed out of order.
    let big = square(0, 0, 100), bigHole = square(10, 10, 80, counterClockwise: true)
    let island = square(20, 20, 40), islandHole = square(30, 30, 5, counterClockwise: true)
    let apart = square(200, 0, 10), apartHole = square(202, 2, 2, counterClockwise: true)
    let a = RingAssembly(rings: [islandHole, apartHole, big, island, apart, bigHole])
    #expect(a.polygons == [
        Polygon(exterior: big, holes: [bigHole]),
        Polygon(exterior: island, holes: [islandHole]),
        Polygon(exterior: apart, holes: [apartHole]),
    ])
    #expect(a.corrections.isEmpty)
}

@Test func counterClockwiseRingWithoutContainerBecomesAnOuter() {
    let a = RingAssembly(rings: [square(0, 0, 10), square(50, 50, 5, counterClockwise: true)])
    #expect(a.polygons.count == 2)
    #expect(a.corrections == RingCorrections(counterClockwiseOuters: 1))
    #expect(a.geometry?.typeName == "MULTIPOLYGON")
}

@Test func fullyReversedRecordIsRepaired() {
    // Written RFC 7946 style (outer counter-clockwise, hole clockwise).
    let outer = square(0, 0, 10, counterClockwise: true), hole = square(2, 2, 2)
    let a = RingAssembly(rings: [outer, hole])
    #expect(a.polygons == [Polygon(exterior: outer, holes: [hole])])
    #expect(a.corrections == RingCorrections(counterClockwiseOuters: 1, clockwiseHoles: 1))
}

@Test func holeTouchingItsOuterAtAVertex() {
    let outer = square(0, 0, 10)
    let hole = ring([(0, 0), (5, 2), (2, 5)])          // shares the corner (0, 0), counter-clockwise
    #expect(hole.isCounterClockwise)
    let a = RingAssembly(rings: [outer, hole])
    #expect(a.polygons == [Polygon(exterior: outer, holes: [hole])])
}

@Test func degenerateRingsAreDropped() {
    let a = RingAssembly(rings: [square(0, 0, 1), ring([(5, 5), (6, 6), (5, 5)]), Ring([])])
    #expect(a.polygons.count == 1)
    #expect(a.corrections == RingCorrections(droppedRings: 2))
    #expect(RingAssembly(rings: []).geometry == nil)
}

@Test func bowTieIsKeptAsGiven() {
    let bowTie = ring([(0, 0), (10, 10), (10, 0), (0, 10)])
    let a = RingAssembly(rings: [bowTie])
    #expect(a.polygons == [Polygon(exterior: bowTie)])
    #expect(a.corrections.isEmpty)                     // zero signed area: neither orientation
}

@Test(arguments: [
    ((5.0, 5.0), RingLocation.inside), ((15.0, 5.0), .outside), ((0.0, 5.0), .boundary),
    ((10.0, 10.0), .boundary), ((5.0, 10.0), .boundary), ((-1.0, 10.0), .outside),
])
func pointInRing(_ p: (Double, Double), _ expected: RingLocation) {
    #expect(square(0, 0, 10).locate(Coordinate(x: p.0, y: p.1)) == expected)
}
