import Foundation
import GridGeoCore

/// The planar graph of a noded edge set (every crossing is a shared vertex, as snap-rounded
/// noding leaves it), and the faces it bounds.
///
/// Vertices are keyed by their exact coordinates, so lines that meet share one vertex. Edges that
/// end in a vertex of degree 1 (dangles, dead-end roads) are removed first: they bound nothing.
/// Each edge gives two half-edges, `h` and `h ^ 1`, in opposite directions; the face a half-edge
/// bounds lies on its left.
///
/// Everything is numbered by sorted coordinates, never by hash order, so the same lines always
/// give the same graph.
struct PlanarGraph {
    /// A bounded face: the region left of one counter-clockwise cycle, minus the components
    /// nested in it.
    struct Face {
        /// The outer cycle (counter-clockwise) first, then one clockwise ring per nested component.
        var rings: [[Coordinate]]
        var area: Double
        var perimeter: Double
        var box: BoundingBox
        /// A point strictly inside, `nil` for a face without extent.
        var interiorPoint: Coordinate?
    }

    /// Vertex positions, sorted by x then y.
    private(set) var points: [Coordinate] = []
    /// The vertex each half-edge leaves from; it arrives at `origin[h ^ 1]`.
    private(set) var origin: [Int] = []
    /// The next half-edge along the same face.
    private(set) var next: [Int] = []
    /// The face left of each half-edge, or -1 for the unbounded region.
    private(set) var faceOf: [Int] = []
    private(set) var faces: [Face] = []
    /// Half-edges leaving each vertex in counter-clockwise order: `around[aroundStart[v]..<aroundStart[v + 1]]`.
    private(set) var around: [Int] = []
    private(set) var aroundStart: [Int] = []
    /// Where each half-edge sits in its origin's slice of `around`.
    private var slot: [Int] = []

    init(lines: [LineString]) {
        let edges = Self.edges(of: lines, points: &points)
        buildHalfEdges(edges)
        let cycles = traceCycles()
        buildFaces(cycles)
    }

    var halfEdgeCount: Int { origin.count }

    func target(_ h: Int) -> Int { origin[h ^ 1] }

    /// Where half-edge `h` sits among the half-edges leaving its origin (counter-clockwise).
    func slotOf(_ h: Int) -> Int { slot[h] }

    func length(_ h: Int) -> Double {
        let a = points[origin[h]], b = points[origin[h ^ 1]]
        return hypot(b.x - a.x, b.y - a.y)
    }

    // MARK: Building

    /// The distinct edges (lower vertex first) between distinct positions, dangles removed.
    private static func edges(of lines: [LineString], points: inout [Coordinate]) -> [(Int, Int)] {
        var all: [Coordinate] = []
        for line in lines { all.append(contentsOf: line.coordinates) }
        all.sort { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
        points = []
        points.reserveCapacity(all.count)
        for p in all where points.last != p { points.append(p) }
        var index: [Coordinate: Int] = [:]
        index.reserveCapacity(points.count)
        for (i, p) in points.enumerated() { index[p] = i }

        var pairs: [(Int, Int)] = []
        for line in lines {
            let c = line.coordinates
            for i in c.indices.dropFirst() {
                let a = index[c[i - 1]]!, b = index[c[i]]!
                if a != b { pairs.append((min(a, b), max(a, b))) }
            }
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var unique: [(Int, Int)] = []
        for p in pairs where unique.last.map({ $0 != p }) ?? true { unique.append(p) }

        // Peel dangles: a vertex of degree 1 ends an edge that bounds no face.
        var incident = [[Int]](repeating: [], count: points.count)
        for (e, (a, b)) in unique.enumerated() {
            incident[a].append(e)
            incident[b].append(e)
        }
        var degree = incident.map(\.count)
        var alive = [Bool](repeating: true, count: unique.count)
        var stack = degree.indices.filter { degree[$0] == 1 }
        while let v = stack.popLast() {
            guard degree[v] == 1, let e = incident[v].first(where: { alive[$0] }) else { continue }
            alive[e] = false
            let (a, b) = unique[e]
            degree[a] -= 1
            degree[b] -= 1
            let other = a == v ? b : a
            if degree[other] == 1 { stack.append(other) }
        }
        return unique.indices.filter { alive[$0] }.map { unique[$0] }
    }

    private mutating func buildHalfEdges(_ edges: [(Int, Int)]) {
        origin = []
        origin.reserveCapacity(edges.count * 2)
        for (a, b) in edges {
            origin.append(a)
            origin.append(b)
        }
        // Half-edges around each vertex, counter-clockwise by direction.
        var count = [Int](repeating: 0, count: points.count + 1)
        for v in origin { count[v + 1] += 1 }
        for v in 0..<points.count { count[v + 1] += count[v] }
        aroundStart = count
        var fill = count
        around = [Int](repeating: 0, count: origin.count)
        for h in origin.indices {
            around[fill[origin[h]]] = h
            fill[origin[h]] += 1
        }
        let angle = origin.indices.map { h -> Double in
            let a = points[origin[h]], b = points[origin[h ^ 1]]
            return atan2(b.y - a.y, b.x - a.x)
        }
        slot = [Int](repeating: 0, count: origin.count)
        for v in 0..<points.count {
            let range = aroundStart[v]..<aroundStart[v + 1]
            around[range].sort { angle[$0] != angle[$1] ? angle[$0] < angle[$1] : $0 < $1 }
            for i in range { slot[around[i]] = i - range.lowerBound }
        }
        // Arriving at v along h, the face on h's left continues along the first half-edge
        // clockwise from the way back (h ^ 1).
        next = [Int](repeating: 0, count: origin.count)
        for h in origin.indices {
            let v = origin[h ^ 1]
            let start = aroundStart[v], n = aroundStart[v + 1] - start
            next[h] = around[start + (slot[h ^ 1] + n - 1) % n]
        }
    }

    private func traceCycles() -> [[Int]] {
        var cycleOf = [Int](repeating: -1, count: origin.count)
        var cycles: [[Int]] = []
        for h in origin.indices where cycleOf[h] < 0 {
            var cycle: [Int] = []
            var g = h
            repeat {
                cycleOf[g] = cycles.count
                cycle.append(g)
                g = next[g]
            } while g != h
            cycles.append(cycle)
        }
        return cycles
    }

    private func ring(_ cycle: [Int]) -> [Coordinate] {
        var r = cycle.map { points[origin[$0]] }
        r.append(r[0])
        return r
    }

    private mutating func buildFaces(_ cycles: [[Int]]) {
        var cycleOf = [Int](repeating: 0, count: origin.count)
        for (c, cycle) in cycles.enumerated() { for h in cycle { cycleOf[h] = c } }

        // Connected components; each has one outer cycle: the one leaving its lowest-left vertex
        // (the first by sort order) along the half-edge of largest angle, whose left side faces west.
        var components = UnionFind(count: points.count)
        for h in stride(from: 0, to: origin.count, by: 2) { components.union(origin[h], origin[h + 1]) }
        var lowestVertex: [Int: Int] = [:]   // component root → its first vertex
        var roots: [Int] = []
        for v in 0..<points.count where aroundStart[v + 1] > aroundStart[v] {
            let r = components.find(v)
            if lowestVertex[r] == nil {
                lowestVertex[r] = v
                roots.append(r)
            }
        }
        var outerCycle: [Int] = []       // per component, in order of `roots`
        var isOuter = [Bool](repeating: false, count: cycles.count)
        for r in roots {
            let v = lowestVertex[r]!
            let c = cycleOf[around[aroundStart[v + 1] - 1]]
            outerCycle.append(c)
            isOuter[c] = true
        }

        // Bounded faces, then each component's outer cycle becomes a hole of the smallest face
        // (of another component) around it.
        var faceOfCycle = [Int](repeating: -1, count: cycles.count)
        faces = []
        for (c, cycle) in cycles.enumerated() where !isOuter[c] {
            let r = ring(cycle)
            faceOfCycle[c] = faces.count
            faces.append(Face(rings: [r], area: doubleSignedArea(r) / 2, perimeter: pathLength(r),
                              box: BoundingBox(covering: r), interiorPoint: nil))
        }
        var faceComponent = [Int](repeating: 0, count: faces.count)
        for (c, cycle) in cycles.enumerated() where !isOuter[c] {
            faceComponent[faceOfCycle[c]] = components.find(origin[cycle[0]])
        }
        var container = [Int](repeating: -1, count: roots.count)
        for (k, r) in roots.enumerated() {
            let p = points[lowestVertex[r]!]
            var best = -1
            for (f, face) in faces.enumerated() where faceComponent[f] != r && face.box.contains(p) {
                if best >= 0 && faces[best].area <= face.area { continue }
                if ringsContain([face.rings[0]], p) { best = f }
            }
            container[k] = best
        }
        for (k, c) in outerCycle.enumerated() where container[k] >= 0 {
            let r = ring(cycles[c])
            let f = container[k]
            faces[f].rings.append(r)
            faces[f].area += doubleSignedArea(r) / 2
            faces[f].perimeter += pathLength(r)
        }
        for f in faces.indices { faces[f].interiorPoint = interiorPoint(of: faces[f].rings) }

        faceOf = [Int](repeating: -1, count: origin.count)
        for (k, c) in outerCycle.enumerated() { faceOfCycle[c] = container[k] }
        for h in origin.indices { faceOf[h] = faceOfCycle[cycleOf[h]] }
    }
}
