import GridGeoCore
import GridGeoGEOS
@testable import GridGeoGrids
import Testing

@Test func roadsCutAZoneIntoBlocks() throws {
    let geos = try GEOSContext()
    let subdivision = try Subdivision(zones: [squareCommunity.geometry], roads: crossRoads, frame: testFrame,
                                      gridSize: 1e-6, snapDistance: 5, geos: geos)
    let blocks = subdivision.faces(inZone: 0)
    #expect(blocks.count == 4)
    #expect(blocks.allSatisfy { abs(subdivision.faces[$0].area - 40_000) < 1e-3 })
    #expect(subdivision.neighbours().filter { !$0.isEmpty }.count == 4)
}

@Test func aHoleBelongsToNoZone() throws {
    let geos = try GEOSContext()
    let subdivision = try Subdivision(zones: [holedCommunity.geometry], roads: [], frame: testFrame,
                                      gridSize: 1e-6, snapDistance: 5, geos: geos)
    #expect(subdivision.faces.count == 2)
    #expect(subdivision.zoneOf.sorted() == [-1, 0])
    #expect(abs(subdivision.zoneAreas[0] - 80_000) < 1e-3)
}

@Test func outlinesKeepInputVertices() throws {
    let geos = try GEOSContext()
    var subdivision = try Subdivision(zones: [squareCommunity.geometry], roads: crossRoads, frame: testFrame,
                                      gridSize: 1e-6, snapDistance: 5, geos: geos)
    try subdivision.add(cuts: [LineString([m(0, 100), m(400, 100)].map { $0 })], geos: geos)
    #expect(subdivision.faces(inZone: 0).count == 6)
    // Everything in one group: the outline is the community itself, corners unchanged.
    let outlines = subdivision.outlines(groupOf: subdivision.faces.indices.map { _ in 0 })
    let polygons = subdivision.polygons(fromRings: try #require(outlines[0]))
    #expect(polygons.count == 1 && polygons[0].holes.isEmpty)
    let lonLat = subdivision.lonLatPolygon(polygons[0])
    // Within the noding grid (1 µm ≈ 1e-11°) of the input corners.
    for corner in squareCommunity.geometry.allCoordinates {
        #expect(lonLat.exterior.coordinates.contains { abs($0.lon - corner.lon) < 1e-10 && abs($0.lat - corner.lat) < 1e-10 })
    }
}

@Test func roadsAlongTheBoundaryLeaveNoSliver() throws {
    let geos = try GEOSContext()
    let alongside = [road(m(-20, 3), m(420, 2))] + crossRoads
    let subdivision = try Subdivision(zones: [squareCommunity.geometry], roads: alongside, frame: testFrame,
                                      gridSize: 1e-6, snapDistance: 5, geos: geos)
    #expect(subdivision.faces(inZone: 0).allSatisfy { subdivision.faces[$0].area > 1 })
}
