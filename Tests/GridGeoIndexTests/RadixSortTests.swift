@testable import GridGeoIndex
import Testing

@Test(arguments: [0, 10, 100, 100_000])
func radixSortOrdersByKeyAndKeepsPayloadOrder(count: Int) {
    var rng = SplitMix64(seed: UInt64(count))
    var a = (0..<count).map { UInt64(UInt32.random(in: 0...5000, using: &rng)) << 32 | UInt64($0) }
    let expected = a.sorted()   // payloads increase with position, so this is the stable order
    radixSortByKey(&a)
    #expect(a == expected)
}
