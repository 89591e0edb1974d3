import Testing
import GridGeoShapefile

@Test(arguments: [
    (ShapefileError.missingComponent(extension: ".shx", path: "/d/a.shx"), ".shx"),
    (.recordCountMismatch(shapes: 3, attributes: 2), "3 shapes"),
    (.truncated(path: "/d/a.shp", expectedBytes: 508, actualBytes: 250), "/d/a.shp"),
    (.unreadableRecord(index: 7, message: "Error in fread()"), "Error in fread()"),
    (.unsupportedShapeType(code: 31, name: "MultiPatch"), "MultiPatch"),
    (.undecodableText(encoding: "UTF-8", context: "record 1, field NAME"), "record 1, field NAME"),
    (.openFailed(path: "/d/a.shp", message: "Unable to open"), "Unable to open"),
])
func messagesNameTheProblem(_ error: ShapefileError, _ fragment: String) {
    #expect(error.description.contains(fragment))
}
