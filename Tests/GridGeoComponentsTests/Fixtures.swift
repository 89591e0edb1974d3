import Foundation
import GridGeoComponents
import GridGeoCore
import GridGeoStore

func rectangle(_ minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) -> Polygon {
    Polygon(exterior: Ring([
        .init(lon: minLon, lat: minLat), .init(lon: maxLon, lat: minLat),
        .init(lon: maxLon, lat: maxLat), .init(lon: minLon, lat: maxLat),
    ]))
}

func date(_ text: String) -> LocalDate { LocalDate(text)! }

/// 东城区 with two streets of one community each, and 16 unit grids of 0.005° (≈ 430 × 555 m) in a
/// 4 × 4 block over (116.40, 39.90)–(116.42, 39.92): the western two columns in 东华门街道's
/// community, the eastern two in 景山街道's. Published from 2020-01-01.
enum Area {
    static let box = (minLon: 116.40, minLat: 39.90, maxLon: 116.42, maxLat: 39.92)
    static let step = 0.005
    /// The line between the two streets, as the grids have it.
    static let middle = box.minLon + 2 * step

    /// The code of the grid at column c (west → east), row r (north → south).
    static func gridCode(column c: Int, row r: Int) -> String {
        let community = c < 2 ? "110101001001" : "110101002001"
        let sequence = r * 2 + (c % 2) + 1
        return community + "00" + String(sequence)
    }

    /// The grid a point strictly inside the block lies in.
    static func gridCode(of p: Coordinate) -> String {
        let c = Int(((p.lon - box.minLon) / step).rounded(.down)), r = Int(((box.maxLat - p.lat) / step).rounded(.down))
        return gridCode(column: min(c, 3), row: min(r, 3))
    }

    static func makeStore() throws -> (GridStore, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("components-\(UUID().uuidString).sqlite").path
        let store = try GridStore(path: path)
        try store.insert([DistrictRecord(code: "110101", name: "东城区", geometry: .polygon(rectangle(116.38, 39.88, 116.44, 39.96)))])
        try store.insert([StreetRecord(code: "110101001", name: "东华门街道", districtCode: "110101",
                                       geometry: .polygon(rectangle(116.40, 39.90, 116.41, 39.92))),
                          StreetRecord(code: "110101002", name: "景山街道", districtCode: "110101",
                                       geometry: .polygon(rectangle(116.41, 39.90, 116.42, 39.92)))])
        try store.insert([CommunityRecord(code: "110101001001", name: "多福巷社区", streetCode: "110101001",
                                          geometry: .polygon(rectangle(116.40, 39.90, 116.41, 39.92))),
                          CommunityRecord(code: "110101002001", name: "景山社区", streetCode: "110101002",
                                          geometry: .polygon(rectangle(116.41, 39.90, 116.42, 39.92)))])
        // Neighbours share their edges exactly: each line is computed once.
        let xs = (0...4).map { box.minLon + Double($0) * step }, ys = (0...4).map { box.maxLat - Double($0) * step }
        var grids: [UnitGridRecord] = []
        for r in 0..<4 {
            for c in 0..<4 {
                grids.append(UnitGridRecord(code: gridCode(column: c, row: r),
                                            geometry: .polygon(rectangle(xs[c], ys[r + 1], xs[c + 1], ys[r]))))
            }
        }
        try store.publishGridVersion(grids, startDate: date("2020-01-01"))
        return (store, path)
    }

    static func withStore(_ body: (GridStore) throws -> Void) throws {
        let (store, path) = try makeStore()
        defer {
            try? store.close()
            for s in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) }
        }
        try body(store)
    }

    static func record(_ classCode: String = "0101", _ name: String, at p: Coordinate, on day: String = "2020-05-02") -> ComponentRecord {
        ComponentRecord(classCode: classCode, className: "", name: name, districtCode: "", location: p, startDate: date(day))
    }
}
