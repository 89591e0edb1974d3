import Testing
@testable import GridGeoGeocoding

@Suite struct HouseNumberTests {
    @Test func single() throws {
        let number = try #require(HouseNumber(parsing: "9号"))
        #expect(number.numbers == [9])
        #expect(number.unit == "号")
        #expect(number.prefix == nil)
        #expect(number.contains(9))
        #expect(!number.contains(8))
    }

    @Test(arguments: [("甲１６", "甲", 16), ("乙3号", "乙", 3), ("附12号", "附", 12), ("临5号", "临", 5), ("丙九号", "丙", 9)])
    func prefixes(_ text: String, _ prefix: String, _ value: Int) throws {
        let number = try #require(HouseNumber(parsing: text))
        #expect(number.prefix == prefix)
        #expect(number.numbers == [value])
    }

    @Test func rangeKeepsBothEnds() throws {
        let number = try #require(HouseNumber(parsing: "４－２２号"))
        #expect(number.range == 4...22)
        #expect(number.numbers == [4, 22])
        #expect(number.contains(4) && number.contains(22) && number.contains(10))
        #expect(!number.contains(23))
        #expect(number.description == "4-22号")
    }

    @Test func subNumbers() throws {
        let zhi = try #require(HouseNumber(parsing: "12之3号"))
        #expect(zhi.numbers == [12])
        #expect(zhi.sub == 3)
        #expect(zhi.range == nil)
        let dash = try #require(HouseNumber(parsing: "2648-117号"))
        #expect(dash.numbers == [2648])
        #expect(dash.sub == 117)
    }

    @Test func lists() throws {
        let number = try #require(HouseNumber(parsing: "60、76号"))
        #expect(number.numbers == [60, 76])
        #expect(number.range == nil)
        #expect(number.contains(76) && !number.contains(70))
        #expect(number.description == "60、76号")
        #expect(try #require(HouseNumber(parsing: "13、14、15号")).numbers == [13, 14, 15])
    }

    @Test func lettersAndChineseNumerals() throws {
        let building = try #require(HouseNumber(parsing: "B座"))
        #expect(building.numbers.isEmpty)
        #expect(building.letter == "B")
        #expect(building.unit == "座")
        let suffixed = try #require(HouseNumber(parsing: "35A"))
        #expect(suffixed.numbers == [35])
        #expect(suffixed.letter == "A")
        #expect(try #require(HouseNumber(parsing: "二十三号楼")).numbers == [23])
        #expect(try #require(HouseNumber(parsing: "二单元")).unit == "单元")
        #expect(try #require(HouseNumber(parsing: "一〇五室")).description == "105室")
    }

    @Test func basements() throws {
        let floor = try #require(HouseNumber(parsing: "地下一层"))
        #expect(floor.prefix == "地下")
        #expect(floor.numbers == [-1])
        #expect(floor.description == "地下1层")
        #expect(try #require(HouseNumber(parsing: "负2楼")).numbers == [-2])
    }

    @Test(arguments: ["", "号", "东门", "附近"])
    func notNumbers(_ text: String) {
        #expect(HouseNumber(parsing: text) == nil)
    }
}
