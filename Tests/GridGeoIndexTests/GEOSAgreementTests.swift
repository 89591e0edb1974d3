import Foundation
import GridGeoCore
import GridGeoGEOS
import GridGeoIndex
import Testing

// The locator against GEOS 3.11 (STRtree + prepared `covers`) on seeded points: uniform (some
// outside), exactly on vertices, exactly on edges, and within 0.1 mm of an edge. Both the owner and
// the set of covering grids are checked.
//
// The normal suite checks 100,000 points (a few seconds in debug). The 1,000,000-point check runs in
// release, in the benchmark package, on the benchmarks' partitions:
//   cd Benchmarks && swift build -c release --product GridLookupReport
//   .build/release/GridLookupReport agree 35000 1000000
// Set GRIDGEO_AGREEMENT_POINTS=1000000 to run the same count here.

/// Checks one answer against the grids GEOS says cover the point; returns a description of any violation.
func geosViolation(_ hit: GridHit?, covering: [Int], at p: Coordinate) -> String? {
    guard let hit else { return covering.isEmpty ? nil : "\(p): no owner, GEOS: covered by \(covering)" }
    if !covering.contains(Int(hit.grid)) { return "\(p): owner \(hit.grid), GEOS: covered by \(covering)" }
    // A point two grids cover lies on both boundaries.
    if covering.count > 1 && hit.position != .boundary { return "\(p): on a shared edge but answered \(hit.position)" }
    return nil
}

@Test func locatorAgreesWithGEOSCovers() throws {
    let count = ProcessInfo.processInfo.environment["GRIDGEO_AGREEMENT_POINTS"].flatMap { Int($0) } ?? 100_000
    let points = partition.mixedPoints(count, seed: 6)
    let geos = try PreparedPolygonTree(context: GEOSContext(),
                                       geometries: partition.grids.map { .multiPolygon($0) })
    let batch = locator.locate(points)
    var violations: [String] = []
    var shared = 0, outside = 0
    for (i, p) in points.enumerated() {
        let covering = try geos.covering(p)
        if covering.count > 1 { shared += 1 }
        if covering.isEmpty { outside += 1 }
        let hit = locator.locate(p)
        if hit != batch[i] { violations.append("\(p): batch \(String(describing: batch[i])) ≠ single \(String(describing: hit))") }
        if let v = geosViolation(hit, covering: covering, at: p) { violations.append(v) }
        let all = locator.covering(p)
        if Set(all.map(Int.init)) != Set(covering) || all.count != covering.count || all.first != hit?.grid {
            violations.append("\(p): covering \(all), GEOS: \(covering), owner \(String(describing: hit))")
        }
        if violations.count >= 10 { break }
    }
    #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    // The mix must really exercise shared boundaries and outside points.
    #expect(shared > count / 5 && outside > count / 100, "shared \(shared), outside \(outside)")
}
