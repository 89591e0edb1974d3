public import GridGeoCore

/// A grid near a point, and how far away it is.
public struct NearestGrid: Hashable, Sendable {
    public var grid: UInt32
    /// The distance to the grid's boundary in metres (0 when the point is in or on the grid).
    public var distanceMetres: Double

    @inlinable public init(grid: UInt32, distanceMetres: Double) {
        self.grid = grid
        self.distanceMetres = distanceMetres
    }
}

extension GridLocator {
    /// Metres per degree of latitude on a sphere of the mean Earth radius (6,371,008.8 m, IUGG).
    static let metresPerDegree = 6_371_008.8 * Double.pi / 180

    /// The grid nearest to `p`, for points that fall outside every grid (a point inside or on a grid
    /// gives that grid at distance 0), or nil when no grid lies within `maxDistanceMetres`.
    ///
    /// Distances are in metres on a local equirectangular projection centred on `p`
    /// (x scaled by cos φ): within a few kilometres of `p` the error stays below 0.1 %.
    /// - Complexity: O(log n) node visits for well-spread grids, plus the edges of the grids measured.
    public func nearest(to p: Coordinate, maxDistanceMetres: Double = .infinity) -> NearestGrid? {
        if let hit = locate(p) { return NearestGrid(grid: hit.grid, distanceMetres: 0) }
        guard p.isFinite else { return nil }
        let ky = Self.metresPerDegree
        let kx = ky * cosine(degrees: p.y)
        let found = tree.nearest(to: p, scaleX: kx, scaleY: ky, maxDistance: maxDistanceMetres) { g in
            distance(from: p, toGrid: g, kx, ky)
        }
        return found.map { NearestGrid(grid: UInt32($0.item), distanceMetres: $0.distance) }
    }

    /// The scaled distance from p to the nearest edge of grid g.
    func distance(from p: Coordinate, toGrid g: Int, _ kx: Double, _ ky: Double) -> Double {
        var best = Double.infinity
        for r in Int(gridRings[g])..<Int(gridRings[g + 1]) {
            for v in Int(ringStarts[r])..<(Int(ringStarts[r + 1]) - 1) {
                let ax = (xy[2 * v] - p.x) * kx, ay = (xy[2 * v + 1] - p.y) * ky
                let bx = (xy[2 * v + 2] - p.x) * kx, by = (xy[2 * v + 3] - p.y) * ky
                // Project the origin (p) onto segment a–b.
                let ex = bx - ax, ey = by - ay
                let len = ex * ex + ey * ey
                let t = len > 0 ? min(max(-(ax * ex + ay * ey) / len, 0), 1) : 0
                let dx = ax + t * ex, dy = ay + t * ey
                best = min(best, dx * dx + dy * dy)
            }
        }
        return best.squareRoot()
    }
}

/// cos(degrees) without Foundation: a Taylor series on |x| ≤ π/2 (error below 2·10⁻¹⁰), enough for a
/// local metric scale.
func cosine(degrees: Double) -> Double {
    var d = degrees.truncatingRemainder(dividingBy: 360)
    if d > 180 { d -= 360 } else if d < -180 { d += 360 }
    var sign = 1.0
    if d > 90 { d = 180 - d; sign = -1 } else if d < -90 { d = -180 - d; sign = -1 }
    let x = d * Double.pi / 180, x2 = x * x
    var term = 1.0, sum = 1.0
    for k in stride(from: 2, through: 16, by: 2) {
        term *= -x2 / Double((k - 1) * k)
        sum += term
    }
    return sign * sum
}
