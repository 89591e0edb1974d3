import GridGeoCore
import GridGeoIndex
import Testing

@Test(arguments: [0, 100, 100_000])
func batchResultsEqualSingleResults(count: Int) {
    var points = randomPoints(count, in: partition.bounds.expanded(by: 0.001), seed: 21)
    // Include exact boundary points and repeats.
    points += boundaryPoints(partition.grids).prefix(count / 10)
    points += points.prefix(count / 10)
    let batch = locator.locate(points)
    #expect(batch.count == points.count)
    #expect(batch == points.map { locator.locate($0) })
}

/// Dense points (about 25 per raster cell) on and near the edges: the batch decides most points of
/// a crossed cell from the cell's edges laid out once (`CellEdges`), and must agree with the exact
/// single lookup everywhere, boundaries included.
@Test func denseBatchOnEdgesEqualsSingleResults() {
    let small = SyntheticPartition(gridCount: 300, seed: 5)
    let locator = GridLocator(grids: small.grids)
    let points = small.mixedPoints(80_000, seed: 9)
    let batch = locator.locate(points)
    let single = points.map { locator.locate($0) }
    #expect(batch == single)
    // Not vacuous: most points have an owner, and many lie exactly on a boundary.
    #expect(single.count { $0 != nil } > 60_000)
    #expect(single.count { $0?.position == .boundary } > 20_000)
}
