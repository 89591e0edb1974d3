import Testing
@testable import GridGeoRender

@Test func widthsCountGlyphsAndScale() {
    #expect(BitmapFont.width(of: "001", scale: 1) == 17)
    #expect(BitmapFont.width(of: "001", scale: 2) == 34)
    #expect(BitmapFont.width(of: "", scale: 1) == 0)
}

@Test func charactersWithoutGlyphsAreLeftOutWithTheirSpaces() {
    #expect(BitmapFont.glyphs(of: "东华门街道 001").count == 3)
    #expect(BitmapFont.glyphs(of: "A 示例 B").count == 3, "one space remains between A and B")
    #expect(BitmapFont.glyphs(of: "示例").isEmpty)
    #expect(BitmapFont.glyphs(of: "1–4") == BitmapFont.glyphs(of: "1-4"), "an en dash is drawn as a hyphen")
}

@Test func everyGlyphFitsItsCell() {
    let text = (0x21...0x7E).map { String(UnicodeScalar(UInt8($0))) }.joined()
    let glyphs = BitmapFont.glyphs(of: text).compactMap { $0 }
    #expect(glyphs.count == 26 * 2 + 10 + 16)
    for glyph in glyphs {
        #expect(glyph.count == 7 || glyph.count == 8)
        #expect(glyph.allSatisfy { $0 < 32 })
    }
}

@Test(arguments: [(9.0, 1), (12, 1), (16, 2), (22, 2), (30, 3), (2, 1)])
func scaleFollowsFontSize(size: Double, scale: Int) {
    #expect(BitmapFont.scale(forSize: size) == scale)
}
