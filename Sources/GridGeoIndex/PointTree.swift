public import GridGeoCore

/// A point found near a query point, and how far away it is.
public struct PointNeighbour: Hashable, Sendable {
    /// The point's position in the array the tree was built from.
    public var item: Int
    public var distanceMetres: Double

    @inlinable public init(item: Int, distanceMetres: Double) {
        self.item = item
        self.distanceMetres = distanceMetres
    }
}

/// A static k-d tree over lon/lat points in flat arrays: the k nearest points and the points within
/// a radius, exactly (every answer equals a brute-force scan, ties broken by item number).
///
/// The layout follows V. Agafonkin's kdbush: the points are reordered in place so that each range
/// [lo, hi] has its median at (lo + hi) / 2, splitting on x and y in turn; ranges of at most
/// `nodeSize` points are scanned. No per-node objects.
///
/// Distances are in metres on the local equirectangular projection centred on the query point
/// (x scaled by cos φ, as `GridLocator.nearest`): within a few kilometres of the query the error
/// stays below 0.1 %. Because the scale depends only on the query, pruning by a split line is exact.
/// Immutable and `Sendable`.
public struct PointTree: Sendable {
    /// Points per leaf range.
    public static let nodeSize = 32

    /// The number of points.
    public let count: Int
    /// x0, y0, x1, y1, … in tree order.
    let xy: [Double]
    /// The original item of each slot.
    let items: [UInt32]

    /// Builds the tree. Non-finite points are kept out (they are nowhere).
    /// - Complexity: O(n log n).
    public init(_ points: [Coordinate]) {
        precondition(points.count < Int(UInt32.max), "too many points")
        var xy: [Double] = []
        var items: [UInt32] = []
        xy.reserveCapacity(2 * points.count)
        items.reserveCapacity(points.count)
        for (i, p) in points.enumerated() where p.isFinite {
            xy.append(p.x)
            xy.append(p.y)
            items.append(UInt32(i))
        }
        count = items.count
        if count > 0 { Self.sort(&xy, &items, 0, count - 1, axis: 0) }
        self.xy = xy
        self.items = items
    }

    /// Metres per degree of latitude on the mean Earth sphere, as `GridLocator` uses.
    static let metresPerDegree = GridLocator.metresPerDegree

    /// The `k` points nearest to `p`, nearest first (equal distances by item), at most
    /// `maxDistanceMetres` away.
    /// - Complexity: O(log n + k) node visits for well-spread points.
    public func nearest(to p: Coordinate, k: Int, maxDistanceMetres: Double = .infinity) -> [PointNeighbour] {
        guard k > 0, count > 0, p.isFinite else { return [] }
        let ky = Self.metresPerDegree, kx = ky * cosine(degrees: p.y)
        var heap = NeighbourHeap(capacity: min(k, count), limit: maxDistanceMetres * maxDistanceMetres)
        xy.withUnsafeBufferPointer { xy in
            items.withUnsafeBufferPointer { items in
                var search = Search(xy: xy, items: items, px: p.x, py: p.y, kx: kx, ky: ky)
                search.nearest(0, count - 1, axis: 0, &heap)
            }
        }
        return heap.sorted().map { PointNeighbour(item: Int($0.item), distanceMetres: $0.d2.squareRoot()) }
    }

    /// Every point at most `radiusMetres` from `p`, nearest first (equal distances by item).
    public func within(_ radiusMetres: Double, of p: Coordinate) -> [PointNeighbour] {
        guard count > 0, p.isFinite, radiusMetres >= 0 else { return [] }
        let ky = Self.metresPerDegree, kx = ky * cosine(degrees: p.y)
        let r2 = radiusMetres * radiusMetres
        var found: [(d2: Double, item: UInt32)] = []
        xy.withUnsafeBufferPointer { xy in
            // An explicit stack of ranges: (lo, hi, axis).
            var stack: [(Int, Int, Int)] = [(0, count - 1, 0)]
            while let (lo, hi, axis) = stack.popLast() {
                if hi - lo <= Self.nodeSize {
                    for i in lo...hi {
                        let dx = (xy[2 * i] - p.x) * kx, dy = (xy[2 * i + 1] - p.y) * ky
                        let d2 = dx * dx + dy * dy
                        if d2 <= r2 { found.append((d2, items[i])) }
                    }
                    continue
                }
                let m = (lo + hi) >> 1
                let dx = (xy[2 * m] - p.x) * kx, dy = (xy[2 * m + 1] - p.y) * ky
                let d2 = dx * dx + dy * dy
                if d2 <= r2 { found.append((d2, items[m])) }
                let diff = axis == 0 ? dx : dy
                // Left holds coordinates ≤ the median's, right ≥ it.
                if diff >= 0 || diff * diff <= r2 { stack.append((lo, m - 1, 1 - axis)) }
                if diff <= 0 || diff * diff <= r2 { stack.append((m + 1, hi, 1 - axis)) }
            }
        }
        found.sort { ($0.d2, $0.item) < ($1.d2, $1.item) }
        return found.map { PointNeighbour(item: Int($0.item), distanceMetres: $0.d2.squareRoot()) }
    }

    /// One k-nearest search over the tree's buffers.
    private struct Search {
        let xy: UnsafeBufferPointer<Double>
        let items: UnsafeBufferPointer<UInt32>
        let px, py, kx, ky: Double

        @inline(__always)
        func consider(_ i: Int, _ heap: inout NeighbourHeap) -> (dx: Double, dy: Double) {
            let dx = (xy[2 * i] - px) * kx, dy = (xy[2 * i + 1] - py) * ky
            heap.offer(dx * dx + dy * dy, items[i])
            return (dx, dy)
        }

        mutating func nearest(_ lo: Int, _ hi: Int, axis: Int, _ heap: inout NeighbourHeap) {
            guard lo <= hi else { return }
            if hi - lo <= PointTree.nodeSize {
                for i in lo...hi { _ = consider(i, &heap) }
                return
            }
            let m = (lo + hi) >> 1
            let (dx, dy) = consider(m, &heap)
            let diff = axis == 0 ? dx : dy
            // The near side first; the far side only if the split line is no farther than the worst kept.
            if diff >= 0 {
                nearest(lo, m - 1, axis: 1 - axis, &heap)
                if diff * diff <= heap.bound { nearest(m + 1, hi, axis: 1 - axis, &heap) }
            } else {
                nearest(m + 1, hi, axis: 1 - axis, &heap)
                if diff * diff <= heap.bound { nearest(lo, m - 1, axis: 1 - axis, &heap) }
            }
        }
    }

    // MARK: Building (kdbush's sortKD and select)

    private static func sort(_ xy: inout [Double], _ items: inout [UInt32], _ lo: Int, _ hi: Int, axis: Int) {
        guard hi - lo > nodeSize else { return }
        let m = (lo + hi) >> 1
        select(&xy, &items, m, lo, hi, axis: axis)
        sort(&xy, &items, lo, m - 1, axis: 1 - axis)
        sort(&xy, &items, m + 1, hi, axis: 1 - axis)
    }

    /// Reorders [left, right] so that slot k holds the value that sorting would put there, smaller
    /// or equal values before it and larger or equal after (Hoare's selection).
    private static func select(_ xy: inout [Double], _ items: inout [UInt32], _ k: Int, _ left: Int, _ right: Int, axis: Int) {
        var left = left, right = right
        func swap(_ i: Int, _ j: Int) {
            xy.swapAt(2 * i, 2 * j)
            xy.swapAt(2 * i + 1, 2 * j + 1)
            items.swapAt(i, j)
        }
        while right > left {
            let t = xy[2 * k + axis]
            var i = left, j = right
            swap(left, k)
            if xy[2 * right + axis] > t { swap(left, right) }
            while i < j {
                swap(i, j)
                i += 1
                j -= 1
                while xy[2 * i + axis] < t { i += 1 }
                while xy[2 * j + axis] > t { j -= 1 }
            }
            if xy[2 * left + axis] == t { swap(left, j) } else { j += 1; swap(j, right) }
            if j <= k { left = j + 1 }
            if k <= j { right = j - 1 }
        }
    }
}

/// The k best (squared distance, item) pairs seen so far, worst on top of a max-heap.
struct NeighbourHeap {
    private var heap: [(d2: Double, item: UInt32)] = []
    private let capacity: Int
    private let limit: Double

    init(capacity: Int, limit: Double) {
        self.capacity = capacity
        self.limit = limit
        heap.reserveCapacity(capacity)
    }

    /// Squared distance beyond which nothing can enter.
    var bound: Double { heap.count < capacity ? limit : heap[0].d2 }

    @inline(__always)
    private static func worse(_ a: (d2: Double, item: UInt32), _ b: (d2: Double, item: UInt32)) -> Bool {
        a.d2 > b.d2 || (a.d2 == b.d2 && a.item > b.item)
    }

    mutating func offer(_ d2: Double, _ item: UInt32) {
        guard d2 <= limit else { return }
        let entry = (d2: d2, item: item)
        if heap.count < capacity {
            heap.append(entry)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Self.worse(heap[i], heap[parent]) else { break }
                heap.swapAt(i, parent)
                i = parent
            }
            return
        }
        guard Self.worse(heap[0], entry) else { return }
        heap[0] = entry
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count && Self.worse(heap[l], heap[m]) { m = l }
            if r < heap.count && Self.worse(heap[r], heap[m]) { m = r }
            if m == i { break }
            heap.swapAt(i, m)
            i = m
        }
    }

    /// Best first.
    func sorted() -> [(d2: Double, item: UInt32)] {
        heap.sorted { Self.worse($1, $0) }
    }
}
