import Foundation
import GridGeoCore
import GridGeoGrids
import GridGeoHierarchy
import GridGeoStore
import Testing

// A small made-up district in the middle of Dongcheng, drawn in metres and stored in lon/lat as
// users' data is: 800 × 600 m, two streets (west 500 m, east 300 m), roads every 200 m.

let frame = LocalFrame(origin: Coordinate(lon: 116.41, lat: 39.91))

func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
    Polygon(exterior: Ring([Coordinate(x: x0, y: y0), Coordinate(x: x1, y: y0), Coordinate(x: x1, y: y1),
                            Coordinate(x: x0, y: y1)].map(frame.toLonLat)))
}

func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> LineString {
    LineString([Coordinate(x: x0, y: y0), Coordinate(x: x1, y: y1)].map(frame.toLonLat))
}

/// A temporary folder, removed when the value goes away.
final class Scratch {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("gridgeo-hierarchy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to a file in the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }
}

/// A new, empty store, made once per test process and removed at exit.
private let emptyStore: Result<String, any Error> = Result {
    try GridStore(path: emptyStorePath).close()
    atexit { try? FileManager.default.removeItem(atPath: emptyStorePath) }
    return emptyStorePath
}
private let emptyStorePath = FileManager.default.temporaryDirectory
    .appendingPathComponent("gridgeo-hierarchy-empty-\(UUID().uuidString).sqlite").path

/// A store with the district, optionally its two streets (overlapping by `overlap` metres), and roads.
func smallDistrict(in scratch: Scratch, streets: Bool = true, overlap: Double = 0, roads: Bool = true) throws -> GridStore {
    // Copying an empty store made once is faster than creating the SpatiaLite metadata every time.
    try FileManager.default.copyItem(atPath: emptyStore.get(), toPath: scratch.file("grid.sqlite"))
    let store = try GridStore(path: scratch.file("grid.sqlite"))
    try store.insert([DistrictRecord(code: "110101", name: "东城区", geometry: .polygon(rectangle(0, 0, 800, 600)))])
    if streets {
        try store.insert([
            StreetRecord(code: "110101001", name: "西街道", districtCode: "110101", geometry: .polygon(rectangle(0, 0, 500 + overlap, 600))),
            StreetRecord(code: "110101002", name: "东街道", districtCode: "110101", geometry: .polygon(rectangle(500, 0, 800, 600))),
        ])
    }
    if roads {
        var lines: [RoadRecord] = []
        for x in stride(from: 100.0, to: 800, by: 200) { lines.append(RoadRecord(name: "纵\(Int(x))", geometry: .lineString(line(x, -20, x, 620)))) }
        for y in stride(from: 100.0, to: 600, by: 200) { lines.append(RoadRecord(name: "横\(Int(y))", geometry: .lineString(line(-20, y, 820, y)))) }
        try store.insert(lines)
    }
    return store
}

/// Three communities for the west street, two for the east one.
let namesCSV = """
    street_code,street_name,seq_in_street,community_name_nbs,community_name_short
    110101001,西街道,1,甲社区居委会,甲社区
    110101001,西街道,2,乙社区居委会,乙社区
    110101001,西街道,3,"丙,丁社区居委会","丙,丁社区"
    110101002,东街道,1,戊社区居委会,戊社区
    110101002,东街道,2,己社区居委会,己社区
    110101099,别街道,1,庚社区居委会,庚社区

    """

/// The store with its five communities drafted.
func draftedDistrict(in scratch: Scratch, overlap: Double = 0) throws -> GridStore {
    let store = try smallDistrict(in: scratch, overlap: overlap)
    let names = try CommunityNameList(contentsOfFile: scratch.write("names.csv", namesCSV))
    _ = try HierarchyDrafter(store: store).draftCommunities(names: names)
    return store
}
