import Testing
@testable import GridGeoShapefile

/// Chinese text with two characters GBK lacks but GB18030 has: 㘵 (U+3635, CJK Ext. A, four bytes in
/// GB18030) and 䶮 (U+4DAE, as in 刘䶮; two bytes FE 9F in glibc's GB18030).
let rareName = "㘵䶮胡同"

@Test(arguments: [
    ("GBK", TextEncoding.gb18030), ("gbk", .gb18030), ("CP936", .gb18030), ("936", .gb18030),
    ("GB2312", .gb18030), ("GB18030", .gb18030), (" GBK\r\n", .gb18030), ("\u{FEFF}GBK", .gb18030),
    ("UTF-8", .utf8), ("utf8", .utf8), ("65001", .utf8),
    ("BIG5", .big5), ("1252", .windows1252), ("88591", .latin1), ("ISO-8859-1", .latin1),
])
func labels(_ label: String, _ expected: TextEncoding) {
    #expect(TextEncoding(label: label) == expected)
}

@Test(arguments: ["", "ANSI", "System", "no-such-charset", "99999"])
func unusableLabels(_ label: String) {
    #expect(TextEncoding(label: label) == nil)
}

@Test func iconvNamesAreChecked() {
    #expect(TextEncoding(iconvName: "CP950") != nil)
    #expect(TextEncoding(iconvName: "KLINGON") == nil)
}

@Test(arguments: [
    (UInt8(0x4D), 936), (0x7A, 936), (0x4E, 949), (0x4F, 950), (0x78, 950), (0x03, 1252), (0x01, 437), (0xC9, 1251),
])
func languageDriverCodePages(_ ldid: UInt8, _ page: Int) {
    #expect(TextEncoding.codePage(languageDriver: ldid) == page)
    #expect(TextEncoding(languageDriver: ldid) == TextEncoding(codePage: page))
}

@Test func languageDriversThatDeclareNothing() {
    #expect(TextEncoding(languageDriver: 0x00) == nil)      // none
    #expect(TextEncoding(languageDriver: 0x57) == nil)      // the writer's current ANSI page
    #expect(TextEncoding(languageDriver: 0xFF) == nil)      // not in the table
    #expect(TextEncoding(languageDriver: 0x4D) == .gb18030)
}

@Test func gbkLacksRareCharactersThatGB18030Has() throws {
    let gbk = try #require(TextEncoding(iconvName: "GBK"))
    #expect(gbk.encode("㘵") == nil)
    #expect(gbk.encode("䶮") == nil)
    #expect(gbk.encode("胡同") == [0xBA, 0xFA, 0xCD, 0xAC])
    #expect(TextEncoding.gb18030.encode("㘵") == [0x82, 0x30, 0xA8, 0x39])
    #expect(TextEncoding.gb18030.encode("䶮") == [0xFE, 0x9F])
    // GBK's decoder rejects GB18030's bytes for 䶮; reading GBK labels as GB18030 keeps it.
    #expect(gbk.decode([0xFE, 0x9F]) == nil)
}

@Test(arguments: ["东华门街道", rareName, "ASCII only", "全角１６号", ""])
func gb18030RoundTrip(_ text: String) throws {
    let bytes = try #require(TextEncoding.gb18030.encode(text))
    #expect(TextEncoding.gb18030.decode(bytes) == text)
}

@Test func gbkBytesDecodeAsGB18030() throws {
    let gbk = try #require(TextEncoding(iconvName: "GBK"))
    let bytes = try #require(gbk.encode("东城区景山街道"))
    #expect(TextEncoding.gb18030.decode(bytes) == "东城区景山街道")
}

@Test func strictUTF8() {
    #expect(TextEncoding.utf8.decode(Array("街道".utf8)) == "街道")
    #expect(TextEncoding.utf8.decode([0xBD, 0xD6, 0xB5, 0xC0]) == nil)          // 街道 in GBK
    #expect(TextEncoding.utf8.decode([0xC0, 0x80]) == nil)                       // overlong NUL
    #expect(TextEncoding.utf8.decode([0xED, 0xA0, 0x80]) == nil)                 // surrogate
    #expect(TextEncoding.utf8.decode([0xF4, 0x90, 0x80, 0x80]) == nil)           // above U+10FFFF (glibc lets it through)
}

@Test func characterCutAtTheEndIsDropped() {
    // A writer truncating 街道 to 5 bytes leaves half a character.
    #expect(TextEncoding.utf8.decode(Array("街道".utf8.prefix(5))) == "街")
    #expect(TextEncoding.gb18030.decode([0xBD, 0xD6, 0xB5]) == "街")
}

@Test func longTextCrossesConverterChunks() throws {
    let text = String(repeating: "东城区安定门街道", count: 2_000)
    let bytes = try #require(TextEncoding.gb18030.encode(text))
    #expect(TextEncoding.gb18030.decode(bytes) == text)
}

@Test func latin1AndBig5() {
    #expect(TextEncoding.latin1.decode([0x4D, 0xFC, 0x6E]) == "Mün")
    #expect(TextEncoding.big5.decode(TextEncoding.big5.encode("臺北市") ?? []) == "臺北市")
}
