import Foundation
import GridGeoCore
import GridGeoPROJ
import Testing

@Test func smallSquareAt40NMatchesTheEllipsoidFormula() {
    // 0.01° × 0.01° at 40°N. Independent estimate: meridian radius M × Δφ times parallel radius
    // N·cos φ × Δλ at the middle latitude, on the CGCS2000 ellipsoid.
    let a = 6_378_137.0, f = 1 / 298.257222101, e2 = f * (2 - f)
    let phi = 40.005 * Double.pi / 180, d = 0.01 * Double.pi / 180
    let w = 1 - e2 * sin(phi) * sin(phi)
    let m = a * (1 - e2) / pow(w, 1.5), n = a / w.squareRoot()
    let estimate = m * d * n * cos(phi) * d

    let square = Polygon(exterior: Ring([Coordinate(lon: 116, lat: 40), Coordinate(lon: 116.01, lat: 40),
                                         Coordinate(lon: 116.01, lat: 40.01), Coordinate(lon: 116, lat: 40.01)]))
    let area = Geodesic.cgcs2000.areaSquareMetres(of: square)
    #expect(abs(area / estimate - 1) < 0.005, "geodesic \(area) m², estimate \(estimate) m²")
    #expect(area > 948_000 && area < 950_000)  // ≈ 0.949 km²
    // Orientation does not matter; a hole is subtracted.
    #expect(Geodesic.cgcs2000.areaSquareMetres(of: Polygon(exterior: square.exterior.reversed)) == area)
    let holed = Polygon(exterior: square.exterior, holes: [square.exterior])
    #expect(abs(Geodesic.cgcs2000.areaSquareMetres(of: holed)) < 1e-6)
}

@Test func lengthsAlongAMeridianAndAParallel() {
    // One degree of latitude at 40°N ≈ 111 034 m; the geodesic sums segments.
    let meridian = LineString([Coordinate(lon: 116, lat: 39.5), Coordinate(lon: 116, lat: 40), Coordinate(lon: 116, lat: 40.5)])
    let length = Geodesic.cgcs2000.lengthMetres(of: meridian)
    #expect(abs(length - 111_034) < 20, "\(length)")
    #expect(Geodesic.cgcs2000.lengthMetres(of: .multiLineString([meridian, meridian])) == 2 * length)
    #expect(Geodesic.cgcs2000.lengthMetres(of: .point(Coordinate(lon: 116, lat: 40))) == 0)
    #expect(abs(Geodesic.cgcs2000.distanceMetres(from: meridian.coordinates[0], to: meridian.coordinates[2]) - length) < 1e-6)
}

@Test(.enabled(if: SharedData.exists(SharedData.dongchengWGS84)))
func dongchengDistrictIsAbout41point84SquareKilometres() throws {
    let data = try Data(contentsOf: SharedData.url(SharedData.dongchengWGS84))
    let collection = try JSONDecoder().decode(FeatureCollection<[String: JSONValue]>.self, from: data)
    let district = try #require(collection.features.first?.geometry)
    let area = Geodesic.cgcs2000.areaSquareMetres(of: district)
    let official = 41.84e6
    #expect(abs(area / official - 1) < 0.01, "geodesic \(area / 1e6) km²")
    // On the Gauss-Krüger plane of zone 39 (CM 117°E), 0.5° from the meridian: a little larger.
    let planar = try GaussKruger.planarAreaSquareMetres(of: district)
    #expect(planar > area && planar / area - 1 < 1e-4, "planar \(planar / 1e6) km²")
}
