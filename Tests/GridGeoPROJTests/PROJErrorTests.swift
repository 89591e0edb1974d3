import GridGeoCore
import GridGeoPROJ
import Testing

@Test func descriptionCarriesCodeMessageAndDetails() {
    let error = PROJError(code: 2049, message: "Invalid coordinate", details: ["tmerc: Invalid latitude"])
    #expect(error.description == "PROJ error 2049: Invalid coordinate (tmerc: Invalid latitude)")
    #expect(PROJError(code: 1027, message: "Invalid value for an argument").description
            == "PROJ error 1027: Invalid value for an argument")
}

@Test func unknownEPSGCodeReportsPROJsOwnWords() {
    // PROJ 9.1.1 gives no specific errno for an unknown code (4096), but logs "crs not found".
    let error = #expect(throws: PROJError.self) { try Transformer(from: .cgcs2000, to: .epsg(999_999)) }
    #expect(error?.code == 4096)
    #expect(error?.message.isEmpty == false)
    #expect(error?.details.contains { $0.contains("crs not found") } == true, "\(String(describing: error))")
}

@Test func unreadableWKTIsAnError() {
    let error = #expect(throws: PROJError.self) { try CRS.identify(wkt: "PROJCS[\"broken\"") }
    #expect(error?.details.isEmpty == false, "\(String(describing: error))")
}

@Test func errorsDoNotLeakIntoLaterCalls() throws {
    _ = try? Transformer(from: .cgcs2000, to: .epsg(999_999))
    // A fresh, valid call succeeds and a later failure carries only its own details.
    let t = try Transformer(from: .cgcs2000, to: .epsg(4548))
    let error = #expect(throws: PROJError.self) { try t.transform(Coordinate(lon: 116.4, lat: 91)) }
    #expect(error?.code == 2049)
    #expect(error?.details.contains { $0.contains("crs not found") } == false)
}
