import GridGeoCore
@testable import GridGeoIndex
import Testing

func randomBoxes(_ n: Int, seed: UInt64) -> [BoundingBox] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { _ in
        let x = Double.random(in: 0...100, using: &rng), y = Double.random(in: 0...100, using: &rng)
        return BoundingBox(minX: x, minY: y, maxX: x + .random(in: 0...3, using: &rng), maxY: y + .random(in: 0...3, using: &rng))
    }
}

@Test(arguments: [0, 1, 15, 16, 17, 300, 5_000])
func searchMatchesBruteForce(count: Int) {
    let boxes = randomBoxes(count, seed: UInt64(count))
    var b = PackedRTree.Builder(capacity: count)
    for (i, box) in boxes.enumerated() { #expect(b.add(box) == i) }
    let tree = b.finish()
    #expect(tree.count == count)
    for q in randomBoxes(200, seed: 99) {
        let expected = boxes.indices.filter { boxes[$0].intersects(q) }
        #expect(tree.search(q).sorted() == expected)
    }
}

@Test func nearestMatchesBruteForce() {
    let boxes = randomBoxes(3_000, seed: 4)
    var b = PackedRTree.Builder()
    for box in boxes { b.add(box) }
    let tree = b.finish()
    func distance(_ box: BoundingBox, _ p: Coordinate) -> Double {
        let dx = max(box.minX - p.x, 0, p.x - box.maxX), dy = (max(box.minY - p.y, 0, p.y - box.maxY)) * 2
        return (dx * dx + dy * dy).squareRoot()
    }
    var rng = SplitMix64(seed: 5)
    for _ in 0..<200 {
        let p = Coordinate(x: .random(in: -20...120, using: &rng), y: .random(in: -20...120, using: &rng))
        let best = boxes.map { distance($0, p) }.min()!
        let found = tree.nearest(to: p, scaleX: 1, scaleY: 2) { distance(boxes[$0], p) }
        #expect(found?.distance == best)
        #expect(tree.nearest(to: p, scaleY: 2, maxDistance: best * 0.99) { distance(boxes[$0], p) } == nil || best == 0)
    }
}
