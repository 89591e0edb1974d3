import GridGeoIndex
import Testing

@Test func splitMix64MatchesTheReferenceSequence() {
    // First outputs of the reference implementation for seed 0.
    var g = SplitMix64(seed: 0)
    #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    var a = SplitMix64(seed: 7), b = SplitMix64(seed: 7)
    #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
}
