public import GridGeoCore
public import GridGeoStore
import GridGeoIndex
import Dispatch

/// A named division (区, 街道, 社区) as an answer carries it.
public struct Division: Hashable, Sendable, Codable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// Which unit grid, community, street and district a point is in, and by which grid version.
///
/// The grid's code and divisions live in one entry shared by every answer naming that grid, so an
/// answer is made, copied and dropped for one reference count instead of seven strings'.
public struct GridAnswer: Hashable, Sendable, Codable {
    public enum Position: String, Hashable, Sendable, Codable {
        /// In the interior of the grid.
        case inside
        /// Exactly on an edge or vertex of the grid (it owns the point by the boundary rule).
        case boundary
        /// In no grid; `grid` is then the nearest one within the distance asked for, if any.
        case outside
    }

    public var position: Position
    /// The grid and its divisions; nil when the point is outside and no grid was near enough.
    let entry: GridEntry?
    /// The grid version that answered.
    public var version: Int
    /// Distance to the nearest grid, for an outside point; nil otherwise.
    public var distanceMetres: Double?

    /// The 15-digit grid code; nil when the point is outside and no grid was near enough.
    public var grid: String? { entry?.code }
    public var community: Division? { entry?.parents.community }
    public var street: Division? { entry?.parents.street }
    public var district: Division? { entry?.parents.district }

    init(position: Position, entry: GridEntry?, version: Int, distanceMetres: Double? = nil) {
        self.position = position
        self.entry = entry
        self.version = version
        self.distanceMetres = distanceMetres
    }

    private enum CodingKeys: String, CodingKey {
        case position, grid, community, street, district, version, distanceMetres
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        position = try c.decode(Position.self, forKey: .position)
        version = try c.decode(Int.self, forKey: .version)
        distanceMetres = try c.decodeIfPresent(Double.self, forKey: .distanceMetres)
        let parents = GridParents(community: try c.decodeIfPresent(Division.self, forKey: .community),
                                  street: try c.decodeIfPresent(Division.self, forKey: .street),
                                  district: try c.decodeIfPresent(Division.self, forKey: .district))
        entry = try c.decodeIfPresent(String.self, forKey: .grid).map { GridEntry(code: $0, parents: parents) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(position, forKey: .position)
        try c.encodeIfPresent(grid, forKey: .grid)
        try c.encodeIfPresent(community, forKey: .community)
        try c.encodeIfPresent(street, forKey: .street)
        try c.encodeIfPresent(district, forKey: .district)
        try c.encode(version, forKey: .version)
        try c.encodeIfPresent(distanceMetres, forKey: .distanceMetres)
    }
}

/// A grid's code and divisions, shared by the answers naming it; compared by value.
final class GridEntry: Hashable, Sendable {
    let code: String
    let parents: GridParents

    init(code: String, parents: GridParents) {
        self.code = code
        self.parents = parents
    }

    static func == (a: GridEntry, b: GridEntry) -> Bool { a === b || (a.code == b.code && a.parents == b.parents) }
    func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(parents)
    }
}

/// The community, street and district of the grids sharing one 12-digit code prefix.
final class GridParents: Hashable, Sendable {
    let community: Division?
    let street: Division?
    let district: Division?

    init(community: Division?, street: Division?, district: Division?) {
        self.community = community
        self.street = street
        self.district = district
    }

    static func == (a: GridParents, b: GridParents) -> Bool {
        a === b || (a.community == b.community && a.street == b.street && a.district == b.district)
    }
    func hash(into hasher: inout Hasher) {
        hasher.combine(community)
        hasher.combine(street)
        hasher.combine(district)
    }
}

/// The point-in-grid lookup of one grid version, with the hierarchy each grid belongs to.
///
/// Immutable and `Sendable`: build it once per grid version and share it. Answers come from the
/// pure-Swift `GridLocator` (no database, no C); the boundary rule is `GridLocator`'s: every point
/// of the covered area has exactly one owning grid, a point on an edge shared by two grids belongs
/// to the grid east of it (north of a horizontal edge).
public final class GridDirectory: Sendable {
    /// The grid version answered from.
    public let version: Int
    /// The number of grids.
    public var gridCount: Int { grids.count }

    private let locator: GridLocator
    /// Per grid, its entry; grids of one community share their parents.
    private let grids: [GridEntry]

    /// Builds the directory from grids and the divisions they belong to; a grid's community,
    /// street and district are found by its code's 12-, 9- and 6-digit prefixes.
    public init(version: Int, grids: [UnitGridRecord], communities: [CommunityRecord],
                streets: [StreetRecord], districts: [DistrictRecord]) {
        let community = Dictionary(communities.map { ($0.code, Division(code: $0.code, name: $0.name)) },
                                   uniquingKeysWith: { a, _ in a })
        let street = Dictionary(streets.map { ($0.code, Division(code: $0.code, name: $0.name)) },
                                uniquingKeysWith: { a, _ in a })
        let district = Dictionary(districts.map { ($0.code, Division(code: $0.code, name: $0.name)) },
                                  uniquingKeysWith: { a, _ in a })
        self.version = version
        var parents: [Substring: GridParents] = [:]
        self.grids = grids.map { g in
            let prefix = g.code.prefix(12)
            let p = parents[prefix] ?? GridParents(community: community[String(prefix)],
                                                   street: street[String(g.code.prefix(9))],
                                                   district: district[String(g.code.prefix(6))])
            parents[prefix] = p
            return GridEntry(code: g.code, parents: p)
        }
        self.locator = GridLocator(grids: grids.map(\.geometry.polygons))
    }

    /// The directory of the grid version valid on `date` (today's open version when nil).
    ///
    /// - Throws: `LookupError.noGridVersion` when the store has no grids for that date, or the
    ///   store's own errors.
    public convenience init(store: GridStore, on date: LocalDate? = nil) throws {
        let grids: [UnitGridRecord]
        let version: Int
        if let date {
            grids = try store.unitGrids(on: date)
            guard let v = grids.first?.version else { throw LookupError.noGridVersion(date: date.description) }
            version = v
        } else {
            guard let current = try store.currentGridVersion() else { throw LookupError.noGridVersion(date: nil) }
            version = current.version
            grids = try store.unitGrids(version: version)
        }
        self.init(version: version, grids: grids, communities: try store.communities(),
                  streets: try store.streets(), districts: try store.districts())
    }

    /// The grid that owns `point` (CGCS2000 lon/lat). An outside point is answered with the nearest
    /// grid within `nearestWithinMetres` (0: none) and its distance.
    public func locate(_ point: Coordinate, nearestWithinMetres: Double = 0) -> GridAnswer {
        if let hit = locator.locate(point) {
            return answer(grid: Int(hit.grid), position: hit.position == .inside ? .inside : .boundary, distance: nil)
        }
        if nearestWithinMetres > 0, let near = locator.nearest(to: point, maxDistanceMetres: nearestWithinMetres) {
            return answer(grid: Int(near.grid), position: .outside, distance: near.distanceMetres)
        }
        return GridAnswer(position: .outside, entry: nil, version: version)
    }

    /// The owners of many points, in their order, using every core.
    public func locate(_ points: [Coordinate], nearestWithinMetres: Double = 0) -> [GridAnswer] {
        let hits = locator.locate(points)
        let n = points.count, chunk = 1 << 14
        if n == 0 { return [] }
        // The answers are built in parallel too: with their names they cost more than the lookups.
        return [GridAnswer](unsafeUninitializedCapacity: n) { out, done in
            let answers = SharedBuffer(base: out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: (n + chunk - 1) / chunk) { c in
                for i in c * chunk..<min(n, (c + 1) * chunk) {
                    let a = hits[i].map { answer(grid: Int($0.grid), position: $0.position == .inside ? .inside : .boundary, distance: nil) }
                        ?? locate(points[i], nearestWithinMetres: nearestWithinMetres)
                    (answers.base + i).initialize(to: a)
                }
            }
            done = n
        }
    }

    /// The codes of every grid whose closed region holds `point`: the owner first, then the other
    /// grids sharing the edge or vertex it lies on, by code. For an answer at `.boundary`, where a
    /// case may concern the grids on both sides; empty outside every grid.
    public func gridsCovering(_ point: Coordinate) -> [String] {
        let codes = locator.covering(point).map { grids[Int($0)].code }
        return codes.prefix(1) + codes.dropFirst().sorted()
    }

    private func answer(grid i: Int, position: GridAnswer.Position, distance: Double?) -> GridAnswer {
        GridAnswer(position: position, entry: grids[i], version: version, distanceMetres: distance)
    }
}

public enum LookupError: Error, Hashable, Sendable, CustomStringConvertible {
    case noGridVersion(date: String?)

    public var description: String {
        switch self {
        case .noGridVersion(let date?): "the store has no unit grids valid on \(date); build grids first (geo-import build-grids)"
        case .noGridVersion(nil): "the store has no unit grids yet; build them first (geo-import build-grids)"
        }
    }
}

