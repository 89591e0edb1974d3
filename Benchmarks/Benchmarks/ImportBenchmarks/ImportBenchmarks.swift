import Benchmark
import Foundation
import GridGeoCore
import GridGeoImport
import GridGeoShapefile
import GridGeoStore

// Import throughput of the road layer: `Importer.run` on a store that already holds the district (as
// users import it first), from opening the shapefile to the committed transaction — decoding,
// CRS decision, transformation to CGCS2000, plausibility against the district, one write.
//
// Each iteration imports into a fresh copy of a district-only database; copying and opening it is
// outside the measurement. `features/s` is the layer's feature count over the measured wall time.

/// <package>/Benchmarks/Benchmarks/ImportBenchmarks/ImportBenchmarks.swift → <package>
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Evaluation-only data beside the package; used when present, never copied.
private let deliveredRoads = packageRoot
    .appendingPathComponent("../shared/data/dongcheng-caupd/delivery/道路中心线/DLZXX.shp").standardizedFileURL.path

private let featuresPerSecond = BenchmarkMetric.custom("features/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    let fixture: Fixture
    do { fixture = try Fixture() } catch { fatalError("cannot prepare the import benchmarks: \(error)") }
    Benchmark.shutdownHook = { try? FileManager.default.removeItem(atPath: fixture.folder) }

    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, featuresPerSecond],
        warmupIterations: 1,
        maxDuration: .seconds(30),
        maxIterations: 10)

    Benchmark("Import roads: 15,000 generated lines", configuration: configuration) { benchmark in
        importRoads(fixture.generatedRoads, count: Fixture.generatedCount, fixture: fixture, benchmark: benchmark)
    }
    // The same pipeline without the write: what reading, transforming and checking cost on their own.
    Benchmark("Import roads: 15,000 generated lines, dry run", configuration: configuration) { benchmark in
        importRoads(fixture.generatedRoads, count: Fixture.generatedCount, fixture: fixture, benchmark: benchmark, dryRun: true)
    }
    if FileManager.default.fileExists(atPath: deliveredRoads) {
        Benchmark("Import roads: DLZXX, 15,542 delivered lines", configuration: configuration) { benchmark in
            importRoads(deliveredRoads, count: 15_542, fixture: fixture, benchmark: benchmark)
        }
    }
}

private func importRoads(_ shapefile: String, count: Int, fixture: Fixture, benchmark: Benchmark, dryRun: Bool = false) {
    for _ in benchmark.scaledIterations {
        let path = fixture.folder + "/run-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            try FileManager.default.copyItem(atPath: fixture.districtDatabase, toPath: path)
            let store = try GridStore(path: path)
            var options = ImportOptions(layer: .roads)
            options.dryRun = dryRun
            let importer = try Importer(store: store, options: options)

            let clock = ContinuousClock()
            benchmark.startMeasurement()
            let start = clock.now
            let report = try importer.run(paths: [shapefile])
            let elapsed = clock.now - start
            benchmark.stopMeasurement()

            guard report.files.first?.featuresRead == count, report.files.first?.featuresWritten == (dryRun ? 0 : count) else {
                benchmark.error("read \(report.files.first?.featuresRead ?? 0), wrote \(report.files.first?.featuresWritten ?? 0) of \(count) roads")
                return
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            benchmark.measurement(featuresPerSecond, Int((Double(count) / seconds).rounded()))
            try store.close()
        } catch {
            benchmark.error("import failed: \(error)")
            return
        }
    }
}

/// A scratch folder with the generated road layer and a database holding only the district.
private struct Fixture: Sendable {
    static let generatedCount = 15_000

    let folder: String
    let generatedRoads: String
    let districtDatabase: String

    init() throws {
        // One fixed folder, made anew by each benchmark process (they run one after another), so a process
        // that exits without the shutdown hook leaves at most this one behind.
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridgeo-import-bench").path
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        let district = packageRoot.appendingPathComponent("SampleData/dongcheng_district.geojson").path
        districtDatabase = folder + "/district.sqlite"
        let store = try GridStore(path: districtDatabase)
        _ = try Importer(store: store, options: ImportOptions(layer: .districts)).run(paths: [district])
        try store.close()

        generatedRoads = folder + "/roads.shp"
        try Self.writeRoads(generatedRoads, inside: Self.boundary(of: district))
    }

    /// The district's outer ring, from the SampleData GeoJSON.
    static func boundary(of path: String) throws -> [Coordinate] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let collection = try JSONDecoder().decode(FeatureCollection<[String: JSONValue]?>.self, from: data)
        guard let polygon = collection.features.first?.geometry?.polygons.first else { throw CocoaError(.fileReadCorruptFile) }
        return polygon.exterior.coordinates
    }

    /// Road segments like the delivery's (2–4 vertices, tens of metres, six in ten unnamed, UTF-8 with a
    /// .cpg, CGCS2000 .prj), on a grid over the district, each starting inside it.
    static func writeRoads(_ path: String, inside ring: [Coordinate]) throws {
        let box = BoundingBox(covering: ring)
        var starts: [Coordinate] = []
        var step = 0.0015
        while starts.count < generatedCount {
            starts = []
            var y = box.minY
            while y < box.maxY {
                var x = box.minX
                while x < box.maxX {
                    let c = Coordinate(x: x, y: y)
                    if contains(ring, c) { starts.append(c) }
                    x += step
                }
                y += step
            }
            step *= 0.9
        }
        let names = ["东四北大街", "朝阳门南小街", "南锣鼓巷", "东直门内大街", "前门东大街", "草厂三条", "和平里北街", "崇文门外大街"]
        let writer = try ShapefileWriter(
            path: path, kind: .polyline, fields: [ShapefileField(name: "NAME", type: .string, width: 80)],
            encoding: .utf8, cpg: "UTF-8",
            projection: #"GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#)
        for i in 0..<generatedCount {
            let c = starts[i * starts.count / generatedCount]
            let vertices = 2 + i % 3
            let line = LineString((0..<vertices).map { k in
                Coordinate(x: c.x + Double(k) * 0.0002, y: c.y + Double(k % 2) * 0.0001)
            })
            let name: AttributeValue = i % 5 < 3 ? .null : .string(names[i % names.count])
            try writer.append(.lineString(line), attributes: ["NAME": name])
        }
        writer.close()
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
