import Foundation
import GridGeoCore
import GridGeoGrids
import Testing

private let problems = [
    GridProblem(kind: .gap, location: Coordinate(lon: 116.4, lat: 39.9), gridCodes: [], communityCode: "110101001001",
                areaSquareMetres: 12.5, detail: "not covered"),
    GridProblem(kind: .sliver, location: nil, gridCodes: ["110101001001003"], communityCode: nil,
                areaSquareMetres: 300, detail: "small"),
    GridProblem(kind: .gap, location: nil, gridCodes: [], communityCode: "110101001002", areaSquareMetres: 1, detail: ""),
]

@Test func countsByKind() {
    let report = ValidationReport(gridCount: 3, communityCount: 2, problems: problems, communities: [],
                                  maxGapSquareMetres: 12.5, maxOverlapSquareMetres: 0)
    #expect(report.counts == ["gap": 2, "sliver": 1])
    #expect(report.problems(.gap).count == 2)
    #expect(!report.isValid)
}

@Test func reportRoundTripsThroughJSON() throws {
    let report = ValidationReport(gridCount: 3, communityCount: 2, problems: problems,
                                  communities: [CommunityCoverage(communityCode: "110101001001", gridCount: 3,
                                                                  gapSquareMetres: 12.5, overlapSquareMetres: 0,
                                                                  outsideSquareMetres: 0)],
                                  maxGapSquareMetres: 12.5, maxOverlapSquareMetres: 0)
    let json = try JSONEncoder().encode(report)
    #expect(try JSONDecoder().decode(ValidationReport.self, from: json) == report)
    #expect(String(decoding: json, as: UTF8.self).contains("\"kind\":\"gap\""))
}
