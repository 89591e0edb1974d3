public import GridGeoCore

/// A static, packed Hilbert R-tree over boxes, in flat arrays: add → finish → search.
///
/// The design follows V. Agafonkin's flatbush: items are sorted by the Hilbert key of their box
/// centres, then packed bottom-up into nodes of 16 children; all boxes live in one `[Double]`
/// (four per node, leaves first, root last) and one `[UInt32]` holds, per node, the item (leaves)
/// or the position of the first child (internal nodes). There are no per-node objects.
public struct PackedRTree: Sendable {
    /// Children per node.
    public static let nodeSize = 16

    /// The number of items.
    public let count: Int
    /// The box covering every item (`.empty` when there are none).
    public let bounds: BoundingBox
    @usableFromInline let boxes: [Double]
    @usableFromInline let indices: [UInt32]
    /// The end position of each level, leaves first; the last level holds only the root.
    @usableFromInline let levelEnds: [Int]

    /// Collects boxes for a `PackedRTree`.
    public struct Builder {
        var boxes: [Double] = []
        var bounds = BoundingBox.empty

        public init(capacity: Int = 0) { boxes.reserveCapacity(4 * capacity) }

        /// Adds a box and returns its item number (0, 1, 2, …).
        @discardableResult
        public mutating func add(_ box: BoundingBox) -> Int {
            boxes.append(box.minX)
            boxes.append(box.minY)
            boxes.append(box.maxX)
            boxes.append(box.maxY)
            bounds = bounds.union(box)
            return boxes.count / 4 - 1
        }

        /// Sorts the items along the Hilbert curve and packs the tree.
        /// - Complexity: O(n) (a radix sort of the keys).
        public consuming func finish() -> PackedRTree { PackedRTree(leaves: boxes, bounds: bounds) }
    }

    init(leaves: [Double], bounds: BoundingBox) {
        let n = leaves.count / 4
        precondition(n < Int(UInt32.max), "too many items")
        count = n
        self.bounds = bounds
        guard n > 0 else { boxes = []; indices = []; levelEnds = []; return }

        // 1. Level sizes: n leaves, then ⌈n/16⌉ parents, … up to one root.
        var ends = [n]
        var m = n
        repeat { m = (m + Self.nodeSize - 1) / Self.nodeSize; ends.append(ends.last! + m) } while m > 1
        let total = ends.last!

        // 2. Sort the items by the Hilbert key of their centres.
        let sx = bounds.width > 0 ? 65535 / bounds.width : 0
        let sy = bounds.height > 0 ? 65535 / bounds.height : 0
        var order = [UInt64](unsafeUninitializedCapacity: n) { buf, done in
            for i in 0..<n {
                let cx = (leaves[4 * i] + leaves[4 * i + 2]) / 2, cy = (leaves[4 * i + 1] + leaves[4 * i + 3]) / 2
                let key = hilbertKey(quantise((cx - bounds.minX) * sx), quantise((cy - bounds.minY) * sy))
                buf[i] = UInt64(key) << 32 | UInt64(i)
            }
            done = n
        }
        radixSortByKey(&order)

        // 3. Leaves in curve order, then each parent as the union of up to 16 consecutive children.
        var b = [Double](repeating: 0, count: 4 * total)
        var idx = [UInt32](repeating: 0, count: total)
        for (pos, o) in order.enumerated() {
            let i = Int(o & 0xFFFF_FFFF)
            for k in 0..<4 { b[4 * pos + k] = leaves[4 * i + k] }
            idx[pos] = UInt32(i)
        }
        var pos = n
        var start = 0
        for end in ends.dropLast() {
            for first in stride(from: start, to: end, by: Self.nodeSize) {
                var box = BoundingBox.empty
                for c in first..<min(first + Self.nodeSize, end) {
                    box = box.union(BoundingBox(minX: b[4 * c], minY: b[4 * c + 1], maxX: b[4 * c + 2], maxY: b[4 * c + 3]))
                }
                b[4 * pos] = box.minX; b[4 * pos + 1] = box.minY; b[4 * pos + 2] = box.maxX; b[4 * pos + 3] = box.maxY
                idx[pos] = UInt32(first)
                pos += 1
            }
            start = end
        }
        boxes = b
        indices = idx
        levelEnds = ends
    }

    /// Bytes held by the tree's arrays.
    public var memoryBytes: Int { boxes.count * 8 + indices.count * 4 }

    /// The children of internal node `pos`: up to 16 consecutive positions within one level.
    @inline(__always)
    func children(of pos: Int) -> Range<Int> {
        let first = Int(indices[pos])
        var end = levelEnds[0]
        for e in levelEnds where e > first { end = e; break }
        return first..<min(first + Self.nodeSize, end)
    }

    /// Calls `visit` with every item whose box intersects `box` (closed boxes).
    /// - Complexity: O(log n + k) for k results on well-distributed boxes.
    public func search(_ box: BoundingBox, _ visit: (Int) -> Void) {
        guard count > 0 else { return }
        var stack = [levelEnds.last! - 1]
        while let pos = stack.popLast() {
            for c in children(of: pos) where
                !(boxes[4 * c] > box.maxX || boxes[4 * c + 1] > box.maxY || boxes[4 * c + 2] < box.minX || boxes[4 * c + 3] < box.minY) {
                if c < count { visit(Int(indices[c])) } else { stack.append(c) }
            }
        }
    }

    /// The items whose boxes intersect `box`.
    public func search(_ box: BoundingBox) -> [Int] {
        var found: [Int] = []
        search(box) { found.append($0) }
        return found
    }

    /// The item nearest to `p` by `itemDistance`, best first (Hjaltason & Samet, "Distance browsing
    /// in spatial databases", 1999), or nil when none is within `maxDistance`.
    ///
    /// Box distances are planar after scaling x by `scaleX` and y by `scaleY`; `itemDistance` must be
    /// measured the same way and never be less than the distance to the item's box.
    public func nearest(to p: Coordinate, scaleX: Double = 1, scaleY: Double = 1, maxDistance: Double = .infinity,
                        itemDistance: (Int) -> Double) -> (item: Int, distance: Double)? {
        guard count > 0 else { return nil }
        func boxDistance(_ c: Int) -> Double {
            let dx = max(boxes[4 * c] - p.x, 0, p.x - boxes[4 * c + 2]) * scaleX
            let dy = max(boxes[4 * c + 1] - p.y, 0, p.y - boxes[4 * c + 3]) * scaleY
            return (dx * dx + dy * dy).squareRoot()
        }
        // A min-heap of (distance, entry): entry ≥ count is a node to open, 0 ≤ entry < count a leaf
        // box not yet measured (its box distance is a lower bound), entry < 0 a measured item.
        var heap = MinHeap()
        let root = levelEnds.last! - 1
        heap.push(boxDistance(root), root)
        while let (d, entry) = heap.pop() {
            if d > maxDistance { return nil }
            if entry < 0 { return (-1 - entry, d) }
            if entry < count {
                let item = Int(indices[entry])
                heap.push(itemDistance(item), -1 - item)
                continue
            }
            for c in children(of: entry) { heap.push(boxDistance(c), c) }
        }
        return nil
    }
}

/// `v` rounded down into 0…65535 (NaN gives 0).
@inline(__always)
func quantise(_ v: Double) -> UInt16 {
    v > 0 ? UInt16(min(v, 65535)) : 0
}

/// A binary min-heap of (distance, entry) pairs.
struct MinHeap {
    private var items: [(Double, Int)]

    /// Room for a typical query up front: one allocation instead of one per doubling (about 7).
    init(capacity: Int = 256) {
        items = []
        items.reserveCapacity(capacity)
    }

    mutating func push(_ d: Double, _ v: Int) {
        items.append((d, v))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent].0 <= items[i].0 { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> (Double, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count && items[l].0 < items[m].0 { m = l }
                if r < items.count && items[r].0 < items[m].0 { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
