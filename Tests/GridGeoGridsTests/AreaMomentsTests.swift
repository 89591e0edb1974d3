import Foundation
import GridGeoCore
@testable import GridGeoGrids
import Testing

private func ring(_ points: [(Double, Double)]) -> [Coordinate] {
    let r = points.map { Coordinate(x: $0.0, y: $0.1) }
    return r + [r[0]]
}

@Test func rectangleAreaAndCentroid() {
    let m = AreaMoments(rings: [ring([(10, 20), (40, 20), (40, 30), (10, 30)])], reference: Coordinate(x: 5, y: 5))
    #expect(abs(m.area - 300) < 1e-9)
    #expect(abs(m.centroid.x - 25) < 1e-9 && abs(m.centroid.y - 25) < 1e-9)
    #expect(abs(m.majorAxisAngle) < 1e-9)
}

@Test func holesSubtract() {
    let outer = ring([(0, 0), (10, 0), (10, 10), (0, 10)])
    let hole = ring([(2, 2), (2, 4), (4, 4), (4, 2)])
    let m = AreaMoments(rings: [outer, hole], reference: Coordinate(x: 0, y: 0))
    #expect(abs(m.area - 96) < 1e-9)
    #expect(m.centroid.x > 5 && m.centroid.y > 5)
}

@Test func majorAxisOfARotatedStrip() {
    let angle = Double.pi / 6
    let (c, s) = (cos(angle), sin(angle))
    let strip = [(0.0, 0.0), (100, 0), (100, 10), (0, 10)].map { (c * $0.0 - s * $0.1 + 1_000, s * $0.0 + c * $0.1 - 500) }
    let m = AreaMoments(rings: [ring(strip)], reference: Coordinate(x: 1_000, y: -500))
    #expect(abs(m.majorAxisAngle - angle) < 1e-9)
}

@Test func sumsOfRegionsAreTheRegionOfTheUnion() {
    let reference = Coordinate(x: 0, y: 0)
    let left = AreaMoments(rings: [ring([(0, 0), (1, 0), (1, 1), (0, 1)])], reference: reference)
    let right = AreaMoments(rings: [ring([(1, 0), (3, 0), (3, 1), (1, 1)])], reference: reference)
    let both = AreaMoments(rings: [ring([(0, 0), (3, 0), (3, 1), (0, 1)])], reference: reference)
    let sum = left + right
    #expect(abs(sum.area - both.area) < 1e-12)
    #expect(abs(sum.centroid.x - both.centroid.x) < 1e-12)
    #expect(abs(sum.majorAxisAngle - both.majorAxisAngle) < 1e-12)
}

@Test func signedAreaAndLength() {
    let ccw = ring([(0, 0), (4, 0), (4, 3), (0, 3)])
    #expect(doubleSignedArea(ccw) == 24)
    #expect(doubleSignedArea(ccw.reversed()) == -24)
    #expect(pathLength(ccw) == 14)
}
