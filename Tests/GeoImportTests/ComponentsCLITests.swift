import Foundation
import GridGeoCore
import GridGeoImport
import GridGeoShapefile
import GridGeoStore
import Testing

extension Locations {
    /// The `gridgeo` binary built beside this test bundle.
    static let gridgeo: String? = {
        let bundleFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [bundleFolder.appendingPathComponent("gridgeo").path,
                          packageRoot.appendingPathComponent(".build/debug/gridgeo").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}


/// Bus stops (`ZM` stop name) at `points`.
private func writeStops(_ path: String, _ points: [Coordinate]) throws -> String {
    try writeShapefile(path, kind: .point, fields: [ShapefileField(name: "ZM", type: .string, width: 40)],
                       records: points.enumerated().map { i, p in (.point(p), ["ZM": .string("测试站\(i + 1)")]) })
}

@Suite struct ComponentsCLITests {
    /// geo-import places each component in its grid; gridgeo lists, searches and counts them; geo-import
    /// renders the counts. The binaries as users run them.
    @Test func importListSearchCountAndRender() throws {
        let ws = try Workspace()
        let store = try ws.gridStore()
        try store.close()
        let db = ws.file("grid.sqlite")
        let points = Dongcheng.points(6)
        let shp = try writeStops(ws.file("BJ_0203.shp"), points)

        let imported = try run(Locations.geoImport, ["import", shp, "--db", db, "--layer", "components", "--class", "0203", "-q"], in: ws)
        #expect(imported.status == 0, "\(imported.stderr)")

        let list = try run(Locations.gridgeo, ["components", "--db", db, "--class", "0203"], in: ws)
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.first == ["code", "class", "name", "state", "grid", "lon", "lat"])
        #expect(lines.dropFirst().map { $0[0] } == (1...6).map { "1101010203" + String(format: "%06d", $0) })
        #expect(lines.dropFirst().allSatisfy { $0[1] == "0203" && $0[3] == "完好" && $0[4].count == 15 })
        #expect(lines.dropFirst().map { $0[2] } == (1...6).map { "测试站\($0)" })

        let grid = lines[1][4]
        let inGrid = try run(Locations.gridgeo, ["components", "--db", db, "--grid", grid], in: ws)
        #expect(inGrid.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.contains("\t\(grid)\t") })

        let p = points[2]
        let near = try run(Locations.gridgeo, ["components", "--db", db, "--near", "\(p.lon),\(p.lat)", "-k", "3", "--json"], in: ws)
        #expect(near.status == 0, "\(near.stderr)")
        struct Hit: Decodable { var code: String; var name: String; var distanceMetres: Double; var street: String? }
        let hits = try JSONDecoder().decode([Hit].self, from: Data(near.stdout.utf8))
        #expect(hits.count == 3 && hits[0].name == "测试站3" && hits[0].distanceMetres == 0)
        #expect(hits.map(\.distanceMetres) == hits.map(\.distanceMetres).sorted() && hits.allSatisfy { $0.street == "110101001" })
        let radius = try run(Locations.gridgeo, ["components", "--db", db, "--near", "\(p.lon),\(p.lat)", "--radius", "1"], in: ws)
        #expect(radius.stdout.split(separator: "\n").count == 2 && radius.stdout.hasPrefix("code\tclass\tname\tstate\tgrid\tlon\tlat\tdistance_m\n"))

        let stats = try run(Locations.gridgeo, ["stats", "--db", db, "--by", "street"], in: ws)
        #expect(stats.status == 0 && stats.stdout == "street_code,street_name,class_code,class_name,count\n110101001,东华门街道,0203,公交站亭,6\n")
        let before = try run(Locations.gridgeo, ["stats", "--db", db, "--by", "community", "--date", "2019-12-31"], in: ws)
        #expect(before.stdout == "community_code,community_name,class_code,class_name,count\n")
        let perGrid = try run(Locations.gridgeo, ["stats", "--db", db, "--by", "grid", "--class", "0203"], in: ws)
        #expect(perGrid.stdout.split(separator: "\n").dropFirst().map { Int($0.split(separator: ",").last!)! }.reduce(0, +) == 6)

        for name in ["map.svg", "map.png"] {
            let render = try run(Locations.geoImport, ["render", "--db", db, "--stat", "components", "--class", "0203", "--by", "grid",
                                                       "--width", "400", "--height", "500", "-o", ws.file(name)], in: ws)
            #expect(render.status == 0, "\(render.stderr)")
            let bytes = try fileBytes(ws.file(name))
            #expect(name.hasSuffix("svg") ? String(decoding: bytes, as: UTF8.self).contains("components 0203 公交站亭 per grid (6)")
                                          : bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }

    @Test func mistakesAreUsageErrorsAndAMissingDatabaseIsMissingInput() throws {
        let ws = try Workspace()
        let store = try ws.gridStore()
        try store.close()
        let db = ws.file("grid.sqlite")
        let cases: [([String], Int32, String)] = [
            (["components", "--db", ws.file("nope.sqlite"), "--class", "0203"], 66, "no such file"),
            (["components", "--db", db], 64, "choose components"),
            (["components", "--db", db, "--near", "116.41,39.91"], 64, "--radius"),
            (["components", "--db", db, "--near", "116.41", "-k", "3"], 64, "lon,lat"),
            (["components", "--db", db, "--grid", "1101010010010", "--street", "110101001"], 64, "one of"),
            (["components", "--db", db, "--community", "11010100100"], 64, "12 digits"),
            (["components", "--db", db, "--class", "0203", "--date", "2024-13-01"], 64, "YYYY-MM-DD"),
            (["stats", "--db", db, "--by", "city"], 64, "grid, community or street"),
            (["stats", "--db", ws.file("nope.sqlite"), "--by", "street"], 66, "no such file"),
        ]
        for (arguments, status, fragment) in cases {
            let result = try run(Locations.gridgeo, arguments, in: ws)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
        }
        let render = try run(Locations.geoImport, ["render", "--db", db, "--class", "0203", "-o", ws.file("m.svg")], in: ws)
        #expect(render.status == 64 && render.stderr.contains("--stat components"))
    }

    /// A component in no unit grid stops the import with its feature number and position, or is skipped
    /// and listed with --skip-failures; nothing is stored without a grid.
    @Test func aComponentInNoGridIsReportedNotStoredSilently() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        try store.insert([StreetRecord(code: "110101001", name: "东华门街道", districtCode: "110101", geometry: .polygon(Dongcheng.boundary))])
        // Grids over the centre box only.
        var cover = GridCover(box: Dongcheng.centre, columns: 4, rows: 4)
        for r in 0..<4 { for c in 0..<4 { cover.add(code: "110101001001" + String(format: "%03d", r * 4 + c + 1), column: c, row: r) } }
        try cover.publish(store)
        let outside = Coordinate(lon: 116.40, lat: 39.95)   // in the district, north of the gridded box
        let shp = try writeStops(ws.file("BJ_0203.shp"), Dongcheng.points(3) + [outside])

        expect(importFailure([shp], into: store, .components) { $0.componentClass = "0203" }, exitCode: 65,
               mentions: [shp, "1 component(s) in no unit grid", "feature #3 测试站4", "116.4000000", "--skip-failures"])
        #expect(try store.count(of: .components) == 0)
        let report = try runImport([shp], into: store, .components) {
            $0.componentClass = "0203"
            $0.skipFailures = true
        }
        #expect(report.files.first?.skipped.map(\.feature) == [3])
        #expect(report.files.first?.skipped.first?.reason.contains("in no unit grid") == true)
        #expect(try store.components(.all).map(\.gridCode).allSatisfy { $0 != nil } && store.count(of: .components) == 3)

        // An unknown class is a usage error; a store without grids a data error.
        expect(importFailure([shp], into: store, .components) { $0.componentClass = "0299"; $0.mode = .append }, exitCode: 64,
               mentions: ["--class 0299", "catalogue"])
        let bare = try ws.districtStore("bare.sqlite")
        expect(importFailure([shp], into: bare, .components) { $0.componentClass = "0203" }, exitCode: 65, mentions: ["no unit grids"])
    }
}
