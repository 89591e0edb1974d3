/// A trie over Unicode scalar values whose terminal nodes carry an `Int32` value.
///
/// Built for many short keys (place names of 2–12 characters) and walked once per start position
/// of an address, so lookups dominate. The root is a direct table over the Basic Multilingual
/// Plane. The edges of all other nodes live in one open-addressing hash table keyed by (node,
/// scalar), so a step costs one multiplication and usually one cache line, however many children
/// the node has (a first character such as 东 has hundreds; bisecting them missed the cache at
/// every probe). An edge slot holds its key, its child and the child's value side by side, so
/// that line is the only one a step reads. Insertion keeps value semantics (copy on write), so a ``Gazetteer`` can grow
/// after loading.
struct NameTrie: Sendable {
    /// Child node per BMP scalar at the root, or -1.
    private var rootTable: [Int32]
    /// Children of the root outside the BMP.
    private var rootAstral: [UInt32: Int32] = [:]
    /// One slot of the edge table: key `node << 32 | scalar` (0: empty slot; node 0 is the root,
    /// kept apart), the child, and the child's value (a copy of `values[child]`).
    private struct Edge {
        var key: UInt64 = 0
        var child: Int32 = -1
        var value: Int32 = -1
    }

    private var edges: [Edge]
    private var edgeCount = 0
    /// 64 − log2(table size), for the multiplicative hash.
    private var shift: UInt64
    /// Value per node, or -1 when no key ends there.
    private var values: [Int32] = [-1]

    init() {
        rootTable = [Int32](repeating: -1, count: 0x10000)
        edges = [Edge](repeating: Edge(), count: 16)
        shift = 60
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
        var parent: Int32 = 0
        var last: UInt32 = 0
        for scalar in key {
            parent = node
            last = scalar
            if let next = child(of: node, scalar) {
                node = next
                continue
            }
            let created = Int32(values.count)
            values.append(-1)
            if node == 0 {
                if scalar < 0x10000 { rootTable[Int(scalar)] = created } else { rootAstral[scalar] = created }
            } else {
                addEdge(Self.edgeKey(node, scalar), to: created)
            }
            node = created
        }
        values[Int(node)] = value
        if parent != 0 { edges[slot(of: Self.edgeKey(parent, last))].value = value }
    }

    /// The slot holding edge `key`, which must exist.
    private func slot(of key: UInt64) -> Int {
        let mask = edges.count - 1
        var i = Self.slot(key, shift: shift)
        while edges[i].key != key { i = (i + 1) & mask }
        return i
    }

    @inline(__always)
    private static func edgeKey(_ node: Int32, _ scalar: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(scalar)
    }

    @inline(__always)
    private static func slot(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func addEdge(_ key: UInt64, to child: Int32) {
        // Keep the table at most half full.
        if (edgeCount + 1) * 2 > edges.count {
            let old = edges
            edges = [Edge](repeating: Edge(), count: old.count * 2)
            shift -= 1
            edgeCount = 0
            for edge in old where edge.key != 0 { place(edge) }
        }
        place(Edge(key: key, child: child, value: values[Int(child)]))
    }

    private mutating func place(_ edge: Edge) {
        let mask = edges.count - 1
        var i = Self.slot(edge.key, shift: shift)
        while edges[i].key != 0 { i = (i + 1) & mask }
        edges[i] = edge
        edgeCount += 1
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
        return edge(of: node, scalar).map { $0.child }
    }

    /// The edge from non-root `node` along `scalar`.
    @inline(__always)
    private func edge(of node: Int32, _ scalar: UInt32) -> Edge? {
        let key = Self.edgeKey(node, scalar)
        return edges.withUnsafeBufferPointer { edges -> Edge? in
            let mask = edges.count - 1
            var i = Self.slot(key, shift: shift)
            while true {
                let probe = edges[i]
                if probe.key == key { return probe }
                if probe.key == 0 { return nil }
                i = (i + 1) & mask
            }
        }
    }

    /// Calls `body(end, value)` for every key that is a prefix of `text[start...]`, shortest first,
    /// up to `maxLength` scalars.
    @inline(__always)
    func forEachMatch(in text: UnsafeBufferPointer<UInt32>, from start: Int, maxLength: Int,
                      _ body: (_ end: Int, _ value: Int32) -> Void) {
        let limit = min(text.count, start + maxLength)
        guard start < limit, var node = child(of: 0, text[start]) else { return }
        var i = start + 1
        if values[Int(node)] >= 0 { body(i, values[Int(node)]) }
        // Below the root, the edge carries the child's value: one cache line per step.
        while i < limit {
            guard let edge = edge(of: node, text[i]) else { return }
            node = edge.child
            i += 1
            if edge.value >= 0 { body(i, edge.value) }
        }
    }
}
