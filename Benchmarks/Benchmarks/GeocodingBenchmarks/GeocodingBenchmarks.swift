import Benchmark
import Foundation
import GridGeoCore
import GridGeoGeocoder
import GridGeoGeocoding
import GridGeoIndex
import GridGeoLookup
import GridGeoStore

// Geocoding throughput: parses per second and geocodes per second on one core (package-benchmark
// runs each benchmark on one thread), plus a batch over every core.
//
//     cd Benchmarks && swift package --disable-sandbox benchmark --target GeocodingBenchmarks
//
// Inputs:
// - a synthetic Beijing city (always; no evaluation data needed): 4 streets, 16 communities, 1,600
//   unit grids of 100 m, 120 named roads of 600 m with one door plate in three indexed (so that
//   queries hit exact plates, interpolations and roads), and 10,000 seeded queries written the
//   ways citizens write them (full or partial hierarchy, full-width or Chinese numerals, 甲, 附近);
// - NCAP dev (../shared/data/addresses/ncap-naacl2019/dev.txt, 2,985 addresses) for the parser, when
//   present; otherwise the synthetic queries.

private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let ncapDev = packageRoot.appendingPathComponent("../shared/data/addresses/ncap-naacl2019/dev.txt").standardizedFileURL.path

private let parsesPerSecond = BenchmarkMetric.custom("parses/s", polarity: .prefersLarger, useScalingFactor: false)
private let geocodesPerSecond = BenchmarkMetric.custom("geocodes/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    let city = SyntheticCity()
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10)

    let ncap = FileManager.default.fileExists(atPath: ncapDev) ? ncapAddresses(ncapDev) : []
    if !ncap.isEmpty {
        Benchmark("Parse: NCAP dev, 2,985 addresses", configuration: configuration.adding(parsesPerSecond)) { benchmark in
            run(benchmark, count: ncap.count, metric: parsesPerSecond) {
                var n = 0
                for a in ncap { n &+= city.geocoder.parser.parse(a).components.count }
                blackHole(n)
            }
        }
    }
    Benchmark("Parse: 10,000 synthetic Beijing addresses", configuration: configuration.adding(parsesPerSecond)) { benchmark in
        run(benchmark, count: city.queries.count, metric: parsesPerSecond) {
            var n = 0
            for q in city.queries { n &+= city.geocoder.parser.parse(q).components.count }
            blackHole(n)
        }
    }
    Benchmark("Geocode: 10,000 synthetic Beijing addresses, one core", configuration: configuration.adding(geocodesPerSecond)) { benchmark in
        run(benchmark, count: city.queries.count, metric: geocodesPerSecond) {
            var n = 0
            for q in city.queries { n &+= city.geocoder.geocode(q).match == nil ? 0 : 1 }
            blackHole(n)
        }
    }
    Benchmark("Geocode: 10,000 synthetic Beijing addresses, batch on every core",
              configuration: configuration.adding(geocodesPerSecond)) { benchmark in
        run(benchmark, count: city.queries.count, metric: geocodesPerSecond) {
            blackHole(city.geocoder.geocode(city.queries).count)
        }
    }
    Benchmark("Reverse: 10,000 synthetic points, one core", configuration: configuration.adding(geocodesPerSecond)) { benchmark in
        run(benchmark, count: city.points.count, metric: geocodesPerSecond) {
            var n = 0
            for p in city.points { n &+= city.geocoder.reverse(p).status == .address ? 1 : 0 }
            blackHole(n)
        }
    }
}

extension Benchmark.Configuration {
    func adding(_ metric: BenchmarkMetric) -> Self {
        var c = self
        c.metrics.append(metric)
        return c
    }
}

/// Runs `body` once per iteration and reports `count` over its wall time as `metric`.
private func run(_ benchmark: Benchmark, count: Int, metric: BenchmarkMetric, _ body: () -> Void) {
    let clock = ContinuousClock()
    for _ in benchmark.scaledIterations {
        let start = clock.now
        benchmark.startMeasurement()
        body()
        benchmark.stopMeasurement()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        benchmark.measurement(metric, Int((Double(count) / seconds).rounded()))
    }
}

/// NCAP's `TOKEN TAG` lines joined back into addresses.
private func ncapAddresses(_ path: String) -> [String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    var addresses: [String] = [], tokens: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.allSatisfy(\.isWhitespace) {
            if !tokens.isEmpty { addresses.append(tokens.joined()); tokens = [] }
        } else if let space = line.lastIndex(of: " ") {
            tokens.append(line[..<space])
        }
    }
    if !tokens.isEmpty { addresses.append(tokens.joined()) }
    return addresses
}

/// A made-up part of Beijing with real-looking names, its geocoder and seeded queries.
final class SyntheticCity: Sendable {
    let geocoder: Geocoder
    let queries: [String]
    let points: [Coordinate]

    init() {
        var rng = SplitMix64(seed: 2026)
        let origin = Coordinate(lon: 116.40, lat: 39.90)
        let dLon = 1 / 85_390.0, dLat = 1 / 111_030.0          // degrees per metre at 39.9°N
        func at(_ x: Double, _ y: Double) -> Coordinate { Coordinate(lon: origin.lon + x * dLon, lat: origin.lat + y * dLat) }
        func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
            .polygon(Polygon(exterior: Ring([at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1)])))
        }
        // 4 km × 4 km: 4 streets of 2 km, 16 communities of 1 km, 1,600 grids of 100 m.
        let district = DistrictRecord(code: "110101", name: "东城区", geometry: rect(0, 0, 4000, 4000))
        let streetNames = ["安定门街道", "交道口街道", "东华门街道", "朝阳门街道"]
        let streetCodes = ["110101004", "110101003", "110101001", "110101005"]
        var streets: [StreetRecord] = [], communities: [CommunityRecord] = [], grids: [UnitGridRecord] = []
        for s in 0..<4 {
            let (sx, sy) = (Double(s % 2) * 2000, Double(s / 2) * 2000)
            streets.append(StreetRecord(code: streetCodes[s], name: streetNames[s], districtCode: "110101",
                                        geometry: rect(sx, sy, sx + 2000, sy + 2000)))
            for c in 0..<4 {
                let (cx, cy) = (sx + Double(c % 2) * 1000, sy + Double(c / 2) * 1000)
                let code = streetCodes[s] + String(format: "%03d", c + 1)
                communities.append(CommunityRecord(code: code, name: "\(["国子监", "府学", "北锣鼓巷", "交东"][c])\(s)社区",
                                                   streetCode: streetCodes[s], geometry: rect(cx, cy, cx + 1000, cy + 1000)))
                for g in 0..<100 {
                    let (gx, gy) = (cx + Double(g % 10) * 100, cy + Double(g / 10) * 100)
                    grids.append(UnitGridRecord(code: code + String(format: "%03d", g + 1), geometry: rect(gx, gy, gx + 100, gy + 100)))
                }
            }
        }
        // 120 roads: east–west ones 600 m long at 33 m spacing; plates every 10 m per side, one in three indexed.
        let stems = ["净土", "国兴", "方家", "北锣鼓", "草厂", "东棉花", "府学", "分司厅", "板厂", "黑芝麻", "菊儿", "帽儿"]
        let kinds = ["胡同", "大街", "北街", "南巷", "头条", "二条", "三条", "东街", "西街", "中街"]
        var roads: [RoadRecord] = [], plates: [AddressPointRecord] = [], queryParts: [(String, String, Int)] = []
        for r in 0..<120 {
            let name = stems[r % 12] + kinds[r / 12]
            let x0 = Double(r % 6) * 650 + 20, y = Double(r / 6) * 195 + 30
            roads.append(RoadRecord(name: name, geometry: .lineString(LineString([at(x0, y), at(x0 + 600, y)]))))
            let street = streetNames[(x0 >= 2000 ? 1 : 0) + (y >= 2000 ? 2 : 0)]
            for n in 1...120 {
                let x = x0 + Double((n + 1) / 2) * 10, side = n % 2 == 1 ? 8.0 : -8.0
                if n % 3 == 0 {
                    plates.append(AddressPointRecord(address: "北京市东城区\(street)\(name)\(n)号", kind: "门牌", location: at(x, y + side)))
                }
                queryParts.append((street, name, n))
            }
        }
        let directory = GridDirectory(version: 1, grids: grids, communities: communities, streets: streets, districts: [district])
        geocoder = Geocoder(districts: [district], streets: streets, communities: communities, roads: roads,
                            addressPoints: plates, directory: directory)
        let numerals = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        func chinese(_ n: Int) -> String {
            n < 10 ? numerals[n] : n < 20 ? "十" + (n % 10 == 0 ? "" : numerals[n % 10])
                : numerals[n / 10] + "十" + (n % 10 == 0 ? "" : numerals[n % 10])
        }
        func fullWidth(_ s: String) -> String {
            String(String.UnicodeScalarView(s.unicodeScalars.map { ("0"..."9").contains($0) ? Unicode.Scalar($0.value + 0xFEE0)! : $0 }))
        }
        queries = (0..<10_000).map { _ in
            let (street, road, n) = queryParts[Int.random(in: 0..<queryParts.count, using: &rng)]
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: return "北京市东城区\(street)\(road)\(n)号"
            case 1: return "\(road)\(n)号"
            case 2: return "东城区\(road)\(fullWidth(String(n)))号附近"
            case 3: return "\(street.dropLast(2))\(road)\(n < 100 ? chinese(n) : String(n))号"
            case 4: return "北京东城\(road)甲\(n)号"
            default: return "\(road)\(n)号院\(Int.random(in: 1...9, using: &rng))号楼"
            }
        }
        points = (0..<10_000).map { _ in at(.random(in: 0...4000, using: &rng), .random(in: 0...4000, using: &rng)) }
    }
}
