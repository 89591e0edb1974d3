import Foundation
import GridGeoCore
import GridGeoLookup
import GridGeoStore
import Testing

enum Locations {
    /// <package>/Tests/GridGeoGeocoderTests/Support.swift → <package>
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `gridgeo` binary built beside this test bundle (`swift build --build-tests` and `swift test`
    /// build every executable product into the same folder as the test bundle).
    static let gridgeo: String? = {
        let bundleFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [bundleFolder.appendingPathComponent("gridgeo").path,
                          packageRoot.appendingPathComponent(".build/debug/gridgeo").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}

/// A small made-up part of 东城区, in CGCS2000 lon/lat:
///
/// - 安定门街道 (110101004, north) and 东华门街道 (110101001, south), each one community
///   (国子监社区, 多福巷社区) of two unit grids, west and east of 116.405;
/// - 净土胡同 along lat 39.945 (116.400–116.410), door plates odd on the north side (+11 m), even on
///   the south side, door n at lon 116.400 + 0.0005 n: odd 1 3 9 13, even 2 4 10;
/// - 国子监街 (lat 39.947) without plates; 东黄城根南街 (lon 116.400, south) with 48号;
/// - 北街 twice: once in each street, 5.5 km apart;
/// - two points of 劳动人民文化宫 in 东华门.
enum Fixture {
    static func rectangle(_ minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) -> Geometry {
        .polygon(Polygon(exterior: Ring([
            .init(lon: minLon, lat: minLat), .init(lon: maxLon, lat: minLat),
            .init(lon: maxLon, lat: maxLat), .init(lon: minLon, lat: maxLat),
        ])))
    }

    static func line(_ points: (Double, Double)...) -> Geometry {
        .lineString(LineString(points.map { Coordinate(lon: $0.0, lat: $0.1) }))
    }

    static let district = DistrictRecord(code: "110101", name: "东城区", geometry: rectangle(116.38, 39.88, 116.44, 39.97))
    static let streets = [
        StreetRecord(code: "110101004", name: "安定门街道", districtCode: "110101", geometry: rectangle(116.39, 39.93, 116.42, 39.96)),
        StreetRecord(code: "110101001", name: "东华门街道", districtCode: "110101", geometry: rectangle(116.39, 39.90, 116.42, 39.93)),
    ]
    static let communities = [
        CommunityRecord(code: "110101004001", name: "国子监社区", streetCode: "110101004", geometry: rectangle(116.39, 39.93, 116.42, 39.96)),
        CommunityRecord(code: "110101001001", name: "多福巷社区", streetCode: "110101001", geometry: rectangle(116.39, 39.90, 116.42, 39.93)),
    ]
    static let grids = [
        UnitGridRecord(code: "110101004001001", geometry: rectangle(116.39, 39.93, 116.405, 39.96)),
        UnitGridRecord(code: "110101004001002", geometry: rectangle(116.405, 39.93, 116.42, 39.96)),
        UnitGridRecord(code: "110101001001001", geometry: rectangle(116.39, 39.90, 116.405, 39.93)),
        UnitGridRecord(code: "110101001001002", geometry: rectangle(116.405, 39.90, 116.42, 39.93)),
    ]
    static let roads = [
        RoadRecord(name: "净土胡同", geometry: line((116.400, 39.945), (116.405, 39.945), (116.410, 39.945))),
        RoadRecord(name: "国子监街", geometry: line((116.405, 39.947), (116.410, 39.947))),
        RoadRecord(name: "东黄城根南街", geometry: line((116.400, 39.905), (116.400, 39.925))),
        RoadRecord(name: "北街", geometry: line((116.395, 39.955), (116.398, 39.955))),
        RoadRecord(name: "北街", geometry: line((116.395, 39.905), (116.398, 39.905))),
    ]

    /// Where door `n` of 净土胡同 is: odd north of the centre line, even south.
    static func plate(_ n: Int) -> Coordinate {
        Coordinate(lon: 116.400 + 0.0005 * Double(n), lat: 39.945 + (n % 2 == 1 ? 0.0001 : -0.0001))
    }

    static let addressPoints: [AddressPointRecord] =
        [1, 3, 9, 13, 2, 4, 10].map { n in
            AddressPointRecord(address: "北京市东城区安定门街道净土胡同\(n)号", kind: "门牌", location: plate(n))
        } + [
            AddressPointRecord(address: "北京市东城区东华门街道东黄城根南街48号", kind: "门牌",
                               location: Coordinate(lon: 116.4001, lat: 39.915)),
            AddressPointRecord(address: "北京市东城区东华门街道劳动人民文化宫内", name: "太庙", kind: "兴趣点",
                               location: Coordinate(lon: 116.4080, lat: 39.9110)),
            AddressPointRecord(address: "北京市东城区东华门街道劳动人民文化宫内", name: "戟门", kind: "兴趣点",
                               location: Coordinate(lon: 116.4082, lat: 39.9112)),
        ]

    static let directory = GridDirectory(version: 1, grids: grids, communities: communities, streets: streets,
                                         districts: [district])

    /// A store file holding everything above, with the grids published as version 1.
    static func writeStore(at path: String) throws {
        let store = try GridStore(path: path)
        try store.insert([district])
        try store.insert(streets)
        try store.insert(communities)
        try store.insert(roads)
        try store.insert(addressPoints)
        try store.publishGridVersion(grids, startDate: LocalDate("2024-01-01")!)
        try store.close()
    }
}

/// A fresh temporary folder, removed when the value goes away.
final class Workspace {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("gridgeo-geocoder-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Stdout's lines as JSON objects.
    var records: [[String: Any]] {
        stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }
}

/// Runs `gridgeo` with `arguments` and `stdin`, output captured through files (no pipe can fill up).
func runGridGeo(_ arguments: [String], stdin: Data = Data(), in workspace: Workspace,
                timeout: Duration = .seconds(120)) throws -> ProcessResult {
    let binary = try #require(Locations.gridgeo, "build gridgeo first (swift build)")
    let id = UUID().uuidString
    let input = workspace.file("stdin-\(id)"), out = workspace.file("stdout-\(id)"), err = workspace.file("stderr-\(id)")
    _ = FileManager.default.createFile(atPath: input, contents: stdin)
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    try process.run()
    let deadline = ContinuousClock.now + timeout
    while process.isRunning {
        if ContinuousClock.now > deadline {
            process.terminate()
            Issue.record("gridgeo \(arguments.joined(separator: " ")) did not finish within \(timeout)")
            break
        }
        Thread.sleep(forTimeInterval: 0.02)
    }
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self),
                         stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: err)), as: UTF8.self))
}
