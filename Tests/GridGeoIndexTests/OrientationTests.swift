@testable import GridGeoIndex
import Testing

/// Exact reference: coordinates are k·2⁻³⁰ with |k| < 2⁴⁰, so the determinant fits in Int128.
func referenceOrientation(_ a: (Int64, Int64), _ b: (Int64, Int64), _ c: (Int64, Int64)) -> Int {
    let d = Int128(b.0 - a.0) * Int128(c.1 - a.1) - Int128(b.1 - a.1) * Int128(c.0 - a.0)
    return d > 0 ? 1 : (d < 0 ? -1 : 0)
}

@Test func orientationIsExactOnNearlyCollinearPoints() {
    var rng = SplitMix64(seed: 1)
    let scale = 0x1p-30
    for _ in 0..<20_000 {
        // Points near one line, around lon/lat magnitudes, with a few units of jitter.
        let a = (Int64.random(in: 116 << 30...117 << 30, using: &rng), Int64.random(in: 39 << 30...40 << 30, using: &rng))
        let d = (Int64.random(in: -(1 << 22)...(1 << 22), using: &rng), Int64.random(in: -(1 << 22)...(1 << 22), using: &rng))
        let t = Int64.random(in: -3...5, using: &rng)
        let b = (a.0 + d.0, a.1 + d.1)
        let c = (a.0 + t * d.0 + Int64.random(in: -2...2, using: &rng), a.1 + t * d.1 + Int64.random(in: -2...2, using: &rng))
        let got = orientation(Double(a.0) * scale, Double(a.1) * scale, Double(b.0) * scale, Double(b.1) * scale,
                              Double(c.0) * scale, Double(c.1) * scale)
        #expect(got == referenceOrientation(a, b, c))
    }
}

@Test func exactFallbackAgreesWithTheFastPath() {
    var rng = SplitMix64(seed: 2)
    for _ in 0..<10_000 {
        let v = (0..<6).map { _ in Double.random(in: -1000...1000, using: &rng) }
        #expect(exactOrientation(v[0], v[1], v[2], v[3], v[4], v[5]) == orientation(v[0], v[1], v[2], v[3], v[4], v[5]))
    }
    #expect(exactOrientation(0, 0, 1, 1, 2, 2) == 0)
    #expect(exactOrientation(0.1, 0.1, 0.2, 0.2, 0.30000000000000004, 0.30000000000000004) == 0)
}

@Test func perturbationNeverLeavesAPointOnAnEdge() {
    for (ax, ay, bx, by) in [(0.0, 0.0, 1.0, 0.0), (0, 0, 0, 1), (0, 0, 1, 1), (1, 1, 0, 0), (1, 0, 0, 0)] {
        #expect(perturbedOrientation(ax, ay, bx, by, 0.5 * (ax + bx), 0.5 * (ay + by)) != 0)
    }
    // On a vertical edge the point is pushed east: right of an upward edge.
    #expect(perturbedOrientation(0, 0, 0, 1, 0, 0.5) == -1)
    // On a horizontal edge it is pushed north: left of an eastward edge.
    #expect(perturbedOrientation(0, 0, 1, 0, 0.5, 0) == 1)
}

/// The core invariant of the cell-local test: crossing parity along r → p equals the change of
/// ownership, for any r and p, including points on vertices, edges and their extensions.
@Test func segmentCrossingParityMatchesOwnershipChange() {
    // A concave polygon with a hole, on a small integer lattice so that degenerate cases abound.
    let rings: [[(Double, Double)]] = [
        [(0, 0), (4, 0), (4, 4), (2, 2), (0, 4), (0, 0)],
        [(1, 1), (1, 2), (2, 1), (1, 1)],
        [(3, 1), (3, 2), (3, 3), (2, 1), (3, 1)],
    ]
    func owns(_ px: Double, _ py: Double) -> Bool {
        var odd = false
        for r in rings { for i in 1..<r.count where rayCrosses(r[i - 1].0, r[i - 1].1, r[i].0, r[i].1, px, py) { odd.toggle() } }
        return odd
    }
    let lattice = stride(from: -1.0, through: 5.0, by: 0.5).flatMap { x in stride(from: -1.0, through: 5.0, by: 0.5).map { (x, $0) } }
    var failures = 0
    for (rx, ry) in lattice {
        for (px, py) in lattice where (rx, ry) != (px, py) {
            var odd = false
            for r in rings { for i in 1..<r.count where segmentCrosses(r[i - 1].0, r[i - 1].1, r[i].0, r[i].1, rx, ry, px, py) { odd.toggle() } }
            if owns(rx, ry) != (owns(px, py) != odd) { failures += 1 }
        }
    }
    #expect(failures == 0)
}

@Test func rayCrossingIgnoresEdgeDirection() {
    var rng = SplitMix64(seed: 3)
    for _ in 0..<5_000 {
        let v = (0..<6).map { _ in Double(Int.random(in: 0...4, using: &rng)) }
        #expect(rayCrosses(v[0], v[1], v[2], v[3], v[4], v[5]) == rayCrosses(v[2], v[3], v[0], v[1], v[4], v[5]))
        #expect(segmentCrosses(v[0], v[1], v[2], v[3], 0.5, 0.5, v[4], v[5]) == segmentCrosses(v[2], v[3], v[0], v[1], 0.5, 0.5, v[4], v[5]))
    }
}
