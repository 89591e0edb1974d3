import GridGeoCore
@testable import GridGeoGrids
import Testing

private let square: [Coordinate] = [(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)].map { Coordinate(x: $0.0, y: $0.1) }

@Test func verticesNearTheBoundaryMoveOntoIt() {
    let snapping = BoundarySnapping(rings: [square], distance: 5)
    #expect(snapping.snapped(Coordinate(x: 30, y: 3)) == Coordinate(x: 30, y: 0))
    #expect(snapping.snapped(Coordinate(x: 98, y: 98)) == Coordinate(x: 98, y: 100) || snapping.snapped(Coordinate(x: 98, y: 98)) == Coordinate(x: 100, y: 98))
    #expect(snapping.snapped(Coordinate(x: 30, y: 8)) == Coordinate(x: 30, y: 8))
}

@Test func aRoadAlongTheBoundaryCollapsesOntoIt() throws {
    let snapping = BoundarySnapping(rings: [square], distance: 5)
    let road = LineString([Coordinate(x: 10, y: 2), Coordinate(x: 50, y: 3), Coordinate(x: 50, y: 40)])
    let snapped = try #require(snapping.snapped(road))
    #expect(snapped.coordinates == [Coordinate(x: 10, y: 0), Coordinate(x: 50, y: 0), Coordinate(x: 50, y: 40)])
    #expect(snapping.snapped(LineString([Coordinate(x: 10, y: 1), Coordinate(x: 10, y: 2)])) == nil)
}
