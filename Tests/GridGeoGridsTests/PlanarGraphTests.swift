import GridGeoCore
@testable import GridGeoGrids
import Testing

private func line(_ points: (Double, Double)...) -> LineString {
    LineString(points.map { Coordinate(x: $0.0, y: $0.1) })
}

/// Two unit squares side by side, drawn as separate lines meeting at shared vertices.
private let twoSquares = [
    line((0, 0), (1, 0), (2, 0), (2, 1), (1, 1), (0, 1), (0, 0)),
    line((1, 0), (1, 1)),
]

@Test func twoSquaresGiveTwoFacesSharingAnEdge() {
    let graph = PlanarGraph(lines: twoSquares)
    #expect(graph.faces.count == 2)
    #expect(graph.faces.map(\.area) == [1, 1])
    // The shared edge has a face on each side; the outline has the unbounded region outside.
    var sides: [Set<Int>] = []
    for h in stride(from: 0, to: graph.halfEdgeCount, by: 2) { sides.append([graph.faceOf[h], graph.faceOf[h + 1]]) }
    #expect(sides.filter { $0 == [0, 1] }.count == 1)
    #expect(sides.filter { $0.contains(-1) }.count == 6)
}

@Test func danglesAreRemoved() {
    let graph = PlanarGraph(lines: twoSquares + [line((2, 1), (3, 2), (4, 2)), line((0.5, 0.5), (0.5, 0))])
    #expect(graph.faces.count == 2)
    #expect(graph.halfEdgeCount == 14)
}

@Test func aNestedComponentIsAHoleOfTheFaceAroundIt() throws {
    let graph = PlanarGraph(lines: [
        line((0, 0), (10, 0), (10, 10), (0, 10), (0, 0)),
        line((4, 4), (6, 4), (6, 6), (4, 6), (4, 4)),
    ])
    #expect(graph.faces.count == 2)
    let outer = try #require(graph.faces.first { $0.area > 50 })
    #expect(outer.area == 96)
    #expect(outer.rings.count == 2)
    let p = try #require(outer.interiorPoint)
    #expect(!(p.x > 4 && p.x < 6 && p.y > 4 && p.y < 6))
}

@Test func lineOrderDoesNotMatter() {
    let a = PlanarGraph(lines: twoSquares)
    let b = PlanarGraph(lines: twoSquares.reversed())
    #expect(a.points == b.points)
    #expect(a.faces.map(\.rings) == b.faces.map(\.rings))
}
