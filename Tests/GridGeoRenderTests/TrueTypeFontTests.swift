import Foundation  // FileManager, to find the system font
import GridGeoIndex  // SplitMix64
import Testing
@testable import GridGeoRender

// A tiny font assembled here byte by byte, so every table the reader parses is known exactly, then the
// same font damaged in many ways, then the real CJK font the renderer will use.

// MARK: - Writing fonts

/// Big-endian bytes, as sfnt tables are written.
private struct Writer {
    var bytes: [UInt8] = []

    mutating func u8(_ v: Int) { bytes.append(UInt8(truncatingIfNeeded: v)) }
    mutating func u16(_ v: Int) { u8(v >> 8); u8(v) }
    mutating func u32(_ v: Int) { u16(v >> 16); u16(v) }
    mutating func tag(_ s: String) { bytes += Array(s.utf8) }
    /// F2Dot14, the composite scale format.
    mutating func f2Dot14(_ v: Double) { u16(Int((v * 16_384).rounded())) }
}

private typealias TablePoint = (x: Int, y: Int, on: Bool)

/// A simple glyph with its flags run-length coded and coordinates in the shortest form, so every
/// encoding branch (short/long, positive/negative, same, REPEAT) gets exercised.
private func simpleGlyph(_ contours: [[TablePoint]]) -> [UInt8] {
    var w = Writer()
    let points = contours.flatMap { $0 }
    w.u16(contours.count)
    w.u16(points.map(\.x).min() ?? 0); w.u16(points.map(\.y).min() ?? 0)
    w.u16(points.map(\.x).max() ?? 0); w.u16(points.map(\.y).max() ?? 0)
    var end = -1
    for contour in contours { end += contour.count; w.u16(end) }
    w.u16(0)   // instructionLength
    var flags: [UInt8] = [], xs = Writer(), ys = Writer()
    var previous = (x: 0, y: 0)
    for p in points {
        var flag: UInt8 = p.on ? 0x01 : 0
        func encode(_ delta: Int, short: UInt8, same: UInt8, into out: inout Writer) {
            if delta == 0 { flag |= same } else if abs(delta) < 256 {
                flag |= short | (delta > 0 ? same : 0)
                out.u8(abs(delta))
            } else {
                out.u16(delta)
            }
        }
        encode(p.x - previous.x, short: 0x02, same: 0x10, into: &xs)
        encode(p.y - previous.y, short: 0x04, same: 0x20, into: &ys)
        flags.append(flag)
        previous = (p.x, p.y)
    }
    var i = 0
    while i < flags.count {
        var run = 0
        while i + run + 1 < flags.count, flags[i + run + 1] == flags[i], run < 255 { run += 1 }
        if run > 0 { w.u8(Int(flags[i] | 0x08)); w.u8(run) } else { w.u8(Int(flags[i])) }
        i += run + 1
    }
    return w.bytes + xs.bytes + ys.bytes
}

private struct ComponentSpec {
    var glyph: Int
    var arguments: (Int, Int)
    var words = false
    var xyValues = true
    /// Nothing, one scale, x and y scales, or xscale, scale01, scale10, yscale.
    var scale: [Double] = []
}

private func compositeGlyph(_ components: [ComponentSpec]) -> [UInt8] {
    var w = Writer()
    w.u16(0xFFFF)   // numberOfContours −1
    for _ in 0..<4 { w.u16(0) }
    for (i, c) in components.enumerated() {
        var flags = (c.words ? 0x0001 : 0) | (c.xyValues ? 0x0002 : 0) | (i < components.count - 1 ? 0x0020 : 0)
        flags |= [0: 0, 1: 0x0008, 2: 0x0040, 4: 0x0080][c.scale.count]!
        w.u16(flags)
        w.u16(c.glyph)
        if c.words { w.u16(c.arguments.0); w.u16(c.arguments.1) } else { w.u8(c.arguments.0); w.u8(c.arguments.1) }
        for s in c.scale { w.f2Dot14(s) }
    }
    return w.bytes
}

/// A cmap format 4 subtable from segments (start, end, idDelta, glyph ids for idRangeOffset or nil).
private func format4(_ segments: [(start: Int, end: Int, idDelta: Int, glyphIds: [Int]?)]) -> [UInt8] {
    let segCount = segments.count
    var w = Writer()
    w.u16(4); w.u16(0); w.u16(0)   // format, length (patched below), language
    w.u16(2 * segCount); w.u16(0); w.u16(0); w.u16(0)
    for s in segments { w.u16(s.end) }
    w.u16(0)   // reservedPad
    for s in segments { w.u16(s.start) }
    for s in segments { w.u16(s.idDelta) }
    var glyphIdArray: [Int] = []
    for (i, s) in segments.enumerated() {
        if let ids = s.glyphIds {
            // From this idRangeOffset entry to the segment's first id in glyphIdArray.
            w.u16(2 * (segCount - i) + 2 * glyphIdArray.count)
            glyphIdArray += ids
        } else {
            w.u16(0)
        }
    }
    for id in glyphIdArray { w.u16(id) }
    w.bytes[2] = UInt8(w.bytes.count >> 8); w.bytes[3] = UInt8(w.bytes.count & 0xFF)
    return w.bytes
}

private func format12(_ groups: [(start: Int, end: Int, glyph: Int)]) -> [UInt8] {
    var w = Writer()
    w.u16(12); w.u16(0); w.u32(16 + 12 * groups.count); w.u32(0); w.u32(groups.count)
    for g in groups { w.u32(g.start); w.u32(g.end); w.u32(g.glyph) }
    return w.bytes
}

/// A cmap table from (platformID, encodingID, subtable) entries.
private func cmapTable(_ subtables: [(platform: Int, encoding: Int, bytes: [UInt8])]) -> [UInt8] {
    var w = Writer()
    w.u16(0); w.u16(subtables.count)
    var offset = 4 + 8 * subtables.count
    for s in subtables {
        w.u16(s.platform); w.u16(s.encoding); w.u32(offset)
        offset += s.bytes.count
    }
    for s in subtables { w.bytes += s.bytes }
    return w.bytes
}

/// ' ' → 4, 'A' → 1 by idDelta; 'B'…'G' → 2, 3, 5, 6, 7, 0 through glyphIdArray plus idDelta 1.
private let tinyFormat4 = format4([
    (0x20, 0x20, (4 - 0x20) & 0xFFFF, nil),
    (0x41, 0x41, (1 - 0x41) & 0xFFFF, nil),
    (0x42, 0x47, 1, [1, 2, 4, 5, 6, 0]),
    (0xFFFF, 0xFFFF, 1, nil),
])

private let square: [TablePoint] = [(100, 0, true), (100, 400, true), (500, 400, true), (500, 0, true)]
/// On, off, off, on: the two off-curve points imply an on-curve point at (200, 200).
private let bump: [TablePoint] = [(0, 0, true), (100, 200, false), (300, 200, false), (400, 0, true)]

/// The glyphs of the tiny font: 0 .notdef (empty), 1 square "A", 2 bump "B", 3 composite "C", 4 space,
/// 5 contours starting off-curve "D", 6 a composite that contains itself "E", 7 point-matched "F".
private let tinyGlyphs: [[UInt8]] = [
    [],
    simpleGlyph([square]),
    simpleGlyph([bump]),
    compositeGlyph([
        ComponentSpec(glyph: 1, arguments: (100, -50)),
        ComponentSpec(glyph: 1, arguments: (1000, 500), words: true, scale: [0.5]),
        ComponentSpec(glyph: 2, arguments: (0, 0), scale: [0, 1, -1, 0]),   // a quarter turn
        ComponentSpec(glyph: 1, arguments: (-1000, 0), words: true, scale: [1.5, 0.5]),
    ]),
    [],
    simpleGlyph([
        [(600, 0, false), (800, 0, false), (800, 200, false), (600, 200, false)],
        [(1000, 200, false), (1100, 0, true), (900, 0, true)],
    ]),
    compositeGlyph([ComponentSpec(glyph: 6, arguments: (10, 10))]),
    compositeGlyph([
        ComponentSpec(glyph: 1, arguments: (0, 0)),
        ComponentSpec(glyph: 1, arguments: (2, 0), xyValues: false),   // its point 0 onto point 2
    ]),
]

/// The tables of a font with `glyphs`; `omit` leaves one out.
private func tinyTables(glyphs: [[UInt8]] = tinyGlyphs, longLoca: Bool = false, ascender: Int = 800,
                        cmap: [UInt8] = cmapTable([(3, 1, tinyFormat4)]), omit: String? = nil) -> [(String, [UInt8])] {
    var head = Writer()
    head.u32(0x0001_0000); head.u32(0x0001_0000); head.u32(0); head.u32(0x5F0F_3CF5)
    head.u16(0); head.u16(1000)   // flags, unitsPerEm
    for _ in 0..<4 { head.u32(0) }   // created, modified
    head.u16(0); head.u16(0xFF38); head.u16(1100); head.u16(800)   // bbox
    head.u16(0); head.u16(8); head.u16(2); head.u16(longLoca ? 1 : 0); head.u16(0)

    var hhea = Writer()
    hhea.u32(0x0001_0000); hhea.u16(ascender); hhea.u16(-200); hhea.u16(90)
    for _ in 0..<12 { hhea.u16(0) }
    hhea.u16(3)   // numberOfHMetrics: glyphs 3 and up share the last advance

    var maxp = Writer()
    maxp.u32(0x0000_5000); maxp.u16(glyphs.count)

    var hmtx = Writer()
    for advance in [500, 600, 700] { hmtx.u16(advance); hmtx.u16(0) }
    for _ in 3..<glyphs.count { hmtx.u16(0) }

    var glyf: [UInt8] = [], loca = Writer()
    for glyph in glyphs {
        if longLoca { loca.u32(glyf.count) } else { loca.u16(glyf.count / 2) }
        glyf += glyph
        while glyf.count % 4 != 0 { glyf.append(0) }
    }
    if longLoca { loca.u32(glyf.count) } else { loca.u16(glyf.count / 2) }

    return [("cmap", cmap), ("glyf", glyf), ("head", head.bytes), ("hhea", hhea.bytes), ("hmtx", hmtx.bytes),
            ("loca", loca.bytes), ("maxp", maxp.bytes)].filter { $0.0 != omit }
}

/// A .ttf of one font, or a .ttc of several whose table offsets count from the start of the file.
private func fontFile(_ fonts: [[(String, [UInt8])]], collection: Bool = false) -> [UInt8] {
    let headerSize = collection ? 12 + 4 * fonts.count : 0
    var directoryOffsets: [Int] = [], offset = headerSize
    for tables in fonts { directoryOffsets.append(offset); offset += 12 + 16 * tables.count }
    var w = Writer(), data: [UInt8] = []
    if collection {
        w.tag("ttcf"); w.u32(0x0001_0000); w.u32(fonts.count)
        for o in directoryOffsets { w.u32(o) }
    }
    for tables in fonts {
        w.u32(0x0001_0000); w.u16(tables.count); w.u16(0); w.u16(0); w.u16(0)
        for (tag, bytes) in tables {
            w.tag(tag); w.u32(0); w.u32(offset + data.count); w.u32(bytes.count)
            data += bytes
            while data.count % 4 != 0 { data.append(0) }
        }
    }
    return w.bytes + data
}

private let tinyFont = fontFile([tinyTables()])

// MARK: - Checking outlines

private typealias Point = (x: Double, y: Double)

/// The distance from `p` to the quadratic Bézier p0, c, p1: the nearest of 1,000 samples, then refined
/// by ternary search around it.
private func distance(_ p: Point, toCurve p0: Point, _ c: Point, _ p1: Point) -> Double {
    func at(_ t: Double) -> Double {
        let u = 1 - t
        let x = u * u * p0.x + 2 * u * t * c.x + t * t * p1.x, y = u * u * p0.y + 2 * u * t * c.y + t * t * p1.y
        return ((x - p.x) * (x - p.x) + (y - p.y) * (y - p.y)).squareRoot()
    }
    let n = 1000.0
    let nearest = (0...Int(n)).min { at(Double($0) / n) < at(Double($1) / n) }!
    var low = max(0, Double(nearest - 1) / n), high = min(1, Double(nearest + 1) / n)
    for _ in 0..<60 {
        let m1 = low + (high - low) / 3, m2 = high - (high - low) / 3
        if at(m1) < at(m2) { high = m2 } else { low = m1 }
    }
    return at((low + high) / 2)
}

private func same(_ a: [Point], _ b: [Point]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0.x - $1.x) < 1e-9 && abs($0.y - $1.y) < 1e-9 }
}

/// Every flattened point on one of `curves`, and every segment's midpoint within `tolerance` of one.
private func follows(_ points: [Point], curves: [(Point, Point, Point)], tolerance: Double) -> Bool {
    func near(_ p: Point, _ within: Double) -> Bool {
        curves.contains { distance(p, toCurve: $0.0, $0.1, $0.2) <= within }
    }
    guard points.allSatisfy({ near($0, 1e-6) }) else { return false }
    return zip(points, points.dropFirst()).allSatisfy { a, b in near(((a.x + b.x) / 2, (a.y + b.y) / 2), tolerance) }
}

// MARK: - The tiny font

@Test func tinyFontMetricsAndCharacterMap() throws {
    let font = try TrueTypeFont(bytes: tinyFont)
    #expect(font.unitsPerEm == 1000)
    #expect(font.ascender == 800 && font.descender == -200 && font.lineGap == 90)
    #expect(font.numGlyphs == 8)
    let mapped: [Unicode.Scalar: Int] = [" ": 4, "A": 1, "B": 2, "C": 3, "D": 5, "E": 6, "F": 7, "G": 0]
    for (scalar, glyph) in mapped { #expect(font.glyph(for: scalar) == glyph, "\(scalar)") }
    for scalar: Unicode.Scalar in ["Z", "a", "@", "\u{0}", "\u{FFFF}", "东", "\u{1F600}"] {
        #expect(font.glyph(for: scalar) == 0, "\(scalar) is not in the font")
    }
    #expect((0..<8).map(font.advance(of:)) == [500, 600, 700, 700, 700, 700, 700, 700],
            "glyphs past numberOfHMetrics take the last advance")
    #expect(font.advance(of: 8) == 0 && font.advance(of: -1) == 0)
}

@Test(arguments: [false, true])
func squareComesOutExactly(longLoca: Bool) throws {
    let font = try TrueTypeFont(bytes: fontFile([tinyTables(longLoca: longLoca)]))
    let outline = font.outline(of: font.glyph(for: "A"))
    try #require(outline.count == 1)
    #expect(same(outline[0], [(100, 0), (100, 400), (500, 400), (500, 0)]), "\(outline)")
    #expect(font.advance(of: 1) == 600)
}

@Test func emptyGlyphsHaveNoContours() throws {
    let font = try TrueTypeFont(bytes: tinyFont)
    #expect(font.outline(of: font.glyph(for: " ")).isEmpty)
    #expect(font.outline(of: 0).isEmpty)
    #expect(font.outline(of: 8).isEmpty && font.outline(of: -1).isEmpty && font.outline(of: .max).isEmpty)
}

@Test func consecutiveOffCurvePointsImplyTheirMidpoint() throws {
    let font = try TrueTypeFont(bytes: tinyFont)
    let outline = font.outline(of: font.glyph(for: "B"))
    try #require(outline.count == 1)
    let points = outline[0]
    #expect(same(Array(points.prefix(1)), [(0, 0)]))
    #expect(same(Array(points.suffix(1)), [(400, 0)]), "the closing line back to (0, 0) is implicit")
    #expect(points.contains { $0 == (200, 200) }, "the implied on-curve point")
    #expect(points.count > 8, "curves are subdivided")
    #expect(follows(points, curves: [((0, 0), (100, 200), (200, 200)), ((200, 200), (300, 200), (400, 0))],
                    tolerance: 1000.0 / 256))
    // The points go along the curve: x increases from one end to the other.
    #expect(zip(points, points.dropFirst()).allSatisfy { $0.x < $1.x })
}

@Test func contoursMayStartOffCurve() throws {
    let font = try TrueTypeFont(bytes: tinyFont)
    let outline = font.outline(of: font.glyph(for: "D"))
    try #require(outline.count == 2)
    // Only off-curve points: a rounded square that starts between the last and first points.
    let round = outline[0]
    #expect(same(Array(round.prefix(1)), [(600, 100)]))
    for p: Point in [(700, 0), (800, 100), (700, 200)] { #expect(round.contains { $0 == p }, "\(p)") }
    #expect(follows(round, curves: [((600, 100), (600, 0), (700, 0)), ((700, 0), (800, 0), (800, 100)),
                                    ((800, 100), (800, 200), (700, 200)), ((700, 200), (600, 200), (600, 100))],
                    tolerance: 1000.0 / 256))
    // Off, on, on: starts at the first on-curve point and ends with the curve back to it.
    let arch = outline[1]
    #expect(same(Array(arch.prefix(2)), [(1100, 0), (900, 0)]))
    #expect(arch.count > 4)
    #expect(follows(Array(arch.dropFirst()), curves: [((900, 0), (1000, 200), (1100, 0))], tolerance: 1000.0 / 256))
}

@Test func compositesPlaceTheirComponents() throws {
    let font = try TrueTypeFont(bytes: tinyFont)
    let outline = font.outline(of: font.glyph(for: "C"))
    try #require(outline.count == 4)
    #expect(same(outline[0], [(200, -50), (200, 350), (600, 350), (600, -50)]), "byte offsets: \(outline[0])")
    #expect(same(outline[1], [(1050, 500), (1050, 700), (1250, 700), (1250, 500)]),
            "a scale of 0.5, word offsets left unscaled: \(outline[1])")
    #expect(same(outline[3], [(-850, 0), (-850, 200), (-250, 200), (-250, 0)]), "x scale 1.5, y scale 0.5: \(outline[3])")
    // The bump turned a quarter: (x, y) → (−y, x).
    let turned = outline[2]
    #expect(same(Array(turned.prefix(1)), [(0, 0)]) && same(Array(turned.suffix(1)), [(0, 400)]))
    #expect(turned.contains { $0 == (-200, 200) })
    #expect(follows(turned, curves: [((0, 0), (-200, 100), (-200, 200)), ((-200, 200), (-200, 300), (0, 400))],
                    tolerance: 1000.0 / 256))
}

@Test func pointMatchingMovesAComponentOntoAPoint() throws {
    let font = try TrueTypeFont(bytes: tinyFont)
    let outline = font.outline(of: font.glyph(for: "F"))
    try #require(outline.count == 2)
    #expect(same(outline[0], [(100, 0), (100, 400), (500, 400), (500, 0)]))
    #expect(same(outline[1], [(500, 400), (500, 800), (900, 800), (900, 400)]), "\(outline[1])")
}

@Test func aCompositeContainingItselfIsEmpty() throws {
    let font = try TrueTypeFont(bytes: tinyFont)
    #expect(font.outline(of: font.glyph(for: "E")).isEmpty)
}

@Test func nestedCompositesCannotMultiplyWithoutBound() throws {
    // Glyph k holds glyph k + 1 300 times, down to a square at glyph 7: 300⁶ squares if unchecked.
    let many = { (glyph: Int) in compositeGlyph(Array(repeating: ComponentSpec(glyph: glyph, arguments: (1, 1)), count: 300)) }
    let font = try TrueTypeFont(bytes: fontFile([tinyTables(glyphs: [[]] + (2...7).map(many) + [simpleGlyph([square])])]))
    #expect(font.outline(of: 6).count == 300, "300 components are fine")
    let start = ContinuousClock.now
    #expect(font.outline(of: 1).isEmpty)
    #expect(ContinuousClock.now - start < .seconds(5))
}

@Test func pointCountsThatTheBytesCannotHoldGiveEmptyOutlines() throws {
    var w = Writer()
    w.u16(1); for _ in 0..<4 { w.u16(0) }
    w.u16(0xFFFE); w.u16(0)   // one contour of 65,535 points, no instructions
    w.u8(0x31); w.u8(0xFF)    // on-curve, x and y the same, repeated 255 times: 256 points only
    var huge = Writer()
    huge.u16(0x7FFF); for _ in 0..<4 { huge.u16(0) }   // 32,767 contours in 10 bytes
    let font = try TrueTypeFont(bytes: fontFile([tinyTables(glyphs: [[], w.bytes, huge.bytes])]))
    #expect(font.outline(of: 1).isEmpty)
    #expect(font.outline(of: 2).isEmpty)
}

@Test func formatTwelveIsPreferredAndReachesPastTheBMP() throws {
    let cmap = cmapTable([
        (3, 1, tinyFormat4),
        (3, 10, format12([(0x20, 0x20, 4), (0x41, 0x43, 1), (0x4E1C, 0x4E1C, 5), (0x1F600, 0x1F600, 7)])),
    ])
    let font = try TrueTypeFont(bytes: fontFile([tinyTables(cmap: cmap)]))
    let mapped: [Unicode.Scalar: Int] = [" ": 4, "A": 1, "B": 2, "C": 3, "D": 0, "东": 5, "\u{1F600}": 7,
                                         "\u{1F601}": 0, "\u{10FFFF}": 0, "\u{0}": 0]
    for (scalar, glyph) in mapped { #expect(font.glyph(for: scalar) == glyph, "\(scalar)") }
}

@Test func glyphIdsPastTheFontMapToNotdef() throws {
    let cmap = cmapTable([(0, 4, format12([(0x41, 0x41, 8), (0x42, 0x42, 70_000)]))])
    let font = try TrueTypeFont(bytes: fontFile([tinyTables(cmap: cmap)]))
    #expect(font.glyph(for: "A") == 0 && font.glyph(for: "B") == 0)
}

@Test func collectionsPickTheirFont() throws {
    let file = fontFile([tinyTables(), tinyTables(ascender: 900)], collection: true)
    #expect(try TrueTypeFont(bytes: file, index: 0).ascender == 800)
    let second = try TrueTypeFont(bytes: file, index: 1)
    #expect(second.ascender == 900)
    #expect(same(second.outline(of: 1).first ?? [], [(100, 0), (100, 400), (500, 400), (500, 0)]))
    #expect(throws: TrueTypeFont.Error.self) { try TrueTypeFont(bytes: file, index: 2) }
    #expect(throws: TrueTypeFont.Error.self) { try TrueTypeFont(bytes: file, index: -1) }
    #expect(throws: TrueTypeFont.Error.self) { try TrueTypeFont(bytes: tinyFont, index: 1) }
}

@Test func whatIsNotATrueTypeFontIsRejected() {
    var otto = Writer()
    otto.tag("OTTO"); otto.u16(0); otto.u16(0); otto.u16(0); otto.u16(0)
    #expect(throws: TrueTypeFont.Error.unsupported("CFF outlines")) { try TrueTypeFont(bytes: otto.bytes) }
    #expect(throws: TrueTypeFont.Error.notTrueType) { try TrueTypeFont(bytes: []) }
    #expect(throws: TrueTypeFont.Error.notTrueType) { try TrueTypeFont(bytes: Array("<svg></svg>".utf8)) }
    #expect(throws: TrueTypeFont.Error.truncated) { try TrueTypeFont(bytes: Array(tinyFont.prefix(40))) }
    #expect(throws: TrueTypeFont.Error.missingTable("glyf")) {
        try TrueTypeFont(bytes: fontFile([tinyTables(omit: "glyf")]))
    }
    #expect(throws: TrueTypeFont.Error.missingTable("cmap")) {
        try TrueTypeFont(bytes: fontFile([tinyTables(omit: "cmap")]))
    }
    #expect(throws: TrueTypeFont.Error.unsupported("no Unicode cmap subtable")) {
        try TrueTypeFont(bytes: fontFile([tinyTables(cmap: cmapTable([(1, 0, tinyFormat4)]))]))
    }
    #expect(throws: (any Error).self) { try TrueTypeFont(path: "/nonexistent/font.ttf") }
}

// MARK: - Damaged fonts

/// Every public call on a font that loaded; outlines must be finite.
private func exercise(_ font: TrueTypeFont) -> Bool {
    var ok = true
    for scalar: Unicode.Scalar in [" ", "A", "B", "C", "D", "E", "F", "G", "Z", "东", "\u{0}", "\u{FFFF}", "\u{1F600}"] {
        ok = ok && font.glyph(for: scalar) >= 0
    }
    for glyph in -1..<100 {
        ok = ok && font.advance(of: glyph) >= 0
        ok = ok && font.outline(of: glyph).allSatisfy { $0.allSatisfy { $0.x.isFinite && $0.y.isFinite } }
    }
    return ok
}

@Test func everyTruncationThrowsOrStaysSafe() {
    var loaded = 0
    for length in 0..<tinyFont.count {
        guard let font = try? TrueTypeFont(bytes: Array(tinyFont.prefix(length))) else { continue }
        loaded += 1
        #expect(exercise(font))
    }
    #expect(throws: TrueTypeFont.Error.self) { try TrueTypeFont(bytes: Array(tinyFont.prefix(tinyFont.count / 2))) }
    // Only the padding after the last table can go without harm.
    #expect(loaded <= 3)
}

@Test(arguments: [1, 2, 3])
func randomByteChangesThrowOrStaySafe(seed: UInt64) {
    var random = SplitMix64(seed: seed)   // seeded, so the damage is the same on every run
    let collection = fontFile([tinyTables(), tinyTables(longLoca: true)], collection: true)
    var loaded = 0
    for trial in 0..<600 {
        var bytes = trial % 2 == 0 ? tinyFont : collection
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let i = Int.random(in: 0..<bytes.count, using: &random)
            // Small changes keep the rest plausible; 0x00 and 0xFF make counts and offsets extreme.
            bytes[i] = [0x00, 0xFF, bytes[i] &+ 1, bytes[i] &- 1, UInt8.random(in: 0...255, using: &random)]
                .randomElement(using: &random)!
        }
        guard let font = try? TrueTypeFont(bytes: bytes, index: trial % 4 == 1 ? 1 : 0) else { continue }
        loaded += 1
        #expect(exercise(font), "trial \(trial)")
    }
    #expect(loaded > 100, "most damage lands in glyph data, which init does not read")
}

// MARK: - The system font

private let microHei = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

@Test(.enabled(if: FileManager.default.fileExists(atPath: microHei)))
func wenQuanYiMicroHeiDrawsChinese() throws {
    let font = try TrueTypeFont(path: microHei)
    #expect(font.unitsPerEm > 0 && font.ascender > 0 && font.descender < 0)
    let em = Double(font.unitsPerEm)
    for text in ["东", "街道", "A"] {
        for scalar in text.unicodeScalars {
            let glyph = font.glyph(for: scalar)
            #expect(glyph != 0, "\(scalar)")
            #expect(font.advance(of: glyph) > 0)
            let outline = font.outline(of: glyph)
            #expect(!outline.isEmpty, "\(scalar)")
            for contour in outline {
                #expect(contour.count >= 3)
                #expect(contour.allSatisfy {
                    (0...1.2 * em).contains($0.x)
                        && (Double(font.descender)...Double(font.ascender)).contains($0.y)
                }, "\(scalar)")
            }
        }
    }
    let dong = font.outline(of: font.glyph(for: "东"))
    #expect(dong.count >= 2, "东 is drawn in several contours")
    #expect(font.advance(of: font.glyph(for: "东")) >= font.unitsPerEm * 9 / 10, "CJK glyphs are about an em wide")
    #expect(font.glyph(for: "\u{10FFFD}") == 0)
}

@Test(.enabled(if: FileManager.default.fileExists(atPath: microHei)))
func wenQuanYiCollectionHoldsASecondFont() throws {
    let proportional = try TrueTypeFont(path: microHei, index: 0)
    let mono = try TrueTypeFont(path: microHei, index: 1)
    #expect(mono.glyph(for: "东") != 0)
    func advances(_ font: TrueTypeFont) -> [Int] { ["A", "i", "1"].map { font.advance(of: font.glyph(for: $0)) } }
    #expect(Set(advances(mono)).count == 1, "the monospaced face: \(advances(mono))")
    #expect(Set(advances(proportional)).count == 3, "the proportional face: \(advances(proportional))")
}
