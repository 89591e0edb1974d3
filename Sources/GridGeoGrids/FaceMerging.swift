import GridGeoCore

/// When small or thin faces are merged into a neighbour, and into which.
struct MergePolicy {
    /// Faces (and groups) below this area are merged.
    var mergeBelow: Double
    /// Merges that stay at or below this area are preferred.
    var preferredMaximum: Double
    /// A merge that would exceed this area is made only for tiny or thin pieces.
    var hardMaximum: Double
    /// Below this area a piece is always merged, whatever the result.
    var tinyArea: Double
    /// Groups whose mean width (2 × area / perimeter) is below this are slivers, and merged.
    var sliverWidth: Double
    /// So are groups less compact than this (4π × area / perimeter²).
    var sliverCompactness: Double
}

/// Merges the small and thin faces of one zone into neighbours sharing an edge with them.
///
/// Greedy, smallest piece first: each piece below `mergeBelow`, or a sliver, joins the neighbour
/// it shares the longest edge with among those that keep the result within `preferredMaximum`;
/// if none does, a sliver joins the neighbour along its longest edge anyway, and a small piece
/// the neighbour giving the smallest result, unless that exceeds `hardMaximum` (tiny pieces
/// always merge). Pieces with no neighbour at all (a small separate part of a multi-part zone)
/// join the nearest group.
///
/// - Parameters:
///   - faces: the zone's faces (global numbers).
///   - neighbours: for every global face, its same-zone neighbours with shared edge lengths.
/// - Returns: for each of `faces`, the face number of its group's root.
func mergeSmallFaces(_ faces: [Int], areas: [Double], perimeters: [Double], centres: [Coordinate],
                     neighbours: [[(face: Int, length: Double)]], policy: MergePolicy) -> [Int] {
    let n = faces.count
    var local: [Int: Int] = [:]
    for (i, f) in faces.enumerated() { local[f] = i }
    var sets = UnionFind(count: n)
    var area = faces.map { areas[$0] }
    var perimeter = faces.map { perimeters[$0] }
    var adjacent = [[Int: Double]](repeating: [:], count: n)
    for (i, f) in faces.enumerated() {
        for (g, length) in neighbours[f] { if let j = local[g] { adjacent[i][j, default: 0] += length } }
    }
    var settled = [Bool](repeating: false, count: n)

    func isSliver(_ i: Int) -> Bool {
        perimeter[i] > 0 && (2 * area[i] / perimeter[i] < policy.sliverWidth
                             || 4 * Double.pi * area[i] / (perimeter[i] * perimeter[i]) < policy.sliverCompactness)
    }
    func needsMerge(_ i: Int) -> Bool { area[i] < policy.mergeBelow || isSliver(i) }

    func merge(_ a: Int, _ b: Int) {
        let shared = adjacent[a][b] ?? 0
        let r = sets.union(a, b), other = r == a ? b : a
        area[r] = area[a] + area[b]
        perimeter[r] = perimeter[a] + perimeter[b] - 2 * shared
        adjacent[r][other] = nil
        adjacent[other][r] = nil
        for (x, length) in adjacent[other] {
            adjacent[r][x, default: 0] += length
            adjacent[x][other] = nil
            adjacent[x][r, default: 0] += length
        }
        adjacent[other] = [:]
        settled[r] = false
    }

    while true {
        // The smallest piece that still needs merging (lowest number on ties).
        var pick = -1
        for i in 0..<n where sets.find(i) == i && !settled[i] && needsMerge(i) {
            if pick < 0 || area[i] < area[pick] { pick = i }
        }
        guard pick >= 0 else { break }
        let candidates = adjacent[pick].keys.sorted()
        guard !candidates.isEmpty else {
            settled[pick] = true
            continue
        }
        func fits(_ j: Int) -> Bool { area[pick] + area[j] <= policy.preferredMaximum }
        func longestEdge(_ a: Int, _ b: Int) -> Bool {
            let la = adjacent[pick][a]!, lb = adjacent[pick][b]!
            return la != lb ? la < lb : area[a] != area[b] ? area[a] > area[b] : a > b
        }
        let fitting = candidates.filter(fits)
        let choice: Int
        if !fitting.isEmpty {
            choice = fitting.max(by: longestEdge)!
        } else if isSliver(pick) {
            // A sliver becomes compact only with the neighbour along its long side.
            choice = candidates.max(by: longestEdge)!
        } else {
            choice = candidates.min { a, b in area[a] != area[b] ? area[a] < area[b] : a < b }!
            if area[pick] + area[choice] > policy.hardMaximum && area[pick] >= policy.tinyArea {
                settled[pick] = true
                continue
            }
        }
        merge(pick, choice)
    }

    // Separate parts too small to stand alone join the nearest group of the zone.
    var roots = (0..<n).filter { sets.find($0) == $0 }
    for i in roots where sets.find(i) == i && area[i] < policy.mergeBelow && adjacent[i].isEmpty && roots.count > 1 {
        let others = roots.filter { $0 != i && sets.find($0) == $0 }
        func distance(_ j: Int) -> Double {
            let a = centres[faces[i]], b = centres[faces[j]]
            return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)
        }
        if let nearest = others.min(by: { distance($0) != distance($1) ? distance($0) < distance($1) : $0 < $1 }) {
            sets.union(i, nearest)
            area[sets.find(i)] = area[i] + area[nearest]
        }
        roots = (0..<n).filter { sets.find($0) == $0 }
    }
    return (0..<n).map { faces[sets.find($0)] }
}
