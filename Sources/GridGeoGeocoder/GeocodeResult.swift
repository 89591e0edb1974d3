public import GridGeoCore
public import GridGeoLookup

/// How precisely a result is placed, from the most precise down. Each level is only as precise
/// as what it is (GB/T 37149's rule): a road-level result is somewhere on the road.
public enum MatchLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// 门牌 An address point with this door number on this road.
    case doorPlate = "door_plate"
    /// A door number placed between (or beyond) known plates of its road.
    case interpolated
    /// A named place (POI) of the address points: 中山公园, 兴隆都市馨园.
    case place
    /// A point on the road: the number is missing or cannot be placed.
    case road
    case community
    case street
    case district

    /// The confidence band of the level: results of a level always sort above those of the
    /// levels below it.
    var band: (low: Double, high: Double) {
        switch self {
        case .doorPlate: (0.90, 1.00)
        case .interpolated: (0.75, 0.90)
        case .place: (0.60, 0.75)
        case .road: (0.45, 0.60)
        case .community: (0.30, 0.45)
        case .street: (0.15, 0.30)
        case .district: (0.05, 0.15)
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}

/// Where a result sits in the administrative hierarchy and the grid.
public struct Hierarchy: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Hashable, Codable {
        /// From the unit grid that owns the position (`GridDirectory`).
        case grid
        /// From the store's street and community boundaries: no unit grid owns the position (or the
        /// store has no grids).
        case boundaries
        /// From the names matched in the address: no grid and no boundary holds the position.
        case names
    }

    public var province: String?
    public var city: String?
    public var district: Division?
    public var street: Division?
    public var community: Division?
    /// The 15-digit code of the unit grid that owns the position.
    public var grid: String?
    /// The grid version that answered.
    public var gridVersion: Int?
    public var source: Source

    public init(province: String? = nil, city: String? = nil, district: Division? = nil, street: Division? = nil,
                community: Division? = nil, grid: String? = nil, gridVersion: Int? = nil, source: Source) {
        self.province = province
        self.city = city
        self.district = district
        self.street = street
        self.community = community
        self.grid = grid
        self.gridVersion = gridVersion
        self.source = source
    }
}

/// How a name written in the address was matched to the store.
public struct NameMatchNote: Sendable, Hashable, Codable {
    /// district, street, community, road or place.
    public var level: String
    public var written: String
    public var matched: String
    public var match: NameMatch
}

/// One placement of an address.
public struct GeocodeMatch: Sendable, Hashable, Codable {
    public var level: MatchLevel
    /// CGCS2000 lon/lat.
    public var position: Coordinate
    /// In [0, 1], sorting like accuracy: the level's band (door plate 0.90–1, interpolated
    /// 0.75–0.90, place 0.60–0.75, road 0.45–0.60, community 0.30–0.45, street 0.15–0.30, district
    /// 0.05–0.15), and inside the band a quality from what predicts the error at that level (the
    /// spread of a plate's points, the gap between the plates interpolated between, a road's
    /// length, an area's size) times the penalties for fuzzy names and ambiguity. See
    /// docs/geocoding.md.
    public var confidence: Double
    /// The address as the store names it: 北京市东城区安定门街道净土胡同9号.
    public var address: String
    public var road: String?
    /// The door number as placed: 9号, 甲16号.
    public var number: String?
    public var place: String?
    public var hierarchy: Hierarchy
    /// How each written name was matched (only the inexact ones and the ones used).
    public var names: [NameMatchNote]
    /// What was done, in words: "between 7号 and 13号 (same side)", "16号 for 甲16号".
    public var detail: String?
}

/// The answer for one address: a best match and every alternative, or why there is none.
public struct GeocodeResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// One placement stands out.
        case matched
        /// Several placements fit equally well and lie apart; `match` is the first of them and
        /// `alternatives` holds the others. Never silently resolved.
        case ambiguous
        /// Nothing in the address matches the store.
        case notFound = "not_found"
        /// The address names a district the store does not hold.
        case outsideData = "outside_data"
        /// Empty or unusable input.
        case invalidInput = "invalid_input"
    }

    public var input: String
    public var status: Status
    public var match: GeocodeMatch?
    /// Other placements, best first: other places of the same name, other roads written.
    public var alternatives: [GeocodeMatch]
    /// Why there is no match, or what to know about it.
    public var message: String?
}

/// The answer for one point.
public struct ReverseResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// The nearest door plate within the distance asked for.
        case address
        /// No plate near enough; the nearest road within the distance.
        case road
        /// Inside a unit grid, but no plate or road near enough: the divisions only.
        case area
        /// Outside every grid and with nothing within the distance: not in the data.
        case outside
        case invalidInput = "invalid_input"
    }

    public var position: Coordinate
    public var status: Status
    /// 省市区街道 + road + number, as far as known: 北京市东城区安定门街道净土胡同9号.
    public var address: String?
    public var road: String?
    /// The plate's number; for a road answer, the number estimated from the road's plates, if any.
    public var number: String?
    /// Distance in metres to the plate or road used.
    public var distanceMetres: Double?
    public var hierarchy: Hierarchy?
    public var message: String?
}
