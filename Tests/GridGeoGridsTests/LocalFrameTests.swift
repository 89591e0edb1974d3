import Foundation
import GridGeoCore
import GridGeoGrids
import Testing

private let origin = Coordinate(lon: 116.41, lat: 39.91)
private let frame = LocalFrame(origin: origin)
/// Points up to 10 km from the origin: the corners and edge middles of a 20 km square.
private let offsets: [Coordinate] = [-10_000, 0, 10_000].flatMap { x in [-10_000, 0, 10_000].map { Coordinate(x: x, y: $0) } }

@Test func originIsZero() {
    #expect(frame.toMetres(origin) == Coordinate(x: 0, y: 0))
    #expect(frame.toLonLat(Coordinate(x: 0, y: 0)) == origin)
}

@Test(arguments: offsets)
func roundTripIsExactToPicoDegrees(_ offset: Coordinate) {
    let lonLat = frame.toLonLat(offset)
    let back = frame.toMetres(lonLat)
    #expect(abs(back.x - offset.x) < 1e-7 && abs(back.y - offset.y) < 1e-7)
    let again = frame.toLonLat(back)
    #expect(abs(again.lon - lonLat.lon) < 1e-12 && abs(again.lat - lonLat.lat) < 1e-12)
}

@Test func metresAreMetres() {
    // 0.01° of latitude at 39.91° is M·0.01° = 1,110.329 m.
    let north = frame.toMetres(Coordinate(lon: origin.lon, lat: origin.lat + 0.01))
    #expect(abs(north.y - 1_110.329) < 0.001)
    // 0.01° of longitude at 39.91° is N·cos φ·0.01° = 855.059 m.
    let east = frame.toMetres(Coordinate(lon: origin.lon + 0.01, lat: origin.lat))
    #expect(abs(east.x - 855.059) < 0.001)
}

/// The frame's area element against the ellipsoid's, M·N·cos φ per radian², within ±10 km:
/// off by at most 0.13 % as measured, and within 1e-9 once scaled by `areaScale(atNorthing:)`.
@Test(arguments: offsets)
func areaErrorIsDocumented(_ offset: Coordinate) {
    let p = frame.toLonLat(offset)
    let h = 1e-5
    let radians = Double.pi / 180
    let east = (frame.toMetres(Coordinate(lon: p.lon + h, lat: p.lat)).x - frame.toMetres(Coordinate(lon: p.lon - h, lat: p.lat)).x) / (2 * h)
    let north = (frame.toMetres(Coordinate(lon: p.lon, lat: p.lat + h)).y - frame.toMetres(Coordinate(lon: p.lon, lat: p.lat - h)).y) / (2 * h)
    let frameArea = east * north
    let a = 6_378_137.0, f = 1 / 298.257222101, e2 = f * (2 - f)
    let phi = p.lat * radians, w = 1 - e2 * sin(phi) * sin(phi)
    let ellipsoidArea = a * (1 - e2) / (w * w.squareRoot()) * a / w.squareRoot() * cos(phi) * radians * radians
    let error = frameArea / ellipsoidArea - 1
    #expect(abs(error) < 0.0013)
    if offset.y == 0 { #expect(abs(error) < 1e-9) }
    #expect(abs(frameArea * frame.areaScale(atNorthing: offset.y) / ellipsoidArea - 1) < 1e-9)
}

@Test func straightLinesStayStraight() {
    // Affine: the midpoint in metres is the midpoint in lon/lat.
    let a = Coordinate(x: -7_000, y: 9_000), b = Coordinate(x: 8_000, y: -6_000)
    let mid = frame.toLonLat(Coordinate(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2))
    let la = frame.toLonLat(a), lb = frame.toLonLat(b)
    #expect(abs(mid.lon - (la.lon + lb.lon) / 2) < 1e-12 && abs(mid.lat - (la.lat + lb.lat) / 2) < 1e-12)
}

@Test func geometriesConvertBothWays() {
    let square = Geometry.polygon(Polygon(exterior: Ring([origin, Coordinate(lon: 116.42, lat: 39.91),
                                                         Coordinate(lon: 116.42, lat: 39.92)])))
    let back = frame.toLonLat(frame.toMetres(square))
    for (a, b) in zip(square.allCoordinates, back.allCoordinates) {
        #expect(abs(a.lon - b.lon) < 1e-12 && abs(a.lat - b.lat) < 1e-12)
    }
}
