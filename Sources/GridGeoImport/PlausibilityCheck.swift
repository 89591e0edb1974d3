import Foundation
import GridGeoCore
import GridGeoGEOS
import GridGeoPROJ
import GridGeoStore

/// Catches data that is plainly wrong before it is stored: features outside the district already in
/// the store, and layers sitting one GCJ-02 offset (~550 m in Beijing) away from the roads — web-map
/// coordinates labelled WGS 84, the commonest mislabel in Chinese deliveries.
struct PlausibilityCheck {
    private let geos: GEOSContext
    private let districts: [PreparedGeometry]
    private let districtNames: String
    private let roads: RoadProximity?

    /// Tolerance around the district boundary (≈ 200–250 m): boundaries from different sources
    /// differ by up to ~160 m in the Dongcheng delivery, and roads run along the boundary, while
    /// the GCJ-02 offset this check exists to catch is ~550 m.
    static let boundaryToleranceDegrees = 0.0025

    init(store: GridStore, geos: GEOSContext) throws {
        self.geos = geos
        // The area the store already knows: its districts, and its streets where they stray beyond
        // the district boundary (sources disagree by up to ~0.3 km² along Dongcheng's edge).
        let records = try store.districts()
        let areas = records.map(\.geometry) + (records.isEmpty ? [] : try store.streets().map(\.geometry))
        districts = try areas.map { try geos.prepare(geos.buffer($0, distance: Self.boundaryToleranceDegrees)) }
        districtNames = records.map { "\($0.name) (\($0.code))" }.joined(separator: ", ")
        let roadRecords = try store.roads()
        roads = roadRecords.isEmpty ? nil : RoadProximity(roadRecords.map(\.geometry))
    }

    var isEmpty: Bool { districts.isEmpty && roads == nil }

    /// A point standing for the feature: the point itself, a middle vertex, a point on the surface.
    func representativePoint(_ g: Geometry) -> Coordinate? {
        switch g {
        case .point(let c): return c
        case .polygon, .multiPolygon: return (try? geos.pointOnSurface(g)) ?? nil
        default:
            let cs = g.allCoordinates
            return cs.isEmpty ? nil : cs[cs.count / 2]
        }
    }

    func isInsideDistrict(_ p: Coordinate) -> Bool {
        districts.isEmpty || districts.contains { (try? $0.covers(p)) ?? false }
    }

    /// Features whose representative point falls outside every district (and street) of the store.
    struct Outside {
        var indices: [Int]
        /// What was found, ending with the likely cause when it is the GCJ-02 offset.
        var message: String
        /// Read as GCJ-02, (nearly) all of them would be inside.
        var looksLikeGCJ02: Bool
    }

    func outsideDistrict(_ points: [(index: Int, point: Coordinate)], file: String, crs: CRS) -> Outside? {
        guard !districts.isEmpty else { return nil }
        let outside = points.filter { !isInsideDistrict($0.point) }
        guard !outside.isEmpty else { return nil }
        let outsideIfGCJ = outside.filter { !isInsideDistrict(GCJ02.toWGS84($0.point)) }.count
        var message = "\(file): \(outside.count) of \(points.count) features fall outside \(districtNames)"
        let gcj = crs != .gcj02 && outsideIfGCJ * 2 < outside.count
        if gcj {
            message += "; read as GCJ-02 only \(outsideIfGCJ) would: the coordinates are likely GCJ-02 (web-map) "
                + "labelled \(crs), re-run with --s-srs GCJ02"
        } else {
            message += " (" + outside.prefix(5).map { "#\($0.index) (\(fmt($0.point.x)), \(fmt($0.point.y)))" }
                .joined(separator: ", ") + (outside.count > 5 ? ", …)" : ")")
        }
        return Outside(indices: outside.map(\.index), message: message, looksLikeGCJ02: gcj)
    }

    /// Compares the median distance from the layer's points to the roads as stored, and as if the
    /// layer were GCJ-02 (or, when told GCJ-02, as if it were not). Returns an explanation when the
    /// other reading fits the roads far better.
    func webMapOffset(_ points: [Coordinate], file: String, crs: CRS) -> String? {
        guard let roads, points.count >= 10 else { return nil }
        let step = max(1, points.count / 400)
        let sample = stride(from: 0, to: points.count, by: step).map { points[$0] }
        let asIs = median(sample.map { roads.distanceMetres(from: $0) })
        let alternative: Double
        if crs == .gcj02 {
            // Already corrected: undo it to see whether the data was plain CGCS2000/WGS 84 after all.
            alternative = median(sample.map { roads.distanceMetres(from: GCJ02.fromWGS84($0)) })
        } else {
            alternative = median(sample.map { roads.distanceMetres(from: GCJ02.toWGS84($0)) })
        }
        guard asIs > 25, alternative < asIs * 0.5 else { return nil }
        if crs == .gcj02 {
            return "\(file): the points lie a median \(Int(asIs)) m from the roads after the GCJ-02 correction and "
                + "\(Int(alternative)) m without it: the data is not GCJ-02; drop --s-srs GCJ02"
        }
        return "\(file): the points lie a median \(Int(asIs)) m from the roads as \(crs) but \(Int(alternative)) m "
            + "if read as GCJ-02: the coordinates are likely GCJ-02 (web-map) labelled \(crs); re-run with --s-srs GCJ02"
    }

    private func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s[s.count / 2]
    }

    private func fmt(_ v: Double) -> String { String(format: "%.6f", v) }
}

/// Distance from a point to the nearest road segment, through a bucket grid of segments.
struct RoadProximity {
    private static let cell = 0.002
    private var buckets: [Int64: [(Coordinate, Coordinate)]] = [:]
    private var metresPerDegreeX = 0.0
    private let metresPerDegreeY = 111_320.0

    init(_ lines: [Geometry]) {
        var lat = 0.0, n = 0.0
        for line in lines {
            let parts: [LineString]
            switch line {
            case .lineString(let l): parts = [l]
            case .multiLineString(let ls): parts = ls
            default: parts = []
            }
            for part in parts where part.coordinates.count > 1 {
                for (a, b) in zip(part.coordinates, part.coordinates.dropFirst()) {
                    lat += a.y; n += 1
                    let box = BoundingBox(covering: [a, b])
                    for i in Self.key(box.minX)...Self.key(box.maxX) {
                        for j in Self.key(box.minY)...Self.key(box.maxY) { buckets[i << 32 | j, default: []].append((a, b)) }
                    }
                }
            }
        }
        metresPerDegreeX = 111_320.0 * cos((n > 0 ? lat / n : 0) * .pi / 180)
    }

    private static func key(_ v: Double) -> Int64 { Int64((v / cell).rounded(.down)) }

    /// Metres to the nearest segment within about 600 m; 600 when none is that close.
    func distanceMetres(from p: Coordinate) -> Double {
        var best = 600.0
        let i0 = Self.key(p.x), j0 = Self.key(p.y)
        for i in (i0 - 3)...(i0 + 3) {
            for j in (j0 - 3)...(j0 + 3) {
                for (a, b) in buckets[i << 32 | j] ?? [] { best = min(best, distance(p, a, b)) }
            }
        }
        return best
    }

    private func distance(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Double {
        let ax = (a.x - p.x) * metresPerDegreeX, ay = (a.y - p.y) * metresPerDegreeY
        let bx = (b.x - p.x) * metresPerDegreeX, by = (b.y - p.y) * metresPerDegreeY
        let dx = bx - ax, dy = by - ay
        let len2 = dx * dx + dy * dy
        let t = len2 > 0 ? max(0, min(1, -(ax * dx + ay * dy) / len2)) : 0
        let x = ax + t * dx, y = ay + t * dy
        return (x * x + y * y).squareRoot()
    }
}
