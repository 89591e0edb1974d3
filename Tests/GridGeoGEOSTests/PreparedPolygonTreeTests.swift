import GridGeoCore
import GridGeoGEOS
import Testing

/// Two unit squares side by side and one far away.
private let squares: [Geometry] = [(0.0, 0.0), (1, 0), (5, 5)].map { x, y in
    .polygon(Polygon(exterior: Ring([c(x, y), c(x + 1, y), c(x + 1, y + 1), c(x, y + 1)])))
}

@Test(arguments: [
    (c(0.5, 0.5), [0]), (c(1, 0.5), [0, 1]), (c(1, 1), [0, 1]), (c(5.5, 6), [2]), (c(3, 3), []), (c(2.01, 0.5), []),
])
func treeFindsEveryCoveringPolygon(point: Coordinate, expected: [Int]) throws {
    let tree = try PreparedPolygonTree(context: GEOSContext(), geometries: squares)
    #expect(try tree.covering(point) == expected)
    let first = try tree.firstCovering(point)
    #expect(first.map { expected.contains($0) } ?? expected.isEmpty)
}
