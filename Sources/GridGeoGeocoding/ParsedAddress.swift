/// One labelled span of an address.
public struct AddressComponent: Sendable, Hashable {
    /// What the span is.
    public let label: AddressLabel
    /// The span as typed (original width, original numerals).
    public let text: String
    /// Width-folded; for number labels, Chinese numerals written as digits (九号 → 9号).
    public let normalized: String
    /// Offsets of the span in the input's Unicode scalars (`input.unicodeScalars`).
    public let range: Range<Int>
    /// The structured number, for roadno, subroadno, houseno, cellno, floorno and roomno.
    public let number: HouseNumber?
    /// The gazetteer entry the span names, when it was matched by name.
    public let place: PlaceMatch?
    /// Why the parser chose this span.
    public let evidence: Evidence

    /// Why a span was labelled as it was.
    public enum Evidence: String, Sendable, Hashable, Codable {
        /// A gazetteer name (full, short or former).
        case gazetteer
        /// A level suffix on an unknown name: 镇, 村, 路, 开发区.
        case suffix
        /// A keyword: a POI ending (大厦, 小区), a position word (附近), noise (电联).
        case keyword
        /// A number slot: digits or a numeral with its unit.
        case number
        /// Nothing but its position between other components.
        case context
    }
}

/// The gazetteer entry behind a component.
public struct PlaceMatch: Sendable, Hashable {
    /// The entry chosen for this mention, using the other levels of the address.
    public let entry: Gazetteer.Entry
    /// How the name was written: full, short or former.
    public let form: Gazetteer.NameForm
    /// Other entries of the same level with this name that fit as well (empty when unambiguous).
    public let alternatives: [Gazetteer.Entry]
}

/// A division of the address, written in it or inferred from a written child.
public struct ResolvedDivision: Sendable, Hashable {
    public let entry: Gazetteer.Entry
    /// True when the address names this division; false when it was inferred from a child
    /// (安定门街道 → 东城区 → 北京市).
    public let isExplicit: Bool
    /// True when several entries fit equally well and this one was picked by preference.
    public let isAmbiguous: Bool
}

/// The administrative chain of an address, from the components and the gazetteer hierarchy.
public struct Divisions: Sendable, Hashable {
    public var province: ResolvedDivision?
    public var city: ResolvedDivision?
    public var district: ResolvedDivision?
    public var town: ResolvedDivision?

    /// The smallest division known.
    public var deepest: ResolvedDivision? { town ?? district ?? city ?? province }
}

/// The result of ``AddressParser/parse(_:)``: labelled components in input order, covering every
/// non-whitespace character of the input, plus the resolved division chain.
public struct ParsedAddress: Sendable, Hashable {
    /// The text given to the parser.
    public let input: String
    /// Components in input order. Together they cover the input, whitespace aside.
    public let components: [AddressComponent]
    /// Province, city, district and township, explicit or inferred.
    public let divisions: Divisions
    /// True when the input exceeded ``AddressParser/Options/maxLength`` scalars; the rest is one
    /// trailing ``AddressLabel/otherinfo`` component.
    public let isTruncated: Bool

    /// The address with widths folded, whitespace removed and numerals written as digits inside
    /// number components only: `北京市东城区安定门街道净土胡同九号` → `…净土胡同9号`.
    public var normalized: String { components.map(\.normalized).joined() }

    /// The first component with `label`.
    public func first(_ label: AddressLabel) -> AddressComponent? {
        components.first { $0.label == label }
    }

    /// Every component with `label`.
    public func components(_ label: AddressLabel) -> [AddressComponent] {
        components.filter { $0.label == label }
    }

    /// The text of the first component with `label`.
    public subscript(label: AddressLabel) -> String? { first(label)?.text }
}
