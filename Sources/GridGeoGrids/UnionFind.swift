/// Disjoint sets over 0..<count with path halving; the root of a merged set is its smallest member,
/// so results never depend on the order of unions.
struct UnionFind {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// Joins the sets of `a` and `b`; returns the root of the joined set.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Int {
        let ra = find(a), rb = find(b)
        if ra == rb { return ra }
        let (low, high) = ra < rb ? (ra, rb) : (rb, ra)
        parent[high] = low
        return low
    }
}
