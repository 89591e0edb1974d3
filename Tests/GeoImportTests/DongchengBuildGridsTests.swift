import Foundation
import GridGeoHierarchy
import GridGeoStore
import Testing

// The whole Dongcheng job through the command line, on the real delivery (evaluation-only, read in
// place from ../shared/data; never copied): import the district, the 17 streets and 15,542 road
// segments, draft the 182 communities, build, validate and publish the grids. It checks the issue's
// "done when" figures and prints the time of each step. A measurement, not a timed test: it runs in
// release builds only (or with GRIDGEO_DONGCHENG=1), with the grid measurement:
//
//     swift test -c release --scratch-path .build-release -Xswiftc -enable-testing --filter dongchengMeasurement

private let communitiesFile = Locations.packageRoot.appendingPathComponent("../shared/data/dongcheng/communities.csv")
    .standardizedFileURL.path

private var enabled: Bool {
    guard Locations.deliveryPresent, FileManager.default.fileExists(atPath: communitiesFile) else { return false }
    #if DEBUG
    return ProcessInfo.processInfo.environment["GRIDGEO_DONGCHENG"] != nil
    #else
    return true
    #endif
}

@Test(.enabled(if: enabled, "needs ../shared/data and a release build (or GRIDGEO_DONGCHENG=1)"))
func dongchengMeasurementCLI() throws {
    let ws = try Workspace()
    let db = ws.file("dongcheng.sqlite")
    let clock = ContinuousClock()
    func step(_ name: String, _ arguments: [String]) throws -> ProcessResult {
        let started = clock.now
        let result = try runGeoImport(arguments, in: ws)
        print("Dongcheng CLI, \(name): \(clock.now - started)")
        #expect(result.status == 0, "\(name): \(result.stderr)")
        return result
    }
    _ = try step("import district", ["import", "-q", "--db", db, "--layer", "districts", Locations.district])
    _ = try step("import streets", ["import", "-q", "--db", db, "--layer", "streets", Locations.delivery + "/街道边界/街道边界.shp"])
    _ = try step("import roads", ["import", "-q", "--db", db, "--layer", "roads", Locations.delivery + "/道路中心线/DLZXX.shp"])
    let drafted = try step("draft-communities", ["draft-communities", "-q", "--db", db, "--names", communitiesFile])
    #expect(drafted.stdout.hasPrefix("drafted 182 communities in 17 streets"))
    try FileManager.default.copyItem(atPath: db, toPath: ws.file("again.sqlite"))

    let built = try step("build-grids", ["build-grids", "-q", "--db", db, "--start-date", "2024-01-01", "--report", ws.file("r.json")])
    print(built.stdout)
    let report = try JSONDecoder().decode(GridBuildReport.self, from: fileBytes(ws.file("r.json")))
    #expect(report.outcome == .published && report.communities == 182)
    // Every community tiled exactly; figures the issue asks for.
    #expect(report.blockingProblems == 0)
    #expect(report.validation.communities.allSatisfy { $0.gapSquareMetres <= 0.01 && $0.overlapSquareMetres <= 0.01 })
    #expect(report.area.median >= 8_000 && report.area.median <= 12_000)
    #expect(report.area.shareWithin5kTo20k >= 0.95)
    let grids = try GridStore(path: db).unitGrids(version: 1)
    #expect(Set(grids.map(\.code)).count == grids.count)
    #expect(grids.allSatisfy { $0.code.count == 15 && $0.code.hasPrefix($0.communityCode) })
    for (community, own) in Dictionary(grouping: grids, by: \.communityCode) {
        #expect(own.map { Int($0.code.suffix(3))! }.sorted() == Array(1...own.count), "\(community)")
    }

    // The same input gives byte-identical grids.
    _ = try step("build-grids again", ["build-grids", "-q", "--db", ws.file("again.sqlite"), "--start-date", "2024-01-01"])
    _ = try step("export", ["export", "--db", db, "--layer", "grids", "-o", ws.file("a.geojson")])  // no -q: nothing to silence
    _ = try runGeoImport(["export", "--db", ws.file("again.sqlite"), "--layer", "grids", "-o", ws.file("b.geojson")], in: ws)
    #expect(try fileBytes(ws.file("a.geojson")) == fileBytes(ws.file("b.geojson")))
}
