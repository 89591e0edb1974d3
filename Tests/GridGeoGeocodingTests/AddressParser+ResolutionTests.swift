import Testing
@testable import GridGeoGeocoding

@Suite struct AddressParserResolutionTests {
    let parser = sharedParser

    @Test func parentsInferredFromTheDeepestDivision() throws {
        let address = parser.parse("安定门街道净土胡同9号")
        let divisions = address.divisions
        #expect(divisions.town?.entry.code == "110101004")
        #expect(divisions.town?.isExplicit == true)
        #expect(divisions.district?.entry.code == "110101")
        #expect(divisions.district?.isExplicit == false)
        #expect(divisions.city?.entry.code == "1101")
        #expect(divisions.province?.entry.code == "11")
    }

    @Test func consistentEntriesWin() throws {
        // 鼓楼区 exists in several cities; 南京市 picks the right one.
        let nanjing = parser.parse("江苏省南京市鼓楼区中山路")
        let district = try #require(nanjing.first(.district)?.place)
        #expect(district.entry.code == "320106")
        #expect(district.alternatives.isEmpty)
        let fuzhou = parser.parse("福建省福州市鼓楼区")
        #expect(fuzhou.first(.district)?.place?.entry.code == "350102")
    }

    @Test func ambiguityIsReported() throws {
        // 鼓楼区 alone: several cities, none in the home region.
        let place = try #require(parser.parse("鼓楼区中山路").first(.district)?.place)
        #expect(!place.alternatives.isEmpty)
    }

    @Test func formerNamesResolveToSuccessors() {
        let address = parser.parse("浙江省杭州市江干区下沙")
        #expect(address.divisions.district?.entry.name == "钱塘区")   // 下沙 lies in the 钱塘 part
        #expect(address.divisions.town?.entry.name == "下沙街道")
    }
}
