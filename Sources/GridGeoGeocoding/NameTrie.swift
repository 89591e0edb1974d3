/// A trie over Unicode scalar values whose terminal nodes carry an `Int32` value.
///
/// Built for many short keys (place names of 2–12 characters) and walked once per start position
/// of an address, so lookups dominate: the root is a direct table over the Basic Multilingual
/// Plane, deeper nodes keep their edges sorted in one packed array per node (scalar in the high 32
/// bits, child in the low 32) and are searched linearly when small, by bisection when large.
/// Insertion keeps value semantics (copy on write), so a ``Gazetteer`` can grow after loading.
struct NameTrie: Sendable {
    /// Child node per BMP scalar at the root, or -1.
    private var rootTable: [Int32]
    /// Children of the root outside the BMP.
    private var rootAstral: [UInt32: Int32] = [:]
    /// Sorted packed edges per node; node 0 is the root (its edges live in the tables above).
    private var edges: [[UInt64]] = [[]]
    /// Value per node, or -1 when no key ends there.
    private var values: [Int32] = [-1]

    init() {
        rootTable = [Int32](repeating: -1, count: 0x10000)
    }

    /// Number of nodes, for diagnostics.
    var nodeCount: Int { values.count }

    /// The value stored for `key`, or `nil`.
    func value(for key: some Collection<UInt32>) -> Int32? {
        var node: Int32 = 0
        for scalar in key {
            guard let next = child(of: node, scalar) else { return nil }
            node = next
        }
        let value = values[Int(node)]
        return value >= 0 && !key.isEmpty ? value : nil
    }

    /// Stores `value` for `key`, replacing any earlier value. Empty keys are ignored.
    mutating func insert(_ key: some Collection<UInt32>, value: Int32) {
        guard !key.isEmpty else { return }
        var node: Int32 = 0
        for scalar in key {
            if let next = child(of: node, scalar) {
                node = next
                continue
            }
            let created = Int32(values.count)
            values.append(-1)
            edges.append([])
            if node == 0 {
                if scalar < 0x10000 { rootTable[Int(scalar)] = created } else { rootAstral[scalar] = created }
            } else {
                let packed = UInt64(scalar) << 32 | UInt64(UInt32(bitPattern: created))
                var list = edges[Int(node)]
                edges[Int(node)] = []
                let position = list.firstIndex { $0 >> 32 > UInt64(scalar) } ?? list.endIndex
                list.insert(packed, at: position)
                edges[Int(node)] = list
            }
            node = created
        }
        values[Int(node)] = value
    }

    /// The child of `node` along `scalar`.
    @inline(__always)
    func child(of node: Int32, _ scalar: UInt32) -> Int32? {
        if node == 0 {
            if scalar < 0x10000 {
                let next = rootTable[Int(scalar)]
                return next >= 0 ? next : nil
            }
            return rootAstral[scalar]
        }
        return edges[Int(node)].withUnsafeBufferPointer { list -> Int32? in
            let key = UInt64(scalar)
            if list.count <= 8 {
                for packed in list where packed >> 32 == key {
                    return Int32(bitPattern: UInt32(truncatingIfNeeded: packed))
                }
                return nil
            }
            var low = 0
            var high = list.count
            while low < high {
                let mid = (low + high) >> 1
                let probe = list[mid] >> 32
                if probe == key { return Int32(bitPattern: UInt32(truncatingIfNeeded: list[mid])) }
                if probe < key { low = mid + 1 } else { high = mid }
            }
            return nil
        }
    }

    /// The value at `node`, or -1.
    @inline(__always)
    func value(at node: Int32) -> Int32 { values[Int(node)] }

    /// Calls `body(end, value)` for every key that is a prefix of `text[start...]`, shortest first,
    /// up to `maxLength` scalars.
    @inline(__always)
    func forEachMatch(in text: UnsafeBufferPointer<UInt32>, from start: Int, maxLength: Int,
                      _ body: (_ end: Int, _ value: Int32) -> Void) {
        var node: Int32 = 0
        var i = start
        let limit = min(text.count, start + maxLength)
        while i < limit {
            guard let next = child(of: node, text[i]) else { return }
            node = next
            i += 1
            let value = values[Int(node)]
            if value >= 0 { body(i, value) }
        }
    }
}
