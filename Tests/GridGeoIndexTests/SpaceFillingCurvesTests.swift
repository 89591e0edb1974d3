@testable import GridGeoIndex
import Testing

@Test(arguments: 1...6)
func hilbertKeyIsABijectionThroughAdjacentCells(order: Int) {
    let side = UInt32(1) << order
    var cellOfKey = [(UInt32, UInt32)?](repeating: nil, count: Int(side * side))
    for x in 0..<side {
        for y in 0..<side {
            let k = Int(hilbertKey(x: x, y: y, order: order))
            #expect(cellOfKey[k] == nil)
            cellOfKey[k] = (x, y)
        }
    }
    let cells = cellOfKey.compactMap { $0 }
    #expect(cells.count == cellOfKey.count)
    #expect(cells.first! == (0, 0))
    for (a, b) in zip(cells, cells.dropFirst()) {
        #expect(abs(Int(a.0) - Int(b.0)) + abs(Int(a.1) - Int(b.1)) == 1)
    }
}

@Test func sixteenBitKeyCoversTheFullRange() {
    #expect(hilbertKey(0, 0) == 0)
    #expect(hilbertKey(65535, 0) == UInt32.max)
    // Each quadrant maps to one quarter of the keys.
    #expect(hilbertKey(100, 40000) >> 30 == 1)
    #expect(hilbertKey(40000, 40000) >> 30 == 2)
    #expect(hilbertKey(40000, 100) >> 30 == 3)
    var rng = SplitMix64(seed: 8)
    for _ in 0..<10_000 {
        let x = UInt16.random(in: 0...UInt16.max, using: &rng), y = UInt16.random(in: 0...UInt16.max, using: &rng)
        #expect(hilbertKey(x, y) == hilbertKey(x: UInt32(x), y: UInt32(y), order: 16))
    }
}

/// Against the definition, bit by bit: bit i of x goes to bit 2i of the key, bit i of y to 2i + 1.
@Test func mortonKeyInterleavesTheBits() {
    func reference(_ x: UInt16, _ y: UInt16) -> UInt32 {
        var key: UInt32 = 0
        for i in 0..<16 {
            key |= UInt32(x >> i & 1) << (2 * i) | UInt32(y >> i & 1) << (2 * i + 1)
        }
        return key
    }
    var rng = SplitMix64(seed: 9)
    for _ in 0..<10_000 {
        let x = UInt16.random(in: 0...UInt16.max, using: &rng), y = UInt16.random(in: 0...UInt16.max, using: &rng)
        #expect(mortonKey(x, y) == reference(x, y))
    }
    #expect(mortonKey(0, 0) == 0 && mortonKey(.max, .max) == .max && mortonKey(.max, 0) == 0x5555_5555)
}
