import Dispatch
public import GridGeoCore
public import GridGeoGeocoding
public import GridGeoLookup
public import GridGeoStore

/// Chinese addresses to positions over a GridGeo store, and positions back to addresses.
///
///     let geocoder = try Geocoder(store: store)
///     let r = geocoder.geocode("北京市东城区安定门街道净土胡同9号")
///     r.match?.level                  // .doorPlate
///     r.match?.hierarchy.grid         // "110101004001003"
///     geocoder.reverse(Coordinate(lon: 116.4062, lat: 39.9451)).address
///
/// Built once from the store: an immutable, `Sendable` index of
/// - address points by road and door number (the address parsed with the store's names),
/// - roads by name with their centre lines (stretches of one name that lie apart kept apart),
/// - districts, streets and communities by name, short form (安定门 for 安定门街道) and code,
/// - the unit grids (`GridDirectory`) that bind every result to its grid and hierarchy.
///
/// An address is matched as precisely as the store allows, in this order: the exact door plate;
/// a door plate interpolated along its road between known plates of the same side (odd or even);
/// a named place; the road (a point on it, within the street written when the grids say which
/// part lies there); the community; the street; the district. Names are matched inside the parent
/// chosen so far, exactly, by short form or suffix variant, or one edit away for longer names.
/// Every result carries its level and a confidence that sorts like accuracy; places that fit
/// equally well are all returned (`GeocodeResult.Status.ambiguous`).
public final class Geocoder: Sendable {
    /// The parser, with the store's streets, communities and roads added to the national divisions.
    public let parser: AddressParser
    /// The grids results are bound to; nil when the store has none (hierarchies then come from names).
    public let directory: GridDirectory?

    let frame: MetricFrame
    let roads: RoadGeometry
    let book: AddressBook
    let areas: Areas

    /// Builds the geocoder from everything in `store`, with the grid version valid on `date`
    /// (today's when nil). A store without grids gives a geocoder without grid binding.
    ///
    /// - Throws: the store's errors.
    public convenience init(store: GridStore, on date: LocalDate? = nil) throws {
        let directory: GridDirectory?
        do { directory = try GridDirectory(store: store, on: date) } catch is LookupError { directory = nil }
        try self.init(districts: store.districts(), streets: store.streets(), communities: store.communities(),
                      roads: store.roads(), addressPoints: store.addressPoints(), directory: directory)
    }

    /// Builds the geocoder from records (CGCS2000 lon/lat).
    public convenience init(districts: [DistrictRecord], streets: [StreetRecord], communities: [CommunityRecord],
                            roads: [RoadRecord], addressPoints: [AddressPointRecord], directory: GridDirectory?) {
        var box = BoundingBox.empty
        for d in districts { box = box.union(d.geometry.boundingBox) }
        if box.isEmpty { for r in roads { box = box.union(r.geometry.boundingBox) } }
        let frame = MetricFrame(around: box)
        let parser = Self.parser(districts: districts, streets: streets, communities: communities, roads: roads)
        let areas = Areas(districts: districts, streets: streets, communities: communities, frame: frame)
        // The street of each road piece: by its unit grid, else by the street boundaries.
        let geometry = RoadGeometry(roads: roads, frame: frame) { point in
            directory?.locate(point).street?.code ?? areas.street(at: point).map { areas.streets[$0].code }
        }
        let prepared = addressPoints.enumerated().map { i, record in
            var point = Self.prepare(record, id: i, parser: parser, frame: frame)
            point.attach(to: geometry)
            return point
        }
        self.init(parser: parser, directory: directory, frame: frame, roads: geometry,
                  book: AddressBook(points: prepared, roads: geometry), areas: areas)
    }

    init(parser: AddressParser, directory: GridDirectory?, frame: MetricFrame, roads: RoadGeometry,
         book: AddressBook, areas: Areas) {
        self.parser = parser
        self.directory = directory
        self.frame = frame
        self.roads = roads
        self.book = book
        self.areas = areas
    }

    /// The same geocoder without some address points (by their position in the store's list), for
    /// evaluation: geocode a point's address with every other point indexed. Only the address
    /// index is rebuilt; nothing is parsed again.
    public func excluding(addressPoints ids: Set<Int>) -> Geocoder {
        Geocoder(parser: parser, directory: directory, frame: frame, roads: roads,
                 book: AddressBook(points: book.points.filter { !ids.contains($0.id) }, roads: roads), areas: areas)
    }

    /// What the index holds.
    public var summary: String {
        let plates = book.lines.reduce(0) { $0 + $1.plates.count }
        return "\(areas.districts.count) districts, \(areas.streets.count) streets, \(areas.communities.count) communities, "
            + "\(roads.stretches.count) road stretches, \(book.points.count) address points (\(plates) door plates), "
            + (directory.map { "\($0.gridCount) unit grids (version \($0.version))" } ?? "no unit grids")
    }

    /// The national divisions plus the store's streets (under their codes), communities and road
    /// names. Place names are not added: a place name read wrongly from one address point would
    /// then be read wrongly everywhere; places are matched by the geocoder instead.
    static func parser(districts: [DistrictRecord], streets: [StreetRecord], communities: [CommunityRecord],
                       roads: [RoadRecord]) -> AddressParser {
        var gazetteer = Gazetteer.china
        for s in streets {
            if let existing = gazetteer.entry(code: s.code) {
                if existing.name != s.name { gazetteer.addAlias(s.name, for: existing) }
            } else {
                gazetteer.add(name: s.name, level: .town, code: s.code, parentCode: s.districtCode)
            }
        }
        for c in communities {
            gazetteer.add(name: c.name, level: .community, code: c.code, parentCode: c.streetCode)
        }
        let district = districts.count == 1 ? districts[0].code : nil
        var seen: Set<String> = []
        for r in roads {
            for name in [r.name] + (r.name.contains("/") ? r.name.split(separator: "/").map(String.init) : [])
            where !name.contains("/") && name.unicodeScalars.count >= 2 && seen.insert(name).inserted {
                gazetteer.add(name: name, level: .road, parentCode: district)
            }
        }
        return AddressParser(gazetteer: gazetteer)
    }

    static func prepare(_ record: AddressPointRecord, id: Int, parser: AddressParser, frame: MetricFrame) -> PreparedPoint {
        let parsed = parser.parse(record.address)
        let query = AddressQuery(parsed)
        let plate = (query.roads + query.places).first { $0.number != nil } ?? query.roads.first
        var places = query.places.map(\.name)
        if let name = record.name, !name.isEmpty { places.append(name) }
        return PreparedPoint(id: id, address: record.address, name: record.name, location: record.location,
                             point: frame.point(record.location), plate: plate, places: places,
                             streetCode: query.streetCode, streetName: query.streetName,
                             districtCode: query.districtCode)
    }

    // MARK: Batches

    /// Geocodes many addresses using every core; `result[i]` answers `addresses[i]`.
    public func geocode(_ addresses: [String]) -> [GeocodeResult] {
        concurrentMap(addresses.count) { self.geocode(addresses[$0]) }
    }

    /// Reverse-geocodes many points using every core; `result[i]` answers `points[i]`.
    public func reverse(_ points: [Coordinate], withinMetres radius: Double = 100) -> [ReverseResult] {
        concurrentMap(points.count) { self.reverse(points[$0], withinMetres: radius) }
    }
}

/// `(0..<n).map(body)`, spread over every core in chunks.
func concurrentMap<T: Sendable>(_ n: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard n > 1 else { return (0..<n).map(body) }
    let chunk = max(1, min(256, n / 16))
    let chunks = (n + chunk - 1) / chunk
    return [T](unsafeUninitializedCapacity: n) { buffer, count in
        let base = SendablePointer(pointer: buffer.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(n, (c + 1) * chunk) { (base.pointer + i).initialize(to: body(i)) }
        }
        count = n
    }
}

/// A buffer that concurrent iterations write at disjoint positions.
// @unchecked: each iteration initialises only its own slots, and the buffer is read after all finish.
private struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
}
