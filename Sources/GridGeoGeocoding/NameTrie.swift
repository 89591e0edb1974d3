/// A trie over Unicode scalar values whose terminal nodes carry an `Int32` value.
///
/// Built for many short keys (place names of 2–12 characters) and walked once per start position
/// of an address, so lookups dominate. The root is a direct table over the Basic Multilingual
/// Plane. Deeper nodes keep their edges sorted in a block of one shared array (scalar in the high
/// 32 bits, child in the low 32); a block that fills up moves to the end of the array with twice
/// the room, so insertion stays cheap and lookups touch one contiguous block, searched linearly
/// when small and by bisection when large. Insertion keeps value semantics (copy on write), so a
/// ``Gazetteer`` can grow after loading.
struct NameTrie: Sendable {
    /// Child node per BMP scalar at the root, or -1.
    private var rootTable: [Int32]
    /// Children of the root outside the BMP.
    private var rootAstral: [UInt32: Int32] = [:]
    /// Edge blocks of all nodes but the root.
    private var edges: [UInt64] = []
    /// Per node: first edge in `edges`, number of edges, room in the block.
    private var edgeStart: [Int32] = [0]
    private var edgeCount: [Int32] = [0]
    private var edgeRoom: [Int32] = [0]
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
            edgeStart.append(0)
            edgeCount.append(0)
            edgeRoom.append(0)
            if node == 0 {
                if scalar < 0x10000 { rootTable[Int(scalar)] = created } else { rootAstral[scalar] = created }
            } else {
                addEdge(from: Int(node), scalar: scalar, to: created)
            }
            node = created
        }
        values[Int(node)] = value
    }

    private mutating func addEdge(from node: Int, scalar: UInt32, to child: Int32) {
        let count = Int(edgeCount[node])
        if count == Int(edgeRoom[node]) {
            // Move the block to the end with twice the room.
            let room = max(2, count * 2)
            let newStart = edges.count
            let oldStart = Int(edgeStart[node])
            // Element by element: appending a slice of the array itself would copy all of it.
            for k in 0..<count { edges.append(edges[oldStart + k]) }
            edges.append(contentsOf: repeatElement(0, count: room - count))
            edgeStart[node] = Int32(newStart)
            edgeRoom[node] = Int32(room)
        }
        let start = Int(edgeStart[node])
        var position = start + count
        while position > start, edges[position - 1] >> 32 > UInt64(scalar) {
            edges[position] = edges[position - 1]
            position -= 1
        }
        edges[position] = UInt64(scalar) << 32 | UInt64(UInt32(bitPattern: child))
        edgeCount[node] = Int32(count + 1)
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
        let start = Int(edgeStart[Int(node)])
        let count = Int(edgeCount[Int(node)])
        return edges.withUnsafeBufferPointer { all -> Int32? in
            let key = UInt64(scalar)
            if count <= 8 {
                for k in start..<(start + count) where all[k] >> 32 == key {
                    return Int32(bitPattern: UInt32(truncatingIfNeeded: all[k]))
                }
                return nil
            }
            var low = start
            var high = start + count
            while low < high {
                let mid = (low + high) >> 1
                let probe = all[mid] >> 32
                if probe == key { return Int32(bitPattern: UInt32(truncatingIfNeeded: all[mid])) }
                if probe < key { low = mid + 1 } else { high = mid }
            }
            return nil
        }
    }

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
