import Foundation
import GridGeoCore
@testable import GridGeoImport
import GridGeoPROJ
import GridGeoShapefile
import GridGeoStore
import Testing

/// Data that is plainly in the wrong place: GCJ-02 (web-map) coordinates labelled WGS 84, layers far
/// from the district, single features just across the boundary.
@Suite struct PlausibilityCheckTests {
    /// Parking lots across the whole district, written in GCJ-02 as web maps give them.
    static func writeParking(_ path: String, _ locations: [Coordinate], prj: String?) throws -> String {
        try writeShapefile(path, kind: .point,
                           fields: [ShapefileField(name: "MC", type: .string, width: 40),
                                    ShapefileField(name: "DZ", type: .string, width: 80)],
                           records: locations.enumerated().map { i, c in
                               (.point(c), ["MC": .string("停车场\(i + 1)"), "DZ": .string("东城区测试路\(i + 1)号")])
                           },
                           prj: prj)
    }

    @Test func gcj02LabelledWGS84IsCaughtAgainstTheDistrict() throws {
        let ws = try Workspace()
        let store = try ws.gridStore()
        let truth = try Dongcheng.pointsAcrossTheDistrict(spacing: 0.005)
        #expect(truth.count > 100)
        let shp = try Self.writeParking(ws.file("BJ_0201.shp"), truth.map(GCJ02.fromWGS84), prj: PRJ.wgs84)

        let error = importFailure([shp], into: store, .components) { $0.componentClass = "0201" }
        expect(error, exitCode: 65, mentions: [shp, "fall outside 东城区", "GCJ-02", "--s-srs GCJ02"])
        #expect(try store.count(of: .components) == 0)

        let report = try runImport([shp], into: store, .components) {
            $0.componentClass = "0201"
            $0.sourceCRS = .gcj02
        }
        #expect(report.files.first?.crs == "GCJ-02")
        #expect(report.files.first?.warnings == [])
        let stored = try store.components().map(\.record.location)
        #expect(stored.count == truth.count)
        // The inverse of the GCJ-02 offset is iterative: back within a few millimetres.
        let worst = zip(stored, truth).map { Geodesic.cgcs2000.distanceMetres(from: $0, to: $1) }.max() ?? .infinity
        #expect(worst < 0.01)
    }

    /// Roads from east to west across the centre; stops on them; the GCJ-02 offset (≈ 550 m, mostly
    /// east) keeps them inside the district but lifts them ≈ 130 m off their roads.
    static func roadsAndStops(_ ws: Workspace, store: GridStore) throws -> [Coordinate] {
        let box = Dongcheng.centre
        let latitudes = stride(from: box.minY, through: box.maxY, by: 0.006).map { $0 }
        let roads = try writeShapefile(ws.file("DLZXX.shp"), kind: .polyline,
                                       fields: [ShapefileField(name: "NAME", type: .string, width: 40)],
                                       records: latitudes.enumerated().map { i, y in
                                           (.lineString(LineString([Coordinate(x: box.minX - 0.005, y: y), Coordinate(x: box.center.x, y: y),
                                                                    Coordinate(x: box.maxX + 0.005, y: y)])),
                                            ["NAME": .string("测试大街\(i)")])
                                       })
        try runImport([roads], into: store, .roads)
        return latitudes.flatMap { y in stride(from: box.minX, through: box.maxX - 0.005, by: 0.0015).map { Coordinate(x: $0, y: y) } }
    }

    @Test func gcj02LabelledCGCS2000IsCaughtAgainstTheRoads() throws {
        let ws = try Workspace()
        let store = try ws.gridStore()
        let stops = try Self.roadsAndStops(ws, store: store)
        let shp = try Self.writeParking(ws.file("BJ_0203.shp"), stops.map(GCJ02.fromWGS84), prj: PRJ.cgcs2000Geographic)

        let error = importFailure([shp], into: store, .components) { $0.componentClass = "0203" }
        expect(error, exitCode: 65, mentions: [shp, "from the roads", "GCJ-02", "--s-srs GCJ02"])

        try runImport([shp], into: store, .components) {
            $0.componentClass = "0203"
            $0.sourceCRS = .gcj02
        }
        #expect(try store.count(of: .components) == stops.count)
    }

    @Test func anUnneededGCJ02FlagIsCaughtToo() throws {
        let ws = try Workspace()
        let store = try ws.gridStore()
        let stops = try Self.roadsAndStops(ws, store: store)
        let shp = try Self.writeParking(ws.file("BJ_0203.shp"), stops, prj: PRJ.cgcs2000Geographic)

        let error = importFailure([shp], into: store, .components) {
            $0.componentClass = "0203"
            $0.sourceCRS = .gcj02
        }
        expect(error, exitCode: 65, mentions: [shp, "not GCJ-02", "drop --s-srs GCJ02"])
    }

    @Test func aLayerFarFromTheDistrictPointsAtTheCRS() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        // Shanghai, correctly labelled: the right CRS, the wrong city.
        let shanghai = Dongcheng.points(20, in: BoundingBox(minX: 121.46, minY: 31.22, maxX: 121.48, maxY: 31.24))
        let shp = try Self.writeParking(ws.file("parking.shp"), shanghai, prj: PRJ.cgcs2000Geographic)

        expect(importFailure([shp], into: store, .addresses), exitCode: 65,
               mentions: [shp, "20 of 20 features fall outside 东城区 (110101)", "--s-srs"])
    }

    @Test func aFewFeaturesJustAcrossTheBoundaryAreKeptOrSkipped() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        // 199 points inside, one ≈ 550 m north of the district's northernmost vertex (read as GCJ-02 it
        // would still be outside, so it is not mistaken for an offset layer).
        let north = Dongcheng.boundary.exterior.coordinates.max { $0.y < $1.y }!
        let outlier = Coordinate(x: north.x, y: north.y + 0.005)
        let points = Dongcheng.points(199) + [outlier]
        let shp = try Self.writeParking(ws.file("parking.shp"), points, prj: PRJ.cgcs2000Geographic)

        let kept = try runImport([shp], into: store, .addresses)
        let warning = try #require(kept.files.first?.warnings.first)
        #expect(warning.contains("1 of 200 features fall outside"))
        #expect(warning.contains("#199"))
        #expect(warning.contains("--skip-failures"))
        #expect(try store.count(of: .addresses) == 200)

        let skipped = try runImport([shp], into: store, .addresses) {
            $0.mode = .overwrite
            $0.skipFailures = true
        }
        let file = try #require(skipped.files.first)
        #expect(file.skipped.map(\.feature) == [199])
        #expect(file.skipped.first?.reason == "outside the district")
        #expect(file.skipped.first?.attributes["MC"] == .string("停车场200"))
        #expect(file.featuresWritten == 199)
        #expect(try store.count(of: .addresses) == 199)
    }

    @Test func roadProximityMeasuresMetresToTheNearestSegment() {
        let road = Geometry.lineString(LineString([Coordinate(x: 116.40, y: 39.91), Coordinate(x: 116.42, y: 39.91)]))
        let proximity = RoadProximity([road])
        // 0.001° of latitude is 111 m.
        #expect(abs(proximity.distanceMetres(from: Coordinate(x: 116.41, y: 39.911)) - 111.3) < 0.5)
        #expect(proximity.distanceMetres(from: Coordinate(x: 116.41, y: 39.91)) < 0.001)
        #expect(proximity.distanceMetres(from: Coordinate(x: 116.50, y: 39.91)) == 600)
    }
}
