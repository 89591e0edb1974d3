import Foundation
import GridGeoCore
@testable import GridGeoGeocoder
import GridGeoPROJ
import GridGeoStore
import Testing

// Geocoding accuracy on the real Dongcheng addresses (historic sites and parking lots, GCJ-02 in
// the source, converted to CGCS2000 here), read in place from ../shared/data when present: the data
// has no licence and is never copied into the repository.
//
// Leave-one-out: every address point with an address is geocoded by a geocoder that indexes every
// other address point (`Geocoder.excluding(addressPoints:)`), plus the 17 streets, the district and
// the named road centre lines. The error is the distance from the placement to the point's own
// position. Figures are printed; docs/geocoding.md records them.
//
//     swift test --filter DongchengEvaluation

private let shared = Locations.packageRoot.appendingPathComponent("../shared/data").standardizedFileURL
private let caupd = shared.appendingPathComponent("dongcheng-caupd/gcj02")
private var dataPresent: Bool {
    ["roads", "streets", "historic_sites", "parking"].allSatisfy {
        FileManager.default.fileExists(atPath: caupd.appendingPathComponent("\($0).geojson").path)
    }
}

private struct Properties: Codable, Sendable, Hashable {
    var name: String?
    var address: String?
    var kind: String?
}

/// The Dongcheng records in CGCS2000, and which dataset each address point comes from.
struct DongchengData: Sendable {
    var district: DistrictRecord
    var streets: [StreetRecord]
    var roads: [RoadRecord]
    var points: [AddressPointRecord]
    var sources: [String]

    static func load() throws -> DongchengData {
        func features(_ name: String) throws -> [Feature<Properties>] {
            let data = try Data(contentsOf: caupd.appendingPathComponent("\(name).geojson"))
            return try JSONDecoder().decode(FeatureCollection<Properties>.self, from: data).features
        }
        let toCGCS = { (g: Geometry) in g.mapCoordinates { GCJ02.toWGS84($0) } }
        let districtData = try Data(contentsOf: Locations.packageRoot.appendingPathComponent("SampleData/dongcheng_district.geojson"))
        let districtGeometry = try #require(try JSONDecoder().decode(FeatureCollection<[String: JSONValue]?>.self,
                                                                     from: districtData).features.first?.geometry)
        let district = DistrictRecord(code: "110101", name: "东城区", geometry: districtGeometry)

        // Street codes from SampleData/divisions.csv (level,code,code12,name,…).
        var codes: [String: String] = [:]
        let csv = try String(contentsOf: Locations.packageRoot.appendingPathComponent("SampleData/divisions.csv"), encoding: .utf8)
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f.count > 3, f[0] == "street" { codes[f[3]] = f[1] }
        }
        let streets = try features("streets").compactMap { f -> StreetRecord? in
            guard let name = f.properties.name, let code = codes[name], let g = f.geometry else { return nil }
            return StreetRecord(code: code, name: name, districtCode: "110101", geometry: toCGCS(g))
        }
        let roads = try features("roads").compactMap { f -> RoadRecord? in
            guard let name = f.properties.name, !name.isEmpty, let g = f.geometry else { return nil }
            return RoadRecord(name: name, geometry: toCGCS(g))
        }
        var points: [AddressPointRecord] = []
        var sources: [String] = []
        for source in ["historic_sites", "parking"] {
            for f in try features(source) {
                guard let address = f.properties.address, !address.isEmpty, case .point(let p)? = f.geometry else { continue }
                points.append(AddressPointRecord(address: address, name: f.properties.name, kind: f.properties.kind,
                                                 location: GCJ02.toWGS84(p)))
                sources.append(source)
            }
        }
        return DongchengData(district: district, streets: streets, roads: roads, points: points, sources: sources)
    }

    func geocoder() -> Geocoder {
        Geocoder(districts: [district], streets: streets, communities: [], roads: roads, addressPoints: points, directory: nil)
    }
}

/// One held-back point's outcome.
struct HeldBack: Sendable {
    var source: String
    var address: String
    var status: GeocodeResult.Status
    var level: MatchLevel?
    var confidence: Double
    /// Metres from the placement to the point; nil without a placement.
    var error: Double?
    var detail: String? = nil
}

/// Metres between two lon/lat points (haversine on the CGCS2000 mean radius; enough at this scale).
func metres(_ a: Coordinate, _ b: Coordinate) -> Double {
    let r = 6_371_008.8, rad = Double.pi / 180
    let dlat = (b.lat - a.lat) * rad, dlon = (b.lon - a.lon) * rad
    let h = sin(dlat / 2) * sin(dlat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dlon / 2) * sin(dlon / 2)
    return 2 * r * asin(min(1, h.squareRoot()))
}

/// Leave-one-out over every point, on every core.
func leaveOneOut(_ data: DongchengData, _ geocoder: Geocoder) -> [HeldBack] {
    let results = Mutex<[HeldBack?]>(Array(repeating: nil, count: data.points.count))
    DispatchQueue.concurrentPerform(iterations: data.points.count) { i in
        let point = data.points[i]
        let r = geocoder.excluding(addressPoints: [i]).geocode(point.address)
        let held = HeldBack(source: data.sources[i], address: point.address, status: r.status, level: r.match?.level,
                            confidence: r.match?.confidence ?? 0,
                            error: r.match.map { metres($0.position, point.location) }, detail: r.match?.detail)
        results.withLock { $0[i] = held }
    }
    return results.withLock { $0.compactMap { $0 } }
}

/// The printed figures: within 50 m and 200 m per dataset, then per level.
func report(_ held: [HeldBack]) -> String {
    func pct(_ n: Int, _ d: Int) -> String { d == 0 ? "–" : String(format: "%.1f %%", 100 * Double(n) / Double(d)) }
    func median(_ v: [Double]) -> String {
        let s = v.sorted()
        return s.isEmpty ? "–" : String(format: "%.0f m", s[s.count / 2])
    }
    var lines = ["| set | points | ≤ 50 m | ≤ 200 m | median error | no placement |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for (name, rows) in [("historic_sites", held.filter { $0.source == "historic_sites" }),
                         ("parking", held.filter { $0.source == "parking" }), ("all", held)] {
        let errors = rows.compactMap(\.error)
        lines.append("| \(name) | \(rows.count) | \(pct(errors.filter { $0 <= 50 }.count, rows.count)) | "
                     + "\(pct(errors.filter { $0 <= 200 }.count, rows.count)) | \(median(errors)) | \(rows.count - errors.count) |")
    }
    lines += ["", "| level | points | ≤ 50 m | ≤ 200 m | median error | confidence (median) |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for level in MatchLevel.allCases {
        let rows = held.filter { $0.level == level }
        guard !rows.isEmpty else { continue }
        let errors = rows.compactMap(\.error)
        let confidences = rows.map(\.confidence).sorted()
        lines.append("| \(level.rawValue) | \(rows.count) | \(pct(errors.filter { $0 <= 50 }.count, rows.count)) | "
                     + "\(pct(errors.filter { $0 <= 200 }.count, rows.count)) | \(median(errors)) | "
                     + String(format: "%.3f", confidences[confidences.count / 2]) + " |")
    }
    var statuses: [String: Int] = [:]
    for h in held { statuses[h.status.rawValue, default: 0] += 1 }
    lines.append("")
    lines.append("statuses: " + statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    // Does confidence sort like accuracy? Spearman's rank correlation of confidence and error.
    let placed = held.filter { $0.error != nil }
    lines.append(String(format: "Spearman(confidence, error) = %.3f over %d placements", spearman(placed.map(\.confidence), placed.map { $0.error! }), placed.count))
    return lines.joined(separator: "\n")
}

/// What copying another point could reach at best: per held-back point, the nearest other point on
/// the same road (same stretch, or same name when the road has no centre line), and the nearest
/// other point of all. No geocoder that places a point by its road's other points can beat the first.
func oracle(_ geocoder: Geocoder) -> String {
    let points = geocoder.book.points
    var sameRoad: [Double] = [], any: [Double] = []
    for p in points {
        var best = Double.infinity, nearest = Double.infinity
        for q in points where q.id != p.id {
            let d = p.point.distance(to: q.point)
            nearest = min(nearest, d)
            let same = p.plate != nil && q.plate != nil
                && (p.stretch != nil ? p.stretch == q.stretch : q.stretch == nil && p.plateKey == q.plateKey)
            if same { best = min(best, d) }
        }
        sameRoad.append(best)
        any.append(nearest)
    }
    func share(_ v: [Double], _ limit: Double) -> String {
        String(format: "%.1f %%", 100 * Double(v.filter { $0 <= limit }.count) / Double(v.count))
    }
    return "bound: another point on the same road within 50 m for \(share(sameRoad, 50)), within 200 m for \(share(sameRoad, 200)); "
        + "any other point within 50 m for \(share(any, 50)), within 200 m for \(share(any, 200))"
}

/// Spearman's rank correlation (average ranks for ties).
func spearman(_ x: [Double], _ y: [Double]) -> Double {
    func ranks(_ v: [Double]) -> [Double] {
        let order = v.indices.sorted { v[$0] < v[$1] }
        var r = [Double](repeating: 0, count: v.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, v[order[j + 1]] == v[order[i]] { j += 1 }
            for k in i...j { r[order[k]] = Double(i + j) / 2 }
            i = j + 1
        }
        return r
    }
    let (rx, ry) = (ranks(x), ranks(y))
    let n = Double(x.count)
    guard n > 1 else { return 0 }
    let mx = rx.reduce(0, +) / n, my = ry.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for (a, b) in zip(rx, ry) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
    return sxy / (sxx * syy).squareRoot()
}

@Suite(.serialized) struct DongchengEvaluationTests {
    @Test(.enabled(if: dataPresent)) func leaveOneOutAccuracy() throws {
        let data = try DongchengData.load()
        let clock = ContinuousClock()
        let start = clock.now
        let geocoder = data.geocoder()
        let built = clock.now - start
        let held = leaveOneOut(data, geocoder)
        print("Dongcheng leave-one-out: \(geocoder.summary); built in \(built)")
        print(report(held))
        print(oracle(geocoder))
        if ProcessInfo.processInfo.environment["GRIDGEO_GEOCODE_ERRORS"] != nil {
            for h in held.sorted(by: { ($0.error ?? .infinity) > ($1.error ?? .infinity) }).prefix(150) {
                print(String(format: "%8.0f m  %@  %@  %.3f  %@  | %@", h.error ?? -1, h.status.rawValue, h.level?.rawValue ?? "-",
                             h.confidence, h.address, h.detail ?? ""))
            }
            // Interpolations by kind.
            for kind in ["same side", "both sides", "beyond"] {
                let e = held.filter { $0.level == .interpolated && ($0.detail ?? "").contains(kind) }.compactMap(\.error).sorted()
                if !e.isEmpty { print("interpolated \(kind): \(e.count), median \(Int(e[e.count / 2])) m, ≤50 m \(e.filter { $0 <= 50 }.count)") }
            }
        }
        #expect(held.count == data.points.count)
    }
}

import Synchronization
