import Benchmark
import Foundation
import GridGeoComponents
import GridGeoCore
import GridGeoImport
import GridGeoShapefile
import GridGeoStore

// Components (部件) at city scale: importing 1,000,000 points and the k nearest (k = 10) among them.
//
// The store holds the SampleData district and 4,096 unit grids (a 64 × 64 lattice over the district's
// box, about Dongcheng's real count). Points are seeded and lie inside the district.
// - "Import … library": `ComponentLedger.add`: grid placement (GridDirectory), class check, code
//   allocation, one transaction of 1,000,000 inserts with SpatiaLite's R*Tree.
// - "Import … geo-import": `Importer.run` on four generated 250,000-point shapefiles, one per class (a
//   code has 6 sequence digits, so one district and class holds at most 999,999 components): the whole
//   `geo-import import --layer components --class NNNN` pipeline (decode, CRS, plausibility, placement,
//   write), four imports timed together.
// The points are spread over four classes (0101 上水井盖, 0117 立杆, 0203 公交站亭, 0403 护树设施).
// Each import runs on a fresh copy of the database; copying and opening it are outside the measurement.
// - "Nearest": `ComponentIndex.nearest(k: 10)` over 1,000,000 components, at seeded random points in
//   the district; one query per scaled iteration (the time shown is per query).

/// <package>/Benchmarks/Benchmarks/ComponentBenchmarks/ComponentBenchmarks.swift → <package>
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private let componentsPerSecond = BenchmarkMetric.custom("components/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    let fixture: Fixture
    do { fixture = try Fixture() } catch { fatalError("cannot prepare the component benchmarks: \(error)") }
    Benchmark.shutdownHook = { try? FileManager.default.removeItem(atPath: fixture.folder) }

    let imports = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, componentsPerSecond],
        warmupIterations: 0, maxDuration: .seconds(300), maxIterations: 3)

    Benchmark("Import components: 1,000,000 points, library (ComponentLedger.add)", configuration: imports) { benchmark in
        runImport(fixture, benchmark) { store in
            let ledger = try ComponentLedger(store: store)
            let start = ContinuousClock.now
            benchmark.startMeasurement()
            let (codes, outside) = try ledger.add(fixture.records)
            benchmark.stopMeasurement()
            guard codes.count == Fixture.count, outside.isEmpty else { throw Failure("placed \(codes.count), outside \(outside.count)") }
            return ContinuousClock.now - start
        }
    }
    Benchmark("Import components: 1,000,000 points, geo-import (Importer.run, 4 files)", configuration: imports) { benchmark in
        runImport(fixture, benchmark) { store in
            let importers = try Fixture.classes.map { c in
                var options = ImportOptions(layer: .components)
                options.componentClass = c
                return try Importer(store: store, options: options)
            }
            let start = ContinuousClock.now
            benchmark.startMeasurement()
            var written = 0
            for (importer, file) in zip(importers, fixture.shapefiles) {
                written += try importer.run(paths: [file]).files.first?.featuresWritten ?? 0
            }
            benchmark.stopMeasurement()
            guard written == Fixture.count else { throw Failure("wrote \(written) of \(Fixture.count)") }
            return ContinuousClock.now - start
        }
    }

    let queries = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], warmupIterations: 1_000,
        scalingFactor: .kilo, maxDuration: .seconds(10), maxIterations: 100)
    Benchmark("Nearest: k = 10 among 1,000,000 components", configuration: queries) { benchmark in
        let index = fixture.index
        var i = 0
        for _ in benchmark.scaledIterations {
            blackHole(index.nearest(to: fixture.queries[i & (Fixture.queryCount - 1)], k: 10))
            i += 1
        }
    }
    Benchmark("Within 100 m among 1,000,000 components", configuration: queries) { benchmark in
        let index = fixture.index
        var i = 0
        for _ in benchmark.scaledIterations {
            blackHole(index.within(100, of: fixture.queries[i & (Fixture.queryCount - 1)]))
            i += 1
        }
    }
}

private struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One import on a fresh copy of the gridded database; `body` measures and returns its wall time.
private func runImport(_ fixture: Fixture, _ benchmark: Benchmark, _ body: (GridStore) throws -> Duration) {
    for _ in benchmark.scaledIterations {
        let path = fixture.folder + "/run-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            try FileManager.default.copyItem(atPath: fixture.database, toPath: path)
            let store = try GridStore(path: path)
            let elapsed = try body(store)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            benchmark.measurement(componentsPerSecond, Int((Double(Fixture.count) / seconds).rounded()))
            try store.close()
        } catch {
            benchmark.error("import failed: \(error)")
            return
        }
    }
}

/// A scratch folder with the gridded database, the generated shapefile, the records and the index.
private final class Fixture: Sendable {
    static let count = 1_000_000
    static let queryCount = 4_096
    static let classes = ["0101", "0117", "0203", "0403"]

    let folder: String
    let database: String
    let shapefiles: [String]
    let records: [ComponentRecord]
    let index: ComponentIndex
    let queries: [Coordinate]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridgeo-component-bench").path
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        // 1. District and 4,096 grids over its box, in one street's communities of at most 999 grids.
        let districtFile = packageRoot.appendingPathComponent("SampleData/dongcheng_district.geojson").path
        database = folder + "/grids.sqlite"
        let store = try GridStore(path: database)
        _ = try Importer(store: store, options: ImportOptions(layer: .districts)).run(paths: [districtFile])
        let ring = try Self.boundary(of: districtFile)
        let box = BoundingBox(covering: ring)
        let n = 64
        let xs = (0...n).map { box.minX + box.width * Double($0) / Double(n) }
        let ys = (0...n).map { box.maxY - box.height * Double($0) / Double(n) }
        try store.insert([StreetRecord(code: "110101001", name: "东华门街道", districtCode: "110101", geometry: .polygon(Polygon(exterior: Ring(ring))))])
        var grids: [UnitGridRecord] = []
        for r in 0..<n {
            for c in 0..<n {
                let k = r * n + c
                let code = "110101001" + String(format: "%03d%03d", 1 + k / 999, 1 + k % 999)
                grids.append(UnitGridRecord(code: code, geometry: .polygon(Polygon(exterior: Ring([
                    Coordinate(x: xs[c], y: ys[r + 1]), Coordinate(x: xs[c + 1], y: ys[r + 1]),
                    Coordinate(x: xs[c + 1], y: ys[r]), Coordinate(x: xs[c], y: ys[r])])))))
            }
        }
        let communities = Set(grids.map { String($0.code.prefix(12)) }).sorted()
        try store.insert(communities.map { CommunityRecord(code: $0, name: "社区\($0.suffix(3))", streetCode: "110101001",
                                                           geometry: .polygon(Polygon(exterior: Ring(ring))), drafted: true) })
        try store.publishGridVersion(grids, startDate: LocalDate("2020-01-01")!)
        try store.close()

        // 2. Seeded points inside the district.
        var rng = SplitMix(seed: 2_024)
        var points: [Coordinate] = []
        points.reserveCapacity(Self.count)
        while points.count < Self.count {
            let p = Coordinate(x: box.minX + box.width * rng.unit(), y: box.minY + box.height * rng.unit())
            if Self.contains(ring, p) { points.append(p) }
        }
        let day = LocalDate("2024-01-01")!
        records = points.enumerated().map { i, p in
            ComponentRecord(classCode: Self.classes[i % 4], className: "", name: "部件\(i)", districtCode: "", location: p, startDate: day)
        }
        index = ComponentIndex(points.enumerated().map { i, p in
            Component(code: "110101" + Self.classes[i % 4] + String(format: "%06d", i / 4 + 1), classCode: Self.classes[i % 4],
                      className: "", name: "部件\(i)", location: p, gridCode: nil, startDate: day)
        })
        var q: [Coordinate] = []
        while q.count < Self.queryCount {
            let p = Coordinate(x: box.minX + box.width * rng.unit(), y: box.minY + box.height * rng.unit())
            if Self.contains(ring, p) { q.append(p) }
        }
        queries = q

        // 3. The same points as shapefiles, one per class, as a delivery would bring them.
        let folder = folder
        let files = Self.classes.map { folder + "/BJ_\($0).shp" }
        shapefiles = files
        for (k, file) in files.enumerated() {
            let writer = try ShapefileWriter(
                path: file, kind: .point, fields: [ShapefileField(name: "MC", type: .string, width: 20)],
                encoding: .utf8, cpg: "UTF-8",
                projection: #"GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#)
            for i in stride(from: k, to: points.count, by: 4) { try writer.append(.point(points[i]), attributes: ["MC": .string("部件\(i)")]) }
            writer.close()
        }
    }

    static func boundary(of path: String) throws -> [Coordinate] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let collection = try JSONDecoder().decode(FeatureCollection<[String: JSONValue]?>.self, from: data)
        guard let polygon = collection.features.first?.geometry?.polygons.first else { throw CocoaError(.fileReadCorruptFile) }
        return polygon.exterior.coordinates
    }

    /// Even-odd ray casting.
    static func contains(_ ring: [Coordinate], _ p: Coordinate) -> Bool {
        var inside = false
        for (a, b) in zip(ring, ring.dropFirst()) where (a.y > p.y) != (b.y > p.y) {
            if p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y) { inside.toggle() }
        }
        return inside
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): seeded, reproducible.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func unit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
