import GridGeoCore
@testable import GridGeoIndex
import Testing

/// The brute-force answer: every point measured the way the tree measures, sorted by (distance, item).
private func bruteForce(_ points: [Coordinate], _ p: Coordinate, within r: Double = .infinity) -> [PointNeighbour] {
    let ky = PointTree.metresPerDegree, kx = ky * cosine(degrees: p.y)
    return points.enumerated().filter { $0.element.isFinite }.map { i, q in
        let dx = (q.x - p.x) * kx, dy = (q.y - p.y) * ky
        return (d2: dx * dx + dy * dy, item: i)
    }.filter { $0.d2 <= r * r }
    .sorted { ($0.d2, $0.item) < ($1.d2, $1.item) }.map { PointNeighbour(item: $0.item, distanceMetres: $0.d2.squareRoot()) }
}

/// Points around Dongcheng (≈ 7 × 11 km), some repeated exactly so that ties occur.
private func points(_ n: Int, seed: UInt64) -> [Coordinate] {
    var rng = SplitMix64(seed: seed)
    var out: [Coordinate] = []
    for i in 0..<n {
        if i > 10 && i % 10 == 0 { out.append(out[Int.random(in: 0..<i, using: &rng)]); continue }
        out.append(Coordinate(lon: Double.random(in: 116.37...116.45, using: &rng), lat: Double.random(in: 39.85...39.96, using: &rng)))
    }
    return out
}

@Suite struct PointTreeTests {
    @Test(arguments: [(1, 1), (7, 3), (33, 5), (5_000, 10), (20_000, 25)])
    func nearestEqualsBruteForce(_ n: Int, _ k: Int) {
        let pts = points(n, seed: UInt64(n))
        let tree = PointTree(pts)
        var rng = SplitMix64(seed: 7)
        // Fewer queries on the larger sets: each brute-force answer sorts every point (debug builds).
        for q in 0..<max(20, min(200, 200_000 / n)) {
            // Some queries exactly on a point, some anywhere, some far outside.
            let p = q % 4 == 0 ? pts[Int.random(in: 0..<n, using: &rng)]
                : Coordinate(lon: Double.random(in: 116.3...116.5, using: &rng), lat: Double.random(in: 39.8...40.0, using: &rng))
            let expected = bruteForce(pts, p)
            #expect(tree.nearest(to: p, k: k) == Array(expected.prefix(k)))
            let r = Double.random(in: 0...800, using: &rng)
            #expect(tree.within(r, of: p) == bruteForce(pts, p, within: r))
        }
    }

    @Test func maxDistanceAndDegenerateInputs() {
        let pts = points(1_000, seed: 3) + [Coordinate(lon: .nan, lat: 39.9)]
        let tree = PointTree(pts)
        #expect(tree.count == 1_000)
        let p = Coordinate(lon: 116.41, lat: 39.91)
        let expected = bruteForce(pts, p)
        #expect(tree.nearest(to: p, k: 50, maxDistanceMetres: 300) == expected.prefix(50).filter { $0.distanceMetres <= 300 })
        #expect(tree.nearest(to: p, k: 5_000).count == 1_000)
        #expect(tree.nearest(to: p, k: 0).isEmpty)
        #expect(PointTree([]).nearest(to: p, k: 3).isEmpty)
        #expect(PointTree([]).within(100, of: p).isEmpty)
        #expect(tree.nearest(to: Coordinate(lon: .nan, lat: 0), k: 3).isEmpty)
        // All points equal: ties break by item.
        let same = PointTree(Array(repeating: p, count: 100))
        #expect(same.nearest(to: p, k: 4).map(\.item) == [0, 1, 2, 3])
        #expect(same.within(0, of: p).map(\.item) == Array(0..<100))
    }

    @Test func distancesAreMetres() {
        // 0.001° of latitude ≈ 111.2 m; 0.001° of longitude at 39.9° ≈ 85.3 m.
        let p = Coordinate(lon: 116.4, lat: 39.9)
        let tree = PointTree([Coordinate(lon: 116.4, lat: 39.901), Coordinate(lon: 116.401, lat: 39.9)])
        let found = tree.nearest(to: p, k: 2)
        #expect(found.map(\.item) == [1, 0])
        #expect(abs(found[0].distanceMetres - 85.3) < 0.1 && abs(found[1].distanceMetres - 111.2) < 0.1)
    }
}
