import Foundation  // reading font files

/// A TrueType font (a .ttf, or one font of a .ttc collection) read from its bytes: character map,
/// horizontal metrics and glyph outlines.
///
/// Written from Apple's TrueType Reference Manual and the OpenType specification, for drawing labels
/// (Chinese names included) with the PNG rasterizer: outlines come out as polygons with quadratic curves
/// flattened, to be filled with the non-zero winding rule. Hinting, kerning, variations and CFF outlines
/// are out of scope.
///
/// Fonts come from the system, but a damaged or hostile file must not take the renderer down: every read
/// is bounds-checked, counts are checked against the bytes that hold them before anything is allocated,
/// and composite glyphs are limited in depth and size. A bad header or table throws from `init`; a bad
/// glyph gives an empty outline, a bad character map entry glyph 0.
struct TrueTypeFont: Sendable {
    enum Error: Swift.Error, Equatable {
        /// Not an sfnt: neither a TrueType font nor a collection of them.
        case notTrueType
        /// A header or table reaches past the end of the bytes.
        case truncated
        /// A table every TrueType font needs, by its tag.
        case missingTable(String)
        /// A font this reader does not handle, e.g. "CFF outlines".
        case unsupported(String)
    }

    /// Font units per em (`head`); outlines and metrics are in these units.
    let unitsPerEm: Int
    /// Typographic extents from `hhea`: above the baseline, below it (negative), and between lines.
    let ascender: Int, descender: Int, lineGap: Int
    /// Glyphs in the font (`maxp`); valid glyph indices are `0..<numGlyphs`.
    let numGlyphs: Int

    private let numberOfHMetrics: Int
    private let hmtx: Reader
    private let loca: Reader
    /// `head.indexToLocFormat` 1: `loca` holds 32-bit offsets rather than 16-bit halves.
    private let longLocaOffsets: Bool
    private let glyf: Reader
    private let characterMap: CharacterMap

    /// Composite glyphs nest at most this deep, which also ends reference cycles.
    static let maxCompositeDepth = 8
    /// Components one outline may visit: nested composites could otherwise multiply to billions.
    static let maxComponents = 4096
    /// Outline points (before flattening) one glyph may have; a simple glyph holds at most 65,536.
    static let maxPoints = 65_536
    /// Segments one quadratic curve is flattened into at most; real glyph curves need far fewer.
    static let maxSegmentsPerCurve = 16
    /// Largest distance between a curve and its flattened segments, as a fraction of the em: 1/512 em is
    /// an eighth of a pixel at 64 px, below what anti-aliasing shows.
    static let flatness = 1.0 / 512

    /// Reads the font at `index` of a collection, or the only font of a .ttf (index 0).
    init(bytes: [UInt8], index: Int = 0) throws(TrueTypeFont.Error) {
        let file = Reader(bytes: bytes)
        guard bytes.count >= 4 else { throw bytes.isEmpty ? .notTrueType : .truncated }
        var fontOffset = 0
        if try file.u32(0) == Tag.ttcf {
            // TTC header: version, numFonts, then one offset per font to its table directory.
            let numFonts = try file.u32(8)
            guard index >= 0, index < numFonts else {
                throw .unsupported("font index \(index) of a collection of \(numFonts)")
            }
            fontOffset = try file.u32(12 + 4 * index)
        } else if index != 0 {
            throw .unsupported("font index \(index) of a single font")
        }

        // Table directory: sfntVersion, numTables, searchRange, entrySelector, rangeShift, then records.
        let sfntVersion = try file.u32(fontOffset)
        if sfntVersion == Tag.otto { throw .unsupported("CFF outlines") }
        guard sfntVersion == 0x0001_0000 || sfntVersion == Tag.true else { throw .notTrueType }
        let numTables = try file.u16(fontOffset + 4)
        let records = try file.slice(fontOffset + 12, 16 * numTables)
        func table(_ tag: String) throws(TrueTypeFont.Error) -> Reader {
            let wanted = Tag.value(tag)
            for i in 0..<numTables where try records.u32(16 * i) == wanted {
                // Table offsets count from the start of the file, in a collection too.
                return try file.slice(try records.u32(16 * i + 8), try records.u32(16 * i + 12))
            }
            throw .missingTable(tag)
        }

        let head = try table("head")
        unitsPerEm = try head.u16(18)
        guard (16...16_384).contains(unitsPerEm) else { throw .unsupported("unitsPerEm \(unitsPerEm)") }
        switch try head.i16(50) {
        case 0: longLocaOffsets = false
        case 1: longLocaOffsets = true
        case let format: throw .unsupported("indexToLocFormat \(format)")
        }

        let hhea = try table("hhea")
        ascender = try hhea.i16(4)
        descender = try hhea.i16(6)
        lineGap = try hhea.i16(8)
        numGlyphs = try table("maxp").u16(4)
        numberOfHMetrics = min(try hhea.u16(34), numGlyphs)
        guard numberOfHMetrics > 0 else { throw .unsupported("no horizontal metrics") }
        // Each long metric is advanceWidth and lsb; the left side bearings after them are not needed.
        hmtx = try table("hmtx").slice(0, 4 * numberOfHMetrics)

        // One offset per glyph and one more for the end of the last glyph.
        loca = try table("loca").slice(0, (numGlyphs + 1) * (longLocaOffsets ? 4 : 2))
        glyf = try table("glyf")
        characterMap = try CharacterMap(cmap: try table("cmap"))
    }

    /// Reads the font file at `path`; `index` picks a font of a .ttc collection.
    init(path: String, index: Int = 0) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try self.init(bytes: [UInt8](data), index: index)
    }

    /// The glyph the character map gives `scalar`, or 0 (.notdef) when the font lacks it.
    func glyph(for scalar: Unicode.Scalar) -> Int {
        let glyph = characterMap.glyph(for: Int(scalar.value))
        return glyph < numGlyphs ? glyph : 0
    }

    /// The advance width of `glyph` in font units; 0 for an index outside the font. Glyphs past
    /// numberOfHMetrics share the last advance, as in monospaced runs of CJK fonts.
    func advance(of glyph: Int) -> Int {
        guard glyph >= 0, glyph < numGlyphs else { return 0 }
        return (try? hmtx.u16(4 * min(glyph, numberOfHMetrics - 1))) ?? 0
    }

    /// The glyph's contours in font units (x right, y up), each a closed polygon whose first point is
    /// not repeated at its end, with quadratic curves flattened to within `flatness` em.
    ///
    /// Contours keep the font's direction (TrueType draws outer contours clockwise, holes
    /// counter-clockwise), so fill them together with the non-zero winding rule. Each contour starts at
    /// its first on-curve point. Empty for an empty glyph (a space), an index outside the font, and a
    /// malformed glyph.
    func outline(of glyph: Int) -> [[(x: Double, y: Double)]] {
        var points = RawOutline()
        do throws(TrueTypeFont.Error) {
            try collect(glyph, transform: .identity, depth: 0, into: &points)
        } catch {
            return []
        }
        return points.flattened(tolerance: Double(unitsPerEm) * TrueTypeFont.flatness)
    }

    // MARK: glyf

    /// The bytes of `glyph` in `glyf` from its `loca` entries; empty for a glyph without outline.
    private func data(of glyph: Int) throws(TrueTypeFont.Error) -> Reader {
        guard glyph >= 0, glyph < numGlyphs else { throw .truncated }
        let start, end: Int
        if longLocaOffsets {
            start = try loca.u32(4 * glyph)
            end = try loca.u32(4 * glyph + 4)
        } else {
            // Short offsets are stored halved.
            start = 2 * (try loca.u16(2 * glyph))
            end = 2 * (try loca.u16(2 * glyph + 2))
        }
        guard start <= end else { throw .truncated }
        return try glyf.slice(start, end - start)
    }

    /// Appends the outline points of `glyph`, mapped through `transform`, to `outline`.
    private func collect(_ glyph: Int, transform: Transform, depth: Int,
                         into outline: inout RawOutline) throws(TrueTypeFont.Error) {
        let data = try data(of: glyph)
        guard data.count > 0 else { return }
        // Header: numberOfContours, xMin, yMin, xMax, yMax.
        let numberOfContours = try data.i16(0)
        if numberOfContours >= 0 {
            try collectSimple(data, contours: numberOfContours, transform: transform, into: &outline)
        } else {
            guard depth < TrueTypeFont.maxCompositeDepth else { throw .unsupported("composite nesting") }
            try collectComposite(data, transform: transform, depth: depth, into: &outline)
        }
    }

    /// Simple glyph: endPtsOfContours, instructions, then flags, x and y coordinates, packed.
    private func collectSimple(_ data: Reader, contours: Int, transform: Transform,
                               into outline: inout RawOutline) throws(TrueTypeFont.Error) {
        guard contours > 0 else { return }
        var endPoints: [Int] = []
        endPoints.reserveCapacity(contours)
        var previous = -1
        for i in 0..<contours {
            let end = try data.u16(10 + 2 * i)
            guard end >= previous else { throw .truncated }
            endPoints.append(end)
            previous = end
        }
        let numPoints = previous + 1
        guard outline.points.count + numPoints <= TrueTypeFont.maxPoints else { throw .unsupported("too many points") }
        let instructionLength = try data.u16(10 + 2 * contours)
        var cursor = Cursor(data, at: 12 + 2 * contours + instructionLength)

        // Flags, run-length coded: REPEAT_FLAG is followed by how many more times the flag applies.
        var flags: [UInt8] = []
        flags.reserveCapacity(numPoints)
        while flags.count < numPoints {
            let flag = UInt8(try cursor.u8())
            flags.append(flag)
            if flag & Flag.repeat != 0 {
                let count = try cursor.u8()
                for _ in 0..<min(count, numPoints - flags.count) { flags.append(flag) }
            }
        }
        // Coordinates are deltas from the previous point: a byte whose sign is in the flag, the same
        // value again, or an int16.
        func coordinates(short: UInt8, sameOrPositive: UInt8) throws(TrueTypeFont.Error) -> [Int] {
            var values: [Int] = []
            values.reserveCapacity(numPoints)
            var value = 0
            for flag in flags {
                if flag & short != 0 {
                    let delta = try cursor.u8()
                    value += flag & sameOrPositive != 0 ? delta : -delta
                } else if flag & sameOrPositive == 0 {
                    value += try cursor.i16()
                }
                values.append(value)
            }
            return values
        }
        let xs = try coordinates(short: Flag.xShort, sameOrPositive: Flag.xSameOrPositive)
        let ys = try coordinates(short: Flag.yShort, sameOrPositive: Flag.ySameOrPositive)

        var start = 0
        for end in endPoints {
            for i in start..<end + 1 {
                let (x, y) = transform.apply(Double(xs[i]), Double(ys[i]))
                outline.points.append(RawPoint(x: x, y: y, onCurve: flags[i] & Flag.onCurve != 0))
            }
            outline.contourEnds.append(outline.points.count)
            start = end + 1
        }
    }

    /// Composite glyph: component records, each a glyph index, offset or matched points, and transform.
    private func collectComposite(_ data: Reader, transform: Transform, depth: Int,
                                  into outline: inout RawOutline) throws(TrueTypeFont.Error) {
        let compositeStart = outline.points.count
        var cursor = Cursor(data, at: 10)
        var flags = Component.moreComponents
        while flags & Component.moreComponents != 0 {
            outline.components += 1
            guard outline.components <= TrueTypeFont.maxComponents else { throw .unsupported("too many components") }
            flags = try cursor.u16()
            let glyphIndex = try cursor.u16()
            let words = flags & Component.arg1And2AreWords != 0
            let xyValues = flags & Component.argsAreXYValues != 0
            let argument1, argument2: Int
            switch (words, xyValues) {
            case (true, true): argument1 = try cursor.i16(); argument2 = try cursor.i16()
            case (true, false): argument1 = try cursor.u16(); argument2 = try cursor.u16()
            case (false, true): argument1 = try cursor.i8(); argument2 = try cursor.i8()
            case (false, false): argument1 = try cursor.u8(); argument2 = try cursor.u8()
            }
            // The 2 × 2 part, F2Dot14: x' = xscale·x + scale10·y, y' = scale01·x + yscale·y.
            var local = Transform.identity
            if flags & Component.weHaveAScale != 0 {
                local.a = try cursor.f2Dot14()
                local.d = local.a
            } else if flags & Component.weHaveAnXAndYScale != 0 {
                local.a = try cursor.f2Dot14()
                local.d = try cursor.f2Dot14()
            } else if flags & Component.weHaveATwoByTwo != 0 {
                local.a = try cursor.f2Dot14()
                local.b = try cursor.f2Dot14()
                local.c = try cursor.f2Dot14()
                local.d = try cursor.f2Dot14()
            }
            if xyValues {
                // OpenType leaves offsets unscaled unless SCALED_COMPONENT_OFFSET says otherwise.
                let scaled = flags & Component.scaledComponentOffset != 0
                    && flags & Component.unscaledComponentOffset == 0
                let (dx, dy) = (Double(argument1), Double(argument2))
                local.e = scaled ? local.a * dx + local.c * dy : dx
                local.f = scaled ? local.b * dx + local.d * dy : dy
            }
            let componentStart = outline.points.count
            try collect(glyphIndex, transform: transform.then(local), depth: depth + 1, into: &outline)
            if !xyValues {
                // Point matching: move the component so its point argument2 lies on point argument1 of
                // the components before it. A translation commutes with the affine maps outside, so this
                // can be done on the transformed points. Out-of-range points leave the offset zero.
                let parent = compositeStart + argument1, child = componentStart + argument2
                if parent < componentStart, child < outline.points.count {
                    let dx = outline.points[parent].x - outline.points[child].x
                    let dy = outline.points[parent].y - outline.points[child].y
                    for i in componentStart..<outline.points.count {
                        outline.points[i].x += dx
                        outline.points[i].y += dy
                    }
                }
            }
        }
        // Instructions may follow (WE_HAVE_INSTRUCTIONS); no hinting here, so they are ignored.
    }
}

// MARK: - cmap

extension TrueTypeFont {
    /// The Unicode subtable chosen from `cmap`, kept as bytes and searched per lookup.
    private enum CharacterMap: Sendable {
        /// Format 4 (BMP): segCount segments of endCode, startCode, idDelta, idRangeOffset.
        case segments(Reader, segCount: Int)
        /// Format 12 (all planes): sequential groups of startCharCode, endCharCode, startGlyphID.
        case groups(Reader, count: Int)

        /// Picks the best Unicode subtable: Windows full repertoire (3, 10) format 12, then Unicode
        /// platform 0 format 12, then 4, then Windows BMP (3, 1) format 4. A subtable whose arrays do
        /// not fit in the table is passed over for the next choice.
        init(cmap: Reader) throws(TrueTypeFont.Error) {
            let numTables = try cmap.u16(2)
            var candidates: [(rank: Int, offset: Int)] = []
            for i in 0..<numTables {
                guard let platformID = try? cmap.u16(4 + 8 * i), let encodingID = try? cmap.u16(6 + 8 * i),
                      let offset = try? cmap.u32(8 + 8 * i), let format = try? cmap.u16(offset) else { continue }
                let rank: Int? = switch (platformID, encodingID, format) {
                case (3, 10, 12): 0
                case (0, _, 12): 1
                case (0, _, 4): 2
                case (3, 1, 4): 3
                default: nil
                }
                if let rank { candidates.append((rank, offset)) }
            }
            for candidate in candidates.sorted(by: { $0.rank < $1.rank }) {
                // Bounded by the end of cmap rather than the subtable's length field, which overflows
                // 16 bits in the format 4 subtables of some large CJK fonts.
                guard let subtable = try? cmap.slice(candidate.offset, cmap.count - candidate.offset) else { continue }
                if candidate.rank <= 1 {
                    // format, reserved, length, language, numGroups, then 12-byte groups.
                    guard let count = try? subtable.u32(12), (try? subtable.slice(16, 12 * count)) != nil
                    else { continue }
                    self = .groups(subtable, count: count)
                } else {
                    // format, length, language, segCountX2, searchRange, entrySelector, rangeShift, then
                    // endCode[], reservedPad, startCode[], idDelta[], idRangeOffset[], glyphIdArray[].
                    guard let segCountX2 = try? subtable.u16(6), segCountX2 > 0, segCountX2 % 2 == 0,
                          (try? subtable.slice(0, 16 + 4 * segCountX2)) != nil else { continue }
                    self = .segments(subtable, segCount: segCountX2 / 2)
                }
                return
            }
            throw .unsupported("no Unicode cmap subtable")
        }

        /// The glyph for code point `c`, 0 when unmapped or when the map is malformed there.
        func glyph(for c: Int) -> Int {
            switch self {
            case let .segments(table, segCount):
                return (try? Self.glyph(for: c, segments: table, segCount: segCount)) ?? 0
            case let .groups(table, count):
                return (try? Self.glyph(for: c, groups: table, count: count)) ?? 0
            }
        }

        private static func glyph(for c: Int, segments table: Reader, segCount: Int) throws(TrueTypeFont.Error) -> Int {
            guard c <= 0xFFFF else { return 0 }
            // The first segment whose endCode is at or above c, by binary search over endCode[].
            var low = 0, high = segCount
            while low < high {
                let middle = (low + high) / 2
                if try table.u16(14 + 2 * middle) < c { low = middle + 1 } else { high = middle }
            }
            guard low < segCount else { return 0 }
            let startCode = try table.u16(16 + 2 * segCount + 2 * low)
            guard startCode <= c else { return 0 }
            let idDelta = try table.u16(16 + 4 * segCount + 2 * low)
            let idRangeOffsetAt = 16 + 6 * segCount + 2 * low
            let idRangeOffset = try table.u16(idRangeOffsetAt)
            if idRangeOffset == 0 { return (c + idDelta) & 0xFFFF }
            // idRangeOffset counts bytes from its own place in the array to this segment's glyph ids.
            let glyph = try table.u16(idRangeOffsetAt + idRangeOffset + 2 * (c - startCode))
            return glyph == 0 ? 0 : (glyph + idDelta) & 0xFFFF
        }

        private static func glyph(for c: Int, groups table: Reader, count: Int) throws(TrueTypeFont.Error) -> Int {
            // The last group whose startCharCode is at or below c, by binary search.
            var low = 0, high = count
            while low < high {
                let middle = (low + high) / 2
                if try table.u32(16 + 12 * middle) <= c { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { return 0 }
            let group = 16 + 12 * (low - 1)
            let startCharCode = try table.u32(group)
            guard c <= (try table.u32(group + 4)) else { return 0 }
            return try table.u32(group + 8) + (c - startCharCode)
        }
    }
}

// MARK: - Reading bytes

extension TrueTypeFont {
    /// Four-character table and header tags as big-endian numbers.
    private enum Tag {
        static let ttcf = value("ttcf"), otto = value("OTTO"), `true` = value("true")

        static func value(_ tag: String) -> Int {
            tag.utf8.reduce(0) { $0 << 8 | Int($1) }
        }
    }

    /// Simple glyph flag bits.
    private enum Flag {
        static let onCurve: UInt8 = 0x01, xShort: UInt8 = 0x02, yShort: UInt8 = 0x04, `repeat`: UInt8 = 0x08
        static let xSameOrPositive: UInt8 = 0x10, ySameOrPositive: UInt8 = 0x20
    }

    /// Composite glyph component flag bits.
    private enum Component {
        static let arg1And2AreWords = 0x0001, argsAreXYValues = 0x0002, weHaveAScale = 0x0008
        static let moreComponents = 0x0020, weHaveAnXAndYScale = 0x0040, weHaveATwoByTwo = 0x0080
        static let scaledComponentOffset = 0x0800, unscaledComponentOffset = 0x1000
    }

    /// A window on the font's bytes (the file, a table, a glyph) whose big-endian reads throw
    /// `.truncated` rather than leave it. Offsets are relative to the window.
    fileprivate struct Reader: Sendable {
        private let bytes: [UInt8]
        private let start: Int
        let count: Int

        init(bytes: [UInt8]) {
            self.init(bytes: bytes, start: 0, count: bytes.count)
        }

        private init(bytes: [UInt8], start: Int, count: Int) {
            self.bytes = bytes
            self.start = start
            self.count = count
        }

        /// The `length` bytes at `offset`, which must lie within this window.
        func slice(_ offset: Int, _ length: Int) throws(TrueTypeFont.Error) -> Reader {
            guard offset >= 0, length >= 0, offset <= count, length <= count - offset else { throw .truncated }
            return Reader(bytes: bytes, start: start + offset, count: length)
        }

        @inline(__always)
        private func checked(_ offset: Int, _ size: Int) throws(TrueTypeFont.Error) -> Int {
            guard offset >= 0, offset <= count - size else { throw .truncated }
            return start + offset
        }

        func u8(_ offset: Int) throws(TrueTypeFont.Error) -> Int {
            Int(bytes[try checked(offset, 1)])
        }

        func u16(_ offset: Int) throws(TrueTypeFont.Error) -> Int {
            let i = try checked(offset, 2)
            return Int(bytes[i]) << 8 | Int(bytes[i + 1])
        }

        func i16(_ offset: Int) throws(TrueTypeFont.Error) -> Int {
            Int(Int16(truncatingIfNeeded: try u16(offset)))
        }

        func u32(_ offset: Int) throws(TrueTypeFont.Error) -> Int {
            let i = try checked(offset, 4)
            return Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
        }
    }

    /// Sequential reads through a `Reader`, for the packed glyph data.
    private struct Cursor {
        let reader: Reader
        var position: Int

        init(_ reader: Reader, at position: Int) {
            self.reader = reader
            self.position = position
        }

        mutating func u8() throws(TrueTypeFont.Error) -> Int {
            defer { position += 1 }
            return try reader.u8(position)
        }

        mutating func i8() throws(TrueTypeFont.Error) -> Int {
            Int(Int8(truncatingIfNeeded: try u8()))
        }

        mutating func u16() throws(TrueTypeFont.Error) -> Int {
            defer { position += 2 }
            return try reader.u16(position)
        }

        mutating func i16() throws(TrueTypeFont.Error) -> Int {
            defer { position += 2 }
            return try reader.i16(position)
        }

        /// A signed 2.14 fixed-point number, as composite scales are stored.
        mutating func f2Dot14() throws(TrueTypeFont.Error) -> Double {
            Double(try i16()) / 16_384
        }
    }
}

// MARK: - Outlines

extension TrueTypeFont {
    /// An affine map x' = a·x + c·y + e, y' = b·x + d·y + f, as Apple's manual writes component transforms.
    private struct Transform {
        var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0

        static let identity = Transform()

        func apply(_ x: Double, _ y: Double) -> (Double, Double) {
            (a * x + c * y + e, b * x + d * y + f)
        }

        /// `inner` first, then this transform: how a component's transform nests inside its composite's.
        func then(_ inner: Transform) -> Transform {
            Transform(a: a * inner.a + c * inner.b, b: b * inner.a + d * inner.b,
                      c: a * inner.c + c * inner.d, d: b * inner.c + d * inner.d,
                      e: a * inner.e + c * inner.f + e, f: b * inner.e + d * inner.f + f)
        }
    }

    private struct RawPoint {
        var x: Double, y: Double
        var onCurve: Bool
    }

    /// A glyph's points before curves are flattened, with components already placed.
    private struct RawOutline {
        var points: [RawPoint] = []
        /// Where each contour ends in `points` (exclusive); contours follow each other.
        var contourEnds: [Int] = []
        /// Component records visited so far, to bound nested composites.
        var components = 0

        /// Closed polygons: between two on-curve points a line, an off-curve point between them is a
        /// quadratic curve's control point, and two off-curve points in a row imply an on-curve point
        /// halfway between them.
        func flattened(tolerance: Double) -> [[(x: Double, y: Double)]] {
            var contours: [[(x: Double, y: Double)]] = []
            var start = 0
            for end in contourEnds {
                defer { start = end }
                guard end - start >= 2 else { continue }   // a lone point encloses nothing
                let contour = points[start..<end]
                // Start at the first on-curve point; a contour of off-curve points only starts halfway
                // between its last and first points.
                let origin: RawPoint, sequence: [RawPoint]
                if let first = contour.firstIndex(where: \.onCurve) {
                    origin = contour[first]
                    sequence = Array(contour[(first + 1)...] + contour[..<first]) + [origin]
                } else {
                    let last = contour[end - 1], next = contour[start]
                    origin = RawPoint(x: (last.x + next.x) / 2, y: (last.y + next.y) / 2, onCurve: true)
                    sequence = Array(contour) + [origin]
                }
                var polygon: [(x: Double, y: Double)] = [(origin.x, origin.y)]
                polygon.reserveCapacity(sequence.count * 2)
                func add(_ x: Double, _ y: Double) {
                    if let last = polygon.last, last.x == x, last.y == y { return }
                    polygon.append((x, y))
                }
                func curve(from p0: RawPoint, _ control: RawPoint, to p1: RawPoint) {
                    // Uniform subdivision into n pieces leaves each within |p0 − 2·control + p1| / (4n²)
                    // of its chord.
                    let ddx = p0.x - 2 * control.x + p1.x, ddy = p0.y - 2 * control.y + p1.y
                    let deviation = (ddx * ddx + ddy * ddy).squareRoot() / (4 * tolerance)
                    let n = deviation.isFinite
                        ? min(TrueTypeFont.maxSegmentsPerCurve, max(1, Int(deviation.squareRoot().rounded(.up))))
                        : 1
                    for k in 1..<n {
                        let t = Double(k) / Double(n), u = 1 - t
                        add(u * u * p0.x + 2 * u * t * control.x + t * t * p1.x,
                            u * u * p0.y + 2 * u * t * control.y + t * t * p1.y)
                    }
                    add(p1.x, p1.y)
                }
                var current = origin
                var control: RawPoint? = nil
                for point in sequence {
                    if point.onCurve {
                        if let c = control { curve(from: current, c, to: point) } else { add(point.x, point.y) }
                        control = nil
                        current = point
                    } else {
                        if let c = control {
                            let middle = RawPoint(x: (c.x + point.x) / 2, y: (c.y + point.y) / 2, onCurve: true)
                            curve(from: current, c, to: middle)
                            current = middle
                        }
                        control = point
                    }
                }
                // The sequence ended on the origin again; the polygon closes implicitly.
                if polygon.count > 1, let last = polygon.last, last.x == origin.x, last.y == origin.y {
                    polygon.removeLast()
                }
                if polygon.count >= 3 { contours.append(polygon) }
            }
            return contours
        }
    }
}
