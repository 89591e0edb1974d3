// Measures GridLocator against its baselines on a seeded synthetic partition (or a store's grids) and prints medians.
//
// Usage:
//   GridLookupReport [grids] [points] [passes] [cellsPerGrid] [single|batch|all]
//       GridLocator (build, memory, random, batch, nearest) and, with `all` (the default), the
//       baselines on the same points: GEOS 3.11 STRtree + prepared covers, the SpatiaLite R*Tree SQL
//       query (GridStore.unitGrid(containing:on:); only up to 100,000 grids unless GRIDGEO_BENCH_SQL=1),
//       brute force (box scan + crossing number) on a prefix of the points.
//   GridLookupReport db FILE [points] [passes] [cellsPerGrid] [single|batch|all]
//       The same on the current grid version of a GridGeo store (e.g. the real Dongcheng grids), with
//       points uniform over the part of the grids' bounds that some grid covers; the SQL baseline
//       queries that store.
//   GridLookupReport agree [grids] [points]
//       Checks GridLocator against GEOS covers on mixed points (uniform, on vertices, on edges, near
//       edges): the release-mode 1,000,000-point agreement check.
import Foundation
import GridGeoCore
import GridGeoGEOS
import GridGeoIndex
import GridGeoLookup
import GridGeoStore

let arguments = Array(CommandLine.arguments.dropFirst())
let agreeMode = arguments.first == "agree"
/// `db FILE`: measure on a store's grids instead of a synthetic partition.
let storePath = arguments.first == "db" && arguments.count > 1 ? arguments[1] : nil
let numbers = (storePath == nil ? arguments : Array(arguments.dropFirst(2))).compactMap { Double($0) }
let gridCount = storePath == nil ? Int(numbers.count > 0 ? numbers[0] : 35_000) : 0
let rest = storePath == nil ? Array(numbers.dropFirst()) : numbers
let pointCount = Int(rest.count > 0 ? rest[0] : 1_000_000)
let passes = Int(rest.count > 1 ? rest[1] : 7)
let cellsPerGrid = rest.count > 2 ? rest[2] : 11
/// "single" or "batch" runs only that part of GridLocator's measurements (for profiling); "all" adds the baselines.
let only = arguments.last.map { ["single", "batch", "directory", "all"].contains($0) ? $0 : "all" } ?? "all"
let seed: UInt64 = 2024

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
func time(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    return seconds(ContinuousClock.now - start)
}
func fmt(_ v: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", v) }
func mib(_ bytes: Int) -> String { fmt(Double(bytes) / 1_048_576) + " MiB" }
func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

/// The release-mode agreement check: every answer is one of the grids GEOS says cover the point, and
/// `covering` names exactly those grids.
func agree() throws {
    let partition = SyntheticPartition(gridCount: gridCount, seed: seed)
    let locator = GridLocator(grids: partition.grids, cellsPerGrid: cellsPerGrid)
    let geos = try PreparedPolygonTree(context: GEOSContext(), geometries: partition.grids.map { .multiPolygon($0) })
    let points = partition.mixedPoints(pointCount, seed: 6)
    let batch = locator.locate(points)
    var shared = 0, outside = 0, bad = 0
    for (i, p) in points.enumerated() {
        let covering = try geos.covering(p)
        if covering.count > 1 { shared += 1 }
        if covering.isEmpty { outside += 1 }
        let hit = locator.locate(p)
        var problem: String?
        if hit != batch[i] { problem = "batch and single differ" }
        else if let hit {
            if !covering.contains(Int(hit.grid)) { problem = "owner \(hit.grid) not among \(covering)" }
            else if covering.count > 1 && hit.position != .boundary { problem = "shared edge answered \(hit.position)" }
        } else if !covering.isEmpty { problem = "no owner, GEOS: \(covering)" }
        let all = locator.covering(p)
        if problem == nil && (Set(all.map(Int.init)) != Set(covering) || all.count != covering.count) {
            problem = "covering \(all), GEOS: \(covering)"
        }
        if let problem {
            bad += 1
            if bad <= 10 { print("(\(p.x), \(p.y)): \(problem)") }
        }
    }
    print("agreement with GEOS covers: \(partition.grids.count) grids, \(points.count) points "
          + "(\(shared) on shared boundaries, \(outside) outside): \(bad) disagreements")
    if bad > 0 { exit(1) }
}

/// Everything runs inside a function: top-level variables would add exclusivity checks to the loops.
func run() throws {
    print("load average at start: \(loadAverage())")
    let workload = try storePath.map { try Workload(store: $0) } ?? Workload(synthetic: gridCount)
    let grids = workload.grids
    let vertices = grids.reduce(0) { $0 + $1.reduce(0) { $0 + $1.exterior.coordinates.count - 1 } }
    print("\(workload.name): \(grids.count) grids, \(fmt(Double(vertices) / Double(grids.count))) vertices/grid, loaded in \(fmt(workload.loadSeconds, 2)) s")

    var built: GridLocator?
    var buildCPU: [Double] = []
    let builds = (0..<3).map { _ in
        built = nil
        let cpu = cpuSeconds()
        defer { buildCPU.append(cpuSeconds() - cpu) }
        return time { built = GridLocator(grids: grids, cellsPerGrid: cellsPerGrid) }
    }
    let locator = built!
    let m = locator.memory
    let stats = locator.rasterStatistics
    let cells = stats.columns * stats.rows
    print("GridLocator build (cellsPerGrid \(fmt(cellsPerGrid, 0))): median \(fmt(median(builds), 3)) s of \(builds.map { fmt($0, 3) }), CPU \(buildCPU.map { fmt($0, 2) }) s")
    let sub = locator.subcellStatistics
    print("raster: \(stats.columns) × \(stats.rows) = \(cells) cells, \(fmt(100 * Double(stats.uniformCells) / Double(cells))) % uniform; "
          + "\(fmt(100 * Double(sub.answeredByWord) / Double(max(sub.subcells, 1)))) % of the crossed cells' sub-cells answered by the cell word")
    print("memory: coordinates \(mib(m.coordinates)), index \(mib(m.index)), ratio index/coordinates \(fmt(Double(m.index) / Double(m.coordinates), 2))")

    var rng = SplitMix64(seed: 7)
    let box = workload.bounds
    var points: [Coordinate] = []
    points.reserveCapacity(pointCount)
    while points.count < pointCount {   // a store's grids need not fill their bounds: keep covered points
        let p = Coordinate(x: .random(in: box.minX...box.maxX, using: &rng), y: .random(in: box.minY...box.maxY, using: &rng))
        if storePath == nil || locator.locate(p) != nil { points.append(p) }
    }
    var sink = 0
    print("points: \(pointCount), seeded, uniform over the grids' bounds" + (storePath == nil ? " (all in a grid)" : ", those in a grid"))

    var single = 0.0, batch = 0.0
    if only == "directory" {   // for profiling the answers alone
        let directory = try workload.directory()
        let d = (0..<passes).map { _ in
            time { for p in points { sink &+= directory.locate(p).grid?.utf8.count ?? 0 } } * 1e9 / Double(pointCount)
        }
        let db = (0..<passes).map { _ in time { sink &+= directory.locate(points).count } * 1e9 / Double(pointCount) }
        print("GridDirectory single, random order: median \(fmt(median(d))) ns/point of \(d.map { fmt($0) }); "
              + "batch \(fmt(median(db))) ns/point of \(db.map { fmt($0) })")
        return
    }
    if only != "batch" {
        let t = (0..<passes).map { _ in
            time { for p in points { sink &+= Int(locator.locate(p)?.grid ?? 0) } } * 1e9 / Double(pointCount)
        }
        single = median(t)
        print("GridLocator single, random order: median \(fmt(single)) ns/point of \(t.map { fmt($0) })")
    }
    if only != "single" {
        let t = (0..<passes).map { _ in time { sink &+= locator.locate(points).count } * 1e9 / Double(pointCount) }
        batch = median(t)
        print("GridLocator batch (Z-order-sorted, all cores): median \(fmt(batch)) ns/point of \(t.map { fmt($0) })")
    }
    if only == "all" {
        let outside = (0..<10_000).map { i in
            Coordinate(x: box.maxX + 0.0001 * Double(i % 100), y: box.minY + box.height * Double(i) / 10_000)
        }
        let nearest = (0..<3).map { _ in
            time { for p in outside { sink &+= Int(locator.nearest(to: p)?.grid ?? 0) } } * 1e9 / 10_000
        }
        print("GridLocator nearest, 0–10 m outside the east edge: median \(fmt(median(nearest))) ns/point")
        // What services call: the locator plus the grid's codes and names.
        let directory = try workload.directory()
        let d = (0..<3).map { _ in
            time { for p in points { sink &+= directory.locate(p).grid?.utf8.count ?? 0 } } * 1e9 / Double(pointCount)
        }
        let db = (0..<3).map { _ in time { sink &+= directory.locate(points).count } * 1e9 / Double(pointCount) }
        print("GridDirectory (answers with codes and names) single, random order: median \(fmt(median(d))) ns/point; batch \(fmt(median(db))) ns/point")
        try baselines(workload, points, single: single, batch: batch, sink: &sink)
    }
    if sink == 42 { print("") }
    print("load average at end: \(loadAverage())")
}

func baselines(_ workload: Workload, _ points: [Coordinate], single: Double, batch: Double, sink: inout Int) throws {
    let grids = workload.grids
    // GEOS: STRtree + prepared covers, first hit, every point (3 passes: it is slow).
    let geometries = grids.map { Geometry.multiPolygon($0) }
    let heapBefore = heapBytes()
    var geos: PreparedPolygonTree?
    let geosBuild = try time { geos = try PreparedPolygonTree(context: GEOSContext(), geometries: geometries) }
    let tree = geos!
    let geosPasses = try (0..<3).map { _ in
        try time { for p in points { sink &+= try tree.firstCovering(p) ?? 0 } } * 1e9 / Double(points.count)
    }
    let geosHeap = heapBytes() - heapBefore   // after the passes: GEOS prepares each polygon's index lazily
    let g = median(geosPasses)
    print("GEOS STRtree + prepared covers, random order: median \(fmt(g)) ns/point of \(geosPasses.map { fmt($0) }); "
          + "build \(fmt(geosBuild, 2)) s (+ lazy per-polygon indexes), resident memory +\(mib(geosHeap))")

    // SpatiaLite R*Tree + ST_Covers in SQL, through the store (a prefix of the points).
    var sql = Double.nan
    if grids.count <= 100_000 || ProcessInfo.processInfo.environment["GRIDGEO_BENCH_SQL"] == "1" {
        let (store, load, date) = try workload.store()
        let n = min(points.count, 20_000)
        let t = try (0..<3).map { _ in
            try time { for p in points.prefix(n) { sink &+= try store.unitGrid(containing: p, on: date)?.code.count ?? 0 } } * 1e9 / Double(n)
        }
        sql = median(t)
        print("SpatiaLite R*Tree SQL (GridStore.unitGrid(containing:on:)), first \(n) points: median \(fmt(sql)) ns/point of \(t.map { fmt($0) }); "
              + (load > 0 ? "store loaded in \(fmt(load, 1)) s" : "store \(store.path)"))
        try store.close()
    } else {
        print("SpatiaLite R*Tree SQL: skipped above 100,000 grids (GRIDGEO_BENCH_SQL=1 runs it; loading takes minutes)")
    }

    // Brute force on a prefix: a scan of every box per point.
    let brute = BruteForce(grids)
    let n = max(100, min(points.count, 200_000_000 / grids.count))   // about 0.2 s per pass
    let bruteTimes = (0..<3).map { _ in
        time { for p in points.prefix(n) { sink &+= brute.locate(p) ?? 0 } } * 1e9 / Double(n)
    }
    let b = median(bruteTimes)
    print("brute force (box scan + crossing number), first \(n) points: median \(fmt(b)) ns/point of \(bruteTimes.map { fmt($0) })")

    print("speed-up vs GEOS: single \(fmt(g / single))×, batch \(fmt(g / batch))×; vs SpatiaLite: single \(fmt(sql / single, 0))×; vs brute force: single \(fmt(b / single, 0))×")
}

if agreeMode { try agree() } else { try run() }
