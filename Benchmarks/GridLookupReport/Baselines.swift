// The baselines GridLocator is measured against, on the same partition and the same points.
import Foundation
import GridGeoCore
import GridGeoGEOS
import GridGeoIndex
import GridGeoLookup
import GridGeoStore

/// Brute force: scan every grid's box, then the crossing-number test over the grid's rings (the
/// half-open rule, in plain floating point). What one writes without any index.
struct BruteForce {
    let boxes: [Double]          // minX, minY, maxX, maxY per grid
    let rings: [[[Coordinate]]]  // per grid, its rings

    init(_ grids: [[Polygon]]) {
        var boxes: [Double] = []
        boxes.reserveCapacity(4 * grids.count)
        for g in grids {
            let b = g.reduce(BoundingBox.empty) { $0.union($1.boundingBox) }
            boxes += [b.minX, b.minY, b.maxX, b.maxY]
        }
        self.boxes = boxes
        rings = grids.map { $0.flatMap { [$0.exterior.coordinates] + $0.holes.map(\.coordinates) } }
    }

    func locate(_ p: Coordinate) -> Int? {
        boxes.withUnsafeBufferPointer { b in
            for g in 0..<(b.count / 4) where p.x >= b[4 * g] && p.x <= b[4 * g + 2] && p.y >= b[4 * g + 1] && p.y <= b[4 * g + 3] {
                var odd = false
                for r in rings[g] {
                    for i in 1..<r.count {
                        let a = r[i - 1], c = r[i]
                        if (a.y > p.y) != (c.y > p.y) && p.x < a.x + (p.y - a.y) * (c.x - a.x) / (c.y - a.y) { odd.toggle() }
                    }
                }
                if odd { return g }
            }
            return nil
        }
    }
}

/// A GridGeo store holding the partition as one grid version (1 district, streets of ≤ 999
/// communities, communities of ≤ 999 grids, as the 15-digit codes allow), made once and kept in
/// `folder` for later runs. Returns the store and the seconds spent loading it (0 when reused).
func partitionStore(_ partition: SyntheticPartition, seed: UInt64, folder: String) throws -> (GridStore, Double) {
    let path = "\(folder)/lookup-bench-\(partition.grids.count)-\(seed).sqlite"
    if FileManager.default.fileExists(atPath: path) { return (try GridStore(path: path), 0) }
    let start = ContinuousClock.now
    let partial = path + ".partial"
    try? FileManager.default.removeItem(atPath: partial)
    let store = try GridStore(path: partial)
    let b = partition.bounds
    let box = Geometry.polygon(Polygon(exterior: Ring([
        .init(x: b.minX, y: b.minY), .init(x: b.maxX, y: b.minY), .init(x: b.maxX, y: b.maxY), .init(x: b.minX, y: b.maxY),
    ])))
    func three(_ n: Int) -> String { String(String(1000 + n).dropFirst()) }
    let communityCount = (partition.grids.count + 998) / 999
    let streetCount = (communityCount + 998) / 999
    try store.insert([DistrictRecord(code: "110101", name: "合成区", geometry: box)])
    try store.insert((1...streetCount).map { s in
        StreetRecord(code: "110101" + three(s), name: "街道\(s)", districtCode: "110101", geometry: box)
    })
    try store.insert((0..<communityCount).map { c in
        CommunityRecord(code: "110101" + three(c / 999 + 1) + three(c % 999 + 1), name: "社区\(c)",
                        streetCode: "110101" + three(c / 999 + 1), geometry: box)
    })
    try store.publishGridVersion(partition.grids.enumerated().map { i, polygons in
        let c = i / 999
        // Areas given, so SpatiaLite does not compute a million ellipsoidal areas.
        return UnitGridRecord(code: "110101" + three(c / 999 + 1) + three(c % 999 + 1) + three(i % 999 + 1),
                              geometry: .multiPolygon(polygons), areaSquareMetres: 10_000)
    }, startDate: LocalDate("2024-01-01")!)
    try store.close()
    try FileManager.default.moveItem(atPath: partial, toPath: path)
    let d = ContinuousClock.now - start
    return (try GridStore(path: path), seconds(d))
}

/// The process's resident memory in bytes (`/proc/self/statm`): the growth around a build is
/// roughly what it keeps (an upper bound: freed memory is not always returned).
func heapBytes() -> Int {
    let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
    let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// The partition as a grid version with one community per 999 grids (15-digit codes), in memory.
func syntheticDirectory(_ partition: SyntheticPartition) -> GridDirectory {
    func three(_ n: Int) -> String { String(String(1000 + n).dropFirst()) }
    let empty = Geometry.polygon(Polygon(exterior: Ring([])))
    let communities = (partition.grids.count + 998) / 999
    return GridDirectory(
        version: 1,
        grids: partition.grids.enumerated().map { i, g in
            let c = i / 999
            return UnitGridRecord(code: "110101" + three(c / 999 + 1) + three(c % 999 + 1) + three(i % 999 + 1),
                                  geometry: .multiPolygon(g))
        },
        communities: (0..<communities).map { c in
            CommunityRecord(code: "110101" + three(c / 999 + 1) + three(c % 999 + 1), name: "社区\(c)",
                            streetCode: "110101" + three(c / 999 + 1), geometry: empty)
        },
        streets: (0..<((communities + 998) / 999)).map { s in
            StreetRecord(code: "110101" + three(s + 1), name: "街道\(s)", districtCode: "110101", geometry: empty)
        },
        districts: [DistrictRecord(code: "110101", name: "合成区", geometry: empty)])
}
