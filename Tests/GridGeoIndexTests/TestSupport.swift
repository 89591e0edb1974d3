import GridGeoCore
@testable import GridGeoIndex

/// A 2,000-grid partition shared by the tests (globals initialise once, thread-safely).
let partition = SyntheticPartition(gridCount: 2_000, seed: 42)
let locator = GridLocator(grids: partition.grids)

/// Brute force over a list of grids, with candidates from a box tree (itself checked against brute force).
struct BruteForce {
    let grids: [[Polygon]]
    let tree: PackedRTree
    let ringsOfGrid: [[[Coordinate]]]

    init(_ grids: [[Polygon]]) {
        self.grids = grids
        ringsOfGrid = grids.map { $0.flatMap { [$0.exterior.coordinates] + $0.holes.map(\.coordinates) } }
        var b = PackedRTree.Builder()
        for g in grids { b.add(g.reduce(BoundingBox.empty) { $0.union($1.boundingBox) }) }
        tree = b.finish()
    }

    func rings(_ g: Int) -> [[Coordinate]] { ringsOfGrid[g] }

    func candidates(_ p: Coordinate) -> [Int] {
        tree.search(BoundingBox(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)).sorted()
    }

    /// True when p lies exactly on an edge of grid g.
    func isOnBoundary(_ g: Int, _ p: Coordinate) -> Bool {
        rings(g).contains { r in
            (1..<r.count).contains { i in isOnSegment(r[i - 1].x, r[i - 1].y, r[i].x, r[i].y, p.x, p.y) }
        }
    }

    /// The half-open rule by a full crossing-number test over every ring of grid g.
    func owns(_ g: Int, _ p: Coordinate) -> Bool {
        var odd = false
        for r in rings(g) {
            for i in 1..<r.count where rayCrosses(r[i - 1].x, r[i - 1].y, r[i].x, r[i].y, p.x, p.y) { odd.toggle() }
        }
        return odd
    }

    /// Closed containment ("covers"): on the boundary, or inside by the crossing number.
    func covers(_ g: Int, _ p: Coordinate) -> Bool { isOnBoundary(g, p) || owns(g, p) }

    func owners(_ p: Coordinate) -> [Int] { candidates(p).filter { owns($0, p) } }
    func covering(_ p: Coordinate) -> [Int] { candidates(p).filter { covers($0, p) } }
}

let brute = BruteForce(partition.grids)

/// Checks one answer of `locator` against brute force; returns a description of any violation.
func violation(_ hit: GridHit?, at p: Coordinate, _ brute: BruteForce) -> String? {
    let candidates = brute.candidates(p)
    let owners = candidates.filter { brute.owns($0, p) }
    let covering = candidates.filter { owners.contains($0) || brute.isOnBoundary($0, p) }
    if owners.count > 1 { return "\(p): several owners \(owners)" }
    guard let hit else { return covering.isEmpty ? nil : "\(p): nil but covered by \(covering)" }
    let g = Int(hit.grid)
    if !covering.contains(g) { return "\(p): \(g) does not cover it (covering: \(covering))" }
    if let o = owners.first, o != g { return "\(p): got \(g), the rule says \(o)" }
    if owners.isEmpty && hit.position != .boundary { return "\(p): outer boundary point not marked boundary" }
    if (hit.position == .boundary) != brute.isOnBoundary(g, p) { return "\(p): wrong position \(hit.position)" }
    return nil
}

/// Seeded points uniform over `box`.
func randomPoints(_ count: Int, in box: BoundingBox, seed: UInt64) -> [Coordinate] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        Coordinate(x: .random(in: box.minX...box.maxX, using: &rng), y: .random(in: box.minY...box.maxY, using: &rng))
    }
}

/// Every distinct vertex of the partition, and the midpoint and quarter points of every edge
/// (exactly on their edges: the coordinates are dyadic).
func boundaryPoints(_ grids: [[Polygon]]) -> [Coordinate] {
    var seen = Set<Coordinate>()
    for polygons in grids {
        for poly in polygons {
            for r in [poly.exterior] + poly.holes {
                for (a, b) in zip(r.coordinates, r.coordinates.dropFirst()) {
                    seen.insert(a)
                    for t in [0.25, 0.5, 0.75] {
                        seen.insert(Coordinate(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)))
                    }
                }
            }
        }
    }
    return seen.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
}
