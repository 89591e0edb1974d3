/// The position of cell `(x, y)` along the Hilbert curve that fills the 65,536 × 65,536 square.
///
/// Consecutive keys are edge-adjacent cells, so sorting by key keeps nearby points together.
/// Algorithm: the iterative `xy2d` of Hilbert-curve folklore (as in Wikipedia's "Hilbert curve",
/// after A. R. Butz, 1971): one quadrant per bit, rotating the frame at each level.
/// - Complexity: O(16).
@inlinable
public func hilbertKey(_ x: UInt16, _ y: UInt16) -> UInt32 {
    hilbertKey(x: UInt32(x), y: UInt32(y), order: 16)
}

/// The Hilbert key of `(x, y)` on the `2^order × 2^order` square (`order` ≤ 16, x and y below 2^order).
@inlinable
public func hilbertKey(x: UInt32, y: UInt32, order: Int) -> UInt32 {
    precondition(order >= 0 && order <= 16 && x >> order == 0 && y >> order == 0)
    let last: UInt32 = order == 0 ? 0 : (1 << order) - 1
    var x = x, y = y, key: UInt32 = 0
    var s: UInt32 = order == 0 ? 0 : 1 << (order - 1)
    while s > 0 {
        let rx: UInt32 = x & s != 0 ? 1 : 0
        let ry: UInt32 = y & s != 0 ? 1 : 0
        key += s * s * ((3 * rx) ^ ry)     // quadrant order: (0,0) (0,1) (1,1) (1,0)
        if ry == 0 {                        // rotate the sub-square so the curve enters at its origin
            if rx == 1 { x = last - x; y = last - y }
            swap(&x, &y)
        }
        s >>= 1
    }
    return key
}
