import Foundation
import GridGeoCore
import GridGeoPROJ
import GridGeoStore
import Testing

// End to end: the built `gridgeo lookup` binary on a small store, stdout, stderr and exit code.

/// 东城区 → 东华门街道 → 多福巷社区; version 1 (2023-01-01): grids 001 | 002 side by side;
/// version 2 (2024-07-01): 002 split into 002 (south) and 003 (north).
private let storePath: Result<String, any Error> = Result {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("lookup-cli-\(UUID().uuidString).sqlite").path
    func box(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Geometry {
        .polygon(Polygon(exterior: Ring([.init(lon: a, lat: b), .init(lon: c, lat: b), .init(lon: c, lat: d), .init(lon: a, lat: d)])))
    }
    let store = try GridStore(path: path)
    try store.insert([DistrictRecord(code: "110101", name: "东城区", geometry: box(116.38, 39.88, 116.44, 39.96))])
    try store.insert([StreetRecord(code: "110101001", name: "东华门街道", districtCode: "110101",
                                   geometry: box(116.39, 39.90, 116.42, 39.93))])
    try store.insert([CommunityRecord(code: "110101001001", name: "多福巷社区", streetCode: "110101001",
                                      geometry: box(116.400, 39.910, 116.410, 39.920))])
    try store.publishGridVersion([
        UnitGridRecord(code: "110101001001001", geometry: box(116.400, 39.910, 116.405, 39.920)),
        UnitGridRecord(code: "110101001001002", geometry: box(116.405, 39.910, 116.410, 39.920)),
    ], startDate: LocalDate("2023-01-01")!)
    try store.publishGridVersion([
        UnitGridRecord(code: "110101001001001", geometry: box(116.400, 39.910, 116.405, 39.920)),
        UnitGridRecord(code: "110101001001002", geometry: box(116.405, 39.910, 116.410, 39.915)),
        UnitGridRecord(code: "110101001001003", geometry: box(116.405, 39.915, 116.410, 39.920)),
    ], startDate: LocalDate("2024-07-01")!)
    try store.close()
    atexit {
        guard case .success(let p) = storePath else { return }
        for s in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: p + s) }
    }
    return path
}

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `gridgeo` binary built beside this test bundle (`swift build --build-tests` / `swift test`).
private let gridgeo: String? = {
    let bundleFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    return [bundleFolder.appendingPathComponent("gridgeo").path, packageRoot.appendingPathComponent(".build/debug/gridgeo").path]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}()

private struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// Runs `gridgeo lookup --db <store> <arguments>` with `input` on stdin; output goes through files.
private func lookup(_ arguments: [String], input: String = "", db: String? = nil) throws -> Run {
    let binary = try #require(gridgeo)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lookup-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let files = ["in", "out", "err"].map { dir.appendingPathComponent($0) }
    try Data(input.utf8).write(to: files[0])
    _ = FileManager.default.createFile(atPath: files[1].path, contents: nil)
    _ = FileManager.default.createFile(atPath: files[2].path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["lookup", "--db", try db ?? storePath.get()] + arguments
    process.standardInput = try FileHandle(forReadingFrom: files[0])
    process.standardOutput = try FileHandle(forWritingTo: files[1])
    process.standardError = try FileHandle(forWritingTo: files[2])
    try process.run()
    process.waitUntilExit()
    return Run(status: process.terminationStatus,
               stdout: String(decoding: try Data(contentsOf: files[1]), as: UTF8.self),
               stderr: String(decoding: try Data(contentsOf: files[2]), as: UTF8.self))
}

private let header = "id,grid,community_code,community,street_code,street,district_code,district,position,distance_m,version,shared_with"

@Suite struct LookupCommandTests {
    @Test func csvWithHeaderIdsAndBlankLines() throws {
        let run = try lookup([], input: """
            lon,lat,id
            116.402,39.915,case-1

            116.405, 39.912 ,edge
            116.407,39.918
            116.5,39.9,far
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.lines == [
            header,
            "case-1,110101001001001,110101001001,多福巷社区,110101001,东华门街道,110101,东城区,inside,,2,",
            "edge,110101001001002,110101001001,多福巷社区,110101001,东华门街道,110101,东城区,boundary,,2,110101001001001",
            "5,110101001001003,110101001001,多福巷社区,110101001,东华门街道,110101,东城区,inside,,2,",
            "far,,,,,,,,outside,,2,",
        ])
    }

    /// Ids may hold commas and quotes (everything after the second comma is the id); white space
    /// around fields, ideographic and no-break spaces included, is not part of them.
    @Test func idsAreQuotedAndSpacesTrimmed() throws {
        let run = try lookup([], input: "116.402,39.915,\"A\", b\n\u{3000}116.407 ,\u{00A0}39.918\t, 甲\u{3000}\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines == [
            header,
            #""""A"", b",110101001001001,110101001001,多福巷社区,110101001,东华门街道,110101,东城区,inside,,2,"#,
            "甲,110101001001003,110101001001,多福巷社区,110101001,东华门街道,110101,东城区,inside,,2,",
        ])
        let json = try lookup(["--json"], input: "116.402,39.915,\"q\"\\\n")
        #expect(json.lines.first?.hasPrefix(#"{"id":"\"q\"\\","lon":116.402,"#) == true, "\(json.stdout)")
    }

    /// A point on a boundary names the other grids that hold it: on 001's east edge where 002 and
    /// 003 meet, the owner (east, then north) is 003, and 001 and 002 share the point.
    @Test func boundaryPointsNameTheGridsSharingThem() throws {
        let run = try lookup([], input: "116.405,39.915,corner\n116.405,39.912,edge\n116.4075,39.915,mid\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).enumerated()
            .filter { [0, 1, 8, 11].contains($0.offset) }.map { String($0.element) }.joined(separator: " ") } == [
            "corner 110101001001003 boundary 110101001001001;110101001001002",
            "edge 110101001001002 boundary 110101001001001",
            "mid 110101001001003 boundary 110101001001002",
        ])
        let json = try lookup(["--json"], input: "116.405,39.915,corner\n")
        #expect(json.lines.first?.hasSuffix(#""version":2,"shared_with":["110101001001001","110101001001002"]}"#) == true, "\(json.stdout)")
    }

    @Test func jsonLinesFromAFileForAPastDate() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("points-\(UUID().uuidString).csv")
        try Data("116.407,39.918,a\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try lookup(["--input", file.path, "--date", "2024-01-01", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines == [
            #"{"id":"a","lon":116.407,"lat":39.918,"grid":"110101001001002","community":{"code":"110101001001","name":"多福巷社区"},"street":{"code":"110101001","name":"东华门街道"},"district":{"code":"110101","name":"东城区"},"position":"inside","distance_m":null,"version":1,"shared_with":[]}"#,
        ])
    }

    @Test func nearestGridWithinADistance() throws {
        let run = try lookup(["--nearest", "200"], input: "116.411,39.912,x\n116.5,39.9,y\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.count == 3)
        #expect(run.lines[1].hasPrefix("x,110101001001002,") && run.lines[1].contains(",outside,85."))
        #expect(run.lines[2] == "y,,,,,,,,outside,,2,")
    }

    @Test func webMapCoordinatesAreConverted() throws {
        let gcj = GCJ02.fromWGS84(Coordinate(lon: 116.407, lat: 39.918))
        let bd = BD09.fromGCJ02(gcj)
        let run = try lookup(["--crs", "GCJ02"], input: "\(gcj.lon),\(gcj.lat),g\n")
        #expect(run.lines.last?.hasPrefix("g,110101001001003,") == true, "\(run.stdout)\(run.stderr)")
        let baidu = try lookup(["--crs", "BD09"], input: "\(bd.lon),\(bd.lat),b\n")
        #expect(baidu.lines.last?.hasPrefix("b,110101001001003,") == true, "\(baidu.stdout)\(baidu.stderr)")
        // Read as CGCS2000, the GCJ-02 point is some 500 m off, outside the community.
        #expect(try lookup([], input: "\(gcj.lon),\(gcj.lat),g\n").lines.last == "g,,,,,,,,outside,,2,")
        let wgs = try lookup(["--crs", "EPSG:4326"], input: "116.407,39.918,w\n")
        #expect(wgs.lines.last?.hasPrefix("w,110101001001003,") == true, "\(wgs.stdout)\(wgs.stderr)")
    }

    @Test func badLinesAreReportedCountedAndExit65() throws {
        let run = try lookup([], input: "116.402,39.915,ok\n116.402\nabc,def\n116.407,39.918,ok2\n116.4,nan\n")
        #expect(run.status == 65)
        #expect(run.lines.count == 3 && run.lines[1].hasPrefix("ok,") && run.lines[2].hasPrefix("ok2,"))
        #expect(run.stderr == """
            stdin:2: expected lon,lat[,id], found 1 field: 116.402
            stdin:3: lon and lat must be numbers: abc,def
            stdin:5: lon and lat must be finite: 116.4,nan
            3 bad lines skipped

            """)
    }

    @Test func usageAndMissingInputs() throws {
        #expect(try lookup(["--crs", "EPSG:abc"]).status == 64)
        #expect(try lookup(["--date", "2024-13-01"]).status == 64)
        #expect(try lookup(["--nearest", "-1"]).status == 64)
        let missing = try lookup([], db: "/nonexistent/city.sqlite")
        #expect(missing.status == 66 && missing.stderr.contains("no database at /nonexistent/city.sqlite"))
        #expect(try lookup(["--input", "/nonexistent/points.csv"]).status == 66)
        let noVersion = try lookup(["--date", "2020-01-01"], input: "116.402,39.915\n")
        #expect(noVersion.status == 65 && noVersion.stderr.contains("no unit grids valid on 2020-01-01"))
    }
}
