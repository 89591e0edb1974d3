import Foundation
import GridGeoCore
import GridGeoGEOS
import GridGeoGrids
import Testing

/// A 600 m square street with a road grid every 100 m.
private let street = Geometry.polygon(rectangle(0, 0, 600, 600))
private let streetRoads: [LineString] = stride(from: 100.0, to: 600, by: 100).flatMap { v in
    [road(m(-10, v), m(610, v)), road(m(v, -10), m(v, 610))]
}

private func expectTiling(_ parts: [DraftedPart], of region: Geometry, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let asCommunity = Community(code: "110101001000", geometry: region)
    let grids = parts.enumerated().map { i, p in
        UnitGrid(code: "110101001000\(i)", communityCode: asCommunity.code, geometry: p.geometry, areaSquareMetres: p.areaSquareMetres)
    }
    try expectExactTiling(grids, of: asCommunity, sourceLocation: sourceLocation)
}

@Test(arguments: [2, 3, 4, 6, 9])
func equalPartsAlongRoads(_ count: Int) throws {
    let parts = try Partitioner().draftParts(of: street, count: count, roads: streetRoads, frame: testFrame)
    #expect(parts.count == count)
    try expectTiling(parts, of: street)
    let mean = 360_000 / Double(count)
    #expect(parts.allSatisfy { abs($0.areaSquareMetres - mean) / mean < 0.15 })
    #expect(parts.allSatisfy { $0.isDrafted })
    #expect(parts.allSatisfy { $0.geometry.polygons.count == 1 })
}

@Test func partsWithoutRoadsAreBalanced() throws {
    let parts = try Partitioner().draftParts(of: lCommunity.geometry, count: 5, roads: [], frame: testFrame)
    try expectTiling(parts, of: lCommunity.geometry)
    let mean = 67_500 / 5.0
    #expect(parts.allSatisfy { abs($0.areaSquareMetres - mean) / mean < 0.1 })
}

@Test func areaSharesAreHonoured() throws {
    let parts = try Partitioner().draftParts(of: street, areaShares: [1, 2, 3], roads: streetRoads, frame: testFrame)
    try expectTiling(parts, of: street)
    for part in parts {
        let wanted = 360_000 * Double(part.shareIndex + 1) / 6
        #expect(abs(part.areaSquareMetres - wanted) / wanted < 0.1)
    }
    #expect(Set(parts.map(\.shareIndex)) == [0, 1, 2])
}

@Test func draftedCommunitiesHaveProvisionalCodesInOrder() throws {
    let communities = try Partitioner().draftCommunities(streetCode: "110101009", boundary: street, count: 4,
                                                         roads: streetRoads, frame: testFrame)
    #expect(communities.map(\.code) == ["110101009001", "110101009002", "110101009003", "110101009004"])
    #expect(communities.allSatisfy { $0.isProvisional })
    // North-west first, south-east last.
    let centres = communities.map { testFrame.toMetres($0.geometry.boundingBox.center) }
    #expect(centres[0].y > centres[3].y)
    #expect(centres[0].x < centres[1].x)
    // Grids of the drafted communities tile each of them.
    let grids = try GridBuilder().grids(for: communities, roads: streetRoads, frame: testFrame)
    for c in communities { try expectExactTiling(grids.filter { $0.communityCode == c.code }, of: c) }
}

@Test func sameInputSameDraft() throws {
    let a = try Partitioner().draftParts(of: street, count: 5, roads: streetRoads)
    let b = try Partitioner().draftParts(of: street, count: 5, roads: streetRoads)
    #expect(a == b)
}

@Test func badRequestsAreRefused() {
    #expect(throws: GridError.self) { try Partitioner().draftParts(of: street, count: 0, roads: []) }
    #expect(throws: GridError.malformedCode("1101010")) {
        try Partitioner().draftCommunities(streetCode: "1101010", boundary: street, count: 2, roads: [])
    }
}

/// The SampleData district boundary (redistributable) drafted into its 17 streets, then one street
/// into communities and unit grids, with no roads: the whole chain on real outlines.
@Test func draftsTheSampleDistrictIntoStreetsCommunitiesAndGrids() throws {
    struct Named: Codable, Hashable, Sendable { var name: String? }
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData/dongcheng_district.geojson")
    let district = try #require(try JSONDecoder().decode(FeatureCollection<Named>.self, from: Data(contentsOf: file))
        .features.first?.geometry)
    let frame = LocalFrame(around: district.boundingBox)
    let streets = try Partitioner().draftParts(of: district, count: 17, roads: [], frame: frame)
    #expect(streets.count == 17)
    let total = streets.map(\.areaSquareMetres).reduce(0, +)
    #expect(total > 40e6 && total < 44e6)
    #expect(streets.allSatisfy { abs($0.areaSquareMetres / (total / 17) - 1) < 0.05 })

    let communities = try Partitioner().draftCommunities(streetCode: "110101001", boundary: streets[0].geometry,
                                                         count: 10, roads: [], frame: frame)
    let grids = try GridBuilder().grids(for: communities, roads: [], frame: frame)
    let report = try GridValidator().validate(communities: communities, grids: grids, frame: frame)
    #expect(report.maxGapSquareMetres <= 0.01 && report.maxOverlapSquareMetres <= 0.01)
    #expect(report.problems.isEmpty, "\(report.counts)")
    let areas = grids.map(\.areaSquareMetres).sorted()
    #expect(areas[areas.count / 2] > 8_000 && areas[areas.count / 2] < 12_000)
}
