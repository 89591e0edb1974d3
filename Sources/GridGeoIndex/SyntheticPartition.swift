public import GridGeoCore

/// A seeded synthetic coverage of unit grids around Beijing, for tests and benchmarks.
///
/// A lattice of quads about 100 m × 100 m (≈ 10,000 m², like real 单元网格) starts at 116.2° E,
/// 39.8° N and grows to hold the requested count. Lattice vertices are jittered; every lattice edge
/// gets four shared intermediate vertices pushed sideways, so grids are concave and neighbours share
/// exactly the same vertices (≈ 20 per grid). The two middle intermediates of each edge share one
/// coordinate, giving exactly horizontal and vertical edges; the outer boundary is an exact rectangle.
/// About one 2 × 2 block in 100 joins two diagonal quads into one multipolygon grid. All coordinates
/// are multiples of 2⁻²⁴°, so the midpoint of every edge is exactly representable and on the edge.
public struct SyntheticPartition: Sendable {
    /// Each grid as one polygon, or two for a multipolygon grid; counter-clockwise exteriors.
    public let grids: [[Polygon]]
    /// The rectangle the grids tile.
    public let bounds: BoundingBox

    /// Lattice spacing: 100 m in longitude at 40° N and 100 m in latitude.
    static let dx = 0.001174, dy = 0.000899

    /// Makes about `gridCount` grids (slightly fewer when quads merge into multipolygons).
    public init(gridCount: Int, seed: UInt64) {
        let nx = max(1, Int(Double(gridCount).squareRoot().rounded()))
        let ny = max(1, (gridCount + nx - 1) / nx)
        let x0 = 116.2, y0 = 39.8
        func snap(_ v: Double) -> Double { (v * 0x1p24).rounded() / 0x1p24 }
        func random(_ a: Int, _ b: Int, _ kind: UInt64) -> SplitMix64 {
            var g = SplitMix64(seed: seed ^ kind &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(a) &* 0xD6E8_FEB8_6659_FD93 ^ UInt64(b))
            _ = g.next()
            return g
        }
        // A lattice vertex, jittered by up to 15 % of the spacing (not across the outer boundary).
        func corner(_ i: Int, _ j: Int) -> Coordinate {
            var g = random(i, j, 1)
            let jx = i == 0 || i == nx ? 0 : Double.random(in: -0.15...0.15, using: &g)
            let jy = j == 0 || j == ny ? 0 : Double.random(in: -0.15...0.15, using: &g)
            return Coordinate(x: snap(x0 + (Double(i) + jx) * Self.dx), y: snap(y0 + (Double(j) + jy) * Self.dy))
        }
        // The four shared vertices inside lattice edge a→b, pushed sideways (not on the outer boundary).
        func inner(_ a: Coordinate, _ b: Coordinate, horizontal: Bool, outer: Bool, _ g: inout SplitMix64) -> [Coordinate] {
            let side = horizontal ? Self.dy : Self.dx
            func push(_ limit: Double) -> Double { outer ? 0 : Double.random(in: -limit...limit, using: &g) * side }
            let o1 = push(0.03), o2 = push(0.06), o4 = push(0.03)
            var pts = (1...4).map { k -> Coordinate in
                let t = 0.2 * Double(k)
                return Coordinate(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
            }
            if horizontal {
                let mid = (pts[1].y + pts[2].y) / 2 + o2    // vertices 2 and 3 share y: a horizontal edge
                pts[0].y += o1; pts[1].y = mid; pts[2].y = mid; pts[3].y += o4
            } else {
                let mid = (pts[1].x + pts[2].x) / 2 + o2
                pts[0].x += o1; pts[1].x = mid; pts[2].x = mid; pts[3].x += o4
            }
            return pts.map { Coordinate(x: snap($0.x), y: snap($0.y)) }
        }
        func bottom(_ i: Int, _ j: Int) -> [Coordinate] {   // lattice edge (i, j) → (i + 1, j)
            var g = random(i, j, 2)
            return inner(corner(i, j), corner(i + 1, j), horizontal: true, outer: j == 0 || j == ny, &g)
        }
        func left(_ i: Int, _ j: Int) -> [Coordinate] {     // lattice edge (i, j) → (i, j + 1)
            var g = random(i, j, 3)
            return inner(corner(i, j), corner(i, j + 1), horizontal: false, outer: i == 0 || i == nx, &g)
        }
        func quad(_ i: Int, _ j: Int) -> Polygon {
            var ring = [corner(i, j)] + bottom(i, j)
            ring += [corner(i + 1, j)] + left(i + 1, j)
            ring += [corner(i + 1, j + 1)] + bottom(i, j + 1).reversed()
            ring += [corner(i, j + 1)] + left(i, j).reversed()
            return Polygon(exterior: Ring(ring))
        }
        func joinsDiagonal(_ i: Int, _ j: Int) -> Bool {    // quad (i, j) takes (i + 1, j + 1) as a second part
            guard i % 2 == 0 && j % 2 == 0 && i + 1 < nx && j + 1 < ny else { return false }
            var g = random(i, j, 4)
            return g.next() % 100 == 0
        }
        var grids: [[Polygon]] = []
        grids.reserveCapacity(nx * ny)
        for j in 0..<ny {
            for i in 0..<nx {
                if i % 2 == 1 && j % 2 == 1 && joinsDiagonal(i - 1, j - 1) { continue }
                grids.append(joinsDiagonal(i, j) ? [quad(i, j), quad(i + 1, j + 1)] : [quad(i, j)])
            }
        }
        self.grids = grids
        bounds = BoundingBox(minX: corner(0, 0).x, minY: corner(0, 0).y, maxX: corner(nx, 0).x, maxY: corner(0, ny).y)
    }
}

extension SyntheticPartition {
    /// Seeded query points for agreement tests: a quarter each uniform over the bounds grown by 2 %
    /// on every side (so some fall outside), exactly on a vertex, exactly on an edge, and within
    /// 2⁻³⁰° (≈ 0.1 mm) of an edge, in a random order.
    ///
    /// On-edge points are a + t·(b − a) with t = k/64: exact, as every coordinate is a multiple of
    /// 2⁻²⁴°. Near-edge points move such a point by ±1…1024 · 2⁻⁴⁰° in x or y.
    public func mixedPoints(_ count: Int, seed: UInt64) -> [Coordinate] {
        var rng = SplitMix64(seed: seed)
        let grow = 0.02 * max(bounds.width, bounds.height)
        let box = BoundingBox(minX: bounds.minX - grow, minY: bounds.minY - grow,
                              maxX: bounds.maxX + grow, maxY: bounds.maxY + grow)
        return (0..<count).map { _ in
            let kind = rng.next() % 4
            if kind == 0 {
                return Coordinate(x: .random(in: box.minX...box.maxX, using: &rng), y: .random(in: box.minY...box.maxY, using: &rng))
            }
            let polygons = grids[Int(rng.next() % UInt64(grids.count))]
            let ring = polygons[Int(rng.next() % UInt64(polygons.count))].exterior.coordinates
            let i = Int(rng.next() % UInt64(ring.count - 1))
            let a = ring[i], b = ring[i + 1]
            if kind == 1 { return a }
            let t = Double(rng.next() % 65) / 64
            var p = Coordinate(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
            if kind == 3 {
                let nudge = Double(1 + rng.next() % 1024) * 0x1p-40 * (rng.next() % 2 == 0 ? 1 : -1)
                if rng.next() % 2 == 0 { p.x += nudge } else { p.y += nudge }
            }
            return p
        }
    }
}
