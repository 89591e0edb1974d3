import Testing
@testable import GridGeoGeocoding

@Suite struct ChineseNumeralTests {
    @Test(arguments: [
        ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105), ("一百", 100),
        ("一百一十", 110), ("两千", 2000), ("两", 2), ("一〇五", 105), ("二三", 23), ("零", 0), ("三千零一", 3001),
        ("一百五", 150), ("壹拾贰", 12),
    ])
    func values(_ text: String, _ value: Int) {
        #expect(ChineseNumeral.value(of: text) == value)
    }

    @Test(arguments: ["", "百", "千", "十十", "二三十", "三里", "两三", "abc", "一二三四五六七八九一二三四"])
    func notNumerals(_ text: String) {
        #expect(ChineseNumeral.value(of: text) == nil)
    }

    @Test func numeralCharacters() {
        for scalar in "〇零一二两三四五六七八九十百千".unicodeScalars {
            #expect(ChineseNumeral.isNumeral(scalar.value))
        }
        #expect(!ChineseNumeral.isNumeral("号".unicodeScalars.first!.value))
        #expect(!ChineseNumeral.isNumeral("9".unicodeScalars.first!.value))
    }
}
