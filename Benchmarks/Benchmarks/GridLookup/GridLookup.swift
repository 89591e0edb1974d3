// package-benchmark suite: `swift package --allow-writing-to-package-directory benchmark`.
// Each iteration looks up 10,000 seeded points, so per-lookup figures are the reported ones / 10,000
// (scalingFactor .kilo × 10 shows them per lookup); mallocs must stay at 0 for single lookups.
import Benchmark
import GridGeoCore
import GridGeoIndex

/// A partition, its locator and seeded query points, built once per benchmark process.
final class Workload: Sendable {
    let locator: GridLocator
    let points: [Coordinate]

    init(grids: Int) {
        let partition = SyntheticPartition(gridCount: grids, seed: 2024)
        locator = GridLocator(grids: partition.grids)
        var rng = SplitMix64(seed: 7)
        let box = partition.bounds
        points = (0..<10_000).map { _ in
            Coordinate(x: .random(in: box.minX...box.maxX, using: &rng), y: .random(in: box.minY...box.maxY, using: &rng))
        }
    }
}

let small = Workload(grids: 35_000)
let large = Workload(grids: 1_000_000)   // globals are lazy: built only by the benchmarks that use it

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        scalingFactor: .kilo,
        maxDuration: .seconds(3)
    )

    Benchmark("locate, 35k grids, 10k random points") { benchmark in
        let w = small
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var sum = 0
            for p in w.points { sum &+= Int(w.locator.locate(p)?.grid ?? 0) }
            blackHole(sum)
        }
    }

    Benchmark("locate, 1M grids, 10k random points") { benchmark in
        let w = large
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var sum = 0
            for p in w.points { sum &+= Int(w.locator.locate(p)?.grid ?? 0) }
            blackHole(sum)
        }
    }

    Benchmark("locate batch, 35k grids, 10k points") { benchmark in
        let w = small
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(w.locator.locate(w.points)) }
    }

    Benchmark("nearest, 35k grids, 1k points outside") { benchmark in
        let w = small
        let box = w.locator.bounds
        let outside = (0..<1_000).map { Coordinate(x: box.maxX + 0.0001 * Double($0 % 100), y: box.minY + box.height * Double($0) / 1_000) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for p in outside { blackHole(w.locator.nearest(to: p)) }
        }
    }
}
