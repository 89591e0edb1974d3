import GridGeoCore
import GridGeoGEOS
import Testing

/// The outline of the 2 × 1 rectangle as noded edges, and the divider at x = 1.
let halves: [LineString] = [
    LineString([c(0, 0), c(1, 0)]), LineString([c(1, 0), c(2, 0), c(2, 1), c(1, 1)]),
    LineString([c(1, 1), c(0, 1), c(0, 0)]), LineString([c(1, 0), c(1, 1)]),
]

@Test func polygonizeNodedLines() throws {
    let geos = try GEOSContext()
    let polygons = try geos.polygonize(halves)
    #expect(polygons.count == 2)
    #expect(polygons.allSatisfy { $0.planarArea == 1 })
}

@Test func nodeThenPolygonizeCutsACellByARoad() throws {
    let geos = try GEOSContext()
    // A cell outline and a road crossing it; neither is split where they meet.
    let outline = LineString(rectangle(0, 0, 2, 1).exterior.coordinates)
    let road = LineString([c(1, -1), c(1, 2)])
    #expect(try geos.polygonize([outline, road]).count == 1)
    let noded = try geos.node([outline, road])
    #expect(noded.count > 2)
    let cells = try geos.polygonize(noded)
    #expect(cells.count == 2)
    #expect(cells.map(\.planarArea) == [1, 1])
}
