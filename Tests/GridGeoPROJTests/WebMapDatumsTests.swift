import GridGeoCore
import GridGeoPROJ
import Testing

// Test vectors of wandergis/coordtransform (standards.md §5.3): input (116.404, 39.915) for every call.
private let input = Coordinate(lon: 116.404, lat: 39.915)

private func expectClose(_ a: Coordinate, _ b: Coordinate, within tolerance: Double,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(abs(a.lon - b.lon) < tolerance && abs(a.lat - b.lat) < tolerance, "\(a) vs \(b)",
            sourceLocation: sourceLocation)
}

@Test func wandergisVectors() {
    expectClose(GCJ02.fromWGS84(input), Coordinate(lon: 116.41024449916938, lat: 39.91640428150164), within: 1e-9)
    expectClose(GCJ02.toWGS84Approximately(input), Coordinate(lon: 116.39775550083061, lat: 39.91359571849836), within: 1e-9)
    expectClose(BD09.fromGCJ02(input), Coordinate(lon: 116.41036949371029, lat: 39.92133699351021), within: 1e-9)
    expectClose(BD09.toGCJ02Approximately(input), Coordinate(lon: 116.39762729119315, lat: 39.90865673957631), within: 1e-9)
}

@Test func exactInversesUndoTheVectors() {
    // Each forward vector's output maps back to the input through the iterative inverses.
    expectClose(GCJ02.toWGS84(Coordinate(lon: 116.41024449916938, lat: 39.91640428150164)), input, within: 1e-9)
    expectClose(BD09.toGCJ02(Coordinate(lon: 116.41036949371029, lat: 39.92133699351021)), input, within: 1e-9)
    // And each one-step inverse vector maps forward to near the input: the one-step error.
    expectClose(GCJ02.fromWGS84(Coordinate(lon: 116.39775550083061, lat: 39.91359571849836)), input, within: 1e-5)
    expectClose(BD09.fromGCJ02(Coordinate(lon: 116.39762729119315, lat: 39.90865673957631)), input, within: 1e-5)
}

/// Points across China, from Kashgar to Harbin and Sanya.
private let chinaGrid: [Coordinate] = stride(from: 74.0, through: 134.0, by: 4.0).flatMap { lon in
    stride(from: 18.0, through: 53.0, by: 5.0).map { Coordinate(lon: lon, lat: $0) }
}

@Test func iterativeInverseRoundTripsAcrossChina() {
    var worst = 0.0
    for w in chinaGrid + [input] {
        let g = GCJ02.fromWGS84(w)
        let back = GCJ02.toWGS84(g)
        worst = max(worst, abs(back.lon - w.lon), abs(back.lat - w.lat))
        // The residual of the solved equation is below the documented 1e-10°.
        let residual = GCJ02.fromWGS84(back)
        #expect(abs(residual.lon - g.lon) < 1e-10 && abs(residual.lat - g.lat) < 1e-10)

        let bd = BD09.fromWGS84(w)
        let bdBack = BD09.toWGS84(bd)
        worst = max(worst, abs(bdBack.lon - w.lon), abs(bdBack.lat - w.lat))
    }
    #expect(worst < 1e-9, "worst round trip \(worst)°")
}

@Test func oneStepInverseIsAboutAFewTenthsOfAMetreOff() {
    let w = input
    let g = GCJ02.fromWGS84(w)
    let approx = GCJ02.toWGS84Approximately(g)
    let metres = Geodesic.wgs84.distanceMetres(from: approx, to: w)
    #expect(metres > 0.01 && metres < 1, "\(metres) m")
}

@Test func gcjOffsetInBeijingIsAboutHalfAKilometre() {
    let shift = Geodesic.wgs84.distanceMetres(from: input, to: GCJ02.fromWGS84(input))
    #expect(shift > 450 && shift < 650, "\(shift) m")
}

@Test func outsideChinaGCJIsWGS() {
    let tokyo = Coordinate(lon: 139.767, lat: 35.681)
    #expect(GCJ02.isOutsideChina(tokyo))
    #expect(GCJ02.fromWGS84(tokyo) == tokyo)
    #expect(GCJ02.toWGS84(tokyo) == tokyo)
    #expect(GCJ02.toWGS84Approximately(tokyo) == tokyo)
    #expect(!GCJ02.isOutsideChina(input))
    // BD-09 has no such rule.
    #expect(BD09.fromGCJ02(tokyo) != tokyo)
}
