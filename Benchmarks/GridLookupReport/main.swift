// Measures GridLocator on seeded synthetic partitions and prints medians.
// Usage: GridLookupReport [grids] [points] [passes] [cellsPerGrid]
import Glibc
import GridGeoCore
import GridGeoIndex

let args = CommandLine.arguments.dropFirst().compactMap { Double($0) }
let gridCount = Int(args.count > 0 ? args[0] : 35_000)
let pointCount = Int(args.count > 1 ? args[1] : 1_000_000)
let passes = Int(args.count > 2 ? args[2] : 7)
let cellsPerGrid = args.count > 3 ? args[3] : 12
/// "single" or "batch" runs only that part (for profiling); anything else runs everything.
let only = CommandLine.arguments.count > 5 ? CommandLine.arguments[5] : "all"

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
/// CPU seconds (user + system, all threads) used by this process so far: steadier than wall time
/// when other jobs share the machine.
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6
}
func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }
func time(_ body: () -> Void) -> Double { seconds(ContinuousClock().measure(body)) }
func fmt(_ v: Double, _ digits: Int = 1) -> String {
    var s = String(Int((v * pow10(digits)).rounded()))
    if digits > 0 {
        while s.count <= digits { s = "0" + s }
        s.insert(".", at: s.index(s.endIndex, offsetBy: -digits))
    }
    return s
}
func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }

/// Everything runs inside a function: top-level variables would add exclusivity checks to the loops.
func run() {
    var made: SyntheticPartition?
    let generate = time { made = SyntheticPartition(gridCount: gridCount, seed: 2024) }
    let partition = made!
    let grids = partition.grids
    let vertices = grids.reduce(0) { $0 + $1.reduce(0) { $0 + $1.exterior.coordinates.count - 1 } }
    print("partition: \(grids.count) grids, \(fmt(Double(vertices) / Double(grids.count))) vertices/grid, generated in \(fmt(generate, 2)) s")

    var built: GridLocator?
    var buildCPU: [Double] = []
    let builds = (0..<3).map { _ in
        let cpu = cpuSeconds()
        defer { buildCPU.append(cpuSeconds() - cpu) }
        return time { built = GridLocator(grids: grids, cellsPerGrid: cellsPerGrid) }
    }
    let locator = built!
    let m = locator.memory
    let stats = locator.rasterStatistics
    let cells = stats.columns * stats.rows
    print("build (cellsPerGrid \(cellsPerGrid)): median \(fmt(median(builds), 3)) s of \(builds.map { fmt($0, 3) }), CPU \(buildCPU.map { fmt($0, 2) }) s")
    print("raster: \(stats.columns) × \(stats.rows) = \(cells) cells, \(fmt(100 * Double(stats.uniformCells) / Double(cells))) % uniform")
    print("memory: coordinates \(fmt(Double(m.coordinates) / 1_048_576)) MiB, index \(fmt(Double(m.index) / 1_048_576)) MiB, ratio index/coordinates \(fmt(Double(m.index) / Double(m.coordinates), 2))")

    var rng = SplitMix64(seed: 7)
    let box = partition.bounds
    let points = (0..<pointCount).map { _ in
        Coordinate(x: .random(in: box.minX...box.maxX, using: &rng), y: .random(in: box.minY...box.maxY, using: &rng))
    }
    var sink = 0
    var inside = 0
    for p in points.prefix(100_000) where locator.locate(p) != nil { inside += 1 }
    print("points: \(pointCount) uniform over the bounds, \(fmt(Double(inside) / 1000)) % in a grid")

    if only != "batch" {
        let single = (0..<passes).map { _ in
            time { for p in points { sink &+= Int(locator.locate(p)?.grid ?? 0) } } * 1e9 / Double(pointCount)
        }
        print("single, random order: median \(fmt(median(single))) ns/point of \(single.map { fmt($0) })")
    }
    if only != "single" {
        let batch = (0..<passes).map { _ in
            time { sink &+= locator.locate(points).count } * 1e9 / Double(pointCount)
        }
        print("batch (Hilbert-sorted, all cores): median \(fmt(median(batch))) ns/point of \(batch.map { fmt($0) })")
    }
    if only == "all" {
        let outside = (0..<10_000).map { i in
            Coordinate(x: box.maxX + 0.0001 * Double(i % 100), y: box.minY + box.height * Double(i) / 10_000)
        }
        let nearest = (0..<3).map { _ in
            time { for p in outside { sink &+= Int(locator.nearest(to: p)?.grid ?? 0) } } * 1e9 / 10_000
        }
        print("nearest, 0–10 m outside the east edge: median \(fmt(median(nearest))) ns/point")
    }
    if sink == 42 { print("") }

}
run()
