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
