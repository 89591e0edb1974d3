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
