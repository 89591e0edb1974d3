import Foundation
import GridGeoCore
import GridGeoGEOS
import GridGeoGrids
import Testing

@Test func squareWithCrossRoadsGivesSixteenGrids() throws {
    let grids = try GridBuilder().grids(for: squareCommunity, roads: crossRoads, frame: testFrame)
    let areas = try expectExactTiling(grids, of: squareCommunity)
    expectCodes(grids, of: squareCommunity)
    #expect(grids.count == 16)
    #expect(areas.allSatisfy { abs($0 - 10_000) < 1 })
}

@Test func concaveLShape() throws {
    let grids = try GridBuilder().grids(for: lCommunity, roads: lRoads, frame: testFrame)
    let areas = try expectExactTiling(grids, of: lCommunity)
    expectCodes(grids, of: lCommunity)
    #expect(areas.allSatisfy { $0 > 5_000 && $0 < 20_000 })
}

@Test func polygonWithAHole() throws {
    let grids = try GridBuilder().grids(for: holedCommunity, roads: [], frame: testFrame)
    let areas = try expectExactTiling(grids, of: holedCommunity)
    expectCodes(grids, of: holedCommunity)
    #expect(grids.count == 8)
    #expect(areas.allSatisfy { $0 > 5_000 && $0 < 20_000 })
}

@Test func multiPartCommunityWithAnIslet() throws {
    let grids = try GridBuilder().grids(for: multiPartCommunity, roads: [], frame: testFrame)
    try expectExactTiling(grids, of: multiPartCommunity)
    expectCodes(grids, of: multiPartCommunity)
    // 30,000 m² per part gives 3 grids each; the 1,600 m² islet joins its nearest grid.
    #expect(grids.count == 6)
    #expect(grids.filter { $0.geometry.polygons.count == 2 }.count == 1)
}

@Test func communitySmallerThanAGridIsOneGrid() throws {
    let grids = try GridBuilder().grids(for: tinyCommunity, roads: crossRoads, frame: testFrame)
    try expectExactTiling(grids, of: tinyCommunity)
    #expect(grids.map(\.code) == ["110101001005001"])
}

@Test func sameInputGivesByteIdenticalOutput() throws {
    let roads = crossRoads + lRoads
    let first = try GridBuilder().grids(for: [squareCommunity], roads: roads)
    let second = try GridBuilder().grids(for: [squareCommunity], roads: roads.reversed())
    // Sorted keys: Foundation's JSONEncoder otherwise writes object members in hash order.
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    #expect(try encoder.encode(first) == encoder.encode(second))
}

@Test func neighbouringCommunitiesShareVertices() throws {
    let west = Community(code: "110101001006", geometry: .polygon(rectangle(0, 0, 200, 300)))
    let east = Community(code: "110101001007", geometry: .polygon(rectangle(200, 0, 450, 300)))
    let roads = [road(m(-10, 130), m(460, 170))]
    let grids = try GridBuilder().grids(for: [west, east], roads: roads, frame: testFrame)
    try expectExactTiling(grids.filter { $0.communityCode == west.code }, of: west)
    try expectExactTiling(grids.filter { $0.communityCode == east.code }, of: east)
    // Where the road crosses the shared boundary both sides have the same vertex.
    let vertices = grids.map { Set($0.geometry.allCoordinates) }
    let westSide = vertices[0..<grids.count(where: { $0.communityCode == west.code })].reduce(Set()) { $0.union($1) }
    let eastSide = vertices[grids.count(where: { $0.communityCode == west.code })...].reduce(Set()) { $0.union($1) }
    #expect(westSide.intersection(eastSide).count >= 3)
}

@Test func malformedCommunityCodeIsRefused() {
    let bad = Community(code: "11010100100", geometry: squareCommunity.geometry)
    #expect(throws: GridError.malformedCode("11010100100")) { try GridBuilder().grids(for: bad, roads: []) }
}
