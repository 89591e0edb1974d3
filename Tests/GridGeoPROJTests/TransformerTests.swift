import GridGeoCore
import GridGeoPROJ
import Testing

private let tiananmen = Coordinate(lon: 116.3975, lat: 39.9087)

// echo "39.9087 116.3975" | cs2cs -f %.6f EPSG:4490 EPSG:4548   →  4419565.435326  448481.574584
private let tiananmen4548 = Coordinate(x: 448_481.574584, y: 4_419_565.435326)
// echo "39.9087 116.3975" | cs2cs -f %.6f EPSG:4490 EPSG:4527   →  4419565.435326  39448481.574584
private let tiananmen4527 = Coordinate(x: 39_448_481.574584, y: 4_419_565.435326)

private func distance(_ a: Coordinate, _ b: Coordinate) -> Double { max(abs(a.x - b.x), abs(a.y - b.y)) }

@Test func cgcs2000ToGaussKrugerMatchesCs2cs() throws {
    let cm = try Transformer(from: .cgcs2000, to: .epsg(4548)).transform(tiananmen)
    let zone = try Transformer(from: .cgcs2000, to: .epsg(4527)).transform(tiananmen)
    #expect(distance(cm, tiananmen4548) < 1e-6, "\(cm)")
    #expect(distance(zone, tiananmen4527) < 1e-6, "\(zone)")
    // Same projection; the zone CRS only writes 39 in front of the easting.
    #expect(abs(zone.x - (cm.x + 39_000_000)) < 1e-6 && zone.y == cm.y)
    #expect(GaussKruger.strippingZonePrefix(fromEasting: zone.x) == zone.x - 39_000_000)
}

@Test func inverseReturnsWithin1e9Degrees() throws {
    for code in [4548, 4527] {
        let back = try Transformer(from: .epsg(code), to: .cgcs2000)
            .transform(code == 4548 ? tiananmen4548 : tiananmen4527)
        #expect(distance(back, tiananmen) < 1e-9, "EPSG:\(code) → \(back)")
    }
}

@Test func webMercatorKeepsLonFirst() throws {
    // echo "39.9087 116.3975" | cs2cs -f %.6f EPSG:4326 EPSG:3857  →  12957310.429610  4852683.668737
    let m = try Transformer(from: .wgs84, to: .epsg(3857)).transform(tiananmen)
    #expect(distance(m, Coordinate(x: 12_957_310.429610, y: 4_852_683.668737)) < 1e-5, "\(m)")
}

@Test func latitude91IsRejected() throws {
    for source in [CRS.cgcs2000, .gcj02, .bd09] {
        let t = try Transformer(from: source, to: .epsg(4548))
        let error = #expect(throws: PROJError.self) { try t.transform(Coordinate(lon: 116.4, lat: 91)) }
        #expect(error?.code == 2049, "\(source): \(String(describing: error))")
    }
    // Even where no PROJ step would check it.
    let error = #expect(throws: PROJError.self) {
        try Transformer(from: .gcj02, to: .cgcs2000).transform(Coordinate(lon: 116.4, lat: 91))
    }
    #expect(error?.code == 2049)
}

@Test func oneBadPointFailsTheBatch() throws {
    let t = try Transformer(from: .cgcs2000, to: .epsg(4548))
    let error = #expect(throws: PROJError.self) { try t.transform([tiananmen, Coordinate(lon: 116.4, lat: 91)]) }
    #expect(error?.code == 2049)
    #expect(error?.details.contains("tmerc: Invalid latitude") == true, "\(String(describing: error))")
    // The transformer stays usable.
    #expect(distance(try t.transform(tiananmen), tiananmen4548) < 1e-6)
}

@Test func batchesMatchSinglePoints() throws {
    let t = try Transformer(from: .cgcs2000, to: .epsg(4527))
    let points = (0..<100).map { Coordinate(lon: 116.3 + Double($0) * 0.002, lat: 39.85 + Double($0) * 0.001) }
    let batch = try t.transform(points)
    #expect(batch == (try points.map { try t.transform($0) }))
    #expect(try t.transform([Coordinate]()).isEmpty)
}

@Test func geometriesKeepTheirStructure() throws {
    let t = try Transformer(from: .cgcs2000, to: .epsg(4548))
    let ring = Ring([Coordinate(lon: 116.39, lat: 39.90), Coordinate(lon: 116.41, lat: 39.90),
                     Coordinate(lon: 116.41, lat: 39.92), Coordinate(lon: 116.39, lat: 39.92)])
    let hole = Ring([Coordinate(lon: 116.395, lat: 39.905), Coordinate(lon: 116.395, lat: 39.91),
                     Coordinate(lon: 116.40, lat: 39.91)])
    let geometry = Geometry.collection([
        .point(tiananmen),
        .lineString(LineString([tiananmen, Coordinate(lon: 116.40, lat: 39.91)])),
        .multiPolygon([Polygon(exterior: ring, holes: [hole]), Polygon(exterior: ring)]),
    ])
    let projected = try t.transform(geometry)
    let expected = geometry.mapCoordinates { try! t.transform($0) }
    #expect(projected == expected)
    guard case .collection(let members) = projected, case .point(let p) = members[0] else {
        Issue.record("structure changed: \(projected)")
        return
    }
    #expect(distance(p, tiananmen4548) < 1e-6)
}

@Test func webMapEndsGoThroughCGCS2000() throws {
    let gcj = GCJ02.fromWGS84(tiananmen)
    let bd = BD09.fromWGS84(tiananmen)
    let near: (Coordinate, Coordinate) -> Bool = { distance($0, $1) < 1e-9 }

    #expect(near(try Transformer(from: .gcj02, to: .cgcs2000).transform(gcj), tiananmen))
    #expect(near(try Transformer(from: .cgcs2000, to: .gcj02).transform(tiananmen), gcj))
    #expect(near(try Transformer(from: .bd09, to: .wgs84).transform(bd), tiananmen))
    #expect(near(try Transformer(from: .gcj02, to: .bd09).transform(gcj), BD09.fromGCJ02(gcj)))
    #expect(near(try Transformer(from: .bd09, to: .gcj02).transform(bd), gcj))
    #expect(try Transformer(from: .gcj02, to: .gcj02).transform(gcj) == gcj)

    // GCJ-02 straight to Gauss-Krüger lands where the WGS-84 point does, to a micrometre.
    let projected = try Transformer(from: .gcj02, to: .epsg(4548)).transform(gcj)
    #expect(abs(projected.x - tiananmen4548.x) < 1e-5 && abs(projected.y - tiananmen4548.y) < 1e-5, "\(projected)")
}

@Test func esriWKTWorksAsAnEnd() throws {
    let wkt = #"PROJCS["CGCS2000_3_Degree_GK_CM_117E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#
    let p = try Transformer(from: .cgcs2000, to: .wkt(wkt)).transform(tiananmen)
    #expect(distance(p, tiananmen4548) < 1e-6, "\(p)")
}

@Test func parallelTransformersOnePerTask() async throws {
    let points = (0..<2_000).map { Coordinate(lon: 116.2 + Double($0 % 50) * 0.005, lat: 39.8 + Double($0 / 50) * 0.005) }
    let expected = try Transformer(from: .cgcs2000, to: .epsg(4527)).transform(points)
    try await withThrowingTaskGroup(of: Bool.self) { group in
        for task in 0..<16 {
            group.addTask {
                // Each task owns its transformer: PROJ contexts are never shared.
                let t = try Transformer(from: .cgcs2000, to: .epsg(4527))
                let back = try Transformer(from: .epsg(4527), to: .cgcs2000)
                let projected = task.isMultiple(of: 2) ? try t.transform(points) : try points.map { try t.transform($0) }
                let returned = try back.transform(projected)
                return projected == expected && zip(returned, points).allSatisfy { distance($0, $1) < 1e-9 }
            }
        }
        for try await ok in group { #expect(ok) }
    }
}
