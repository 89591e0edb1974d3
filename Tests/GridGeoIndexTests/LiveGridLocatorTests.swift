import GridGeoCore
import GridGeoIndex
import Testing

@Test func lookupsDuringSwapsNeverMixVersions() async {
    // Version parity tells which index answered: even → ids as given, odd → ids reversed.
    let forward = locator
    let reversed = GridLocator(grids: partition.grids.reversed())
    let points = randomPoints(2_000, in: partition.bounds, seed: 41)
    let expected = [points.map { forward.locate($0)?.grid }, points.map { reversed.locate($0)?.grid }]
    #expect(expected[0] != expected[1])
    let live = LiveGridLocator(forward, version: 0)

    let mismatches = await withTaskGroup(of: Int.self) { group in
        group.addTask {
            for v in 1...200 as ClosedRange<UInt64> { live.publish(v % 2 == 0 ? forward : reversed, version: v) }
            return 0
        }
        for reader in 0..<3 {
            group.addTask {
                var bad = 0
                for round in 0..<20 {
                    for (i, p) in points.enumerated() where (i + round + reader) % 4 == 0 {
                        let (v, hit) = live.locate(p)
                        if hit?.grid != expected[Int(v % 2)][i] { bad += 1 }
                    }
                    let (v, hits) = live.locate(points)
                    if hits.map({ $0?.grid }) != expected[Int(v % 2)] { bad += 1 }
                }
                return bad
            }
        }
        return await group.reduce(0, +)
    }
    #expect(mismatches == 0)
    #expect(live.current.version == 200)
}
