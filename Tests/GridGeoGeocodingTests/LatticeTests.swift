import Testing
@testable import GridGeoGeocoding

@Suite struct LatticeTests {
    private func candidate(_ start: Int, _ end: Int, _ label: AddressLabel, _ score: Float) -> Candidate {
        Candidate(start: Int32(start), end: Int32(end), label: UInt8(label.index), evidence: .context, score: score)
    }

    @Test func picksTheBestCover() {
        let candidates = [
            candidate(0, 2, .road, 3), candidate(2, 4, .roadno, 2),
            candidate(0, 4, .poi, 2),   // one span, but less than road + roadno
        ]
        #expect(Lattice.decode(candidates, length: 4) == [0, 1])
    }

    @Test func orderMatters() {
        // roadno then road costs a backward move; road then roadno earns a bonus.
        #expect(Lattice.transition(from: .road, to: .roadno, afterPOI: false) > 0)
        #expect(Lattice.transition(from: .roadno, to: .road, afterPOI: false) < 0)
        #expect(Lattice.transition(from: .district, to: .city, afterPOI: false) <= -5)
        #expect(Lattice.transition(from: .city, to: .city, afterPOI: false) < 0)
    }

    @Test func transparentLabelsKeepTheState() {
        // road, "-" (redundant), roadno: the road → roadno bonus applies across the separator.
        let candidates = [candidate(0, 2, .road, 1), candidate(2, 3, .redundant, 0), candidate(3, 5, .roadno, 1),
                          candidate(3, 5, .houseno, 1.5)]
        #expect(Lattice.decode(candidates, length: 5) == [0, 1, 2])
    }

    @Test func aSecondPOIIsASubPOI() {
        #expect(Lattice.transition(from: .roadno, to: .poi, afterPOI: true) < Lattice.transition(from: .roadno, to: .subpoi, afterPOI: true))
        #expect(Lattice.transition(from: .road, to: .subpoi, afterPOI: false) < 0)
        let poi = AddressLabel.poi.index
        #expect(Lattice.stateAfter(poi, from: 0) >= Lattice.orderStates)
        #expect(Lattice.stateAfter(AddressLabel.redundant.index, from: 5) == 5)
    }

    @Test func emptyAndUncoverable() {
        #expect(Lattice.decode([], length: 0).isEmpty)
        #expect(Lattice.decode([candidate(0, 1, .poi, 1)], length: 3).isEmpty)
    }
}
