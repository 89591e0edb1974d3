/// The position of cell `(x, y)` along the Hilbert curve that fills the 65,536 × 65,536 square.
///
/// Consecutive keys are edge-adjacent cells, so sorting by key keeps nearby points together.
/// Same value as `hilbertKey(x:y:order: 16)`, four bits of each coordinate at a time: the frame of
/// each sub-square is one of four states (transposed or not, reflected or not; the two commute), so a
/// table indexed by state and two nibbles gives eight key bits and the next state.
/// - Complexity: O(1): four table look-ups.
public func hilbertKey(_ x: UInt16, _ y: UInt16) -> UInt32 {
    hilbertNibbleTable.withUnsafeBufferPointer { table in
        var key: UInt32 = 0, state = 0
        for shift in stride(from: 12, through: 0, by: -4) {
            let e = table[state << 8 | Int((x >> UInt16(shift)) & 0xF) << 4 | Int((y >> UInt16(shift)) & 0xF)]
            key = key << 8 | UInt32(e & 0xFF)
            state = Int(e >> 8)
        }
        return key
    }
}

/// For each state (bit 0: transposed, bit 1: reflected) and nibble pair: eight key bits | next state << 8.
private let hilbertNibbleTable: [UInt16] = (0..<1024).map { i in
    var transposed = i >> 8 & 1 == 1, reflected = i >> 9 & 1 == 1
    var digits: UInt16 = 0
    for level in stride(from: 3, through: 0, by: -1) {
        var rx = UInt16(i >> (4 + level) & 1), ry = UInt16(i >> level & 1)
        if transposed { swap(&rx, &ry) }
        if reflected { rx ^= 1; ry ^= 1 }
        digits = digits << 2 | ((3 * rx) ^ ry)
        if ry == 0 {
            if rx == 1 { reflected.toggle() }
            transposed.toggle()
        }
    }
    return digits | UInt16((transposed ? 1 : 0) | (reflected ? 2 : 0)) << 8
}

/// The Hilbert key of `(x, y)` on the `2^order × 2^order` square (`order` ≤ 16, x and y below 2^order).
@inlinable
public func hilbertKey(x: UInt32, y: UInt32, order: Int) -> UInt32 {
    precondition(order >= 0 && order <= 16 && x >> order == 0 && y >> order == 0)
    let last: UInt32 = order == 0 ? 0 : (1 << order) - 1
    var x = x, y = y, key: UInt32 = 0
    var level = order
    // Branch-free: the quadrant bits are random for random points, so branches would mispredict.
    while level > 0 {
        level -= 1
        let rx = (x >> level) & 1, ry = (y >> level) & 1
        key |= ((3 &* rx) ^ ry) << (2 * level)          // quadrant order: (0,0) (0,1) (1,1) (1,0)
        // Rotate the sub-square so the curve enters at its origin: reflect when rx = 1, ry = 0
        // (last − v equals last ^ v for v ≤ last), then transpose when ry = 0.
        let reflect = 0 &- (rx & (ry ^ 1))
        x ^= reflect & last
        y ^= reflect & last
        let t = (x ^ y) & (0 &- (ry ^ 1))
        x ^= t
        y ^= t
    }
    return key
}

/// The position of cell `(x, y)` along the Z-order (Morton) curve over the 65,536 × 65,536 square:
/// the bits of x and y interleaved, x in the even bits.
@inline(__always)
public func mortonKey(_ x: UInt16, _ y: UInt16) -> UInt32 {
    func spread(_ v: UInt16) -> UInt32 {
        var w = UInt32(v)
        w = (w | w << 8) & 0x00FF_00FF
        w = (w | w << 4) & 0x0F0F_0F0F
        w = (w | w << 2) & 0x3333_3333
        w = (w | w << 1) & 0x5555_5555
        return w
    }
    return spread(x) | spread(y) << 1
}
