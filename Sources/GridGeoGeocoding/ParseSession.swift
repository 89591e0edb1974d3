/// A vocabulary word found in the text.
struct LexMatch {
    var start: Int32
    var end: Int32
    var categories: Vocabulary.Category
}

/// A gazetteer name found in the text, restricted to one level.
struct PlaceHit {
    var start: Int32
    var end: Int32
    var level: GazetteerLevel
    /// The entries of this level indexed under the matched surface, with the form of each:
    /// `lower..<upper` in the parser's ``SurfaceTable`` (plain integers, so hits are copied without
    /// reference counting).
    var lower: Int32
    var upper: Int32
    var surfaceRange: Range<Int> { Int(lower)..<Int(upper) }
    /// The strongest form among `forms` (full before alias before short).
    var bestForm: Gazetteer.NameForm
    /// An earlier mention of a containing division (东城 after 北京).
    var parentSupport = false
    /// A later mention of a contained division (黄岩 before 东城).
    var childSupport = false
    /// Another mention of the same entry exists (浙江省 … 浙江省 again).
    var duplicate = false
    /// Of two mentions of one entry, this is the one to call redundant: the shorter, or the
    /// earlier when both are written alike (the later one leads into the rest of the address).
    var redundantPreferred = false
}

/// Every surface list of a gazetteer end to end, built once per parser, so that a hit names its
/// entries by two integers instead of a reference-counted slice.
struct SurfaceTable: Sendable {
    private(set) var surfaces: [Gazetteer.Surface] = []
    /// List `k` of ``Gazetteer/surfaceLists`` is `surfaces[start[k]..<start[k + 1]]`.
    private(set) var start: [Int32] = [0]

    init(_ gazetteer: Gazetteer) {
        surfaces.reserveCapacity(gazetteer.surfaceLists.reduce(0) { $0 + $1.count })
        start.reserveCapacity(gazetteer.surfaceLists.count + 1)
        for list in gazetteer.surfaceLists {
            surfaces.append(contentsOf: list)
            start.append(Int32(surfaces.count))
        }
    }

    subscript(range: Range<Int>) -> ArraySlice<Gazetteer.Surface> { surfaces[range] }
}

extension Array {
    /// `count` copies of `value`, for the per-parse tables. `Array(repeating:count:)` allocates
    /// through the standard library's unspecialised path, which looks up the storage's type
    /// metadata on every call (about 600 instructions, more than filling a short table).
    @inline(__always)
    init(filled value: Element, count: Int) {
        self = []
        reserveCapacity(count)
        for _ in 0..<count { append(value) }
    }
}

/// One parse: folded text, vocabulary and gazetteer matches, candidates, best path.
struct ParseSession {
    let folded: FoldedText
    let gazetteer: Gazetteer
    let text: [UInt32]
    var count: Int { text.count }

    var lex: [LexMatch] = []
    /// `lexFirst[i]`: index of the first match starting at `i` or later.
    var lexFirst: [Int32] = []
    var hits: [PlaceHit] = []
    var candidates: [Candidate] = []
    var path: [Int] = []

    /// End of the longest administrative name starting at each position (0: none).
    var placeStart: [Int] = []
    /// Positions unknown names do not run across (see `markBarriers`).
    var barrier: [Bool] = []
    /// Per entry: whether it lies in the deployment's home region (``AddressParser/Options/homeRegion``).
    let home: [Bool]
    /// The gazetteer's surfaces, which hits point into.
    let table: SurfaceTable
    /// Whether the writer typed any spaces.
    let hasSpaces: Bool
    /// Character class of each position (``separatorClass``, ``hanClass``, ``alnumClass`` bits),
    /// computed once: the rules ask about every position many times.
    let classes: [UInt8]
    static let separatorClass: UInt8 = 1, hanClass: UInt8 = 2, alnumClass: UInt8 = 4

    init(folded: FoldedText, gazetteer: Gazetteer, home: [Bool], table: SurfaceTable) {
        self.folded = folded
        self.gazetteer = gazetteer
        self.home = home
        self.table = table
        self.hasSpaces = folded.spaceBefore.contains(true)
        self.text = folded.scalars
        let separators = Vocabulary.separatorScalars
        self.classes = folded.scalars.map { scalar in
            (separators.contains(scalar) ? Self.separatorClass : 0) | (Vocabulary.isHan(scalar) ? Self.hanClass : 0)
                | (Vocabulary.isAlphanumeric(scalar) ? Self.alnumClass : 0)
        }
    }

    /// Hit indices used by the chosen path, by component order.
    var chosenHits: [Int32] { path.map { candidates[$0].hit } }

    mutating func run() {
        guard count > 0 else { return }
        candidates.reserveCapacity(count * 24)
        lex.reserveCapacity(count)
        hits.reserveCapacity(count)
        collectLexicon()
        markBarriers()
        collectPlaces()
        markSupport()
        proposePlaces()
        proposeAdminSuffixes()
        proposeRoads()
        proposeVillageGroups()
        proposeNumbers()
        proposeKeywords()
        let strongCount = candidates.count
        proposeFallbacks(restricted: true)
        path = Lattice.decode(candidates, length: count)
        if path.isEmpty {
            // The restricted fallbacks left a gap: retry with every fallback span.
            candidates.removeSubrange(strongCount...)
            proposeFallbacks(restricted: false)
            path = Lattice.decode(candidates, length: count)
        }
    }

    // MARK: Matching

    mutating func collectLexicon() {
        let lexicon = Vocabulary.lexicon
        lexFirst = [Int32](filled: 0, count: count + 1)
        text.withUnsafeBufferPointer { buffer in
            for start in 0..<count {
                lexFirst[start] = Int32(lex.count)
                lexicon.trie.forEachMatch(in: buffer, from: start, maxLength: lexicon.maxLength) { end, value in
                    lex.append(LexMatch(start: Int32(start), end: Int32(end), categories: lexicon.categories[Int(value)]))
                }
            }
        }
        lexFirst[count] = Int32(lex.count)
    }

    /// Vocabulary matches starting at `position`.
    func lexMatches(at position: Int) -> ArraySlice<LexMatch> {
        guard position < count else { return [] }
        return lex[Int(lexFirst[position])..<Int(lexFirst[position + 1])]
    }

    /// Union of the categories of words starting at `position`.
    func categories(at position: Int) -> Vocabulary.Category {
        var union: Vocabulary.Category = []
        for match in lexMatches(at: position) { union.formUnion(match.categories) }
        return union
    }

    /// Whether a word with `category` spans exactly `start..<end`.
    func hasWord(_ category: Vocabulary.Category, from start: Int, to end: Int) -> Bool {
        lexMatches(at: start).contains { Int($0.end) == end && !$0.categories.isDisjoint(with: category) }
    }

    mutating func collectPlaces() {
        let limit = gazetteer.maxNameLength
        guard limit > 0 else { return }
        let names = gazetteer.names   // one copy of the trie's storage for the whole walk
        let surfaces = table.surfaces, listStart = table.start
        text.withUnsafeBufferPointer { buffer in
            for start in 0..<count where Vocabulary.isHan(buffer[start]) {
                names.forEachMatch(in: buffer, from: start, maxLength: limit) { end, list in
                    guard !splitsAlphanumericRun(start, end) else { return }
                    // Surface lists are grouped by level: one hit per run.
                    var lower = Int(listStart[Int(list)])
                    let listEnd = Int(listStart[Int(list) + 1])
                    while lower < listEnd {
                        let level = surfaces[lower].level
                        var upper = lower
                        var best = Gazetteer.NameForm.short
                        while upper < listEnd, surfaces[upper].level == level {
                            if surfaces[upper].form == .full || (surfaces[upper].form == .alias && best == .short) {
                                best = surfaces[upper].form
                            }
                            upper += 1
                        }
                        hits.append(PlaceHit(start: Int32(start), end: Int32(end), level: level,
                                             lower: Int32(lower), upper: Int32(upper), bestForm: best))
                        lower = upper
                    }
                }
            }
        }
    }

    /// Marks hits whose entries have a parent or child mentioned elsewhere, and repeated mentions.
    mutating func markSupport() {
        guard hits.count > 1 else { return }
        // Bound the pairwise work on hostile input.
        let limit = min(hits.count, 96)
        // Static checks on a local copy of the table: a call on `self` here would copy the session.
        let surfaces = table.surfaces
        var pairs: [(parent: Int, child: Int)] = []
        pairs.reserveCapacity(2 * limit)   // one allocation instead of growing
        // Hits come in order of start and are never empty, so only hits after `a` can follow it.
        for a in 0..<limit where hits[a].level <= .community {
            for b in (a + 1)..<limit {
                guard hits[a].end <= hits[b].start, hits[a].level < hits[b].level else { continue }
                if Self.anyRelated(hits[a].surfaceRange, hits[b].surfaceRange, in: surfaces) { pairs.append((a, b)) }
            }
        }
        // Two short names backing each other only count down to the county level (北京 + 东城,
        // 浙江 + 杭州); a short township or zone name needs a parent that was written in full or
        // is itself backed by a third mention (西湖 + 科技园 is a POI, not a district and a township).
        for (parent, child) in pairs {
            let weakChild = hits[child].bestForm == .short && hits[child].level >= .devzone
            if weakChild, hits[parent].bestForm == .short,
               !pairs.contains(where: { $0.child == parent || ($0.parent == parent && $0.child != child) }) { continue }
            hits[parent].childSupport = true
            hits[child].parentSupport = true
        }
        for a in 0..<limit where hits[a].level <= .town {
            for b in (a + 1)..<limit {
                guard hits[a].end <= hits[b].start, hits[b].level <= .town else { continue }
                if Self.sameUnit(hits[a].surfaceRange, hits[b].surfaceRange, in: surfaces) {
                    hits[a].duplicate = true
                    hits[b].duplicate = true
                    // The support of a repeated unit belongs to its first mention.
                    hits[b].parentSupport = false
                    hits[b].childSupport = false
                    if hits[a].end - hits[a].start <= hits[b].end - hits[b].start {
                        hits[a].redundantPreferred = true
                    } else {
                        hits[b].redundantPreferred = true
                    }
                }
            }
        }
    }

    /// Whether the two runs of surfaces share a unit; a municipality's province and city entries
    /// (北京 and 北京市) count as one unit.
    static func sameUnit(_ first: Range<Int>, _ second: Range<Int>, in surfaces: [Gazetteer.Surface]) -> Bool {
        for i in first {
            let a = surfaces[i].entry
            for j in second {
                let y = surfaces[j]
                let b = y.entry
                if a == b || (y.isMunicipalCity && y.parent == a) { return true }
            }
        }
        return false
    }

    /// Whether some entry of the run `outer` contains some entry of the run `inner`.
    static func anyRelated(_ outer: Range<Int>, _ inner: Range<Int>, in surfaces: [Gazetteer.Surface]) -> Bool {
        var checks = 0
        for i in outer {
            let a = surfaces[i].anchor
            for j in inner {
                if Gazetteer.isAncestor(a, of: surfaces[j].anchor) { return true }
                checks += 1
                if checks > 20_000 { return false }
            }
        }
        return false
    }

    // MARK: Helpers

    @inline(__always) func isSeparator(_ i: Int) -> Bool { classes[i] & Self.separatorClass != 0 }
    @inline(__always) func isHan(_ i: Int) -> Bool { classes[i] & Self.hanClass != 0 }
    @inline(__always) func isAlnum(_ i: Int) -> Bool { classes[i] & Self.alnumClass != 0 }

    /// Whether `start..<end` begins or ends inside a run of ASCII letters and digits.
    @inline(__always) func splitsAlphanumericRun(_ start: Int, _ end: Int) -> Bool {
        (start > 0 && start < count && isAlnum(start - 1) && isAlnum(start))
            || (end > 0 && end < count && isAlnum(end - 1) && isAlnum(end))
    }

    mutating func add(_ start: Int, _ end: Int, _ label: AddressLabel, _ score: Float,
                      _ evidence: AddressComponent.Evidence, hit: Int = -1) {
        guard start >= 0, end <= count, start < end, !splitsAlphanumericRun(start, end) else { return }
        candidates.append(Candidate(start: Int32(start), end: Int32(end), label: UInt8(label.index),
                                    evidence: evidence, score: spaced(score, start, end), hit: Int32(hit)))
    }

    /// The fallback readings of one unknown span (poi, subpoi, person; redundant for one character):
    /// what four `add` calls would append, with the span checked once. Fallback spans are most
    /// of the candidates.
    mutating func addFallbackSpan(_ start: Int, _ end: Int) {
        guard start >= 0, end <= count, start < end, !splitsAlphanumericRun(start, end) else { return }
        func fallback(_ label: AddressLabel, _ score: Float) -> Candidate {
            Candidate(start: Int32(start), end: Int32(end), label: UInt8(label.index), evidence: .context,
                      score: spaced(score, start, end), hit: -1)
        }
        candidates.append(fallback(.poi, -2.0))
        candidates.append(fallback(.subpoi, -3.0))
        candidates.append(fallback(.person, -2.2))
        if end - start == 1 { candidates.append(fallback(.redundant, -3.0)) }
    }

    /// `score` adjusted for typed spaces: they are boundaries, so a span crossing one costs and one
    /// aligned with it earns. (Applied per score, step by step, so every Float comes out the same.)
    @inline(__always) func spaced(_ score: Float, _ start: Int, _ end: Int) -> Float {
        guard hasSpaces else { return score }
        var score = score
        if folded.spaceBefore[start] { score += 0.3 }
        if end < count, folded.spaceBefore[end] { score += 0.3 }
        if end - start > 1 {
            for i in (start + 1)..<end where folded.spaceBefore[i] { score -= 0.6 }
        }
        return score
    }

    // MARK: Components

    /// Turns the best path into components over the original input.
    func components(input: String) -> [AddressComponent] {
        guard !path.isEmpty else { return [] }
        // Components come in input order, so one cursor walks the input's UTF-8 once, scalar by
        // scalar, to find where each one starts and ends; each surface is then one copy of bytes.
        var input = input
        return input.withUTF8 { utf8 in
            var cursor = 0
            var cursorOffset = 0
            func byteOffset(_ offset: Int) -> Int {
                while cursorOffset < offset {
                    let lead = utf8[cursor]
                    cursor += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                    cursorOffset += 1
                }
                return cursor
            }
            var result: [AddressComponent] = []
            result.reserveCapacity(path.count)
            for index in path {
                let candidate = candidates[index]
                let start = Int(candidate.start)
                let end = Int(candidate.end)
                let label = AddressLabel.byIndex[Int(candidate.label)]
                let lower = Int(folded.origin[start])
                let upper = Int(folded.origin[end - 1]) + 1
                let from = byteOffset(lower)
                let surface = String(decoding: UnsafeBufferPointer(rebasing: utf8[from..<byteOffset(upper)]), as: UTF8.self)
                let foldedSlice = text[start..<end]
                // Folding changed nothing in the span: its folded text is the typed text, so the
                // surface string is shared instead of encoded again.
                let verbatim = !folded.replacedScalars && upper - lower == end - start
                var number: HouseNumber? = nil
                let normalized: String
                if label.isNumber, let parsed = HouseNumber(scalars: foldedSlice) {
                    number = parsed
                    normalized = verbatim && !foldedSlice.contains(where: ChineseNumeral.isNumeral)
                        ? surface : Self.normalizedNumberText(foldedSlice)
                } else {
                    normalized = verbatim ? surface : String(scalars: foldedSlice)
                }
                result.append(AddressComponent(label: label, text: surface, normalized: normalized, range: lower..<upper,
                                               number: number, place: nil, evidence: candidate.evidence))
            }
            return result
        }
    }

    /// A number component with its Chinese numeral runs written as digits, everything else kept.
    static func normalizedNumberText(_ scalars: ArraySlice<UInt32>) -> String {
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count + 8)   // one allocation in the usual case (一万 writes 5 digits for 2)
        var i = scalars.startIndex
        while i < scalars.endIndex {
            if ChineseNumeral.isNumeral(scalars[i]) {
                var j = i
                while j < scalars.endIndex, ChineseNumeral.isNumeral(scalars[j]) { j += 1 }
                if let value = ChineseNumeral.value(scalars[i..<j]) {
                    // ASCII digits: their UTF-8 bytes are their scalars (no array of them).
                    out.append(contentsOf: String(value).utf8.lazy.map { UInt32($0) })
                } else {
                    out.append(contentsOf: scalars[i..<j])
                }
                i = j
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(scalars: out[...])
    }
}
