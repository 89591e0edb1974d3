import GridGeoCore
import GridGeoPROJ
import Testing

@Test(arguments: [(116.4, 39), (115.5, 39), (118.4999, 39), (118.5, 40), (115.4999, 38), (75.0, 25), (135.0, 45)])
func zoneForLongitude(_ lon: Double, _ zone: Int) {
    #expect(GaussKruger.zone(forLongitude: lon) == zone)
    #expect(abs(GaussKruger.centralMeridian(ofZone: zone) - lon) <= 1.5)
}

@Test func cgcs2000EPSGCodes() {
    // standards.md §5.2: zone 39 (CM 117°E) is 4527 with the zone prefix and 4548 without.
    #expect(GaussKruger.cgcs2000EPSG(zone: 39, zonePrefixed: true) == 4527)
    #expect(GaussKruger.cgcs2000EPSG(zone: 39, zonePrefixed: false) == 4548)
    #expect(GaussKruger.cgcs2000EPSG(zone: 25, zonePrefixed: true) == 4513)
    #expect(GaussKruger.cgcs2000EPSG(zone: 45, zonePrefixed: true) == 4533)
    #expect(GaussKruger.cgcs2000EPSG(zone: 25, zonePrefixed: false) == 4534)
    #expect(GaussKruger.cgcs2000EPSG(zone: 45, zonePrefixed: false) == 4554)
    #expect(GaussKruger.cgcs2000EPSG(zone: 24, zonePrefixed: true) == nil)
    #expect(GaussKruger.cgcs2000EPSG(zone: 46, zonePrefixed: false) == nil)
    for zone in GaussKruger.cgcs2000Zones {
        for prefixed in [true, false] {
            let code = GaussKruger.cgcs2000EPSG(zone: zone, zonePrefixed: prefixed)!
            let back = GaussKruger.cgcs2000Zone(ofEPSG: code)
            #expect(back?.zone == zone && back?.zonePrefixed == prefixed)
        }
    }
    #expect(GaussKruger.cgcs2000Zone(ofEPSG: 4490) == nil)
}

@Test func cgcs2000CodesAgreeWithPROJ() throws {
    // Every code's name and parameters in proj.db match the zone rule.
    for zone in GaussKruger.cgcs2000Zones {
        for prefixed in [true, false] {
            let code = GaussKruger.cgcs2000EPSG(zone: zone, zonePrefixed: prefixed)!
            let found = try #require(try CRS.epsg(code).identify().first)
            let tm = try #require(found.transverseMercator)
            #expect(tm.centralMeridian == GaussKruger.centralMeridian(ofZone: zone))
            #expect(tm.zonePrefix == (prefixed ? zone : nil), "EPSG:\(code) \(found.name)")
            #expect(found.name.contains(prefixed ? "zone \(zone)" : "CM \(3 * zone)E"), "\(found.name)")
        }
    }
}

@Test func zonePrefixes() {
    #expect(GaussKruger.zonePrefix(ofEasting: 39_448_481.574584) == 39)
    #expect(GaussKruger.zonePrefix(ofEasting: 448_481.574584) == nil)
    #expect(GaussKruger.zonePrefix(ofEasting: 20_448_481) == 20)  // a 6° zone number
    #expect(GaussKruger.zonePrefix(ofEasting: .nan) == nil)
    #expect(GaussKruger.strippingZonePrefix(fromEasting: 39_448_481.574584) == 39_448_481.574584 - 39_000_000)
    #expect(GaussKruger.strippingZonePrefix(fromEasting: 448_481.5) == 448_481.5)
    #expect(GaussKruger.addingZonePrefix(39, toEasting: 448_481.5) == 39_448_481.5)
}

@Test func planarAreaIsCloseToGeodesicNearTheCentralMeridian() throws {
    // A 0.01° square at 40°N near 117°E: GK scale there is ~1, so both areas agree to 1e-5.
    let square = Geometry.polygon(Polygon(exterior: Ring([
        Coordinate(lon: 116.99, lat: 40), Coordinate(lon: 117, lat: 40),
        Coordinate(lon: 117, lat: 40.01), Coordinate(lon: 116.99, lat: 40.01),
    ])))
    let planar = try GaussKruger.planarAreaSquareMetres(of: square)
    let geodesic = Geodesic.cgcs2000.areaSquareMetres(of: square)
    #expect(abs(planar / geodesic - 1) < 1e-5, "planar \(planar) geodesic \(geodesic)")
    #expect(throws: PROJError.self) { try GaussKruger.planarAreaSquareMetres(of: square, zone: 10) }
}
