import Foundation
import GridGeoCore
import GridGeoGrids
import Testing

/// A 200 × 100 m community and two grids that tile it.
private let community = Community(code: "110101001009", geometry: .polygon(rectangle(0, 0, 200, 100)))

private func grid(_ sequence: String, _ shape: Polygon, code: String? = nil) -> UnitGrid {
    UnitGrid(code: code ?? community.code + sequence, communityCode: community.code, geometry: .polygon(shape),
             areaSquareMetres: 0)
}

private let west = grid("001", rectangle(0, 0, 100, 100))
private let east = grid("002", rectangle(100, 0, 200, 100))

private func validate(_ grids: [UnitGrid]) throws -> ValidationReport {
    try GridValidator().validate(communities: [community], grids: grids, frame: testFrame)
}

/// The location in metres, to compare with the drawing.
private func at(_ problem: GridProblem?) -> Coordinate? {
    problem?.location.map(testFrame.toMetres)
}

@Test func aCleanTilingHasNoProblem() throws {
    let report = try validate([west, east])
    #expect(report.isValid)
    #expect(report.communities.first?.gapSquareMetres ?? 1 < 0.01)
    #expect(report.gridCount == 2 && report.communityCount == 1)
}

@Test func builtGridsAreValid() throws {
    let grids = try GridBuilder().grids(for: squareCommunity, roads: crossRoads, frame: testFrame)
    let report = try GridValidator().validate(communities: [squareCommunity], grids: grids, frame: testFrame)
    #expect(report.isValid, "\(report.problems)")
}

@Test func aGapIsFoundWhereItIs() throws {
    let report = try validate([west, grid("002", rectangle(110, 0, 200, 100))])
    let gap = try #require(report.problems(.gap).first)
    #expect(abs((gap.areaSquareMetres ?? 0) - 1_000) < 0.01)
    let p = try #require(at(gap))
    #expect(p.x > 100 && p.x < 110)
}

@Test func anOverlapIsFoundWhereItIs() throws {
    let report = try validate([west, grid("002", rectangle(90, 0, 200, 100))])
    let overlap = try #require(report.problems(.overlap).first)
    #expect(overlap.gridCodes == [west.code, east.code])
    #expect(abs((overlap.areaSquareMetres ?? 0) - 1_000) < 0.01)
    let p = try #require(at(overlap))
    #expect(p.x > 90 && p.x < 100)
    #expect(report.maxOverlapSquareMetres > 999)
}

@Test func aGridCrossingTheBoundaryIsFound() throws {
    let report = try validate([west, grid("002", rectangle(100, 0, 220, 100))])
    let outside = try #require(report.problems(.outsideCommunity).first)
    #expect(outside.gridCodes == [east.code])
    #expect(abs((outside.areaSquareMetres ?? 0) - 2_000) < 0.01)
    #expect(try #require(at(outside)).x > 200)
}

@Test func badCodesAreFound() throws {
    let report = try validate([
        grid("", rectangle(0, 0, 100, 100), code: "11010100100900A"),
        grid("", rectangle(100, 0, 150, 100), code: "110101001002001"),
        grid("", rectangle(150, 0, 200, 50), code: "110101001009003"),
        grid("", rectangle(150, 50, 200, 100), code: "110101001009003"),
    ])
    #expect(report.problems(.malformedCode).map(\.gridCodes) == [["11010100100900A"]])
    #expect(report.problems(.codeOutsideCommunity).map(\.gridCodes) == [["110101001002001"]])
    #expect(report.problems(.duplicateCode).count == 2)
    #expect(report.problems(.malformedCode).first?.location != nil)
}

@Test func anInvalidRingIsFoundWithGEOSReason() throws {
    let bowTie = polygon([m(100, 0), m(200, 100), m(200, 0), m(100, 100)])
    let report = try validate([west, grid("002", bowTie)])
    let invalid = try #require(report.problems(.invalidGeometry).first)
    #expect(invalid.detail.contains("Self-intersection"))
    let p = try #require(at(invalid))
    #expect(abs(p.x - 150) < 0.01 && abs(p.y - 50) < 0.01)
}

@Test func aTJunctionIsFound() throws {
    let report = try validate([west, grid("002", rectangle(100, 0, 200, 50)), grid("003", rectangle(100, 50, 200, 100))])
    let junction = try #require(report.problems(.nonNodedEdge).first)
    let p = try #require(at(junction))
    #expect(abs(p.x - 100) < 0.01 && abs(p.y - 50) < 0.01)
    #expect(report.problems(.gap).isEmpty && report.problems(.overlap).isEmpty)
}

@Test func slivers() throws {
    let report = try validate([grid("001", rectangle(0, 0, 197, 100)), grid("002", rectangle(197, 0, 200, 100))])
    #expect(report.problems(.sliver).map(\.gridCodes) == [[community.code + "002"]])
}

@Test func aGridInNoCommunity() throws {
    let far = UnitGrid(code: "110101001099001", communityCode: "", geometry: .polygon(rectangle(1_000, 0, 1_100, 100)),
                       areaSquareMetres: 0)
    let report = try validate([west, east, far])
    #expect(report.problems(.unassigned).map(\.gridCodes) == [[far.code]])
}
