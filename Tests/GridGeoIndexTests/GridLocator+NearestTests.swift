import GridGeoCore
@testable import GridGeoIndex
import Testing

@Test func nearestMatchesBruteForceOutsideTheCoverage() {
    let box = partition.bounds
    var rng = SplitMix64(seed: 31)
    let ky = GridLocator.metresPerDegree
    for _ in 0..<200 {
        // Points in a band around the rectangle.
        var p = Coordinate(x: .random(in: box.minX - 0.01...box.maxX + 0.01, using: &rng),
                           y: .random(in: box.minY - 0.01...box.maxY + 0.01, using: &rng))
        if box.contains(p) { p.x = box.maxX + (p.x - box.minX) / 10 }
        let kx = ky * cosine(degrees: p.y)
        let expected = (0..<partition.grids.count).map { locator.distance(from: p, toGrid: $0, kx, ky) }.min()!
        let found = locator.nearest(to: p)
        #expect(found != nil)
        #expect(abs(found!.distanceMetres - expected) <= 1e-9 * expected)
        #expect(locator.nearest(to: p, maxDistanceMetres: expected * 0.999) == nil)
    }
}

@Test func nearestInsideIsTheOwnerAtDistanceZero() {
    let p = partition.bounds.center
    #expect(locator.nearest(to: p) == NearestGrid(grid: locator.locate(p)!.grid, distanceMetres: 0))
}

@Test func nearestDistanceIsInMetres() {
    // One grid: the unit-ish square 116.0…116.001 × 40.0…40.001; a point 0.001° east of it.
    let g = GridLocator(polygons: [Polygon(exterior: square(116.0, 40.0, 116.001, 40.001))])
    let d = g.nearest(to: Coordinate(x: 116.002, y: 40.0005))!.distanceMetres
    #expect(abs(d - 85.18) < 0.05)   // 0.001° × 111,195 m × cos 40.0005°
    #expect(abs(cosine(degrees: 60) - 0.5) < 1e-12)
    #expect(abs(cosine(degrees: -120) + 0.5) < 1e-12)
}
