import Testing
@testable import GridGeoGeocoding

@Suite struct VocabularyTests {
    private func categories(_ word: String) -> Vocabulary.Category? {
        Vocabulary.lexicon.trie.value(for: word.unicodeScalars.map(\.value)).map { Vocabulary.lexicon.categories[Int($0)] }
    }

    @Test func wordsCarryTheirCategories() {
        #expect(categories("胡同")?.contains(.roadSuffix) == true)
        #expect(categories("街道")?.contains(.townSuffix) == true)
        #expect(categories("单元")?.contains(.entranceUnit) == true)
        #expect(categories("号楼")?.contains(.buildingUnit) == true)
        #expect(categories("附近")?.contains(.assistWord) == true)
        #expect(categories("大厦")?.contains(.poiKeyword) == true)
        #expect(categories("电联")?.contains(.noiseWord) == true)
        #expect(categories("路口")?.contains(.crossing) == true)
        #expect(categories("不存在的词") == nil)
    }

    @Test func numberSlotUnits() {
        let text = "号院单元楼".unicodeScalars.map(\.value)
        #expect(Vocabulary.numberSlotUnitLength(text, at: 0) == 2)   // 号院
        #expect(Vocabulary.numberSlotUnitLength(text, at: 2) == 2)   // 单元
        #expect(Vocabulary.numberSlotUnitLength(text, at: 4) == 0)   // 楼 is ambiguous
    }

    @Test func scalarSets() {
        let set = ScalarSet("东西-")
        #expect(set.contains("东".unicodeScalars.first!.value))
        #expect(set.contains(0x2D))
        #expect(!set.contains("南".unicodeScalars.first!.value))
        #expect(!set.contains(0x1F600))
        #expect(Vocabulary.isHan("京".unicodeScalars.first!.value))
        #expect(!Vocabulary.isHan(0x41))
        #expect(Vocabulary.isAlphanumeric(0x39) && Vocabulary.isAlphanumeric(0x5A))
    }
}
