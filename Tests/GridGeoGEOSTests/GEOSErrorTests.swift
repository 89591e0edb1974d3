import GridGeoCore
import GridGeoGEOS
import Testing

@Test func overlayOfInvalidInputThrowsWithGEOSMessage() throws {
    let geos = try GEOSContext()
    let error = #expect(throws: GEOSError.self) {
        try geos.intersection(bowTie, .polygon(rectangle(2, -1, 8, 11)))
    }
    #expect(error?.function == "GEOSIntersection_r")
    #expect(error?.message.contains("TopologyException") == true)
    #expect(error?.description.hasPrefix("GEOSIntersection_r: ") == true)
}

@Test func structurallyBrokenInputThrowsWithGEOSMessage() throws {
    let error = #expect(throws: GEOSError.self) { try GEOSContext().area(brokenRing) }
    #expect(error?.function == "GEOSWKBReader_read_r")
    #expect(error?.message.contains("LinearRing") == true)
}

@Test func messageWithoutGEOSText() {
    #expect(GEOSError(function: "f", messages: []).description == "f: failed without a message")
    #expect(GEOSError(function: "f", messages: ["a", "b"]).message == "a; b")
}
