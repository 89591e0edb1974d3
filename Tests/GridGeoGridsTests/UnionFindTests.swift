@testable import GridGeoGrids
import Testing

@Test func rootIsTheSmallestMember() {
    var sets = UnionFind(count: 6)
    sets.union(4, 5)
    sets.union(5, 2)
    #expect(sets.find(4) == 2 && sets.find(5) == 2)
    #expect(sets.union(0, 4) == 0)
    #expect(sets.find(2) == 0)
    #expect(sets.find(1) == 1 && sets.find(3) == 3)
}
