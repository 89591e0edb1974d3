/// Items (points or segments) bucketed by square cells of a `MetricFrame`, for "nearest within a
/// distance" queries: a query looks only at the cells its disc touches.
///
/// Built once, then read-only: cell keys sorted, each with a run of item numbers.
struct SpatialBuckets: Sendable {
    let cellSize: Double
    private var keys: [Int64] = []
    private var starts: [Int32] = []
    private var items: [Int32] = []

    /// `boxes[i]` is item i's extent (min and max corners); an item goes into every cell it touches.
    init(boxes: [(min: Point, max: Point)], cellSize: Double = 100) {
        self.cellSize = cellSize
        var pairs: [(key: Int64, item: Int32)] = []
        pairs.reserveCapacity(boxes.count)
        for (i, box) in boxes.enumerated() {
            let (x0, y0) = cell(box.min), (x1, y1) = cell(box.max)
            // A degenerate giant box (bad data) would flood memory; such an item is skipped.
            guard (x1 - x0 + 1) * (y1 - y0 + 1) <= 10_000 else { continue }
            for cx in x0...x1 {
                for cy in y0...y1 { pairs.append((Self.key(cx, cy), Int32(i))) }
            }
        }
        pairs.sort { $0.key < $1.key || ($0.key == $1.key && $0.item < $1.item) }
        for (k, p) in pairs.enumerated() {
            if keys.last != p.key {
                keys.append(p.key)
                starts.append(Int32(k))
            }
            items.append(p.item)
        }
        starts.append(Int32(items.count))
    }

    /// Calls `body` with every item in a cell within `radius` of `p` (an item may come more than once).
    func forEachCandidate(near p: Point, radius: Double, _ body: (Int) -> Void) {
        guard !keys.isEmpty, radius.isFinite, p.x.isFinite, p.y.isFinite else { return }
        let lo = cell(Point(x: p.x - radius, y: p.y - radius))
        let hi = cell(Point(x: p.x + radius, y: p.y + radius))
        guard (hi.0 - lo.0 + 1) * (hi.1 - lo.1 + 1) <= 40_000 else { return }
        for cx in lo.0...hi.0 {
            for cy in lo.1...hi.1 {
                let key = Self.key(cx, cy)
                // Binary search for the cell.
                var low = 0, high = keys.count
                while low < high {
                    let mid = (low + high) / 2
                    if keys[mid] < key { low = mid + 1 } else { high = mid }
                }
                guard low < keys.count, keys[low] == key else { continue }
                for k in Int(starts[low])..<Int(starts[low + 1]) { body(Int(items[k])) }
            }
        }
    }

    private func cell(_ p: Point) -> (Int64, Int64) {
        // Clamp so that absurd coordinates cannot overflow.
        let x = min(max(p.x / cellSize, -1e9), 1e9), y = min(max(p.y / cellSize, -1e9), 1e9)
        return (Int64(x.rounded(.down)), Int64(y.rounded(.down)))
    }

    private static func key(_ x: Int64, _ y: Int64) -> Int64 { (x &<< 32) ^ (y & 0xFFFF_FFFF) }
}
