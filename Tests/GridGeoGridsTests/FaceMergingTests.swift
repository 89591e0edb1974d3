import GridGeoCore
@testable import GridGeoGrids
import Testing

private let policy = MergePolicy(mergeBelow: 5_000, preferredMaximum: 15_000, hardMaximum: 20_000, tinyArea: 1_000,
                                 sliverWidth: 8, sliverCompactness: 0.06)

/// Square-ish faces (perimeter of a square of that area) in a row, each touching the next.
private func row(_ areas: [Double], shared: [Double]) -> (perimeters: [Double], neighbours: [[(face: Int, length: Double)]]) {
    var neighbours = [[(face: Int, length: Double)]](repeating: [], count: areas.count)
    for (i, length) in shared.enumerated() {
        neighbours[i].append((i + 1, length))
        neighbours[i + 1].append((i, length))
    }
    return (areas.map { 4 * $0.squareRoot() }, neighbours)
}

@Test func aSmallFaceJoinsTheNeighbourWithTheLongestSharedEdge() {
    let areas: [Double] = [10_000, 3_000, 9_000]
    let (perimeters, neighbours) = row(areas, shared: [20, 60])
    let roots = mergeSmallFaces([0, 1, 2], areas: areas, perimeters: perimeters, centres: areas.map { _ in Coordinate(x: 0, y: 0) },
                                neighbours: neighbours, policy: policy)
    #expect(roots == [0, 1, 1])
}

@Test func mergesPreferToStayUnderThePreferredMaximum() {
    let areas: [Double] = [14_000, 3_000, 9_000]
    let (perimeters, neighbours) = row(areas, shared: [60, 20])
    let roots = mergeSmallFaces([0, 1, 2], areas: areas, perimeters: perimeters, centres: areas.map { _ in Coordinate(x: 0, y: 0) },
                                neighbours: neighbours, policy: policy)
    #expect(roots == [0, 1, 1])
}

@Test func aSmallPieceStaysRatherThanMakeAnOversizedGrid() {
    let areas: [Double] = [18_000, 3_000]
    let (perimeters, neighbours) = row(areas, shared: [60])
    let roots = mergeSmallFaces([0, 1], areas: areas, perimeters: perimeters, centres: areas.map { _ in Coordinate(x: 0, y: 0) },
                                neighbours: neighbours, policy: policy)
    #expect(roots == [0, 1])
}

@Test func aSliverJoinsTheNeighbourAlongItsLongSide() {
    // A 10 × 800 m strip (compactness 0.04) beside a 9,000 m² block along 800 m, and a small end.
    let areas: [Double] = [9_000, 8_000, 12_000]
    var (perimeters, neighbours) = row(areas, shared: [800, 10])
    perimeters[1] = 1_620
    let roots = mergeSmallFaces([0, 1, 2], areas: areas, perimeters: perimeters, centres: areas.map { _ in Coordinate(x: 0, y: 0) },
                                neighbours: neighbours, policy: policy)
    #expect(roots == [0, 0, 2])
}

@Test func aSeparateSmallPartJoinsTheNearestGroup() {
    let areas: [Double] = [10_000, 10_000, 1_500]
    let centres = [Coordinate(x: 0, y: 0), Coordinate(x: 500, y: 0), Coordinate(x: 450, y: 200)]
    let (perimeters, _) = row(areas, shared: [])
    let roots = mergeSmallFaces([0, 1, 2], areas: areas, perimeters: perimeters, centres: centres,
                                neighbours: [[], [], []], policy: policy)
    #expect(roots == [0, 1, 1])
}
