import Foundation
import GridGeoCore
import Testing

let square = Polygon(exterior: Ring([.init(x: 0, y: 0), .init(x: 10, y: 0), .init(x: 10, y: 10), .init(x: 0, y: 10)]),
                     holes: [Ring([.init(x: 2, y: 2), .init(x: 2, y: 4), .init(x: 4, y: 4), .init(x: 4, y: 2)])])

let fixtures: [Geometry] = [
    .point(.init(lon: 116.404, lat: 39.915)),
    .multiPoint([.init(x: 1, y: 2), .init(x: 3, y: 4)]),
    .lineString(LineString([.init(x: 0, y: 0), .init(x: 1, y: 1), .init(x: 2, y: 0)])),
    .multiLineString([LineString([.init(x: 0, y: 0), .init(x: 1, y: 1)]), LineString([.init(x: 5, y: 5), .init(x: 6, y: 5)])]),
    .polygon(square),
    .multiPolygon([square, Polygon(exterior: Ring([.init(x: 20, y: 20), .init(x: 21, y: 20), .init(x: 21, y: 21)]))]),
    .collection([.point(.init(x: 1, y: 1)), .polygon(square)]),
]

@Test(arguments: fixtures)
func wkbRoundTrip(_ g: Geometry) throws {
    #expect(try Geometry(wkb: g.wkb) == g)
}

@Test(arguments: fixtures)
func geoJSONRoundTrip(_ g: Geometry) throws {
    let data = try JSONEncoder().encode(g)
    #expect(try JSONDecoder().decode(Geometry.self, from: data) == g)
}

@Test func wkbKnownBytes() throws {
    // POINT(1 2), little-endian, as PostGIS ST_AsBinary prints it.
    let hex = "0101000000000000000000f03f0000000000000040"
    let bytes = stride(from: 0, to: hex.count, by: 2).map { i -> UInt8 in
        let s = hex.index(hex.startIndex, offsetBy: i)
        return UInt8(hex[s...hex.index(after: s)], radix: 16)!
    }
    #expect(Geometry.point(.init(x: 1, y: 2)).wkb == bytes)
    // The same point big-endian with a Z ordinate (ISO 1001) reads as 2-D.
    var be: [UInt8] = [0, 0, 0, 0x03, 0xE9]
    for v in [1.0, 2.0, 3.0] { be += withUnsafeBytes(of: v.bitPattern.bigEndian, Array.init) }
    #expect(try Geometry(wkb: be) == .point(.init(x: 1, y: 2)))
}

@Test func wkbRejectsHostileInput() {
    #expect(throws: WKBError.truncated(offset: 5)) { try Geometry(wkb: [1, 1, 0, 0, 0]) }
    #expect(throws: WKBError.badByteOrder(7, offset: 0)) { try Geometry(wkb: [7]) }
    // A linestring claiming 2^32-1 points in 13 bytes must fail fast, not allocate.
    #expect(throws: WKBError.self) { try Geometry(wkb: [1, 2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]) }
    #expect(throws: WKBError.trailingBytes(count: 1)) { try Geometry(wkb: Geometry.point(.init(x: 0, y: 0)).wkb + [0]) }
}

@Test func geoJSONFeatureWithTypedProperties() throws {
    struct Props: Codable, Hashable, Sendable { var name: String; var code: String }
    let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[116.4,39.9,45.0]},"properties":{"name":"东华门街道","code":"110101001"}}]}"#
    let fc = try JSONDecoder().decode(FeatureCollection<Props>.self, from: Data(text.utf8))
    #expect(fc.features.count == 1)
    #expect(fc.features[0].id == "7")
    #expect(fc.features[0].properties.name == "东华门街道")
    #expect(fc.features[0].geometry == .point(.init(lon: 116.4, lat: 39.9)))
    let again = try JSONDecoder().decode(FeatureCollection<Props>.self, from: JSONEncoder().encode(fc))
    #expect(again == fc)
}

@Test func rfc7946OrientationAndRounding() {
    let cw = Polygon(exterior: Ring([.init(x: 0, y: 0), .init(x: 0, y: 1), .init(x: 1, y: 1), .init(x: 1, y: 0)]))
    #expect(!cw.exterior.isCounterClockwise)
    #expect(cw.rfc7946Oriented.exterior.isCounterClockwise)
    #expect(Geometry.point(.init(x: 116.123456789, y: 39.987654321)).rounded(toDecimals: 7)
            == .point(.init(x: 116.1234568, y: 39.9876543)))
}

@Test func boundingBox() {
    let b = Geometry.polygon(square).boundingBox
    #expect(b == BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10))
    #expect(b.contains(.init(x: 10, y: 10)))
    #expect(!b.contains(.init(x: 10.0001, y: 5)))
    #expect(BoundingBox.empty.isEmpty)
    #expect(square.planarArea == 96)
}
