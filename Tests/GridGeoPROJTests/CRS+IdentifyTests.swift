import GridGeoPROJ
import Testing

/// The delivery's .prj files: ESRI WKT 1 written by ArcGIS. Confidences are what PROJ 9.1.1 reports.
@Test(.enabled(if: SharedData.exists(SharedData.delivery)), arguments: [
    ("用地现状/YDXZ.prj", 4527, 100, CRS.Kind.projected, 39_500_000.0, 39),  // GK zone 39, zone-prefixed
    ("街道边界/街道边界.prj", 4548, 100, .projected, 500_000, nil),          // GK CM 117E
    ("门牌地址/MPDZ.prj", 4548, 100, .projected, 500_000, nil),
    ("道路中心线/DLZXX.prj", 4490, 100, .geographic, nil, nil),               // CGCS2000
    ("部件_公交站亭/BJ_0203.prj", 4490, 100, .geographic, nil, nil),
    ("部件_停车场/BJ_0201.prj", 4326, 100, .geographic, nil, nil),            // WGS 84
] as [(String, Int, Int, CRS.Kind, Double?, Int?)])
func identifiesDeliveryPrj(_ file: String, _ epsg: Int, _ confidence: Int, _ kind: CRS.Kind,
                           _ falseEasting: Double?, _ zonePrefix: Int?) throws {
    let candidates = try CRS.identify(wkt: SharedData.text("\(SharedData.delivery)/\(file)"))
    let best = try #require(candidates.first)
    #expect(best.epsg == epsg)
    #expect(best.confidence == confidence)
    #expect(best.kind == kind)
    #expect(best.transverseMercator?.falseEasting == falseEasting)
    #expect(best.transverseMercator?.zonePrefix == zonePrefix)
    if falseEasting != nil {
        #expect(best.transverseMercator?.centralMeridian == 117)
        #expect(best.transverseMercator?.scaleFactor == 1)
    }
}

@Test func identifiesEPSGCodesThemselves() throws {
    let best = try #require(try CRS.epsg(4548).identify().first)
    #expect(best.epsg == 4548 && best.confidence == 100)
    #expect(best.name == "CGCS2000 / 3-degree Gauss-Kruger CM 117E")
    #expect(best.transverseMercator == CRS.TransverseMercator(centralMeridian: 117, falseEasting: 500_000))
}

@Test func webMapDatumsHaveNoEPSGIdentity() throws {
    #expect(try CRS.gcj02.identify().isEmpty)
    #expect(try CRS.bd09.identify().isEmpty)
}

@Test func unknownLocalGaussKrugerIsNotAConfidentEPSGMatch() throws {
    // A made-up local CRS (CM 116.35°E, like a city grid): PROJ must not claim a confident EPSG match.
    let wkt = #"PROJCS["Local_116_35",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",-4000000.0],PARAMETER["Central_Meridian",116.35],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#
    let candidates = try CRS.identify(wkt: wkt)
    #expect(candidates.allSatisfy { $0.confidence < 70 }, "\(candidates)")
}

@Test func aNonCRSDefinitionIsRejected() {
    let error = #expect(throws: PROJError.self) { try CRS.identify(wkt: "+proj=noop") }
    #expect(error?.details.isEmpty == false)
}
