// Exact orientation predicates, and the symbolic perturbation that defines GridGeo's boundary rule.
//
// Fast path and error bound: J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast
// Robust Geometric Predicates", Discrete & Computational Geometry 18 (1997), orient2d stage A.
// Exact fallback: the determinant expanded into six products, each split exactly with an FMA
// (two-product), summed with Grow-Expansion and zero elimination (ibid., §2.4, Theorem 10).

/// (3 + 16ε)ε with ε = 2⁻⁵³: Shewchuk's `ccwerrboundA`.
let orientationErrorBound = (3.0 + 16.0 * 0x1p-53) * 0x1p-53

/// The sign of the orientation of `(a, b, c)`: +1 when `c` lies left of the line a→b
/// (counter-clockwise turn), −1 when right, 0 when the three points are exactly collinear.
/// Exact for all finite inputs whose products neither overflow nor underflow.
@inline(__always)
func orientation(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                 _ cx: Double, _ cy: Double) -> Int {
    let left = (bx - ax) * (cy - ay)
    let right = (by - ay) * (cx - ax)
    let det = left - right
    let bound = orientationErrorBound * (abs(left) + abs(right))
    if det > bound { return 1 }
    if -det > bound { return -1 }
    return exactOrientation(ax, ay, bx, by, cx, cy)
}

/// The exact sign of ax·by − ax·cy + bx·cy − bx·ay + cx·ay − cx·by, without heap allocation.
@inline(never)
func exactOrientation(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                      _ cx: Double, _ cy: Double) -> Int {
    let terms: InlineArray<6, (Double, Double)> = [(ax, by), (-ax, cy), (bx, cy), (-bx, ay), (cx, ay), (-cx, by)]
    var e = InlineArray<12, Double>(repeating: 0)
    var n = 0
    for k in 0..<6 {
        let (a, b) = terms[k]
        let p = a * b
        grow(&e, &n, (-p).addingProduct(a, b))   // a·b − p exactly: the FMA rounds once
        grow(&e, &n, p)
    }
    // The largest component of a nonoverlapping expansion carries its sign.
    return n == 0 ? 0 : (e[n - 1] > 0 ? 1 : -1)
}

/// Grow-Expansion: adds `x` to the nonoverlapping expansion `e[0..<n]` (smallest part first).
@inline(__always)
private func grow(_ e: inout InlineArray<12, Double>, _ n: inout Int, _ x: Double) {
    var q = x
    var m = 0
    for i in 0..<n {
        let s = q + e[i]   // two-sum: s + h == q + e[i] exactly
        let bv = s - q
        let h = (q - (s - bv)) + (e[i] - bv)
        q = s
        if h != 0 { e[m] = h; m += 1 }
    }
    if q != 0 { e[m] = q; m += 1 }
    n = m
}

// MARK: - The boundary rule as a symbolic perturbation
//
// Every query point p is treated as p + ε with ε = (δ, δ²) for an infinitesimal δ > 0; polygon vertices
// stay put. Then no query point ever lies on an edge, and each point of a coverage has exactly one owner.
// Expanding a determinant in δ gives its sign when the unperturbed value is 0.

/// Sign of orient(a, b, c + ε): never 0 unless a == b.
@inline(__always)
func perturbedOrientation(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                          _ cx: Double, _ cy: Double) -> Int {
    let o = orientation(ax, ay, bx, by, cx, cy)
    if o != 0 { return o }
    // orient(a, b, c + ε) = o + (bx − ax)·δ² − (by − ay)·δ
    if by != ay { return by > ay ? -1 : 1 }
    return bx > ax ? 1 : (bx < ax ? -1 : 0)
}

/// True when the half-open ray from p + ε towards +x crosses the edge a–b.
///
/// This is the classic crossing-number test with the half-open convention: the edge counts when it
/// straddles p.y with `(a.y > p.y) != (b.y > p.y)` and p lies strictly left of it. The edge is
/// canonicalised bottom→top, so both polygons sharing an edge evaluate the same determinant.
@inline(__always)
func rayCrosses(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ px: Double, _ py: Double) -> Bool {
    if (ay > py) == (by > py) { return false }
    return ay < by ? orientation(ax, ay, bx, by, px, py) > 0
                   : orientation(bx, by, ax, ay, px, py) > 0
}

/// True when the segment r + ε → p + ε crosses the edge a–b (r ≠ p).
///
/// Under the perturbation the four orientations are never 0 (unless a == b), so the segments either
/// cross properly or are disjoint; the parity of such crossings along a path is exact.
@inline(__always)
func segmentCrosses(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                    _ rx: Double, _ ry: Double, _ px: Double, _ py: Double) -> Bool {
    // Do a and b lie on opposite sides of the line r'p'? orient(r', p', a) = orient(r, p, a − ε).
    let sa = sideOfPerturbedSegment(rx, ry, px, py, ax, ay)
    let sb = sideOfPerturbedSegment(rx, ry, px, py, bx, by)
    if sa == sb { return false }
    // Do r' and p' lie on opposite sides of the line ab?
    return perturbedOrientation(ax, ay, bx, by, rx, ry) != perturbedOrientation(ax, ay, bx, by, px, py)
}

/// `segmentCrosses(a, b, r, p)`, and whether p may lie on the line through a and b (false: it
/// certainly does not), without a data-dependent branch when the four orientations are certain by
/// the fast filter, as they nearly always are: their signs are random, so branching on them (and on
/// a box test first) mispredicts about half the time. Otherwise the exact, perturbed predicates.
@inline(__always)
func crossing(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
              _ rx: Double, _ ry: Double, _ px: Double, _ py: Double) -> (crosses: Bool, maybeOnLine: Bool) {
    // The determinants of orient(r, p, a), orient(r, p, b), orient(a, b, r) and orient(a, b, p), each
    // written exactly as `orientation` computes it, and their error bounds.
    let l1 = (px - rx) * (ay - ry), r1 = (py - ry) * (ax - rx)
    let l2 = (px - rx) * (by - ry), r2 = (py - ry) * (bx - rx)
    let l3 = (bx - ax) * (ry - ay), r3 = (by - ay) * (rx - ax)
    let l4 = (bx - ax) * (py - ay), r4 = (by - ay) * (px - ax)
    let d1 = l1 - r1, d2 = l2 - r2, d3 = l3 - r3, d4 = l4 - r4
    let sure4 = abs(d4) > orientationErrorBound * (abs(l4) + abs(r4))
    let sure = abs(d1) > orientationErrorBound * (abs(l1) + abs(r1))
        && abs(d2) > orientationErrorBound * (abs(l2) + abs(r2))
        && abs(d3) > orientationErrorBound * (abs(l3) + abs(r3)) && sure4
    guard sure else { return (segmentCrosses(ax, ay, bx, by, rx, ry, px, py), !sure4) }
    // Sure determinants are nonzero, so "opposite signs" is "sign bits differ". Written on the
    // bits because `&&` would branch on the first comparison.
    return (((d1.bitPattern ^ d2.bitPattern) & (d3.bitPattern ^ d4.bitPattern)) >> 63 != 0, false)
}

/// Sign of orient(r + ε, p + ε, a) = orient(r, p, a) + (py − ry)·δ − (px − rx)·δ².
@inline(__always)
func sideOfPerturbedSegment(_ rx: Double, _ ry: Double, _ px: Double, _ py: Double,
                            _ ax: Double, _ ay: Double) -> Int {
    let o = orientation(rx, ry, px, py, ax, ay)
    if o != 0 { return o }
    if py != ry { return py > ry ? 1 : -1 }
    return px > rx ? -1 : 1
}

/// True when p lies exactly on the closed segment a–b.
@inline(__always)
func isOnSegment(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ px: Double, _ py: Double) -> Bool {
    px >= min(ax, bx) && px <= max(ax, bx) && py >= min(ay, by) && py <= max(ay, by)
        && orientation(ax, ay, bx, by, px, py) == 0
}
