import Foundation
import GridGeoCore
import GridGeoGeocoding

/// An address point as the index keeps it: its position and what its address names, parsed once.
struct PreparedPoint: Sendable {
    /// Position in the list the geocoder was built from.
    var id: Int
    var address: String
    var name: String?
    var location: Coordinate
    var point: Point
    /// The road (or place) with a number that the address names first, else its first road.
    var plate: AddressQuery.Named?
    /// Place names: the address's POIs and the point's own name.
    var places: [String]
    /// The street and district codes the address names (for a formatted reverse answer without grids).
    var streetCode: String?
    var streetName: String?
    var districtCode: String?
    /// Worked out once (see `attach(to:)`), so that the book can be rebuilt cheaply: the road
    /// stretch the plate lies on, else the folded stem of its name; the folded place names.
    var stretch: Int? = nil
    var plateKey: [UInt32] = []
    var plateName = ""
    var foldedPlaces: [[UInt32]] = []

    /// Finds the stretch of the plate's road, as the geocoder reads addresses (the name with the
    /// text before it first, one edit allowed): of that name, the nearest within
    /// `AddressBook.attachDistance`. Without one, the line is keyed by the longest candidate name.
    mutating func attach(to roads: RoadGeometry) {
        foldedPlaces = places.map(foldedName)
        guard let named = plate else { return }
        plateName = named.candidates[0]
        plateKey = NameKind.road.stem(foldedName(plateName))
        guard let found = roads.names.lookup(named) else { return }
        var best = Double.infinity
        for s in found.values {
            let d = roads.stretches[Int(s)].nearest(to: point).distance
            if d < best, d <= AddressBook.attachDistance { best = d; stretch = Int(s) }
        }
    }
}

/// One door plate on a line: a number and where its point is.
struct Plate: Sendable {
    var number: Int
    var prefix: String?
    var sub: Int?
    var point: Point
    /// The `PreparedPoint` it comes from.
    var source: Int32
}

/// A road (or numbered place) as far as door plates go: a geometry stretch, or a name known only
/// from address points (a lane missing from the centre lines, a housing estate with numbers).
struct PlateLine: Sendable {
    var name: String
    /// The stretch of `RoadGeometry` it is, if any (line i < stretch count is stretch i).
    var stretch: Int?
    /// Sorted by number.
    var plates: [Plate] = []
    /// Principal axis for extrapolation (the stretch's, or the plates' own).
    var centre: Point
    var axis: Point
    /// Extent along the axis, metres from the centre.
    var axialRange: ClosedRange<Double>
    /// Metres along the axis per door number, fitted over the plates; nil when the numbers do not
    /// follow the axis well enough (|r| < 0.8) or there are fewer than two distinct numbers.
    var metresPerNumber: Double?
    /// Street codes its plates' addresses name.
    var streets: Set<String> = []
}

/// The address points of a store: door plates per line, place names, and buckets for the
/// nearest point. Built from prepared points and the road geometry; cheap to rebuild without
/// some points (leave-one-out evaluation).
struct AddressBook: Sendable {
    var points: [PreparedPoint]
    var lines: [PlateLine]
    /// Names of lines: every stretch's name (same indices) plus names known only from plates.
    var lineNames: NameTable<Int32>
    /// Place name → indices into `points`.
    var places: NameTable<Int32>
    var buckets: SpatialBuckets

    /// Plates of a name join a stretch of that name when within this distance of it.
    static let attachDistance = 300.0

    init(points: [PreparedPoint], roads: RoadGeometry) {
        self.points = points
        var lines = roads.stretches.enumerated().map { i, s in
            let extent = s.polylines.flatMap { $0 }.map(s.axial)
            return PlateLine(name: s.name, stretch: i, centre: s.centre, axis: s.axis,
                             axialRange: (extent.min() ?? 0)...(extent.max() ?? 0))
        }
        var lineNames = roads.names
        var extraByName: [[UInt32]: [Int]] = [:]   // folded stem → lines known only from plates
        var places = NameTable<Int32>(kind: .place)
        var members: [Int: [Point]] = [:]   // points of the lines known only from address points

        for (k, p) in points.enumerated() {
            for name in p.foldedPlaces { places.add(folded: name, Int32(k)) }
            guard let named = p.plate else { continue }
            // The stretch found when the point was prepared; else a line of the name's own, shared by
            // the points of that name within `attachDistance` of each other.
            var line = p.stretch
            if line == nil {
                for candidate in extraByName[p.plateKey] ?? [] where members[candidate, default: []].contains(where: {
                    $0.distance(to: p.point) <= Self.attachDistance
                }) {
                    line = candidate
                    break
                }
                if line == nil {
                    line = lines.count
                    extraByName[p.plateKey, default: []].append(lines.count)
                    lineNames.add(p.plateName, Int32(lines.count))
                    lines.append(PlateLine(name: p.plateName, stretch: nil, centre: p.point, axis: Point(x: 1, y: 0),
                                           axialRange: 0...0))
                }
            }
            members[line!, default: []].append(p.point)
            if let code = p.streetCode { lines[line!].streets.insert(code) }
            guard let number = named.number else { continue }
            for door in number.doors {
                lines[line!].plates.append(Plate(number: door, prefix: number.prefix, sub: number.sub,
                                                 point: p.point, source: Int32(k)))
            }
        }
        for i in lines.indices {
            lines[i].plates.sort { ($0.number, $0.prefix ?? "", $0.sub ?? 0) < ($1.number, $1.prefix ?? "", $1.sub ?? 0) }
            if lines[i].stretch == nil { Self.fitAxis(&lines[i]) }
            Self.fitNumbering(&lines[i])
        }
        self.lines = lines
        self.lineNames = lineNames
        self.places = places
        self.buckets = SpatialBuckets(boxes: points.map { ($0.point, $0.point) })
    }

    /// A plates-only line takes its centre and axis from its plates (principal axis of the points).
    static func fitAxis(_ line: inout PlateLine) {
        let pts = line.plates.map(\.point)
        guard !pts.isEmpty else { return }
        let n = Double(pts.count)
        let c = Point(x: pts.map(\.x).reduce(0, +) / n, y: pts.map(\.y).reduce(0, +) / n)
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for p in pts {
            let d = p - c
            sxx += d.x * d.x; sxy += d.x * d.y; syy += d.y * d.y
        }
        let angle = 0.5 * atan2(2 * sxy, sxx - syy)
        line.centre = c
        line.axis = Point(x: cos(angle), y: sin(angle))
        let s = pts.map { ($0 - c).dot(line.axis) }
        line.axialRange = (s.min()! - 50)...(s.max()! + 50)
    }

    /// Least-squares metres per number along the axis, kept only when numbering follows the axis.
    static func fitNumbering(_ line: inout PlateLine) {
        let xs = line.plates.map { Double($0.number) }
        let ys = line.plates.map { ($0.point - line.centre).dot(line.axis) }
        guard Set(xs).count >= 2 else { return }
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (x, y) in zip(xs, ys) {
            sxx += (x - mx) * (x - mx); sxy += (x - mx) * (y - my); syy += (y - my) * (y - my)
        }
        guard sxx > 0, syy > 0 else { return }
        let r = sxy / (sxx * syy).squareRoot()
        guard abs(r) >= 0.8 else { return }
        line.metresPerNumber = sxy / sxx
    }

    /// The nearest address point to `p` within `radius` metres.
    func nearestPoint(to p: Point, within radius: Double) -> (index: Int, distance: Double)? {
        var best: (index: Int, distance: Double)? = nil
        buckets.forEachCandidate(near: p, radius: radius) { k in
            let d = points[k].point.distance(to: p)
            if d <= radius, d < (best?.distance ?? .infinity) { best = (k, d) }
        }
        return best
    }
}
