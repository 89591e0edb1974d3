import Foundation
import GridGeoComponents
import GridGeoCore
import GridGeoIndex
import GridGeoLookup
import GridGeoStore
import Testing

@Suite struct ComponentLedgerTests {
    @Test func componentsGetTheGridThatOwnsThemAndItsDistrict() throws {
        try Area.withStore { store in
            let ledger = try ComponentLedger(store: store)
            let points = [Coordinate(lon: 116.4025, lat: 39.9175), Coordinate(lon: 116.4175, lat: 39.9025),
                          Coordinate(lon: Area.middle, lat: 39.9125)]   // the last on the edge between the streets: east owns it
            let (codes, outside) = try ledger.add(points.enumerated().map { Area.record("0101", "井盖\($0)", at: $1) })
            #expect(outside.isEmpty && codes.count == 3)
            let stored = try store.components(.all)
            #expect(stored.map(\.gridCode) == ["110101001001001", "110101002001008", "110101002001003"])
            #expect(stored.map(\.className) == ["上水井盖", "上水井盖", "上水井盖"])
            #expect(stored.allSatisfy { $0.code.hasPrefix("1101010101") })
        }
    }

    @Test func aComponentInNoGridIsRefusedOrSkippedNeverStoredWithoutOne() throws {
        try Area.withStore { store in
            let ledger = try ComponentLedger(store: store)
            let records = [Area.record("0203", "站内", at: .init(lon: 116.405, lat: 39.905)),
                           Area.record("0203", "站外", at: .init(lon: 116.43, lat: 39.905))]
            #expect(throws: ComponentError.outsideEveryGrid([OutsideComponent(index: 1, name: "站外", location: .init(lon: 116.43, lat: 39.905))])) {
                try ledger.add(records)
            }
            #expect(try store.count(of: .components) == 0)
            let (codes, outside) = try ledger.add(records, skipOutside: true)
            #expect(codes == ["1101010203000001"] && outside.map(\.name) == ["站外"])
            // Moving a component out of every grid is refused the same way.
            #expect(throws: ComponentError.self) {
                try ledger.change(codes[0], on: date("2021-01-01"), ComponentChange(location: .init(lon: 116.5, lat: 39.9)))
            }
            #expect(throws: ComponentError.unknownClass("0999")) { try ledger.add([Area.record("0999", "x", at: .init(lon: 116.405, lat: 39.905))]) }
        }
    }

    @Test func aStoreWithoutGridsHasNoLedger() throws {
        try Area.withStore { store in
            let path = store.path + "-empty.sqlite"
            let empty = try GridStore(path: path)
            defer {
                try? empty.close()
                try? FileManager.default.removeItem(atPath: path)
            }
            #expect(throws: ComponentError.noGrids) { try ComponentLedger(store: empty) }
        }
    }

    /// 部件在线更新 against a replayed reference: 10,000 seeded adds, changes (state, name, maintainer,
    /// moves across grids) and retirements in batches of 500, one transaction each; then the whole
    /// snapshot read back on random past dates equals the reference's, and so does each history.
    @Test func aRandomUpdateSequenceReadsBackOnAnyDateAsReplayed() throws {
        struct State: Equatable {
            var name: String, state: ComponentState, location: Coordinate, grid: String, maintainer: String?
        }
        try Area.withStore { store in
            let ledger = try ComponentLedger(store: store)
            var rng = SplitMix64(seed: 20_240_601)
            func randomPoint() -> Coordinate {
                Coordinate(lon: Double.random(in: 116.4001...116.4199, using: &rng), lat: Double.random(in: 39.9001...39.9199, using: &rng))
            }
            // Reference: per code, its states in the order they were written, nil for retirement.
            var timeline: [String: [(date: LocalDate, state: State?)]] = [:]
            var live: [String] = []
            var nextSequence: [String: Int] = [:]
            var day = date("2020-01-01")
            var changeDays: [LocalDate] = []
            let classes = ["0101", "0117", "0203", "0403"]

            for _ in 0..<20 {
                var batch: [ComponentOperation] = [], expected: [String] = []
                for _ in 0..<500 {
                    if Int.random(in: 0..<3, using: &rng) == 0 { day = day.adding(days: Int.random(in: 1...3, using: &rng)) }
                    let roll = Int.random(in: 0..<100, using: &rng)
                    if live.isEmpty || roll < 35 {
                        let cls = classes.randomElement(using: &rng)!
                        let seq = (nextSequence[cls] ?? 0) + 1
                        nextSequence[cls] = seq
                        let code = "110101" + cls + String(repeating: "0", count: 6 - String(seq).count) + String(seq)
                        let p = randomPoint()
                        let s = ComponentState.allCases.randomElement(using: &rng)!
                        var r = Area.record(cls, "部件\(code.suffix(4))", at: p, on: day.description)
                        r.state = s
                        batch.append(.add(r))
                        timeline[code] = [(day, State(name: r.name, state: s, location: p, grid: Area.gridCode(of: p), maintainer: nil))]
                        live.append(code)
                        expected.append(code)
                    } else if roll < 85 {
                        let code = live.randomElement(using: &rng)!
                        var s = timeline[code]!.last!.state!
                        var change = ComponentChange()
                        if Bool.random(using: &rng) { s.state = ComponentState.allCases.randomElement(using: &rng)!; change.state = s.state }
                        if Int.random(in: 0..<4, using: &rng) == 0 { s.name += "改"; change.name = s.name }
                        if Int.random(in: 0..<3, using: &rng) == 0 {
                            s.maintainer = "养护\(Int.random(in: 1...9, using: &rng))"
                            change.maintainer = Organization(name: s.maintainer!)
                        }
                        if Int.random(in: 0..<4, using: &rng) == 0 {
                            s.location = randomPoint(); s.grid = Area.gridCode(of: s.location); change.location = s.location
                        }
                        batch.append(.change(code: code, date: day, change))
                        timeline[code]!.append((day, s))
                        expected.append(code)
                        changeDays.append(day)
                    } else {
                        let i = Int.random(in: 0..<live.count, using: &rng)
                        let code = live.remove(at: i)
                        batch.append(.retire(code: code, date: day))
                        timeline[code]!.append((day, nil))
                        expected.append(code)
                        changeDays.append(day)
                    }
                }
                #expect(try ledger.apply(batch) == expected, "codes are allocated as the reference numbers them")
            }

            func reference(on d: LocalDate) -> [String: State] {
                var out: [String: State] = [:]
                for (code, entries) in timeline {
                    // The last state written with a date on or before d.
                    if let last = entries.last(where: { $0.date <= d }), let s = last.state { out[code] = s }
                }
                return out
            }
            let first = date("2019-12-31")
            var dates = [first, day, day.adding(days: 1)] + changeDays.shuffled(using: &rng).prefix(12)
            for _ in 0..<12 { dates.append(date("2020-01-01").adding(days: Int.random(in: 0...day.daysSince2020, using: &rng))) }
            for d in dates {
                var got: [String: State] = [:]
                for c in try store.components(.all, on: d) {
                    got[c.code] = State(name: c.name, state: c.state, location: c.location, grid: c.gridCode ?? "", maintainer: c.maintainer?.name)
                }
                let want = reference(on: d)
                #expect(got.count == want.count, "\(d)")
                #expect(got == want, "on \(d): \(got.filter { want[$0.key] != $0.value }.prefix(3))")
            }
            // Each operation is one state in the history; and single reads agree with the snapshots.
            for code in timeline.keys.sorted().shuffled(using: &rng).prefix(40) {
                let history = try store.componentHistory(code: code)
                #expect(history.count == timeline[code]!.count, "\(code)")
                let d = dates.randomElement(using: &rng)!
                #expect(try store.component(code: code, on: d).map(\.state) == reference(on: d)[code].map(\.state))
            }
            #expect(try store.count(of: .components) == live.count)
        }
    }
}

extension LocalDate {
    /// Days since 2020-01-01 (the tests' calendar starts there).
    var daysSince2020: Int {
        var d = LocalDate("2020-01-01")!, n = 0
        while d < self { d = d.adding(days: 1); n += 1 }
        return n
    }

    func adding(days: Int) -> LocalDate {
        var (y, m, d) = (year, month, day)
        for _ in 0..<days {
            d += 1
            if LocalDate(year: y, month: m, day: d) == nil { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
        }
        return LocalDate(year: y, month: m, day: d)!
    }
}

@Suite struct ReassignmentTests {
    /// After a re-division the components move to their new grids from its start date; before it they
    /// read back in the old ones.
    @Test func aRedivisionMovesComponentsToTheirNewGridsFromItsStart() throws {
        try Area.withStore { store in
            let p = Coordinate(lon: 116.4025, lat: 39.9175), q = Coordinate(lon: 116.4175, lat: 39.9025)
            let codes = try ComponentLedger(store: store).add([Area.record("0101", "a", at: p), Area.record("0101", "b", at: q)]).codes
            // Version 2: the western community's grids become one grid 110101001001001; the east is unchanged.
            var grids = try store.unitGrids(version: 1).filter { $0.code.hasPrefix("110101002") }
            grids.append(UnitGridRecord(code: "110101001001001", geometry: .polygon(rectangle(116.40, 39.90, Area.middle, 39.92))))
            try store.publishGridVersion(grids, startDate: date("2024-01-01"))
            let ledger = try ComponentLedger(store: store)
            let (changed, outside) = try ledger.reassignGrids(on: date("2024-01-01"))
            #expect(changed == 0 && outside.isEmpty, "a was already in 001, b stays in 008")
            // A point in the merged grid's old 004 moves to 001.
            let r = Coordinate(lon: 116.4075, lat: 39.9125)
            let old = try ComponentLedger(store: store, directory: GridDirectory(store: store, on: date("2023-06-01")))
            let code = try old.add([Area.record("0101", "c", at: r, on: "2023-06-01")]).codes[0]
            #expect(try store.component(code: code)?.gridCode == "110101001001004")
            #expect(try ledger.reassignGrids(on: date("2024-01-01")).changed == 1)
            #expect(try store.component(code: code)?.gridCode == "110101001001001")
            #expect(try store.component(code: code, on: date("2023-12-31"))?.gridCode == "110101001001004")
            #expect(codes.count == 2)
        }
    }
}
