import Foundation
import GridGeoCore
import GridGeoGeocoder
import GridGeoGeocoding
import GridGeoIndex
import Testing

/// Hostile and random inputs for the parser and the geocoder.
enum HostileText {
    static let pieces: [String] = [
        "北京市", "东城区", "安定门街道", "净土胡同", "号", "号院", "甲", "乙", "附", "之", "-", "－", "、", "１６", "九",
        "十二", "单元", "层", "室", "路", "街", "胡同", "条", "社区", "附近", "对面", "（", "）", "，", "#", "A", "座",
        "东四十条", "国子监街", "北街", "劳动人民文化宫", "0", "99999999999999999999", " ", "\t", "😀", "👨‍👩‍👧",
        "\u{200B}", "\u{202E}", "\u{0301}", "\u{FFFD}", "\u{0}", "号号号", "。。。", "!!!", "丶", "𠀀",
    ]

    /// Fixed cases: empty, huge, invalid scalars, only digits, only punctuation, emoji, repeats.
    static let fixed: [String] = [
        "",
        String(repeating: "北京市东城区净土胡同9号", count: 700),            // ~10 KB
        String(repeating: "号", count: 10_000),
        String(repeating: "9", count: 10_000),
        "9" + String(repeating: "0", count: 400) + "号",
        String(repeating: "。，、；：？！", count: 500),
        String(repeating: "😀", count: 2_000),
        String(decoding: [0xFF, 0xFE, 0xE4, 0xBA, 0x41, 0xC0, 0x80, 0xED, 0xA0, 0x80] as [UInt8], as: UTF8.self),
        String(decoding: [0xD800, 0x5317, 0xDC00, 0xDBFF] as [UInt16], as: UTF16.self),   // lone surrogates
        String(repeating: "\u{0301}", count: 3_000),
        "净土胡同" + String(repeating: "-", count: 2_000) + "9号",
        "净土胡同" + String(repeating: "9-", count: 2_000) + "号",
        String(repeating: "甲", count: 2_000) + "1号",
        "净土胡同９９９９９９９９９９９９９９９９９９９９９号",
        "一二三四五六七八九十百千万亿零两〇" + "号",
        String(repeating: "东四十条", count: 1_000),
        "\u{0}\u{0}\u{0}",
        "\n\r\u{2028}",
    ]

    static func random(_ g: inout SplitMix64) -> String {
        switch Int.random(in: 0..<4, using: &g) {
        case 0:   // address-like pieces in random order
            return (0..<Int.random(in: 0..<24, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
        case 1:   // random scalars from the whole range (invalid values become U+FFFD)
            let values = (0..<Int.random(in: 0..<64, using: &g)).map { _ in UInt32.random(in: 0...0x10FFFF, using: &g) }
            return String(String.UnicodeScalarView(values.map { Unicode.Scalar($0) ?? "\u{FFFD}" }))
        case 2:   // random bytes decoded as UTF-8
            return String(decoding: (0..<Int.random(in: 0..<96, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) },
                          as: UTF8.self)
        default:  // random UTF-16 units, lone surrogates included
            return String(decoding: (0..<Int.random(in: 0..<48, using: &g)).map { _ in
                UInt16.random(in: 0xD700...0xDFFF, using: &g) | (Bool.random(using: &g) ? 0 : 0x2000)
            }, as: UTF16.self)
        }
    }
}

@Suite struct FuzzTests {
    let geocoder = fixtureGeocoder

    /// Every call answers, with a status that says what happened, and none hangs. The bound is a hang
    /// guard, not a speed test: calls take milliseconds, but CI runs suites side by side on 2 cores
    /// (a 1-second bound failed once under load).
    private func check(_ text: String) {
        let clock = ContinuousClock()
        let start = clock.now
        let parsed = geocoder.parser.parse(text)
        let r = geocoder.geocode(text)
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(10), "\(elapsed) for \(text.prefix(40))…")
        #expect(parsed.components.allSatisfy { $0.range.upperBound <= text.unicodeScalars.count })
        switch r.status {
        case .matched, .ambiguous:
            #expect(r.match != nil && (r.match!.confidence > 0 && r.match!.confidence <= 1))
            #expect(r.match!.position.isFinite)
        case .notFound, .outsideData, .invalidInput:
            #expect(r.match == nil && r.message != nil)
        }
        if !text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) { #expect(r.status == .invalidInput) }
    }

    @Test func hostileStrings() {
        for text in HostileText.fixed { check(text) }
    }

    @Test func randomStrings() {
        var g = SplitMix64(seed: 20_261_123)
        for _ in 0..<1_500 { check(HostileText.random(&g)) }
    }

    @Test func hostilePositions() {
        var g = SplitMix64(seed: 7)
        let fixed = [Coordinate(lon: .nan, lat: .nan), Coordinate(lon: .infinity, lat: 0), Coordinate(lon: -180, lat: -90),
                     Coordinate(lon: 180, lat: 90), Coordinate(lon: 1e300, lat: -1e300), Coordinate(lon: 116.4, lat: 39.945)]
        let random = (0..<2_000).map { _ in
            Coordinate(lon: Double.random(in: -200...200, using: &g), lat: Double.random(in: -100...100, using: &g))
        }
        for p in fixed + random {
            let r = geocoder.reverse(p, withinMetres: Double.random(in: -10...10_000, using: &g))
            #expect(r.status == .invalidInput || (p.isFinite && abs(p.lon) <= 180 && abs(p.lat) <= 90))
            if r.status == .outside { #expect(r.address == nil) }
        }
    }
}
