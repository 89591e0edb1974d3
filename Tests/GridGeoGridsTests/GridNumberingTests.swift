import GridGeoCore
import GridGeoGrids
import Testing

@Test func rowsNorthToSouthThenWestToEast() {
    // Centroids of a 3 × 2 block of grids, 100 m apart, listed in scrambled order; the north edge is at y = 200.
    let centroids = [m(250, 50), m(50, 150), m(150, 50), m(250, 150), m(50, 50), m(150, 150)]
    let order = GridNumbering.order(of: centroids, northEdge: 200, rowHeight: 100)
    #expect(order.map { centroids[$0] } == [m(50, 150), m(150, 150), m(250, 150), m(50, 50), m(150, 50), m(250, 50)])
}

@Test func aSlightlyLowerCentroidStaysInItsRow() {
    // Rows are bands: 150 and 120 are both in the first 100 m band below y = 200.
    let centroids = [m(200, 150), m(100, 120)]
    #expect(GridNumbering.order(of: centroids, northEdge: 200, rowHeight: 100) == [1, 0])
}

@Test func codesHaveThreeDigitSequences() throws {
    #expect(try GridNumbering.code(prefix: "110101001001", sequence: 7) == "110101001001007")
    #expect(try GridNumbering.code(prefix: "110101001", sequence: 123) == "110101001123")
    #expect(throws: GridError.sequenceOverflow(prefix: "110101001001", count: 1_000)) {
        try GridNumbering.code(prefix: "110101001001", sequence: 1_000)
    }
    #expect(throws: GridError.malformedCode("11010100100x")) { try GridNumbering.code(prefix: "11010100100x", sequence: 1) }
}
