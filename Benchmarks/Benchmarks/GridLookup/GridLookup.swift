// package-benchmark suite: `swift package --allow-writing-to-package-directory benchmark --target GridLookup`.
// Each iteration looks up the same 1,000 seeded points (batch: 10,000), so per-lookup figures are the
// reported ones / 1,000. CI (scripts/bench-check.sh) checks mallocs against Benchmarks/Thresholds:
// none for single lookups, a fixed few per batch call.
import Benchmark
import GridGeoCore
import GridGeoGEOS
import GridGeoIndex
import GridGeoLookup
import GridGeoStore

/// A partition, its locator and seeded query points, built once per benchmark process.
final class Workload: Sendable {
    let partition: SyntheticPartition
    let locator: GridLocator
    let points: [Coordinate]

    init(grids: Int) {
        partition = SyntheticPartition(gridCount: grids, seed: 2024)
        locator = GridLocator(grids: partition.grids)
        var rng = SplitMix64(seed: 7)
        let box = partition.bounds
        points = (0..<10_000).map { _ in
            Coordinate(x: .random(in: box.minX...box.maxX, using: &rng), y: .random(in: box.minY...box.maxY, using: &rng))
        }
    }

    /// The partition as a grid version with one community per 999 grids (15-digit codes).
    func directory() -> GridDirectory {
        func three(_ n: Int) -> String { String(String(1000 + n).dropFirst()) }
        let empty = Geometry.polygon(Polygon(exterior: Ring([])))
        let communities = (partition.grids.count + 998) / 999
        return GridDirectory(
            version: 1,
            grids: partition.grids.enumerated().map { i, g in
                UnitGridRecord(code: "110101001" + three(i / 999 + 1) + three(i % 999 + 1), geometry: .multiPolygon(g))
            },
            communities: (0..<communities).map {
                CommunityRecord(code: "110101001" + three($0 + 1), name: "社区\($0)", streetCode: "110101001", geometry: empty)
            },
            streets: [StreetRecord(code: "110101001", name: "街道", districtCode: "110101", geometry: empty)],
            districts: [DistrictRecord(code: "110101", name: "合成区", geometry: empty)])
    }
}

let small = Workload(grids: 35_000)
let large = Workload(grids: 1_000_000)   // globals are lazy: built only by the benchmarks that use it

/// Single lookups of 1,000 random points per iteration.
func locateRandom(_ w: Workload, _ benchmark: Benchmark) {
    let points = Array(w.points.prefix(1_000))
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
        var sum = 0
        for p in points { sum &+= Int(w.locator.locate(p)?.grid ?? 0) }
        blackHole(sum)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        maxDuration: .seconds(2)
    )

    Benchmark("locate_35k") { benchmark in locateRandom(small, benchmark) }
    Benchmark("locate_1M") { benchmark in locateRandom(large, benchmark) }

    // A batch call allocates its scratch buffers and result (14 mallocs at this writing, whatever the
    // batch size); CI tolerates ±4 of the committed count, e.g. for a change in Dispatch.
    Benchmark("batch_35k", configuration: .init(thresholds: [.mallocCountTotal: .init(absolute: [.p90: 4])])) { benchmark in
        let w = small
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(w.locator.locate(w.points)) }
    }

    Benchmark("directory_35k") { benchmark in
        let w = small
        let directory = w.directory()
        let points = Array(w.points.prefix(1_000))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var sum = 0
            for p in points { sum &+= directory.locate(p).grid?.utf8.count ?? 0 }
            blackHole(sum)
        }
    }

    Benchmark("nearest_35k") { benchmark in
        let w = small
        let box = w.locator.bounds
        let outside = (0..<1_000).map { Coordinate(x: box.maxX + 0.0001 * Double($0 % 100), y: box.minY + box.height * Double($0) / 1_000) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for p in outside { blackHole(w.locator.nearest(to: p)) }
        }
    }

    // The baseline: GEOS 3.11 STRtree + prepared covers (a GEOS point made and destroyed per lookup).
    Benchmark("GEOS_35k") { benchmark in
        let w = small
        let tree = try PreparedPolygonTree(context: GEOSContext(), geometries: w.partition.grids.map { .multiPolygon($0) })
        let points = Array(w.points.prefix(1_000))
        for p in points { _ = try tree.firstCovering(p) }   // GEOS prepares each polygon's index lazily
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var sum = 0
            for p in points { sum &+= try tree.firstCovering(p) ?? 0 }
            blackHole(sum)
        }
    }
}
