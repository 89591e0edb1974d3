import Dispatch
public import GridGeoCore

/// A query point with its Z-order key and its position in the input.
private struct Query {
    var key: UInt32
    var index: UInt32
    var point: Coordinate
}

/// An answer with the input position it belongs to.
private struct Answered {
    var index: UInt32
    var hit: GridHit?
}

extension GridLocator {
    /// The radix digits (shift, mask) that sort a bucket of the batch: the Z-order key bits below
    /// the bucket digit (the top 8), in as few passes of at most 12 bits as reach the resolution of
    /// the raster (2^b ≥ its columns and rows per axis), each pass then filled to 12 bits. Finer
    /// keys than the raster's gain no locality, but the filled bits are free, and the points of a
    /// cell then come in sub-cell order, which the crossed-cell tests' branches predict better. On
    /// the Dongcheng grids (a raster of 171 × 265, 9 bits per axis) this is one pass of 12 bits; one
    /// core took 53.6 ns per point with the raster's 10 bits, 51 with 12, 54 with two passes of 7.
    var sortDigits: [(shift: UInt32, mask: UInt32)] {
        let cellBits = min(16, max(4, Int.bitWidth - (max(raster.columns, raster.rows) - 1).leadingZeroBitCount))
        let passes = (2 * cellBits - 8 + 11) / 12
        let axisBits = (12 * passes + 8) / 2
        return (0..<passes).map { p in (UInt32(32 - 2 * axisBits + 12 * p), 4095) }
    }
}

/// The large scratch buffers of one batch call, 64 bytes per point and 2.5 MiB, kept by the locator
/// between calls.
final class BatchBuffers: @unchecked Sendable {
    // @unchecked: one call uses them at a time (taken from the locator's slot under its lock).
    /// Batches up to this many points leave their buffers for the next call (66.5 MiB at most).
    static let keptCapacity = 1 << 20
    let capacity: Int
    fileprivate let keys: SharedBuffer<UInt32>
    fileprivate let sorted: SharedBuffer<Query>, scratch: SharedBuffer<Query>
    fileprivate let grouped: SharedBuffer<Answered>
    /// Per bucket, room for one cell's edges laid out by `CellEdges` (2.5 MiB in all).
    fileprivate let edges: SharedBuffer<GridLocator.CellEdges.Edge>
    fileprivate let groups: SharedBuffer<(header: UInt32, end: Int)>

    init(capacity: Int) {
        self.capacity = capacity
        edges = SharedBuffer(count: 256 * GridLocator.CellEdges.edgeCapacity)
        groups = SharedBuffer(count: 256 * GridLocator.CellEdges.groupCapacity)
        keys = SharedBuffer(count: capacity)
        sorted = SharedBuffer(count: capacity)
        scratch = SharedBuffer(count: capacity)
        grouped = SharedBuffer(count: capacity)
    }

    deinit {
        keys.free()
        sorted.free()
        scratch.free()
        grouped.free()
        edges.free()
        groups.free()
    }
}

extension GridLocator {
    /// Locates many points at once; `result[i]` answers `points[i]`, exactly as `locate(points[i])`.
    ///
    /// Large batches are ordered along a Z-order (Morton) curve over the locator's bounds, so
    /// consecutive lookups touch nearby cells and vertices, and are spread across all cores. (A
    /// Hilbert curve keeps neighbours a little closer, but with its dearer key the whole batch ran
    /// 10–20 % slower on 35,000 grids.)
    /// 1. per chunk of input, in parallel: Z-order keys and a histogram of their top 8 bits;
    /// 2. scatter the (key, position) pairs into 256 buckets, each a compact stretch of the curve;
    /// 3. per bucket, in parallel: radix-sort by key, locate, and append each answer to the group
    ///    of its input chunk (so no two iterations write one slot, and no atomics). Sorted points
    ///    of a crossed cell come in a row, so the cell's edges are laid out once for all of them
    ///    (`CellEdges`: on the Dongcheng grids, about 18 points per crossed cell in a million-point
    ///    batch, it took one core from 63 to 55 ns per point);
    /// 4. per input chunk, in parallel: move its answers to their input positions. Written straight
    ///    from step 3, each answer would land at a random place of the whole result, a cache miss;
    ///    here the writes of one chunk stay within its 32,768 slots, which fit the cache.
    ///
    /// The scratch buffers (64 bytes per point and 2.5 MiB) of a batch of up to 1,048,576 points are
    /// kept for the next call (so at most 66.5 MiB beyond `memory`): fresh pages are zeroed by the
    /// kernel first (on 35,000 grids, keeping them took a million-point batch from 61–66 to 42–57 ns
    /// per point).
    /// - Complexity: O(n) plus the lookups.
    public func locate(_ points: [Coordinate]) -> [GridHit?] {
        let n = points.count
        if n < 8192 { return points.map { locate($0) } }
        precondition(n < Int(UInt32.max))
        let chunkSize = 1 << 15
        let chunks = (n + chunkSize - 1) / chunkSize
        let sx = bounds.width > 0 ? 65535 / bounds.width : 0
        let sy = bounds.height > 0 ? 65535 / bounds.height : 0
        let minX = bounds.minX, minY = bounds.minY

        // Scratch buffers shared by the parallel steps; each step writes disjoint slots. The large
        // ones are kept for the next call: fresh pages would have to be zeroed by the kernel first.
        let buffers = batchBuffers.withLock { $0.take() }.flatMap { $0.capacity >= n ? $0 : nil } ?? BatchBuffers(capacity: n)
        defer { batchBuffers.withLock { kept in if buffers.capacity <= BatchBuffers.keptCapacity { kept = buffers } } }
        let keys = buffers.keys, sorted = buffers.sorted, scratch = buffers.scratch, grouped = buffers.grouped
        let histogram = SharedBuffer<Int>(count: chunks * 256), cursors = SharedBuffer<Int>(count: chunks * 256)
        defer { histogram.free(); cursors.free() }
        histogram.base.initialize(repeating: 0, count: chunks * 256)

        // 1. Keys and histograms.
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in c * chunkSize..<min(n, (c + 1) * chunkSize) {
                let p = points[i]
                let key = mortonKey(quantise((p.x - minX) * sx), quantise((p.y - minY) * sy))
                keys.base[i] = key
                histogram.base[c * 256 + Int(key >> 24)] += 1
            }
        }
        // 2. Where step 3 writes the answers of bucket b from chunk c (chunk-major, then bucket);
        //    bucket offsets (bucket-major, then chunk); then a parallel scatter that carries the
        //    coordinates along, so step 3 reads them sequentially.
        var sum = 0
        for c in 0..<chunks {
            for b in 0..<256 {
                cursors.base[b * chunks + c] = sum
                sum += histogram.base[c * 256 + b]
            }
        }
        var starts = [Int](repeating: 0, count: 257)
        sum = 0
        for b in 0..<256 {
            starts[b] = sum
            for c in 0..<chunks {
                let count = histogram.base[c * 256 + b]
                histogram.base[c * 256 + b] = sum
                sum += count
            }
        }
        starts[256] = n
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in c * chunkSize..<min(n, (c + 1) * chunkSize) {
                let key = keys.base[i]
                let slot = c * 256 + Int(key >> 24)
                (sorted.base + histogram.base[slot]).initialize(to: Query(key: key, index: UInt32(i), point: points[i]))
                histogram.base[slot] += 1
            }
        }
        // 3. Sort each bucket by the key bits below the bucket digit that tell raster cells apart
        //    (LSD radix, digits of at most 12 bits), answer it, group the answers by input chunk.
        //    4. Put them in input order.
        let bucketStarts = starts
        let digits = sortDigits
        return [GridHit?](unsafeUninitializedCapacity: n) { out, done in
            let answers = SharedBuffer(base: out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: 256) { b in
                let start = bucketStarts[b], count = bucketStarts[b + 1] - start
                var from = sorted.base + start, to = scratch.base + start
                var counts = InlineArray<4096, UInt32>(repeating: 0)
                for (shift, mask) in digits {
                    for d in 0...Int(mask) { counts[d] = 0 }
                    for i in 0..<count { counts[Int(from[i].key >> shift & mask)] += 1 }
                    var sum: UInt32 = 0
                    for d in 0...Int(mask) { let c = counts[d]; counts[d] = sum; sum += c }
                    for i in 0..<count {
                        let d = Int(from[i].key >> shift & mask)
                        to[Int(counts[d])] = from[i]
                        counts[d] += 1
                    }
                    swap(&from, &to)
                }
                do {
                    var cell = CellEdges(edges: buffers.edges.base + b * CellEdges.edgeCapacity,
                                         groups: buffers.groups.base + b * CellEdges.groupCapacity)
                    // The record of the last crossed point; a cell's edges are laid out at its
                    // second point, so a cell met once (most cells of a large locator) costs no more
                    // than the exact path.
                    var last = -1
                    for i in 0..<count {
                        let q = from[i]
                        let hit: GridHit?
                        switch probe(q.point.x, q.point.y) {
                        case .answered(let answer):
                            hit = answer
                        case .crossed(let record, let ix, let iy):
                            if record == last && record != cell.record { cell.load(record: record, ix, iy, of: self) }
                            last = record
                            hit = (cell.usable && record == cell.record ? cell.owner(q.point.x, q.point.y) : nil)
                                ?? locate(q.point.x, q.point.y, record: record, ix, iy)
                        }
                        let slot = b * chunks + Int(q.index) / chunkSize
                        (grouped.base + cursors.base[slot]).initialize(to: Answered(index: q.index, hit: hit))
                        cursors.base[slot] += 1
                    }
                }
            }
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for j in c * chunkSize..<min(n, (c + 1) * chunkSize) {
                    let a = grouped.base[j]
                    (answers.base + Int(a.index)).initialize(to: a.hit)
                }
            }
            done = n
        }
    }
}
