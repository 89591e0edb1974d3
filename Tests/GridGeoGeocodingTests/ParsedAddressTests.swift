import Testing
@testable import GridGeoGeocoding

@Suite struct ParsedAddressTests {
    let parser = sharedParser

    @Test func accessors() throws {
        let address = parser.parse("北京市东城区安定门街道净土胡同9号")
        #expect(address[.district] == "东城区")
        #expect(address.first(.roadno)?.number?.numbers == [9])
        #expect(address.components(.city).count == 1)
        #expect(address[.poi] == nil)
        #expect(address.divisions.deepest?.entry.name == "安定门街道")
    }

    @Test func componentsCoverTheInputInOrder() {
        let input = "上海市 黄浦区 瞿溪路１０３２弄３号１０３"
        let address = parser.parse(input)
        var position = 0
        for component in address.components {
            #expect(component.range.lowerBound >= position)
            position = component.range.upperBound
        }
        let covered = address.components.map(\.text).joined()
        #expect(covered.replacingOccurrences(of: " ", with: "") == input.replacingOccurrences(of: " ", with: ""))
        #expect(!address.isTruncated)
    }

    @Test func textIsAsTypedNormalizedIsFolded() throws {
        let address = parser.parse("珠市口东大街甲１６")
        let number = try #require(address.first(.roadno))
        #expect(number.text == "甲１６")
        #expect(number.normalized == "甲16")
        #expect(address.normalized == "珠市口东大街甲16")
    }
}

/// One parser for the whole test target: the national gazetteer loads once.
let sharedParser = AddressParser()
