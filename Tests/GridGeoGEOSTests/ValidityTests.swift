import GridGeoCore
import GridGeoGEOS
import Testing

@Test func bowTieIsInvalidAtItsCrossing() throws {
    let geos = try GEOSContext()
    #expect(try !geos.isValid(bowTie))
    let problem = try #require(try geos.validityProblem(bowTie))
    #expect(problem.reason.contains("Self-intersection"))
    #expect(problem.location == c(5, 5))
}

@Test func validGeometryHasNoProblem() throws {
    let geos = try GEOSContext()
    #expect(try geos.isValid(square))
    #expect(try geos.validityProblem(square) == nil)
}

@Test(arguments: MakeValidMethod.allCases)
func makeValidSplitsBowTie(_ method: MakeValidMethod) throws {
    let geos = try GEOSContext()
    let repaired = try geos.makeValid(bowTie, method: method)
    guard case .multiPolygon(let parts) = repaired else {
        Issue.record("expected a multipolygon, got \(repaired.typeName)")
        return
    }
    #expect(parts.count == 2)
    #expect(try geos.isValid(repaired))
    #expect(try geos.area(repaired) == 50)
}
