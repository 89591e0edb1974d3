import Dispatch
public import GridGeoCore

/// Lets disjoint parts of one buffer be written from concurrent iterations.
/// A query point with its Hilbert key and its position in the input.
private struct Query {
    var key: UInt32
    var index: UInt32
    var point: Coordinate
}

extension GridLocator {
    /// Locates many points at once; `result[i]` answers `points[i]`, exactly as `locate(points[i])`.
    ///
    /// Large batches are ordered along a Hilbert curve over the locator's bounds, so consecutive
    /// lookups touch nearby cells and vertices, and are spread across all cores:
    /// 1. per chunk of input, in parallel: Hilbert keys and a histogram of their top 8 bits;
    /// 2. scatter the (key, position) pairs into 256 buckets, each a compact stretch of the curve;
    /// 3. per bucket, in parallel: sort by key, locate, write each answer to its input position.
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

        // Scratch buffers shared by the parallel steps; each step writes disjoint slots.
        let keys = SharedBuffer<UInt32>(count: n), sorted = SharedBuffer<Query>(count: n)
        let histogram = SharedBuffer<Int>(count: chunks * 256)
        defer { keys.free(); sorted.free(); histogram.free() }
        histogram.base.initialize(repeating: 0, count: chunks * 256)

        // 1. Keys and histograms.
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in c * chunkSize..<min(n, (c + 1) * chunkSize) {
                let p = points[i]
                let key = hilbertKey(quantise((p.x - minX) * sx), quantise((p.y - minY) * sy))
                keys.base[i] = key
                histogram.base[c * 256 + Int(key >> 24)] += 1
            }
        }
        // 2. Bucket offsets (bucket-major, then chunk), then a parallel scatter that carries the
        //    coordinates along, so step 3 reads them sequentially.
        var starts = [Int](repeating: 0, count: 257)
        var sum = 0
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
        // 3. Sort and answer each bucket.
        let bucketStarts = starts
        return [GridHit?](unsafeUninitializedCapacity: n) { out, done in
            let answers = SharedBuffer(base: out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: 256) { b in
                var bucket = UnsafeMutableBufferPointer(start: sorted.base + bucketStarts[b],
                                                        count: bucketStarts[b + 1] - bucketStarts[b])
                bucket.sort { $0.key < $1.key }
                for q in bucket {
                    (answers.base + Int(q.index)).initialize(to: locate(q.point))
                }
            }
            done = n
        }
    }
}
