import GridGeoComponents
import GridGeoCore
@testable import GridGeoIndex
import GridGeoStore
import Testing

@Suite struct ComponentIndexTests {
    /// k nearest and within a radius, compared with measuring every component (same metric, ties by code).
    @Test func nearestAndRadiusEqualBruteForce() throws {
        try Area.withStore { store in
            var rng = SplitMix64(seed: 99)
            var records: [ComponentRecord] = []
            for i in 0..<3_000 {
                let p = i % 7 == 6 ? records[i / 2].location   // repeated positions: ties
                    : Coordinate(lon: Double.random(in: 116.4001...116.4199, using: &rng), lat: Double.random(in: 39.9001...39.9199, using: &rng))
                records.append(Area.record(["0101", "0203"][i % 2], "部件\(i)", at: p))
            }
            try ComponentLedger(store: store).add(records)
            let all = try store.components(.all)
            let index = try ComponentIndex(store: store)
            #expect(index.count == 3_000)
            for q in 0..<100 {
                let p = q % 5 == 0 ? all.randomElement(using: &rng)!.location
                    : Coordinate(lon: Double.random(in: 116.395...116.425, using: &rng), lat: Double.random(in: 39.895...39.925, using: &rng))
                let ky = PointTree.metresPerDegree, kx = ky * cosine(degrees: p.y)
                let measured = all.map { c -> (Double, String) in
                    let dx = (c.location.x - p.x) * kx, dy = (c.location.y - p.y) * ky
                    return (dx * dx + dy * dy, c.code)
                }.sorted { $0 < $1 }
                let k = [1, 10, 25][q % 3]
                #expect(index.nearest(to: p, k: k).map(\.component.code) == measured.prefix(k).map(\.1))
                let r = Double.random(in: 10...300, using: &rng)
                #expect(index.within(r, of: p).map(\.component.code) == measured.filter { $0.0 <= r * r }.map(\.1))
            }
            // A class's index, and one of a past date.
            let stops = try ComponentIndex(store: store, ComponentFilter(classCode: "0203"))
            #expect(stops.count == 1_500 && stops.components.allSatisfy { $0.classCode == "0203" })
            #expect(try ComponentIndex(store: store, on: date("2020-01-01")).count == 0)
        }
    }
}
