import Testing
@testable import GridGeoGeocoding

@Suite struct ParseSessionTests {
    private func session(_ text: String) -> ParseSession {
        var session = ParseSession(folded: FoldedText(text), gazetteer: .china, home: sharedParser.home,
                                   table: sharedParser.table)
        session.run()
        return session
    }

    @Test func findsVocabularyAndPlaces() {
        let s = session("北京市东城区安定门街道净土胡同9号")
        #expect(s.lex.contains { s.text[Int($0.start)..<Int($0.end)] == ArraySlice("胡同".unicodeScalars.map(\.value)) })
        #expect(s.hits.contains { $0.level == .district && $0.start == 3 && $0.end == 6 })
        #expect(!s.path.isEmpty)
    }

    @Test func supportFromParentsAndChildren() throws {
        let s = session("台州市黄岩区东城")
        let town = try #require(s.hits.first { $0.level == .town && $0.start == 6 })
        #expect(town.parentSupport)
        let district = try #require(s.hits.first { $0.level == .district && $0.start == 3 })
        #expect(district.childSupport && district.parentSupport)
    }

    @Test func repeatedUnitsAreDuplicates() throws {
        let s = session("浙江省杭州市浙江省杭州市西湖区")
        let provinces = s.hits.filter { $0.level == .province && $0.end - $0.start == 3 }
        #expect(provinces.count == 2)
        #expect(provinces.allSatisfy { $0.duplicate })
        #expect(provinces.filter(\.redundantPreferred).count == 1)
    }

    @Test func municipalityProvinceAndCityAreOneUnit() {
        let s = session("北京北京市")
        #expect(s.hits.contains { $0.duplicate })
    }

    @Test func alphanumericRunsAreNotSplit() {
        let s = session("A12B")
        #expect(s.splitsAlphanumericRun(1, 4))
        #expect(!s.splitsAlphanumericRun(0, 4))
    }

    @Test func numberComponentsNormalizeTheirNumerals() {
        #expect(ParseSession.normalizedNumberText(ArraySlice("十二单元".unicodeScalars.map(\.value))) == "12单元")
        #expect(ParseSession.normalizedNumberText(ArraySlice("甲16".unicodeScalars.map(\.value))) == "甲16")
    }
}
