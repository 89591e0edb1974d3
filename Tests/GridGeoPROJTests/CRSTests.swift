import GridGeoPROJ
import Testing

@Test(arguments: [
    ("EPSG:4548", CRS.epsg(4548)),
    ("epsg:4527", .epsg(4527)),
    (" 4490 ", .epsg(4490)),
    ("GCJ02", .gcj02),
    ("GCJ-02", .gcj02),
    ("gcj_02", .gcj02),
    ("BD09", .bd09),
    ("bd-09", .bd09),
    ("WGS84", .epsg(4326)),
    ("WGS 84", .epsg(4326)),
    ("OGC:CRS84", .epsg(4326)),
    ("CGCS2000", .epsg(4490)),
])
func parsesUserStrings(_ text: String, _ expected: CRS) {
    #expect(CRS(text) == expected)
}

@Test(arguments: ["", "EPSG:", "EPSG:abc", "4548x", "-4548", "GCJ03", "UTM 50N"])
func rejectsOtherStrings(_ text: String) {
    #expect(CRS(text) == nil)
}

@Test func wktTextIsKeptVerbatimWithoutBOMOrSpace() {
    let wkt = #"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]"#
    #expect(CRS("\u{FEFF}" + wkt + "\r\n") == .wkt(wkt))
}

@Test(arguments: [CRS.epsg(4548), .gcj02, .bd09, .wkt("GEOGCS[\"x\"]")])
func descriptionParsesBack(_ crs: CRS) {
    #expect(CRS(crs.description) == crs)
}

@Test func canonicalCRSs() {
    #expect(CRS.cgcs2000 == .epsg(4490))
    #expect(CRS.wgs84 == .epsg(4326))
    #expect(CRS.gcj02.isWebMapDatum && CRS.bd09.isWebMapDatum && !CRS.cgcs2000.isWebMapDatum)
}
