import Foundation
import GridGeoCore
import Testing
@testable import GridGeoRender

private let frame = PixelRect(x: 10, y: 20, width: 400, height: 400)

@Test func aSquareOnTheGroundStaysSquareAtBeijing() {
    // 1 km × 1 km around Tiananmen: fewer degrees of latitude than of longitude.
    let lat = 39.9, metres = 1000.0
    let dLat = metres / MapProjection.metresPerDegree
    let dLon = dLat / cos(lat * .pi / 180)
    let box = BoundingBox(minX: 116.39, minY: lat - dLat / 2, maxX: 116.39 + dLon, maxY: lat + dLat / 2)
    let p = MapProjection(extent: box, frame: frame, units: .degrees)
    let a = p.pixel(for: Coordinate(x: box.minX, y: box.minY)), b = p.pixel(for: Coordinate(x: box.maxX, y: box.maxY))
    #expect(abs((b.x - a.x) - (a.y - b.y)) < 0.01)
    #expect(abs(p.metresPerPixel * 400 - metres) < 0.01)
}

@Test func northIsUpAndTheExtentIsCentredInTheFrame() {
    let box = BoundingBox(minX: 0, minY: 0, maxX: 200, maxY: 100)
    let p = MapProjection(extent: box, frame: frame, units: .metres)
    #expect(p.pixelsPerUnit == 2)
    #expect(p.pixel(for: Coordinate(x: 0, y: 100)) == Coordinate(x: 10, y: 120))  // top left
    #expect(p.pixel(for: Coordinate(x: 200, y: 0)) == Coordinate(x: 410, y: 320))  // bottom right
    #expect(p.metresPerPixel == 0.5)
}

@Test func aSinglePointLandsInTheMiddle() {
    let c = Coordinate(x: 116.4, y: 39.9)
    let p = MapProjection(extent: BoundingBox(covering: [c]), frame: frame, units: .degrees)
    #expect(p.pixel(for: c) == Coordinate(x: 210, y: 220))
}

@Test(arguments: [(999.0, 500.0), (1000, 1000), (1999, 1000), (2500, 2000), (7.3, 5), (0.3, 0.2)])
func scaleBarLengthsAreRound(limit: Double, expected: Double) {
    #expect(abs(MapProjection.roundLength(atMost: limit) - expected) < 1e-9)
}

@Test(arguments: [(500.0, "500 m"), (2000, "2 km"), (1500, "1.5 km"), (0.5, "0.5 m")])
func scaleBarLabels(metres: Double, text: String) {
    #expect(MapProjection.lengthLabel(metres: metres) == text)
}

@Test(arguments: [(3.0, "3"), (-2.5, "-2.5"), (0.125, "0.13"), (1.05, "1.05"), (-0.001, "0"), (12.10, "12.1")])
func numbersAreFormattedWithoutLocale(value: Double, text: String) {
    #expect(formatNumber(value) == text)
}
