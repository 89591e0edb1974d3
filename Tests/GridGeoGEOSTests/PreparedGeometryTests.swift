import GridGeoCore
import GridGeoGEOS
import Testing

@Test func preparedCoversIncludesTheBoundaryContainsDoesNot() throws {
    let cell = try GEOSContext().prepare(square) // the cell keeps its context alive
    #expect(try cell.covers(c(10, 5)))
    #expect(try !cell.contains(c(10, 5)))
    #expect(try cell.covers(c(5, 5)) && cell.contains(c(5, 5)))
    #expect(try !cell.covers(c(10.000001, 5)))
}

@Test func preparedTestsAgreeWithPlainOnes() throws {
    let geos = try GEOSContext()
    let cell = try geos.prepare(.polygon(holed))
    for x in stride(from: -1.0, through: 11, by: 0.5) {
        for y in stride(from: -1.0, through: 11, by: 0.5) {
            #expect(try cell.covers(c(x, y)) == geos.covers(.polygon(holed), .point(c(x, y))))
        }
    }
}
