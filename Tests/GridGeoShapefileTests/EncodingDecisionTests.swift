import Testing
import GridGeoShapefile

/// A detector that must not be called.
private func noDetection() -> (encoding: TextEncoding, reason: String) {
    Issue.record("detection ran although an encoding was declared")
    return (.utf8, "")
}

@Test func flagBeatsEverything() {
    let d = EncodingDecision.decide(override: .utf8, cpgValue: "GBK", ldidByte: 0x4D, detect: noDetection)
    #expect(d.encoding == .utf8)
    #expect(d.source == .flag)
    #expect(d.cpgValue == "GBK")
    #expect(d.ldidByte == 0x4D)
    #expect(d.disagreement?.contains("overrides .cpg \"GBK\"") == true)
}

@Test func cpgBeatsLanguageDriverAndReportsTheConflict() throws {
    let d = EncodingDecision.decide(override: nil, cpgValue: "UTF-8", ldidByte: 0x4D, detect: noDetection)
    #expect(d.encoding == .utf8)
    #expect(d.source == .cpg)
    let disagreement = try #require(d.disagreement)
    #expect(disagreement.contains(".cpg \"UTF-8\""))
    #expect(disagreement.contains("LDID 0x4D (code page 936)"))
}

@Test func agreeingDeclarationsAreNoDisagreement() {
    let d = EncodingDecision.decide(override: nil, cpgValue: "GBK", ldidByte: 0x4D, detect: noDetection)
    #expect(d.encoding == .gb18030)
    #expect(d.source == .cpg)
    #expect(d.disagreement == nil)
    // Overriding with what the file declares is no conflict either.
    #expect(EncodingDecision.decide(override: .gb18030, cpgValue: "936", ldidByte: 0x7A, detect: noDetection).disagreement == nil)
}

@Test func languageDriverWithoutCPG() {
    let d = EncodingDecision.decide(override: nil, cpgValue: nil, ldidByte: 0x4D, detect: noDetection)
    #expect(d.encoding == .gb18030)
    #expect(d.source == .languageDriver)
    #expect(d.reason == "no .cpg; LDID 0x4D (code page 936) names GB18030")
}

@Test func unusableCPGFallsThroughToTheLanguageDriver() {
    let d = EncodingDecision.decide(override: nil, cpgValue: "ANSI", ldidByte: 0x4D, detect: noDetection)
    #expect(d.source == .languageDriver)
    #expect(d.cpgValue == "ANSI")
    #expect(d.reason.contains(".cpg \"ANSI\" is not an encoding iconv knows"))
}

@Test(arguments: [UInt8(0x00), 0x57, 0xFE])
func undeclaredEncodingIsDetected(_ ldid: UInt8) {
    let d = EncodingDecision.decide(override: nil, cpgValue: nil, ldidByte: ldid) { (.gb18030, "detected: test") }
    #expect(d.source == .detected)
    #expect(d.encoding == .gb18030)
    #expect(d.reason.hasSuffix("detected: test"))
    #expect(d.disagreement == nil)
}

@Test func detectionPrefersStrictUTF8() {
    let utf8 = EncodingDecision.detect([Array("NAME".utf8), Array("东华门街道".utf8), Array("胡同".utf8)])
    #expect(utf8.encoding == .utf8)
    #expect(utf8.reason.contains("all 2 non-ASCII values are valid UTF-8"))
}

@Test func detectionFallsBackToGB18030() {
    let gbk = TextEncoding.gb18030.encode("东华门街道")!
    let result = EncodingDecision.detect([Array("ASCII".utf8), gbk, Array("胡同".utf8)])
    #expect(result.encoding == .gb18030)
    #expect(result.reason.contains("1 of 2 non-ASCII values are not valid UTF-8"))
    #expect(result.reason.contains("first starts B6 AB"))
}

@Test func detectionOfPureASCII() {
    let result = EncodingDecision.detect([Array("ROAD".utf8), []])
    #expect(result.encoding == .utf8)
    #expect(result.reason.contains("ASCII"))
}

@Test func detectionSaysWhenNothingFits() {
    let result = EncodingDecision.detect([[0xFF, 0xFF, 0xFF]])
    #expect(result.encoding == .gb18030)
    #expect(result.reason.contains("1 are not valid GB18030 either"))
}
