import GridGeoCore
import Testing
@testable import GridGeoRender

private let red = Color(hex: 0xFF0000)

private func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [Coordinate] {
    [Coordinate(x: x, y: y), Coordinate(x: x + w, y: y), Coordinate(x: x + w, y: y + h), Coordinate(x: x, y: y + h)]
}

@Test func fillsInsideAndLeavesOutside() {
    var r = Raster(width: 20, height: 20)
    r.fill([rect(5, 5, 10, 10)], rule: .evenOdd, color: red)
    #expect(r[10, 10] == red)
    #expect(r[5, 5] == red && r[14, 14] == red)
    #expect(r[4, 10] == .white && r[15, 10] == .white && r[10, 4] == .white && r[10, 15] == .white)
}

@Test func evenOddLeavesHolesEmptyWhateverTheirOrientation() {
    for hole in [rect(8, 8, 4, 4), Array(rect(8, 8, 4, 4).reversed())] {
        var r = Raster(width: 20, height: 20)
        r.fill([rect(5, 5, 10, 10), hole], rule: .evenOdd, color: red)
        #expect(r[10, 10] == .white)
        #expect(r[6, 10] == red)
    }
}

@Test func nonZeroMergesOverlapsOfOneOrientation() {
    var r = Raster(width: 20, height: 20)
    r.fill([rect(2, 2, 10, 10), rect(6, 6, 10, 10)], rule: .nonZero, color: red)
    #expect(r[8, 8] == red)
    var e = Raster(width: 20, height: 20)
    e.fill([rect(2, 2, 10, 10), rect(6, 6, 10, 10)], rule: .evenOdd, color: red)
    #expect(e[8, 8] == .white)
}

@Test func edgesAreAntiAliased() {
    // Half of column 10 and a quarter of row 10 are covered.
    var r = Raster(width: 20, height: 20, background: .black)
    r.fill([rect(2, 2, 8.5, 8.25)], rule: .evenOdd, color: .white)
    #expect(r[10, 5].red == 128)
    #expect(r[5, 10].red == 64)
    #expect(r[10, 10].red == 32)
}

@Test func opacityBlendsOverWhatIsThere() {
    var r = Raster(width: 4, height: 4, background: .white)
    r.fill([rect(0, 0, 4, 4)], rule: .evenOdd, color: .black, opacity: 0.25)
    #expect(r[1, 1] == Color(red: 191, green: 191, blue: 191))
}

@Test func shapesOffTheRasterAreClipped() {
    var r = Raster(width: 10, height: 10)
    r.fill([rect(-100, -100, 105, 300)], rule: .evenOdd, color: red)
    #expect(r[0, 0] == red && r[4, 9] == red && r[5, 0] == .white)
    r.fill([rect(50, 50, 10, 10)], rule: .evenOdd, color: .black)
}

@Test func boundsCutTheFill() {
    var r = Raster(width: 20, height: 20)
    r.fill([rect(0, 0, 20, 20)], rule: .evenOdd, color: red, within: PixelRect(x: 5, y: 5, width: 10, height: 10))
    #expect(r[5, 5] == red && r[14, 14] == red)
    #expect(r[4, 10] == .white && r[15, 10] == .white && r[10, 4] == .white && r[10, 15] == .white)
}

@Test func strokesHaveTheirWidth() {
    var r = Raster(width: 30, height: 30)
    r.stroke([[Coordinate(x: 5, y: 15), Coordinate(x: 25, y: 15)]], closed: false, width: 4, color: red)
    #expect(r[15, 13] == red && r[15, 16] == red)
    #expect(r[15, 11] == .white && r[15, 18] == .white)
    // Round caps reach half the width beyond the ends.
    #expect(r[25, 15] == red && r[28, 15] == .white)
}

@Test func translucentStrokesAreEvenAtJoins() {
    var r = Raster(width: 30, height: 30)
    let corner = [Coordinate(x: 5, y: 15), Coordinate(x: 15, y: 15), Coordinate(x: 15, y: 25)]
    r.stroke([corner], closed: false, width: 4, color: .black, opacity: 0.5)
    #expect(r[14, 15] == r[10, 15], "where both segments and the join disc overlap")
    #expect(r[10, 15].red == 128)
}
