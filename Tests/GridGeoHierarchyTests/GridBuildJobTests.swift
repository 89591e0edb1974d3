import Foundation
import GridGeoCore
import GridGeoGEOS
import GridGeoGrids
import GridGeoHierarchy
import GridGeoStore
import Testing

private func date(_ text: String) -> LocalDate { LocalDate(text)! }

private func build(_ store: GridStore, start: String, target: Double = 10_000, dryRun: Bool = false,
                   only: [String] = []) throws(HierarchyError) -> GridBuildReport {
    var options = GridBuildOptions()
    options.startDate = date(start)
    options.grid.targetAreaSquareMetres = target
    options.dryRun = dryRun
    options.communityCodes = only
    return try GridBuildJob(store: store, options: options).run()
}

@Suite struct GridBuildJobTests {
    @Test func aFirstBuildPublishesVersionOneWithStandardCodes() throws {
        let s = try Scratch()
        let store = try draftedDistrict(in: s)
        let report = try build(store, start: "2024-01-01")
        #expect(report.outcome == .published && report.publishedVersion == 1)
        #expect(report.blockingProblems == 0)
        #expect(report.validation.maxGapSquareMetres <= 0.01 && report.validation.maxOverlapSquareMetres <= 0.01)

        let grids = try store.unitGrids(version: 1)
        #expect(grids.count == report.grids)
        // 480,000 m² at about 10,000 m² a grid.
        #expect((40...56).contains(grids.count), "\(grids.count) grids")
        #expect(Set(grids.map(\.code)).count == grids.count)
        #expect(grids.allSatisfy { $0.code.count == 15 && $0.code.allSatisfy(\.isNumber) && $0.startDate == date("2024-01-01") })
        // Each community numbered 001… without holes.
        for (community, own) in Dictionary(grouping: grids, by: \.communityCode) {
            #expect(own.map { Int($0.code.suffix(3))! }.sorted() == Array(1...own.count), "\(community)")
        }
        #expect(report.area.median > 7_000 && report.area.median < 13_000)
    }

    @Test func buildingTheSameAgainChangesNothing() throws {
        let s = try Scratch()
        let store = try draftedDistrict(in: s)
        let first = try build(store, start: "2024-01-01")
        let again = try build(store, start: "2024-02-01")
        #expect(again.outcome == .unchanged && again.keptCodes == first.grids)
        #expect(try store.gridVersions().count == 1)
    }

    @Test func aRedivisionEndsTheOldVersionAndKeepsUnchangedCodes() throws {
        let s = try Scratch()
        let store = try draftedDistrict(in: s)
        _ = try build(store, start: "2024-01-01")
        let old = try store.unitGrids(version: 1)
        let report = try build(store, start: "2024-06-01", target: 20_000)
        #expect(report.outcome == .published && report.publishedVersion == 2 && report.previousVersion == 1)

        let versions = try store.gridVersions()
        #expect(versions.map(\.endDate) == [date("2024-06-01"), nil])
        #expect(try store.unitGrids(version: 1).allSatisfy { $0.endDate == date("2024-06-01") })
        let new = try store.unitGrids(version: 2)
        #expect(new.count < old.count)
        #expect(try store.unitGrids(on: date("2024-03-01")).count == old.count)
        #expect(try store.unitGrids(on: date("2024-06-01")).count == new.count)
        // A kept code names the same shape; new codes come after every sequence the community used.
        let oldByCode = Dictionary(uniqueKeysWithValues: old.map { ($0.code, $0) })
        let highest = Dictionary(grouping: old, by: \.communityCode).mapValues { $0.map { Int($0.code.suffix(3))! }.max()! }
        let geos = try GEOSContext()
        var kept = 0
        for g in new {
            if let before = oldByCode[g.code] {
                kept += 1
                #expect(try geos.area(frame.toMetres(geos.difference(g.geometry, before.geometry))) < 0.01)
            } else {
                #expect(Int(g.code.suffix(3))! > highest[g.communityCode]!, "\(g.code)")
            }
        }
        #expect(kept == report.keptCodes)
    }

    @Test func aDryRunWritesNothing() throws {
        let s = try Scratch()
        let store = try draftedDistrict(in: s)
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        let report = try build(store, start: "2024-01-01", dryRun: true)
        #expect(report.outcome == .dryRun && report.grids > 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
    }

    @Test func rebuildingOneCommunityCarriesTheOthersOver() throws {
        let s = try Scratch()
        let store = try draftedDistrict(in: s)
        _ = try build(store, start: "2024-01-01")
        let old = try store.unitGrids(version: 1)
        let report = try build(store, start: "2024-02-01", target: 5_000, only: ["110101002001"])
        #expect(report.outcome == .published && report.communities == 1)
        let others = old.filter { $0.communityCode != "110101002001" }
        #expect(report.carriedOverGrids == others.count)
        let new = try store.unitGrids(version: 2)
        #expect(Set(new.filter { $0.communityCode != "110101002001" }.map(\.code)) == Set(others.map(\.code)))
        #expect(new.filter { $0.communityCode == "110101002001" }.count > old.filter { $0.communityCode == "110101002001" }.count)
    }

    @Test func overlappingCommunitiesAreRefusedAndNothingIsPublished() throws {
        let s = try Scratch()
        let store = try smallDistrict(in: s)
        try store.insert([
            CommunityRecord(code: "110101001001", name: "甲社区", streetCode: "110101001", geometry: .polygon(rectangle(0, 0, 300, 600))),
            CommunityRecord(code: "110101001002", name: "乙社区", streetCode: "110101001", geometry: .polygon(rectangle(250, 0, 500, 600))),
        ])
        let report = try build(store, start: "2024-01-01")
        #expect(report.outcome == .refused)
        #expect(report.blockingProblems > 0, "\(report.validation.counts)")
        #expect(try store.currentGridVersion() == nil)
    }

    @Test func impossibleRequestsSayWhy() throws {
        let s = try Scratch()
        let empty = try smallDistrict(in: s)
        #expect(throws: HierarchyError.self) { try build(empty, start: "2024-01-01") }
        do { _ = try build(empty, start: "2024-01-01") } catch { #expect(error.description.contains("draft-communities")) }

        let s2 = try Scratch()
        let store = try draftedDistrict(in: s2)
        _ = try build(store, start: "2024-01-01")
        do { _ = try build(store, start: "2024-01-01", target: 20_000); Issue.record("published on the same start date") }
        catch { #expect(error.exitCode == 65 && error.description.contains("--start-date")) }
        do { _ = try build(store, start: "2024-02-01", only: ["110101009009"]) }
        catch { #expect(error.exitCode == 65 && error.description.contains("110101009009")) }
    }
}
