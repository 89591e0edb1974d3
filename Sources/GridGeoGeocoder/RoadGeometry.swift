import Foundation
import GridGeoCore
import GridGeoStore

/// One stretch of a named road: the centre lines of one name that lie together. A name used in
/// two places (two 北街 a kilometre apart) gives two stretches, so that an address naming it
/// without a parent is reported as ambiguous instead of being averaged into the space between.
struct RoadStretch: Sendable {
    /// The name as the data writes it.
    var name: String
    var polylines: [[Point]]
    /// The street code of each polyline (by its middle vertex), when a grid directory was given.
    var polylineStreets: [String?]
    var length: Double
    /// Length-weighted centre of the centre lines.
    var centre: Point
    /// Unit vector along the road's principal direction (the direction tensor's main axis).
    var axis: Point
    /// The point on the road nearest its centre: where a road-level match is placed.
    var representative: Point
}

/// The named road centre lines of a store, grouped into stretches and indexed by name and by
/// position.
struct RoadGeometry: Sendable {
    var stretches: [RoadStretch] = []
    var names = NameTable<Int32>(kind: .road)
    /// Segment k is (`segmentOwners[k]`: stretch, polyline, vertex) to the next vertex.
    var segmentOwners: [(stretch: Int32, polyline: Int32, vertex: Int32)] = []
    var segments: SpatialBuckets

    /// Stretches closer than this to each other (between their extents) are one road.
    static let joinDistance = 150.0

    init(roads: [RoadRecord], frame: MetricFrame, streetOf: (Coordinate) -> String?) {
        // 1. Polylines by name.
        var byName: [String: [[Point]]] = [:]
        var order: [String] = []
        for road in roads {
            // 二环路/雍和宫桥: the ring road's segment that is the bridge; it belongs to both names.
            let parts = road.name.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !parts.isEmpty else { continue }
            let lines: [[Point]]
            switch road.geometry {
            case .lineString(let l): lines = [l.coordinates.map(frame.point)]
            case .multiLineString(let ls): lines = ls.map { $0.coordinates.map(frame.point) }
            default: lines = []
            }
            let usable = lines.filter { $0.count >= 2 && $0.allSatisfy { $0.x.isFinite && $0.y.isFinite } }
            guard !usable.isEmpty else { continue }
            for name in parts {
                if byName[name] == nil { order.append(name) }
                byName[name, default: []].append(contentsOf: usable)
            }
        }
        // 2. Per name, join polylines whose extents come within `joinDistance` (union-find).
        var stretches: [RoadStretch] = []
        var names = NameTable<Int32>(kind: .road)
        for name in order {
            let lines = byName[name]!
            let boxes = lines.map(Self.extent)
            var parent = Array(lines.indices)
            func find(_ i: Int) -> Int {
                var i = i
                while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
                return i
            }
            for i in lines.indices {
                for j in (i + 1)..<lines.count where Self.gap(boxes[i], boxes[j]) <= Self.joinDistance {
                    let a = find(i), b = find(j)
                    if a != b { parent[a] = b }
                }
            }
            var groups: [Int: [Int]] = [:]
            for i in lines.indices { groups[find(i), default: []].append(i) }
            for members in groups.values.sorted(by: { $0[0] < $1[0] }) {
                let polylines = members.map { lines[$0] }
                let streets = polylines.map { line in streetOf(frame.coordinate(line[line.count / 2])) }
                let id = Int32(stretches.count)
                stretches.append(Self.stretch(name: name, polylines: polylines, streets: streets))
                names.add(name, id)
            }
        }
        // 3. Segments into buckets, for the nearest road of a point.
        var owners: [(Int32, Int32, Int32)] = []
        var boxes: [(min: Point, max: Point)] = []
        for (s, stretch) in stretches.enumerated() {
            for (l, line) in stretch.polylines.enumerated() {
                for v in 0..<(line.count - 1) {
                    owners.append((Int32(s), Int32(l), Int32(v)))
                    let a = line[v], b = line[v + 1]
                    boxes.append((Point(x: min(a.x, b.x), y: min(a.y, b.y)), Point(x: max(a.x, b.x), y: max(a.y, b.y))))
                }
            }
        }
        self.stretches = stretches
        self.names = names
        self.segmentOwners = owners.map { (stretch: $0.0, polyline: $0.1, vertex: $0.2) }
        self.segments = SpatialBuckets(boxes: boxes)
    }

    /// A stretch from its polylines: length, centre, principal axis, representative point.
    static func stretch(name: String, polylines: [[Point]], streets: [String?]) -> RoadStretch {
        var length = 0.0, cx = 0.0, cy = 0.0, sxx = 0.0, sxy = 0.0, syy = 0.0
        for line in polylines {
            for (a, b) in zip(line, line.dropFirst()) {
                let d = b - a
                let l = d.length
                guard l > 0 else { continue }
                length += l
                cx += (a.x + b.x) / 2 * l
                cy += (a.y + b.y) / 2 * l
                // Direction tensor: l · u uᵀ = d dᵀ / l.
                sxx += d.x * d.x / l
                sxy += d.x * d.y / l
                syy += d.y * d.y / l
            }
        }
        let centre = length > 0 ? Point(x: cx / length, y: cy / length) : polylines[0][0]
        let angle = 0.5 * atan2(2 * sxy, sxx - syy)
        let axis = Point(x: cos(angle), y: sin(angle))
        var stretch = RoadStretch(name: name, polylines: polylines, polylineStreets: streets, length: length,
                                  centre: centre, axis: axis, representative: centre)
        stretch.representative = stretch.nearest(to: centre).point
        return stretch
    }

    static func extent(_ line: [Point]) -> (min: Point, max: Point) {
        var lo = line[0], hi = line[0]
        for p in line {
            lo = Point(x: min(lo.x, p.x), y: min(lo.y, p.y))
            hi = Point(x: max(hi.x, p.x), y: max(hi.y, p.y))
        }
        return (lo, hi)
    }

    /// Distance between two boxes (0 when they touch or overlap).
    static func gap(_ a: (min: Point, max: Point), _ b: (min: Point, max: Point)) -> Double {
        let dx = max(0, max(a.min.x - b.max.x, b.min.x - a.max.x))
        let dy = max(0, max(a.min.y - b.max.y, b.min.y - a.max.y))
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The nearest road segment to `p` within `radius` metres: (stretch, foot point, distance).
    func nearestSegment(to p: Point, within radius: Double) -> (stretch: Int, point: Point, distance: Double)? {
        var best: (stretch: Int, point: Point, distance: Double)? = nil
        segments.forEachCandidate(near: p, radius: radius) { k in
            let owner = segmentOwners[k]
            let line = stretches[Int(owner.stretch)].polylines[Int(owner.polyline)]
            let foot = nearestOnSegment(p, line[Int(owner.vertex)], line[Int(owner.vertex) + 1]).point
            let d = foot.distance(to: p)
            if d <= radius, d < (best?.distance ?? .infinity) { best = (Int(owner.stretch), foot, d) }
        }
        return best
    }
}

extension RoadStretch {
    /// The point of the centre lines nearest to `p`.
    func nearest(to p: Point) -> (point: Point, distance: Double) {
        var best = (point: polylines[0][0], distance: Double.infinity)
        for line in polylines {
            for (a, b) in zip(line, line.dropFirst()) {
                let foot = nearestOnSegment(p, a, b).point
                let d = foot.distance(to: p)
                if d < best.distance { best = (foot, d) }
            }
        }
        return best
    }

    /// Position along the principal axis, metres from the centre.
    func axial(_ p: Point) -> Double { (p - centre).dot(axis) }

    /// Whether any of the stretch lies in street `code` (unknown membership counts as yes).
    func runs(through code: String) -> Bool {
        polylineStreets.contains { $0 == nil || $0 == code }
    }

    /// The representative point of the part in street `code`, when part of it is known to lie there.
    func representative(inStreet code: String) -> (point: Point, length: Double)? {
        let inside = polylines.indices.filter { polylineStreets[$0] == code }
        guard !inside.isEmpty, inside.count < polylines.count else { return nil }
        let part = RoadGeometry.stretch(name: name, polylines: inside.map { polylines[$0] },
                                        streets: inside.map { polylineStreets[$0] })
        return (part.representative, part.length)
    }
}
