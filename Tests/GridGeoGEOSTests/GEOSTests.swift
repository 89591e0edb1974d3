import GridGeoGEOS
import Testing

@Test func versionIsTheLinkedLibrary() {
    // Debian 12 ships 3.11; the wrapper avoids anything newer.
    #expect(GEOS.version.hasPrefix("3."))
    #expect(GEOS.version.contains("CAPI"))
}
