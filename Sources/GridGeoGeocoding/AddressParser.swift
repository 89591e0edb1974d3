/// Splits a Chinese address typed without spaces into labelled components.
///
///     let parser = AddressParser()
///     let address = parser.parse("北京市东城区安定门街道净土胡同9号")
///     address[.district]                  // "东城区"
///     address.first(.roadno)?.number      // 9号: numbers [9], unit 号
///     address.divisions.town?.entry.code  // "110101004"
///
/// How it works (deterministic, no learned weights):
/// 1. Fold widths and whitespace (``TextNormalizer/fold(_:)``), remembering where each character
///    came from and where the writer put spaces.
/// 2. Propose candidate spans: gazetteer names (full, short, former) scored up when another
///    mention in the address is their parent or child (东城 after 北京 is the district, after
///    黄岩 the township); unknown names ending in a level suffix (镇, 村, 路, 胡同, 开发区);
///    number slots with their units (12号, 甲16, 4-22号, 3号楼, 二单元, 5层, 301室); POI endings
///    (大厦, 小区, 花园); position words (附近, 对面); noise (电联, separators); and low-scored
///    fallback spans so that any text has a reading.
/// 3. Decode the best sequence with a semi-Markov pass whose transition scores encode the
///    address order (province → … → room); see ``Lattice``.
/// 4. Resolve each named division to one gazetteer entry, preferring entries consistent with the
///    other levels, then the configured home region, and infer missing parents.
///
/// A value type, immutable after creation and `Sendable`: share one parser across tasks.
public struct AddressParser: Sendable {
    /// Parser settings.
    public struct Options: Sendable, Hashable {
        /// Division-code prefix preferred when a name fits several places equally well (朝阳 is a
        /// district of Beijing and a city of Liaoning): `"11"` = Beijing. `nil`: no preference.
        public var homeRegion: String?
        /// Longest input parsed, in Unicode scalars (after whitespace removal). Longer input is cut
        /// and the remainder returned as one ``AddressLabel/otherinfo`` component.
        public var maxLength: Int

        public init(homeRegion: String? = "11", maxLength: Int = 512) {
            self.homeRegion = homeRegion
            self.maxLength = max(1, maxLength)
        }
    }

    /// The names the parser knows.
    public let gazetteer: Gazetteer
    public let options: Options

    /// Per gazetteer entry: whether its code lies in ``Options/homeRegion`` (computed once).
    let home: [Bool]
    /// The gazetteer's surface lists end to end (built once), which place hits point into.
    let table: SurfaceTable

    /// A parser over `gazetteer` (by default the national divisions).
    public init(gazetteer: Gazetteer = .china, options: Options = Options()) {
        self.gazetteer = gazetteer
        self.options = options
        self.home = Self.homeMask(gazetteer, region: options.homeRegion)
        self.table = SurfaceTable(gazetteer)
    }

    /// Which entries lie in `region` (a division-code prefix); all false without one.
    static func homeMask(_ gazetteer: Gazetteer, region: String?) -> [Bool] {
        guard let region else { return [Bool](repeating: false, count: gazetteer.count) }
        return gazetteer.entries.map { $0.code?.hasPrefix(region) == true }
    }

    /// Parses one address. Never fails: text that is not an address comes back as fallback
    /// components (poi, redundant, otherinfo); empty text gives no components.
    ///
    /// - Complexity: linear in the input length (spans are at most a dozen characters long).
    public func parse(_ text: String) -> ParsedAddress {
        var folded = FoldedText(text)
        var truncatedFrom: Int? = nil
        if folded.scalars.count > options.maxLength {
            truncatedFrom = Int(folded.origin[options.maxLength])
            folded.scalars.removeSubrange(options.maxLength...)
            folded.origin.removeSubrange(options.maxLength...)
            folded.spaceBefore.removeSubrange(options.maxLength...)
        }
        var session = ParseSession(folded: folded, gazetteer: gazetteer, home: home, table: table)
        session.run()
        var components = session.components(input: text)
        let divisions = resolve(&components, hits: session.hits, chosen: session.chosenHits)
        if let cut = truncatedFrom {
            let scalars = Array(text.unicodeScalars)
            let rest = String(String.UnicodeScalarView(scalars[cut...]))
            components.append(AddressComponent(label: .otherinfo, text: rest, normalized: TextNormalizer.fold(rest),
                                               range: cut..<scalars.count, number: nil, place: nil,
                                               evidence: .context))
        }
        return ParsedAddress(input: text, components: components, divisions: divisions,
                             isTruncated: truncatedFrom != nil)
    }

    /// The address with widths folded and numerals converted inside number components only;
    /// the same as `parse(text).normalized`.
    public func normalize(_ text: String) -> String {
        parse(text).normalized
    }
}
