import GridGeoCore
@testable import GridGeoGrids
import Testing

private func ring(_ points: [(Double, Double)]) -> [Coordinate] {
    let r = points.map { Coordinate(x: $0.0, y: $0.1) }
    return r + [r[0]]
}

private let outer = ring([(0, 0), (10, 0), (10, 10), (0, 10)])
private let hole = ring([(3, 3), (3, 7), (7, 7), (7, 3)])
private let lShape = ring([(0, 0), (10, 0), (10, 2), (2, 2), (2, 10), (0, 10)])

@Test func evenOddWithAHole() {
    #expect(ringsContain([outer, hole], Coordinate(x: 1, y: 1)))
    #expect(!ringsContain([outer, hole], Coordinate(x: 5, y: 5)))
    #expect(!ringsContain([outer, hole], Coordinate(x: 11, y: 5)))
}

@Test(arguments: [[outer], [outer, hole], [lShape]])
func interiorPointIsInside(_ rings: [[Coordinate]]) throws {
    let p = try #require(interiorPoint(of: rings))
    #expect(ringsContain(rings, p))
}

@Test func interiorPointOfAnLShapeAvoidsTheNotch() throws {
    let p = try #require(interiorPoint(of: [lShape]))
    #expect(p.x < 2 || p.y < 2)
}

@Test func flatRingHasNoInteriorPoint() {
    #expect(interiorPoint(of: [ring([(0, 0), (5, 0), (9, 0)])]) == nil)
}
