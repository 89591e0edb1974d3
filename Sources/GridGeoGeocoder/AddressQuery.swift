import GridGeoGeocoding

/// What geocoding needs from a parsed address: the divisions it names, and the named things
/// (roads, places) with the door numbers written after them, in the order written.
///
/// The same extraction reads the store's address points when the index is built and the input
/// when it is geocoded, so both sides name a door plate alike.
struct AddressQuery: Sendable {
    /// A road or place with the number written right after it (净土胡同 9号, 兴隆都市馨园 1).
    struct Named: Sendable {
        var name: String
        var label: AddressLabel
        var number: HouseNumber?
        /// Text written right before the name that may be the start of it: the parser splits names
        /// it does not know (东皇城 + 根南街 for 东黄城根南街, 长巷 + 五条, 交道口 北 三条).
        var before: String = ""

        /// Names to try, longest first: the name with the last 1…n characters of `before`, then
        /// the name alone.
        var candidates: [String] {
            let scalars = Array(before.unicodeScalars)
            return (0..<scalars.count).map { k in
                String(String.UnicodeScalarView(scalars[k...])) + name
            } + [name]
        }

        /// The name without its first 1…n characters, down to three (安定门净土胡同 read as
        /// 安定 + 门净土胡同: 净土胡同): a piece of a division name the parser glued to the front.
        var trimmedCandidates: [String] {
            let scalars = Array(name.unicodeScalars)
            guard scalars.count > 3 else { return [] }
            return (1...(scalars.count - 3)).map { String(String.UnicodeScalarView(scalars[$0...])) }
        }
    }

    var districtCode: String?
    var districtName: String?
    /// Whether the address writes the district (or only implies it through a township).
    var districtWritten = false
    var streetCode: String?
    var streetName: String?
    var communityName: String?
    /// Roads first (in order), then places (POIs) with or without a number.
    var roads: [Named] = []
    var places: [Named] = []

    /// Whether a component written right before a road or place may be the start of its name: an
    /// unknown piece (东皇城 + 根南街), another road (长巷 + 五条), a direction (北), or a short division
    /// name the parser took on its own (中山 + 公园, 交道口 + 北三条). Full division names, numbers and
    /// other noise never are.
    static func mayStartAName(_ c: AddressComponent) -> Bool {
        switch c.label {
        case .poi, .subpoi, .otherinfo, .community, .devzone, .person, .road, .subroad: return true
        case .assist: return c.normalized.unicodeScalars.count == 1   // 北 of 交道口北三条
        case .city, .district, .town: return c.place?.form == .short
        default: return false
        }
    }

    /// Whether there is anything below the district to match.
    var isEmpty: Bool { streetName == nil && communityName == nil && roads.isEmpty && places.isEmpty }

    init(_ parsed: ParsedAddress) {
        let divisions = parsed.divisions
        if let d = divisions.district {
            districtCode = d.entry.code
            districtName = d.entry.name
            // Written in full (西城区), or short but backed by its city (北京西城): a short name on
            // its own (兴隆 of 兴隆都市馨园) is too often the start of another name to decide on.
            let mention = parsed.first(.district)
            districtWritten = d.isExplicit
                && (mention?.place?.form != .short || divisions.city?.isExplicit == true || divisions.province?.isExplicit == true)
        }
        if let t = divisions.town {
            streetCode = t.entry.code
            streetName = t.entry.name
        } else if let t = parsed.first(.town) {
            streetName = t.normalized
        }
        communityName = parsed.first(.community)?.normalized

        // Pair each name with a number that follows it, looking through noise (redundant, assist).
        var pending: Named? = nil
        func flush() {
            guard let p = pending else { return }
            if p.label == .road || p.label == .subroad { roads.append(p) } else { places.append(p) }
            pending = nil
        }
        var previous: [AddressComponent] = []
        for component in parsed.components {
            defer { previous.append(component) }
            switch component.label {
            case .road, .subroad, .poi, .subpoi:
                flush()
                // Adjacent pieces before it that may start its name, up to 8 characters.
                var before = ""
                var start = component.range.lowerBound
                for p in previous.reversed() {
                    guard p.range.upperBound == start, Self.mayStartAName(p),
                          p.normalized.unicodeScalars.count + before.unicodeScalars.count <= 8 else { break }
                    before = p.normalized + before
                    start = p.range.lowerBound
                }
                pending = Named(name: component.normalized, label: component.label, number: nil, before: before)
            case .roadno, .subroadno:
                if pending != nil, pending?.number == nil, let n = component.number, !n.numbers.isEmpty {
                    pending?.number = n
                }
                flush()
            case .houseno, .roomno, .cellno:
                // 幸福家园9, 民旺园31: a number right after a place is its door or building number.
                if pending != nil, pending?.number == nil, (pending?.label == .poi || pending?.label == .subpoi),
                   let n = component.number, !n.numbers.isEmpty {
                    pending?.number = n
                }
                flush()
            case .redundant, .assist, .otherinfo:
                continue
            default:
                flush()
            }
        }
        flush()
        // 草厂七条胡同草厂七条12号: of several roads written, the one with a door number is the address.
        let numbered = roads.filter { $0.number != nil }
        roads = numbered + roads.filter { $0.number == nil }
    }
}

extension HouseNumber {
    /// The main door number: the first written (of 4-22号 or 60、76号, the first).
    var main: Int? { numbers.first }

    /// Every door this number may mean, the first written first: both ends of a range (17-19号
    /// means 17 or 19), every item of a list.
    var doors: [Int] {
        if let range { return [range.lowerBound, range.upperBound] }
        return numbers.filter { $0 > 0 }
    }

    /// The door plate as an address writes it: 9号, 甲16号, 4-22号.
    var plateText: String {
        var text = prefix ?? ""
        if let range { text += "\(range.lowerBound)-\(range.upperBound)" }
        else { text += numbers.map(String.init).joined(separator: "、") }
        if let sub { text += "-\(sub)" }
        if let letter { text += letter }
        return text + "号"
    }
}
