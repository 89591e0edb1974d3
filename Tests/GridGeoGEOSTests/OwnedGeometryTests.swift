import GridGeoCore
@testable import GridGeoGEOS
import Testing

let holed = Polygon(exterior: rectangle(0, 0, 10, 10).exterior, holes: [rectangle(2, 2, 4, 4).exterior.reversed])

let everyKind: [Geometry] = [
    .point(c(116.404, 39.915)),
    .multiPoint([c(1, 2), c(3, 4)]),
    .lineString(LineString([c(0, 0), c(1, 1), c(2, 0)])),
    .multiLineString([LineString([c(0, 0), c(1, 1)]), LineString([c(5, 5), c(6, 5)])]),
    .polygon(holed),
    .multiPolygon([holed, Polygon(exterior: Ring([c(20, 20), c(21, 20), c(21, 21)]))]),
    .collection([.point(c(1, 1)), .polygon(holed), .collection([.lineString(LineString([c(0, 0), c(0.1, 0.3)]))])]),
    .collection([]),
]

@Test(arguments: everyKind)
func roundTripThroughGEOSIsExact(_ geometry: Geometry) throws {
    let geos = try GEOSContext()
    #expect(try geos.core(geos.own(geometry)) == geometry)
}

@Test func pointCoordinates() throws {
    let geos = try GEOSContext()
    #expect(try geos.coordinate(geos.own(.point(c(1.5, -2)))) == c(1.5, -2))
    #expect(try geos.centroid(.multiPoint([])) == nil)
}
