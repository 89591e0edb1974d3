import Foundation
import GridGeoCore
import GridGeoGrids
import Testing

@Test func gridsAndCommunitiesRoundTripThroughJSON() throws {
    let grid = UnitGrid(code: "110101001001001", communityCode: "110101001001",
                        geometry: .polygon(rectangle(0, 0, 100, 100)), areaSquareMetres: 10_000)
    #expect(try JSONDecoder().decode(UnitGrid.self, from: JSONEncoder().encode(grid)) == grid)
    let community = Community(code: "110101001001", geometry: grid.geometry, isProvisional: true)
    #expect(try JSONDecoder().decode(Community.self, from: JSONEncoder().encode(community)) == community)
}
