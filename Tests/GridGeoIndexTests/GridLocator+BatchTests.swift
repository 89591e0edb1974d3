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
