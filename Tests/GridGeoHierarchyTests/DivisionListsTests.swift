import Testing
@testable import GridGeoHierarchy

@Test func placeholder() {}
