import Foundation
import GridGeoCore
import GridGeoIndex
import GridGeoLookup
import GridGeoStore
import InMemoryLogging
import Logging
import MetricsTestKit
import Synchronization
import Testing

/// Version v of a 200-grid partition: the same geometry, but every code and name says v — the
/// community is 110101001 + v (3 digits) and named "社区v" — so an answer shows which version it
/// came from, and a mix of two versions cannot go unnoticed.
private let swapPartition = SyntheticPartition(gridCount: 200, seed: 9)

private func directory(version v: Int) -> GridDirectory {
    let community = "110101001" + String(1000 + v % 1000).dropFirst()
    return GridDirectory(
        version: v,
        grids: swapPartition.grids.enumerated().map { i, polygons in
            UnitGridRecord(code: community + String(1000 + i).dropFirst(), geometry: .multiPolygon(polygons))
        },
        communities: [CommunityRecord(code: community, name: "社区\(v)", streetCode: "110101001",
                                      geometry: .polygon(Polygon(exterior: Ring([]))))],
        streets: [StreetRecord(code: "110101001", name: "东华门街道", districtCode: "110101",
                               geometry: .polygon(Polygon(exterior: Ring([]))))],
        districts: [DistrictRecord(code: "110101", name: "东城区", geometry: .polygon(Polygon(exterior: Ring([]))))])
}

/// Whether `a` is wholly version `a.version`'s answer for the point whose owner (by position) is `owner`.
private func isWhole(_ a: GridAnswer, owner: Int?) -> Bool {
    let community = "110101001" + String(1000 + a.version % 1000).dropFirst()
    guard let owner else { return a.grid == nil && a.community == nil }
    return a.grid == community + String(1000 + owner).dropFirst()
        && a.community == Division(code: community, name: "社区\(a.version)")
        && a.street?.code == "110101001" && a.district?.code == "110101"
}

/// Readers on their own threads look up while a writer publishes 40 new versions, each after the
/// readers have answered a few hundred more points (so swaps and lookups really interleave, however
/// the threads are scheduled).
/// Run under the thread sanitizer with
/// `swift test --sanitize=thread --filter "LiveGridDirectoryTests|LiveGridLocatorTests"`.
@Suite struct LiveGridDirectoryTests {
    @Test func answersNeverMixVersionsWhileVersionsAreSwapped() throws {
        let points = swapPartition.mixedPoints(1_000, seed: 3)
        let reference = GridLocator(grids: swapPartition.grids)
        let owners = points.map { reference.locate($0).map { Int($0.grid) } }
        let live = LiveGridDirectory(directory(version: 1))
        let c = Counters()

        var bodies: [@Sendable () -> Void] = (0..<3).map { reader in
            {
                var seen = Set<Int>()
                var round = 0
                while !c.done.load(ordering: .acquiring) || round < 1 {
                    // Single lookups, then one batch: both must be whole.
                    for i in stride(from: (reader + round) % 7, to: points.count, by: 7) {
                        let a = live.locate(points[i])
                        seen.insert(a.version)
                        if !isWhole(a, owner: owners[i]) { c.bad.add(1, ordering: .relaxed) }
                        c.answered.add(1, ordering: .relaxed)
                    }
                    let batch = live.locate(points)
                    if Set(batch.map(\.version)).count != 1 { c.bad.add(1, ordering: .relaxed) }
                    for (a, owner) in zip(batch, owners) where !isWhole(a, owner: owner) { c.bad.add(1, ordering: .relaxed) }
                    c.answered.add(batch.count, ordering: .relaxed)
                    round += 1
                }
                c.versionsSeen.withLock { $0.formUnion(seen) }
            }
        }
        let versions = (2...41).map { directory(version: $0) }
        bodies.append {
            for d in versions {
                let before = c.answered.load(ordering: .relaxed)
                live.publish(d)
                while c.answered.load(ordering: .relaxed) < before + 300 { usleep(100) }
            }
            c.done.store(true, ordering: .releasing)
        }
        runOnThreads(bodies)

        #expect(c.bad.load(ordering: .relaxed) == 0)
        #expect(live.current.version == 41)
        // Readers really overlapped the swaps.
        #expect(c.versionsSeen.withLock { $0.count } > 10, "versions seen: \(c.versionsSeen.withLock { $0.sorted() })")
        #expect(c.answered.load(ordering: .relaxed) > 40 * 300)
    }

    /// A service sees answers counted by position, the version in force, swaps and reload times
    /// through its own metrics factory, and one debug entry per swap or load through its logger.
    @Test func answersAndSwapsAreReportedThroughTheServicesMetricsAndLogger() throws {
        let metrics = TestMetrics()
        let logs = InMemoryLogHandler()
        var logger = Logger(label: "test", factory: { _ in logs })
        logger.logLevel = .trace
        let live = LiveGridDirectory(directory(version: 1), logger: logger, metrics: metrics)
        #expect(try metrics.expectGauge("gridgeo_grid_version").lastValue == 1)

        let points = swapPartition.mixedPoints(20_000, seed: 4)
        let expected = live.current.locate(points).map(\.position)
        for p in points.prefix(1_000) { _ = live.locate(p) }
        _ = live.locate(points)
        for position in [GridAnswer.Position.inside, .boundary, .outside] {
            let n = expected.count { $0 == position } + expected.prefix(1_000).count { $0 == position }
            #expect(n > 0)
            #expect(metrics.counterTotal(label: "gridgeo_lookup_points", dimensions: [("position", position.rawValue)]) == Int64(n))
        }
        #expect(logs.entries.isEmpty, "nothing is logged per lookup")

        live.publish(directory(version: 2))
        #expect(try metrics.expectGauge("gridgeo_grid_version").lastValue == 2)
        #expect(try metrics.expectCounter("gridgeo_grid_publishes").totalValue == 1)
        #expect(logs.entries.count == 1)
        #expect(logs.entries.allSatisfy { $0.level == .debug })
        #expect(logs.entries.first?.metadata["gridgeo.version"] == "2" && logs.entries.first?.metadata["gridgeo.previous_version"] == "1")
    }
}

/// Shared between the test's threads.
private final class Counters: Sendable {
    let done = Atomic(false)
    let bad = Atomic(0)
    let answered = Atomic(0)
    let versionsSeen = Mutex(Set<Int>())
}

/// Runs each body on a thread of its own (not the cooperative pool, which may have fewer threads
/// than bodies) and waits for all of them.
func runOnThreads(_ bodies: [@Sendable () -> Void]) {
    let finished = DispatchGroup()
    for body in bodies {
        finished.enter()
        Thread { body(); finished.leave() }.start()
    }
    finished.wait()
}
