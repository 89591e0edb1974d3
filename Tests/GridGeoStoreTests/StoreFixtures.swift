import Foundation
import GridGeoCore
import GridGeoStore

/// A store on a fresh temporary file, closed and deleted afterwards.
@discardableResult
func withTemporaryStore<T>(_ body: (GridStore, String) throws -> T) throws -> T {
    let path = temporaryPath()
    defer { removeDatabase(path) }
    let store = try GridStore(path: path)
    defer { try? store.close() }
    return try body(store, path)
}

func temporaryPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("gridgeo-store-\(UUID().uuidString).sqlite").path
}

func removeDatabase(_ path: String) {
    for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

func fileBytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

/// An axis-aligned rectangle in lon/lat degrees.
func rectangle(_ minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) -> Polygon {
    Polygon(exterior: Ring([
        .init(lon: minLon, lat: minLat), .init(lon: maxLon, lat: minLat),
        .init(lon: maxLon, lat: maxLat), .init(lon: minLon, lat: maxLat),
    ]))
}

func date(_ text: String) -> LocalDate { LocalDate(text)! }

/// 东城区 → 东华门街道 → one community, as nested rectangles near Wangfujing.
enum Dongcheng {
    static let district = DistrictRecord(code: "110101", name: "东城区",
                                         geometry: .polygon(rectangle(116.38, 39.88, 116.44, 39.96)))
    static let street = StreetRecord(code: "110101001", name: "东华门街道", districtCode: "110101",
                                     geometry: .polygon(rectangle(116.39, 39.90, 116.42, 39.93)))
    static let community = CommunityRecord(code: "110101001001", name: "多福巷社区", streetCode: "110101001",
                                           geometry: .polygon(rectangle(116.400, 39.910, 116.410, 39.920)),
                                           drafted: true)

    static func seed(_ store: GridStore) throws {
        try store.insert([district])
        try store.insert([street])
        try store.insert([community])
    }
}
