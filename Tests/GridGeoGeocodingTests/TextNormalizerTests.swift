import Testing
@testable import GridGeoGeocoding

@Suite struct TextNormalizerTests {
    @Test func foldsFullWidthDigitsLettersAndDashes() {
        #expect(TextNormalizer.fold("珠市口东大街甲１６") == "珠市口东大街甲16")
        #expect(TextNormalizer.fold("４－２２号附近") == "4-22号附近")
        #expect(TextNormalizer.fold("Ａ座ｂ区") == "A座B区")
        #expect(TextNormalizer.fold("12—3号") == "12-3号")
    }

    @Test func removesWhitespaceOfEveryKind() {
        #expect(TextNormalizer.fold(" 北京市 东城区\t安定门\u{3000}街道\n") == "北京市东城区安定门街道")
        #expect(TextNormalizer.fold("\u{00A0}\u{200B}") == "")
    }

    @Test func simplifiesUnitCharacters() {
        #expect(TextNormalizer.fold("3號樓2單元5層") == "3号楼2单元5层")
    }

    @Test(arguments: [
        ("净土胡同九号", "净土胡同9号"),
        ("十二单元三室", "12单元3室"),
        ("甲１６", "甲16"),
        ("二十三号楼", "23号楼"),
        ("一〇五室", "105室"),
        ("上海市黄浦区瞿溪路一千零三十二弄", "上海市黄浦区瞿溪路1032弄"),
    ])
    func convertsNumeralsInNumberSlots(_ input: String, _ expected: String) {
        #expect(TextNormalizer.normalize(input) == expected)
    }

    @Test(arguments: ["东四十条", "三里屯", "十字坡", "二环路", "北新桥三条", "东三环中路", "五道口", "八宝山", "张三", "零售价", "两三个"])
    func namesSurvive(_ name: String) {
        #expect(TextNormalizer.normalize(name) == name)
        #expect(TextNormalizer.fold(name) == name)
    }

    @Test func foldedTextKeepsOriginsAndSpaces() {
        let folded = FoldedText("北京 东城")
        #expect(folded.scalars.count == 4)
        #expect(folded.origin == [0, 1, 3, 4])
        #expect(folded.spaceBefore == [false, false, true, false])
        #expect(folded.inputCount == 5)
    }
}
