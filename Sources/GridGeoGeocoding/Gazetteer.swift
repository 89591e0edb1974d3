/// The level of a gazetteer entry, large to small.
public enum GazetteerLevel: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case province, city, district, devzone, town, community, road, poi

    /// The address label a mention of this level carries.
    public var label: AddressLabel {
        switch self {
        case .province: .prov
        case .city: .city
        case .district: .district
        case .devzone: .devzone
        case .town: .town
        case .community: .community
        case .road: .road
        case .poi: .poi
        }
    }

    /// Position in the order large → small.
    var order: Int {
        switch self {
        case .province: 0
        case .city: 1
        case .district: 2
        case .devzone: 3
        case .town: 4
        case .community: 5
        case .road: 6
        case .poi: 7
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.order < rhs.order
    }
}

/// Named places by level, with their division codes and parents: the national division tables
/// (``china``) plus whatever a deployment adds at run time (``add(name:level:code:parentCode:)``):
/// its streets, communities, roads and named places.
///
/// Each name is indexed in its full form and, for administrative levels, in its short form with
/// the level suffix stripped (北京市 → 北京, 东城区 → 东城, 安定门街道 → 安定门, 广西壮族自治区 →
/// 广西), provided the short form keeps at least two characters. Former names (崇文区, 江干区,
/// 襄樊市) point at their successors.
///
/// A value type: adding to a copy leaves the original untouched. Build the gazetteer first, then
/// make an ``AddressParser`` from it.
public struct Gazetteer: Sendable {
    /// One named place.
    public struct Entry: Sendable, Hashable, Identifiable {
        /// Position in the gazetteer; stable for the life of this gazetteer value.
        public let id: Int
        /// The full name: 北京市, 东城区, 安定门街道, 净土胡同.
        public let name: String
        public let level: GazetteerLevel
        /// Statistical division code (2/4/6/9/12 digits for national divisions) or the store's own.
        public let code: String?
        /// Code of the parent entry, when known.
        public let parentCode: String?
    }

    /// How a name was written, relative to the entry's full name.
    public enum NameForm: UInt8, Sendable, Hashable {
        /// The full official name: 东城区.
        case full
        /// The name without its level suffix: 东城.
        case short
        /// A former or alternative name that now points at this entry: 崇文区 → 东城区.
        case alias
    }

    /// One indexed spelling of an entry, with what the parser's hierarchy checks read copied in,
    /// so that a check over a list reads contiguous memory instead of the entry tables.
    struct Surface: Sendable, Hashable {
        var entry: Int32
        var form: NameForm
        /// The entry's level.
        var level: GazetteerLevel
        /// Whether the entry is the city entry of a municipality (北京市 as a city).
        var isMunicipalCity = false
        /// The entry's parent entry, or -1.
        var parent: Int32 = -1
        var anchor = Anchor(code: -1, width: 0, inherited: true)
    }

    /// Numeric division code used for hierarchy checks.
    struct Anchor: Sendable, Hashable {
        /// The code digits as a number, or -1 when the entry has no numeric code nor a coded parent.
        var code: Int64
        /// Number of digits of `code`.
        var width: Int8
        /// True when `code` belongs to an ancestor (the entry itself has no numeric code).
        var inherited: Bool
    }

    public private(set) var entries: [Entry] = []
    var anchors: [Anchor] = []
    /// Per entry, for the parser's hot path (no strings): level, parent entry (-1 when unknown),
    /// and whether it is the city entry of a municipality (北京市 as a city).
    var levels: [GazetteerLevel] = []
    var parents: [Int32] = []
    var municipalCity: [Bool] = []
    /// Surface → index into `surfaceLists`.
    var names = NameTrie()
    var surfaceLists: [[Surface]] = []
    var byCode: [String: Int] = [:]
    /// Longest indexed surface, in scalars.
    var maxNameLength = 0

    /// An empty gazetteer.
    public init() {}

    /// Number of entries.
    public var count: Int { entries.count }

    /// Adds a place and indexes its name and, for administrative levels and communities, its short
    /// form. Returns the new entry.
    ///
    /// - Parameters:
    ///   - name: the full name as written on signs: 净土胡同, 交道口社区, 东方广场.
    ///   - level: its level; decides the label of a mention.
    ///   - code: a division code (national codes make hierarchy checks exact) or the store's key.
    ///   - parentCode: the code of the containing unit, e.g. the street code of a community, so a
    ///     mention can be checked against the districts and streets around it.
    @discardableResult
    public mutating func add(name: String, level: GazetteerLevel, code: String? = nil,
                             parentCode: String? = nil) -> Entry {
        add(name: name, level: level, code: code, parentCode: parentCode, indexed: true)
    }

    /// Indexes `alias` as another name of `entry` (a former name, a colloquial name).
    public mutating func addAlias(_ alias: String, for entry: Entry) {
        index(alias, entry: Int32(entry.id), form: .alias)
    }

    /// Every entry indexed under `name` (full, short or alias), with the form that matched.
    public func entries(named name: String) -> [(entry: Entry, form: NameForm)] {
        let key = FoldedText(name).scalars
        guard let list = names.value(for: key) else { return [] }
        return surfaceLists[Int(list)].map { (entries[Int($0.entry)], $0.form) }
    }

    /// The entry with division code `code`.
    public func entry(code: String) -> Entry? {
        byCode[code].map { entries[$0] }
    }

    /// The parent entry (by ``Entry/parentCode``).
    public func parent(of entry: Entry) -> Entry? {
        entry.parentCode.flatMap { self.entry(code: $0) }
    }

    /// Parents from the nearest up: for 安定门街道, [东城区, 北京市 (city), 北京市 (province)].
    public func ancestors(of entry: Entry) -> [Entry] {
        var chain: [Entry] = []
        chain.reserveCapacity(4)   // one allocation for the usual chain (town → district → city → province)
        var current = parentIndex(of: entry.id)
        while let next = current, chain.count < 8 {
            chain.append(entries[next])
            current = parentIndex(of: next)
        }
        return chain
    }

    /// The parent's position: resolved when the entry was added, else looked up by code (a parent
    /// added after its child).
    private func parentIndex(of id: Int) -> Int? {
        if parents[id] >= 0 { return Int(parents[id]) }
        return entries[id].parentCode.flatMap { byCode[$0] }
    }

    /// Whether `ancestor` contains `descendant`, by division codes (a code is a prefix of its
    /// children's codes) or by the parent chain for entries without national codes.
    public func contains(_ ancestor: Entry, _ descendant: Entry) -> Bool {
        isAncestor(Int32(ancestor.id), of: Int32(descendant.id))
    }

    // MARK: Internals

    @discardableResult
    mutating func add(name: String, level: GazetteerLevel, code: String?, parentCode: String?,
                      indexed: Bool) -> Entry {
        let id = entries.count
        let entry = Entry(id: id, name: name, level: level, code: code, parentCode: parentCode)
        entries.append(entry)
        anchors.append(makeAnchor(code: code, parentCode: parentCode))
        levels.append(level)
        parents.append(parentCode.flatMap { byCode[$0] }.map(Int32.init) ?? -1)
        municipalCity.append(level == .city && Self.municipalities.contains(parentCode ?? ""))
        if let code, byCode[code] == nil { byCode[code] = id }
        if indexed {
            let shorts = Self.shortForms(of: name, level: level)
            // An administrative name written without any level suffix (a township called 永兴) is
            // as weak as a short form: it reads like an ordinary word.
            let suffixless = shorts.isEmpty && Self.levelSuffixes[level] != nil
                && !(Self.levelSuffixes[level] ?? []).contains(where: { name.hasSuffix($0) })
            index(name, entry: Int32(id), form: suffixless ? .short : .full)
            for short in shorts {
                index(short, entry: Int32(id), form: .short)
            }
        }
        return entry
    }

    mutating func index(_ surface: String, entry: Int32, form: NameForm) {
        let key = FoldedText(surface).scalars
        guard !key.isEmpty else { return }
        maxNameLength = max(maxNameLength, key.count)
        let item = Surface(entry: entry, form: form, level: levels[Int(entry)], isMunicipalCity: municipalCity[Int(entry)],
                           parent: parents[Int(entry)], anchor: anchors[Int(entry)])
        if let list = names.value(for: key) {
            // Lists stay grouped by level, so a parse reads each level's entries as one run.
            if !surfaceLists[Int(list)].contains(item) {
                let level = entries[Int(entry)].level
                let position = surfaceLists[Int(list)].firstIndex { entries[Int($0.entry)].level > level }
                    ?? surfaceLists[Int(list)].endIndex
                surfaceLists[Int(list)].insert(item, at: position)
            }
        } else {
            names.insert(key, value: Int32(surfaceLists.count))
            surfaceLists.append([item])
        }
    }

    private func makeAnchor(code: String?, parentCode: String?) -> Anchor {
        if let code, let value = Self.numericCode(code) {
            return Anchor(code: value, width: Int8(code.utf8.count), inherited: false)
        }
        if let parentCode {
            if let value = Self.numericCode(parentCode) {
                return Anchor(code: value, width: Int8(parentCode.utf8.count), inherited: true)
            }
            if let parent = byCode[parentCode] {
                var anchor = anchors[parent]
                anchor.inherited = true
                return anchor
            }
        }
        return Anchor(code: -1, width: 0, inherited: true)
    }

    /// A code made of 1 to 15 ASCII digits, as a number.
    static func numericCode(_ code: String) -> Int64? {
        guard (1...15).contains(code.utf8.count), code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int64(code)
    }

    /// Whether entry `a` contains entry `b` by division codes.
    func isAncestor(_ a: Int32, of b: Int32) -> Bool {
        Self.isAncestor(anchors[Int(a)], of: anchors[Int(b)])
    }

    /// Whether the entry anchored at `outer` contains the one anchored at `inner`.
    @inline(__always)
    static func isAncestor(_ outer: Anchor, of inner: Anchor) -> Bool {
        guard outer.code >= 0, !outer.inherited else { return false }
        guard inner.code >= 0 else { return false }
        if inner.width == outer.width { return inner.inherited && inner.code == outer.code }
        guard inner.width > outer.width else { return false }
        // inner / 10^d == outer without a division: outer·10^d ≤ inner < (outer + 1)·10^d (codes
        // have at most 15 digits, so neither product overflows).
        let scale = powersOfTen[Int(inner.width - outer.width)]
        let low = outer.code * scale
        return inner.code >= low && inner.code - low < scale
    }

    /// 10⁰ … 10¹⁵, for cutting a code to a shorter one's width.
    private static let powersOfTen: [Int64] = (0...15).map { k in (0..<k).reduce(1) { p, _ in p * 10 } }

    /// Whether `a` and `b` lie on one branch (either contains the other).
    func related(_ a: Int32, _ b: Int32) -> Bool {
        isAncestor(a, of: b) || isAncestor(b, of: a)
    }
}
