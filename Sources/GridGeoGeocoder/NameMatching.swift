import GridGeoGeocoding

/// How a name in an address was matched to a name in the store.
public enum NameMatch: String, Sendable, Hashable, Codable, Comparable {
    /// The same name, after width folding: 安定门街道 = 安定门街道.
    case exact
    /// A short form or a suffix variant: 安定门 or 安定门街道办事处 for 安定门街道, 东罗圈 for 东罗圈胡同.
    case shortForm = "short_form"
    /// One edit away (a character replaced, inserted, dropped or two swapped): 东皇城根南街 for 东黄城根南街.
    case oneEdit = "one_edit"

    /// How much a match of this kind keeps of the confidence.
    var quality: Double {
        switch self {
        case .exact: 1
        case .shortForm: 0.95
        case .oneEdit: 0.8
        }
    }

    private var order: Int {
        switch self {
        case .exact: 0
        case .shortForm: 1
        case .oneEdit: 2
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}

/// Which level a name belongs to, for its suffixes.
enum NameKind: Sendable {
    case district, street, community, road, place

    /// Level words a name of this kind may end with, longest first; stripping one gives the stem.
    var suffixes: [[UInt32]] {
        let words: [String]
        switch self {
        case .district: words = ["自治县", "区", "县", "市"]
        case .street: words = ["街道办事处", "地区办事处", "街道办", "办事处", "街道", "地区", "镇", "乡"]
        case .community: words = ["社区居委会", "社区居民委员会", "村民委员会", "居委会", "村委会", "社区", "村"]
        // 草厂七条胡同 and 草厂七条, 东罗圈 and 东罗圈胡同 name one lane.
        case .road: words = ["胡同"]
        case .place: words = []
        }
        return words.map { Array($0.unicodeScalars.map(\.value)) }
    }

    /// The stem of a folded name: the name without its level suffix, when at least two
    /// characters remain (东城区 → 东城, but 城区 stays).
    func stem(_ name: [UInt32]) -> [UInt32] {
        for suffix in suffixes where name.count >= suffix.count + 2 && name.suffix(suffix.count).elementsEqual(suffix) {
            return Array(name.dropLast(suffix.count))
        }
        return name
    }
}

/// Folded scalars of a name: full-width folded, Latin upper-cased, whitespace dropped.
func foldedName(_ text: String) -> [UInt32] {
    TextNormalizer.fold(text).unicodeScalars.map(\.value)
}

/// Names of one kind, each pointing at some values (a name can be shared: 二条 in two places),
/// looked up by full name, by stem, and within one edit.
struct NameTable<Value: Sendable>: Sendable {
    let kind: NameKind
    private var byName: [[UInt32]: [Value]] = [:]
    private var byStem: [[UInt32]: [Value]] = [:]
    /// Stems by length, for the one-edit search.
    private var stemsByLength: [Int: [[UInt32]]] = [:]

    init(kind: NameKind) { self.kind = kind }

    mutating func add(_ name: String, _ value: Value) {
        add(folded: foldedName(name), value)
    }

    /// Adds a name already folded (`foldedName(_:)`).
    mutating func add(folded: [UInt32], _ value: Value) {
        guard !folded.isEmpty else { return }
        byName[folded, default: []].append(value)
        let stem = kind.stem(folded)
        if byStem[stem] == nil { stemsByLength[stem.count, default: []].append(stem) }
        byStem[stem, default: []].append(value)
    }

    var isEmpty: Bool { byName.isEmpty }

    /// The values named `name`, best kind of match first: the exact name; else the same stem; else
    /// a stem one edit away, only for stems of at least `minimumFuzzyLength` characters (short
    /// names are too easily another real name). `accept` filters values (e.g. within a parent)
    /// before a weaker kind of match is tried.
    func lookup(_ name: String, minimumFuzzyLength: Int = 3, accept: (Value) -> Bool = { _ in true })
        -> (values: [Value], match: NameMatch)? {
        let folded = foldedName(name)
        guard !folded.isEmpty else { return nil }
        if let hit = byName[folded]?.filter(accept), !hit.isEmpty { return (hit, .exact) }
        let stem = kind.stem(folded)
        if let hit = byStem[stem]?.filter(accept), !hit.isEmpty { return (hit, .shortForm) }
        guard stem.count >= minimumFuzzyLength else { return nil }
        var found: [Value] = []
        for length in (stem.count - 1)...(stem.count + 1) {
            for candidate in stemsByLength[length] ?? [] where isOneEdit(stem, candidate) {
                found.append(contentsOf: (byStem[candidate] ?? []).filter(accept))
            }
        }
        return found.isEmpty ? nil : (found, .oneEdit)
    }
}

extension NameTable {
    /// The values a written road or place names: each candidate (longest first: the name with the
    /// text before it) exactly or by short form; then the longest and the plain name one edit away;
    /// then the name's end without its first characters, exactly.
    /// Returns the candidate that matched.
    func lookup(_ named: AddressQuery.Named, accept: (Value) -> Bool = { _ in true })
        -> (values: [Value], match: NameMatch, written: String)? {
        let candidates = named.candidates
        for name in candidates {
            if let found = lookup(name, minimumFuzzyLength: .max, accept: accept) { return (found.values, found.match, name) }
        }
        for name in Set([candidates[0], named.name]).sorted(by: { $0.count > $1.count }) {
            if let found = lookup(name, minimumFuzzyLength: 4, accept: accept) { return (found.values, found.match, name) }
        }
        // Last, the end of the name alone, exactly: a weaker match, like a short form.
        for name in named.trimmedCandidates {
            if let found = lookup(name, minimumFuzzyLength: .max, accept: accept) { return (found.values, .shortForm, name) }
        }
        return nil
    }
}

/// Whether `a` and `b` differ by exactly one edit: a substitution, an insertion or deletion, or a
/// swap of two neighbours (restricted Damerau–Levenshtein distance 1).
func isOneEdit(_ a: [UInt32], _ b: [UInt32]) -> Bool {
    if a == b { return false }
    if a.count == b.count {
        var diffs: [Int] = []
        for i in a.indices where a[i] != b[i] {
            diffs.append(i)
            if diffs.count > 2 { return false }
        }
        if diffs.count == 1 { return true }
        let (i, j) = (diffs[0], diffs[1])
        return j == i + 1 && a[i] == b[j] && a[j] == b[i]
    }
    let (long, short) = a.count > b.count ? (a, b) : (b, a)
    guard long.count == short.count + 1 else { return false }
    var i = 0
    while i < short.count, short[i] == long[i] { i += 1 }
    return short[i...].elementsEqual(long[(i + 1)...])
}
