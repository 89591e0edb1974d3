import Foundation
import GridGeoCore
import GridGeoGEOS
import GridGeoGrids
import GridGeoHierarchy
import GridGeoStore
import Testing

@Suite struct HierarchyDrafterTests {
    @Test func eachStreetGetsItsListedCommunitiesMarkedDrafted() throws {
        let s = try Scratch()
        let store = try smallDistrict(in: s)
        let names = try CommunityNameList(contentsOfFile: s.write("names.csv", namesCSV))
        var ticks: [String] = []
        let drafter = HierarchyDrafter(store: store)
        drafter.progress = { done, total, name in ticks.append("\(done)/\(total) \(name)") }
        let report = try drafter.draftCommunities(names: names)

        #expect(ticks == ["1/2 西街道", "2/2 东街道"])
        #expect(report.communityCount == 5)
        #expect(report.warnings.contains { $0.contains("110101099") })
        let communities = try store.communities()
        #expect(communities.map(\.code) == ["110101001001", "110101001002", "110101001003", "110101002001", "110101002002"])
        #expect(communities.allSatisfy { $0.drafted })
        // Names in list order; codes north to south, west to east (provisional).
        #expect(communities.prefix(3).map(\.name) == ["甲社区", "乙社区", "丙,丁社区"])
        #expect(report.drafted.allSatisfy { $0.provisionalCodes })

        // Each street is tiled: the parts add up to it, each close to its share.
        let geos = try GEOSContext()
        for street in try store.streets() {
            let parts = communities.filter { $0.streetCode == street.code }
            let areas = try parts.map { try geos.area(frame.toMetres($0.geometry)) }
            let whole = try geos.area(frame.toMetres(street.geometry))
            #expect(abs(areas.reduce(0, +) - whole) < 0.01)
            for a in areas { #expect(abs(a / (whole / Double(parts.count)) - 1) < 0.1, "\(a) of \(whole)") }
        }
    }

    @Test func streetsWithCommunitiesAreLeftAlone() throws {
        let s = try Scratch()
        let store = try draftedDistrict(in: s)
        let names = try CommunityNameList(contentsOfFile: s.write("names.csv", namesCSV))
        let again = try HierarchyDrafter(store: store).draftCommunities(names: names)
        #expect(again.communityCount == 0)
        #expect(again.skipped.map(\.reason) == ["has 3 communities", "has 2 communities"])
        // Named explicitly: refused as output that exists.
        #expect(throws: HierarchyError.self) { try HierarchyDrafter(store: store).draftCommunities(names: names, streetCodes: ["110101001"]) }
        do { _ = try HierarchyDrafter(store: store).draftCommunities(names: names, streetCodes: ["110101001"]) }
        catch { #expect(error.exitCode == 73) }
        do { _ = try HierarchyDrafter(store: store).draftCommunities(names: names, streetCodes: ["110101077"]) }
        catch { #expect(error.exitCode == 65 && error.description.contains("110101077")) }
        #expect(try store.communities().count == 5)
    }

    /// Source streets that overlap (here by a 20 m strip) must not give overlapping communities.
    @Test func draftedCommunitiesNeverOverlapAnotherStreets() throws {
        let s = try Scratch()
        let store = try smallDistrict(in: s, overlap: 20)
        let names = try CommunityNameList(contentsOfFile: s.write("names.csv", namesCSV))
        let report = try HierarchyDrafter(store: store).draftCommunities(names: names)
        // The west street (drafted first) keeps the strip; the east one leaves it: 20 × 600 m.
        let east = try #require(report.drafted.first { $0.code == "110101002" })
        #expect(abs(east.excludedSquareMetres - 12_000) < 1)
        let geos = try GEOSContext()
        let communities = try store.communities()
        for a in communities where a.streetCode == "110101001" {
            for b in communities where b.streetCode == "110101002" {
                #expect(try geos.area(frame.toMetres(geos.intersection(a.geometry, b.geometry))) < 0.01)
            }
        }
    }

    @Test func streetsAreDraftedToTheirAreas() throws {
        let s = try Scratch()
        let store = try smallDistrict(in: s, streets: false)
        let areas = StreetAreaList(entries: [.init(code: "110101001", name: "西街道", areaSquareKilometres: 2),
                                             .init(code: "110101002", name: "东街道", areaSquareKilometres: 1)])
        let report = try HierarchyDrafter(store: store).draftStreets(areas: areas)
        #expect(report.streets.map(\.code) == ["110101001", "110101002"])
        let ratio = report.streets[0].areaSquareMetres / report.streets[1].areaSquareMetres
        #expect(abs(ratio - 2) < 0.1, "\(ratio)")
        #expect(abs(report.streets.reduce(0) { $0 + $1.areaSquareMetres } - 480_000) < 500)
        let stored = try store.streets()
        #expect(stored.count == 2 && stored.allSatisfy { $0.drafted })
        do { _ = try HierarchyDrafter(store: store).draftStreets(areas: areas) } catch { #expect(error.exitCode == 73) }
    }
}
