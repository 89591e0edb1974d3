// k-nearest and radius query cost among 1,000,000 seeded components, in CPU and wall time per query
// (medians of passes), for the tree alone and for ComponentIndex (which returns Component values).
// Usage: ComponentReport [points] [queries] [passes]
//        ComponentReport import [points]: wall and CPU of ComponentLedger.add into a fresh store
//        (4,096 grids in memory over Dongcheng's box), for profiling the write path.
import Glibc
import GridGeoLookup
import GridGeoComponents
import GridGeoCore
import GridGeoIndex
import GridGeoStore

let importMode = CommandLine.arguments.dropFirst().first == "import"
let args = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let pointCount = args.count > 0 ? args[0] : 1_000_000
let queryCount = args.count > 1 ? args[1] : 100_000
let passes = args.count > 2 ? args[2] : 7

func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6
}
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }

/// (wall, CPU) seconds of `body`.
func measure(_ body: () -> Void) -> (Double, Double) {
    let c0 = cpuSeconds()
    let wall = seconds(ContinuousClock().measure(body))
    return (wall, cpuSeconds() - c0)
}

func run() {
    var rng = SplitMix64(seed: 2_024)
    // Dongcheng's box; uniform points (≈ 24 per hectare at 1,000,000 over 42 km²).
    let box = BoundingBox(minX: 116.373, minY: 39.855, maxX: 116.448, maxY: 39.975)
    func point() -> Coordinate {
        Coordinate(x: Double.random(in: box.minX...box.maxX, using: &rng), y: Double.random(in: box.minY...box.maxY, using: &rng))
    }
    let points = (0..<pointCount).map { _ in point() }
    let queries = (0..<queryCount).map { _ in point() }
    let day = LocalDate("2024-01-01")!
    let classes = ["0101", "0117", "0203", "0403"]
    let build = measure { _ = PointTree(points) }
    var index: ComponentIndex!
    let buildIndex = measure {
        index = ComponentIndex(points.enumerated().map { i, p in
            Component(code: "110101" + classes[i % 4] + String(i / 4 + 1), classCode: classes[i % 4], className: "",
                      name: "部件\(i)", location: p, gridCode: nil, startDate: day)
        })
    }
    let tree = PointTree(points)
    print("points \(pointCount), queries \(queryCount), passes \(passes)")
    print("build PointTree: \(build.0) s wall, \(build.1) s CPU; ComponentIndex (with Component values): \(buildIndex.0) s wall")
    var sink = 0
    for (name, body) in [
        ("PointTree.nearest k=10", { for q in queries { sink &+= tree.nearest(to: q, k: 10).count } }),
        ("ComponentIndex.nearest k=10", { for q in queries { sink &+= index.nearest(to: q, k: 10).count } }),
        ("PointTree.within 100 m", { for q in queries { sink &+= tree.within(100, of: q).count } }),
        ("ComponentIndex.within 100 m", { for q in queries { sink &+= index.within(100, of: q).count } }),
    ] as [(String, () -> Void)] {
        var wall: [Double] = [], cpu: [Double] = []
        for _ in 0..<passes {
            let (w, c) = measure(body)
            wall.append(w / Double(queryCount) * 1e6)
            cpu.append(c / Double(queryCount) * 1e6)
        }
        print("\(name): median \(median(wall)) µs wall, \(median(cpu)) µs CPU per query (min wall \(wall.min()!))")
    }
    print("(checksum \(sink))")
}
/// `ComponentLedger.add` of `count` seeded components (four classes) into a fresh store.
func runImport(_ count: Int) throws {
    var rng = SplitMix64(seed: 2_024)
    let box = BoundingBox(minX: 116.373, minY: 39.855, maxX: 116.448, maxY: 39.975)
    let n = 64
    var grids: [UnitGridRecord] = []
    for j in 0..<n {
        for i in 0..<n {
            let w = box.width / Double(n), h = box.height / Double(n)
            let x0: Double = box.minX + w * Double(i), x1: Double = x0 + w
            let y1: Double = box.maxY - h * Double(j), y0: Double = y1 - h
            let ring = Ring([Coordinate(x: x0, y: y0), Coordinate(x: x1, y: y0), Coordinate(x: x1, y: y1),
                             Coordinate(x: x0, y: y1), Coordinate(x: x0, y: y0)])
            let k = j * n + i
            let community = String(1_000 + k / 999 + 1).dropFirst(), sequence = String(1_000 + k % 999 + 1).dropFirst()
            let code = "110101001" + community + sequence
            grids.append(UnitGridRecord(code: code, geometry: .polygon(Polygon(exterior: ring))))
        }
    }
    let directory = GridDirectory(version: 1, grids: grids, communities: [], streets: [], districts: [])
    let path = "/tmp/component-import-\(getpid()).sqlite"
    unlink(path)
    defer { unlink(path); unlink(path + "-journal") }
    let store = try GridStore(path: path)
    let ledger = try ComponentLedger(store: store, directory: directory)
    let classes = ["0101", "0117", "0203", "0403"]
    let day = LocalDate("2024-01-01")!
    let records = (0..<count).map { i in
        ComponentRecord(classCode: classes[i % 4], className: "", name: "部件\(i)", districtCode: "110101",
                        location: Coordinate(x: Double.random(in: box.minX..<box.maxX, using: &rng),
                                             y: Double.random(in: box.minY..<box.maxY, using: &rng)),
                        startDate: day)
    }
    var placed = 0
    let (wall, cpu) = measure { placed = (try? ledger.add(records).codes.count) ?? -1 }
    print("ComponentLedger.add of \(count) components: \(wall) s wall, \(cpu) s CPU, \(Int(Double(count) / wall)) components/s (placed \(placed))")
    try store.close()
}

if importMode { try runImport(args.first ?? 100_000) } else { run() }
