/// A trie over Unicode scalar values whose terminal nodes carry an `Int32` value.
///
/// Built for many short keys (place names of 2–12 characters) and walked once per start position
/// of an address, so lookups dominate. The root is a direct table over the Basic Multilingual
/// Plane. The edges of all other nodes live in one open-addressing hash table keyed by (node,
/// scalar), so a step costs one multiplication and usually one cache line, however many children
/// the node has (a first character such as 东 has hundreds; bisecting them missed the cache at
/// every probe). Insertion keeps value semantics (copy on write), so a ``Gazetteer`` can grow
/// after loading.
struct NameTrie: Sendable {
    /// Child node per BMP scalar at the root, or -1.
    private var rootTable: [Int32]
    /// Children of the root outside the BMP.
    private var rootAstral: [UInt32: Int32] = [:]
    /// Edge table: key `node << 32 | scalar` (0: empty slot; node 0 is the root, kept apart) and child.
    private var edgeKeys: [UInt64]
    private var edgeChildren: [Int32]
    private var edgeCount = 0
    /// 64 − log2(table size), for the multiplicative hash.
    private var shift: UInt64
    /// Value per node, or -1 when no key ends there.
    private var values: [Int32] = [-1]

    init() {
        rootTable = [Int32](repeating: -1, count: 0x10000)
        edgeKeys = [UInt64](repeating: 0, count: 16)
        edgeChildren = [Int32](repeating: -1, count: 16)
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
        for scalar in key {
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
        if (edgeCount + 1) * 2 > edgeKeys.count {
            let oldKeys = edgeKeys, oldChildren = edgeChildren
            edgeKeys = [UInt64](repeating: 0, count: oldKeys.count * 2)
            edgeChildren = [Int32](repeating: -1, count: oldKeys.count * 2)
            shift -= 1
            edgeCount = 0
            for (k, c) in zip(oldKeys, oldChildren) where k != 0 { place(k, c) }
        }
        place(key, child)
    }

    private mutating func place(_ key: UInt64, _ child: Int32) {
        let mask = edgeKeys.count - 1
        var i = Self.slot(key, shift: shift)
        while edgeKeys[i] != 0 { i = (i + 1) & mask }
        edgeKeys[i] = key
        edgeChildren[i] = child
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
        let key = Self.edgeKey(node, scalar)
        return edgeKeys.withUnsafeBufferPointer { keys -> Int32? in
            let mask = keys.count - 1
            var i = Self.slot(key, shift: shift)
            while true {
                let probe = keys[i]
                if probe == key { return edgeChildren[i] }
                if probe == 0 { return nil }
                i = (i + 1) & mask
            }
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
