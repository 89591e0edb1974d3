import Foundation
import GridGeoComponents
import GridGeoCore
import GridGeoGrids
import GridGeoHierarchy
import GridGeoLookup
import GridGeoStore
import Testing

/// `geo-import draft-communities` and `build-grids` run as users run them, on a small made-up district
/// in the middle of Dongcheng: 800 × 600 m, two streets, roads every 200 m, five communities to draft.
/// A new, empty store, made once per test process and removed at exit (copying it is faster than
/// creating the SpatiaLite metadata every time).
private let emptyStore: Result<String, any Error> = Result {
    try GridStore(path: emptyStorePath).close()
    atexit { try? FileManager.default.removeItem(atPath: emptyStorePath) }
    return emptyStorePath
}
private let emptyStorePath = FileManager.default.temporaryDirectory
    .appendingPathComponent("gridgeo-cli-empty-\(UUID().uuidString).sqlite").path

@Suite struct GridCommandsCLITests {
    static let frame = LocalFrame(origin: Coordinate(lon: 116.41, lat: 39.91))

    static func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
        .polygon(Polygon(exterior: Ring([Coordinate(x: x0, y: y0), Coordinate(x: x1, y: y0), Coordinate(x: x1, y: y1),
                                         Coordinate(x: x0, y: y1)].map(frame.toLonLat))))
    }

    /// The district, its streets and roads in a new database `name` of the workspace.
    static func district(_ ws: Workspace, _ name: String = "grid.sqlite") throws -> String {
        try FileManager.default.copyItem(atPath: emptyStore.get(), toPath: ws.file(name))
        let store = try GridStore(path: ws.file(name))
        try store.insert([DistrictRecord(code: "110101", name: "东城区", geometry: rectangle(0, 0, 800, 600))])
        try store.insert([
            StreetRecord(code: "110101001", name: "西街道", districtCode: "110101", geometry: rectangle(0, 0, 500, 600)),
            StreetRecord(code: "110101002", name: "东街道", districtCode: "110101", geometry: rectangle(500, 0, 800, 600)),
        ])
        var roads: [RoadRecord] = []
        for x in stride(from: 100.0, to: 800, by: 200) {
            roads.append(RoadRecord(name: "纵\(Int(x))", geometry: .lineString(LineString([Coordinate(x: x, y: -20), Coordinate(x: x, y: 620)].map(frame.toLonLat)))))
        }
        for y in stride(from: 100.0, to: 600, by: 200) {
            roads.append(RoadRecord(name: "横\(Int(y))", geometry: .lineString(LineString([Coordinate(x: -20, y: y), Coordinate(x: 820, y: y)].map(frame.toLonLat)))))
        }
        try store.insert(roads)
        try store.close()
        return ws.file(name)
    }

    static func names(_ ws: Workspace) throws -> String {
        let path = ws.file("communities.csv")
        try Data("""
            street_code,street_name,seq_in_street,community_name_nbs,community_name_short
            110101001,西街道,1,甲社区居委会,甲社区
            110101001,西街道,2,乙社区居委会,乙社区
            110101001,西街道,3,丙社区居委会,丙社区
            110101002,东街道,1,丁社区居委会,丁社区
            110101002,东街道,2,戊社区居委会,戊社区

            """.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func draftBuildAndRedivideFromTheCommandLine() throws {
        let ws = try Workspace()
        let db = try Self.district(ws)
        let names = try Self.names(ws)

        let drafted = try runGeoImport(["draft-communities", "--db", db, "--names", names], in: ws)
        #expect(drafted.status == 0, "\(drafted.stderr)")
        #expect(drafted.stdout.hasPrefix("drafted 5 communities in 2 streets of \(db), marked drafted\n"))
        #expect(drafted.stdout.contains("110101001 西街道: 3 communities, provisional codes"))
        #expect(drafted.stderr.contains("draft communities: 0...10...20...30...40...50...60...70...80...90...100 - done."))

        // A dry run builds and validates, and leaves the file alone.
        let before = try fileBytes(db)
        let dry = try runGeoImport(["build-grids", "-q", "--db", db, "--dry-run", "--start-date", "2024-01-01"], in: ws)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("dry run: nothing written to \(db)"))
        #expect(dry.stderr.isEmpty)
        #expect(try fileBytes(db) == before)

        let reportPath = ws.file("build.json")
        let first = try runGeoImport(["build-grids", "--db", db, "--start-date", "2024-01-01", "--report", reportPath], in: ws)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("published grid version 1, valid from 2024-01-01"))
        #expect(first.stderr.contains("build grids: 0...10...20...30...40...50...60...70...80...90...100 - done."))
        let report = try JSONDecoder().decode(GridBuildReport.self, from: fileBytes(reportPath))
        #expect(report.blockingProblems == 0 && report.validation.maxGapSquareMetres <= 0.01)
        #expect(report.validation.maxOverlapSquareMetres <= 0.01)

        // What was published is what the library builds: same codes, same shapes, street by street.
        let store = try GridStore(path: db)
        let grids = try store.unitGrids(version: 1)
        let communities = try store.communities()
        let roads = try store.roads().flatMap { r -> [LineString] in if case .multiLineString(let ls) = r.geometry { ls } else { [] } }
        let frame = LocalFrame(around: communities.map(\.geometry.boundingBox).reduce(BoundingBox.empty) { $0.union($1) })
        var expected: [UnitGrid] = []
        for (_, group) in Dictionary(grouping: communities, by: \.streetCode).sorted(by: { $0.key < $1.key }) {
            expected += try GridBuilder().grids(for: group.map { Community(code: $0.code, geometry: $0.geometry) }, roads: roads, frame: frame)
        }
        #expect(grids.count == expected.count && grids.count == report.grids)
        #expect((40...56).contains(grids.count), "480,000 m² in \(grids.count) grids")
        #expect(grids.map(\.code) == expected.map(\.code).sorted())
        // Codes: 15 digits, unique, prefixed by the community's code.
        #expect(Set(grids.map(\.code)).count == grids.count)
        for g in grids {
            #expect(g.code.count == 15 && g.code.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }, "\(g.code)")
            #expect(communities.contains { $0.code == g.communityCode && g.code.hasPrefix($0.code) })
        }

        // Components placed in version 1's grids, on a 7 × 5 lattice over the district.
        let spots = (0..<35).map { i in Self.frame.toLonLat(Coordinate(x: 57 + Double(i % 7) * 111, y: 43 + Double(i / 7) * 117)) }
        let added = try ComponentLedger(store: store).add(spots.enumerated().map { i, p in
            ComponentRecord(classCode: "0101", className: "", name: "井盖\(i)", districtCode: "", location: p, startDate: LocalDate("2024-02-01")!)
        }).codes
        let oldGrids = try added.map { try store.component(code: $0)!.gridCode }

        // A re-division: version 2 from 2024-06-01, version 1 ends that day.
        let second = try runGeoImport(["build-grids", "-q", "--db", db, "--target-area", "20000", "--start-date", "2024-06-01"], in: ws)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("published grid version 2, valid from 2024-06-01; version 1 ends 2024-06-01"))
        // The components followed: from 2024-06-01 each is in the version-2 grid that owns it, before
        // that still in its version-1 grid.
        let v2 = try GridDirectory(store: store, on: LocalDate("2024-06-01")!)
        let moved = zip(added, spots).filter { code, p in (try? store.component(code: code)?.gridCode) != v2.locate(p).grid }
        #expect(moved.isEmpty, "\(moved.count) components not in their version-2 grid")
        let changed = zip(oldGrids, spots).count { old, p in old != v2.locate(p).grid }
        #expect(changed > 0 && second.stdout.contains("components: \(changed) of 35 moved to the grid they lie in, from 2024-06-01"), "\(second.stdout)")
        #expect(try added.map { try store.component(code: $0, on: LocalDate("2024-05-31")!)!.gridCode } == oldGrids)
        let again = try runGeoImport(["reassign-components", "--db", db], in: ws)
        #expect(again.status == 0 && again.stdout == "components: 0 of 35 moved to the grid they lie in, from 2024-06-01\n", "\(again.stdout)\(again.stderr)")
        let versions = try store.gridVersions()
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions.map(\.endDate) == [LocalDate("2024-06-01"), nil])
        #expect(try store.unitGrids(version: 1).allSatisfy { $0.endDate == LocalDate("2024-06-01") })
        #expect(try store.unitGrids(version: 2).count < grids.count)

        let same = try runGeoImport(["build-grids", "-q", "--db", db, "--target-area", "20000", "--start-date", "2024-07-01"], in: ws)
        #expect(same.status == 0 && same.stdout.contains("no change from grid version 2: nothing published"), "\(same.stdout)")
    }

    typealias Failure = CLIFailure

    /// Each bad input with its documented exit code and what the message must name. Run against a store
    /// whose communities are drafted and whose version 1 starts 2024-01-01.
    static let failures: [Failure] = [
        Failure(name: "missing database", arguments: { _, ws in ["build-grids", "--db", ws + "/none.sqlite"] },
                exitCode: 66, fragments: ["Error 66: ", "none.sqlite"]),
        Failure(name: "missing names list", arguments: { db, ws in ["draft-communities", "--db", db, "--names", ws + "/none.csv"] },
                exitCode: 66, fragments: ["Error 66: ", "none.csv"]),
        Failure(name: "malformed --street", arguments: { db, ws in ["draft-communities", "--db", db, "--names", ws + "/communities.csv", "--street", "1101"] },
                exitCode: 64, fragments: ["--street 1101"]),
        Failure(name: "street already drafted", arguments: { db, ws in ["draft-communities", "--db", db, "--names", ws + "/communities.csv", "--street", "110101001"] },
                exitCode: 73, fragments: ["Error 73: ", "110101001", "already has 3 communities"]),
        Failure(name: "malformed --start-date", arguments: { db, _ in ["build-grids", "--db", db, "--start-date", "2024/06/01"] },
                exitCode: 64, fragments: ["--start-date 2024/06/01"]),
        Failure(name: "reassign-components, malformed --date", arguments: { db, _ in ["reassign-components", "--db", db, "--date", "6/1"] },
                exitCode: 64, fragments: ["--date 6/1"]),
        Failure(name: "reassign-components, no grids that day", arguments: { db, _ in ["reassign-components", "--db", db, "--date", "2023-01-01"] },
                exitCode: 65, fragments: ["Error 65: ", "2023-01-01"]),
        Failure(name: "reassign-components, missing database", arguments: { _, ws in ["reassign-components", "--db", ws + "/none.sqlite"] },
                exitCode: 66, fragments: ["Error 66: ", "none.sqlite"]),
        Failure(name: "impossible --target-area", arguments: { db, _ in ["build-grids", "--db", db, "--target-area", "0"] },
                exitCode: 64, fragments: ["--target-area"]),
        Failure(name: "start date not after the current version", arguments: { db, _ in ["build-grids", "-q", "--db", db, "--target-area", "5000", "--start-date", "2024-01-01"] },
                exitCode: 65, fragments: ["Error 65: ", "2024-01-01", "--start-date"]),
        Failure(name: "unknown --community", arguments: { db, _ in ["build-grids", "-q", "--db", db, "--community", "110101009009", "--start-date", "2025-01-01"] },
                exitCode: 65, fragments: ["Error 65: ", "110101009009"]),
        Failure(name: "no communities", arguments: { _, ws in ["build-grids", "-q", "--db", ws + "/bare.sqlite"] },
                exitCode: 65, fragments: ["Error 65: ", "no communities", "draft-communities"]),
    ]

    @Test func eachBadInputGetsItsExitCodeAndAClearMessage() throws {
        let ws = try Workspace()
        let db = try Self.district(ws)
        _ = try Self.district(ws, "bare.sqlite")
        let names = try Self.names(ws)
        #expect(try runGeoImport(["draft-communities", "-q", "--db", db, "--names", names], in: ws).status == 0)
        #expect(try runGeoImport(["build-grids", "-q", "--db", db, "--start-date", "2024-01-01"], in: ws).status == 0)
        let before = try fileBytes(db)
        try expectEachFails(Self.failures, db: db, in: ws)
        #expect(try fileBytes(db) == before, "no failed run changed the database")
    }

    /// SampleData's synthetic layers import as the quick start imports them, and stay marked drafted.
    @Test func sampleDataStreetsImportMarkedDrafted() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let sample = Locations.packageRoot.appendingPathComponent("SampleData").path
        try runImport([sample + "/synthetic_streets.geojson"], into: store, .streets)
        try runImport([sample + "/synthetic_roads.geojson"], into: store, .roads)
        let streets = try store.streets()
        #expect(streets.count == 17 && streets.allSatisfy { $0.drafted })
        #expect(streets.first?.name == "东华门街道" && streets.last?.code == "110101017")
        #expect(try store.roads().count == 58)
    }

    /// Grids that fail validation are not published: exit 65, the findings on stdout, the file unchanged.
    @Test func aFailedValidationPublishesNothing() throws {
        let ws = try Workspace()
        let db = try Self.district(ws)
        let store = try GridStore(path: db)
        try store.insert([
            CommunityRecord(code: "110101001001", name: "甲社区", streetCode: "110101001", geometry: Self.rectangle(0, 0, 300, 600)),
            CommunityRecord(code: "110101001002", name: "乙社区", streetCode: "110101001", geometry: Self.rectangle(250, 0, 500, 600)),
        ])
        try store.close()
        let before = try fileBytes(db)
        let result = try runGeoImport(["build-grids", "-q", "--db", db, "--report", ws.file("r.json")], in: ws)
        #expect(result.status == 65)
        #expect(result.stdout.contains("refused: nothing published"))
        #expect(result.stderr.contains("Error 65: validation found"))
        #expect(result.stderr.contains(ws.file("r.json")))
        #expect(try JSONDecoder().decode(GridBuildReport.self, from: fileBytes(ws.file("r.json"))).outcome == .refused)
        #expect(try fileBytes(db) == before)
    }
}
