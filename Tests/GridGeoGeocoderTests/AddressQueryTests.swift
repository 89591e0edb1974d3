@testable import GridGeoGeocoder
import GridGeoGeocoding
import Testing

@Suite struct AddressQueryTests {
    let parser = fixtureGeocoder.parser

    @Test func roadsCarryTheirNumbers() throws {
        let q = AddressQuery(parser.parse("北京市东城区安定门街道净土胡同9号"))
        #expect(q.districtCode == "110101" && q.districtWritten)
        #expect(q.streetCode == "110101004")
        let road = try #require(q.roads.first)
        #expect(road.name == "净土胡同" && road.number?.numbers == [9])
    }

    @Test func theNumberedRoadComesFirst() {
        let q = AddressQuery(parser.parse("草厂七条胡同草厂七条12号"))
        #expect(q.roads.first?.number?.numbers == [12])
    }

    @Test func candidatesRunFromLongestToTheNameAlone() {
        let named = AddressQuery.Named(name: "三条", label: .road, number: nil, before: "交道口北")
        #expect(named.candidates == ["交道口北三条", "道口北三条", "口北三条", "北三条", "三条"])
    }

    @Test func aShortDistrictAloneIsNotTakenAsWritten() {
        // 兴隆 (a county in Hebei) starts the name of a housing estate here.
        let q = AddressQuery(parser.parse("兴隆都市馨园１"))
        #expect(!q.districtWritten)
    }

    @Test func doorsOfRangesAndLists() {
        #expect(HouseNumber(parsing: "17-19号")?.doors == [17, 19])
        #expect(HouseNumber(parsing: "60、76号")?.doors == [60, 76])
        #expect(HouseNumber(parsing: "甲16")?.plateText == "甲16号")
        #expect(HouseNumber(parsing: "12之3号")?.plateText == "12-3号")
    }
}
