import Testing
@testable import GridGeoRender

private func checkerboard(width: Int, height: Int) -> Raster {
    var r = Raster(width: width, height: height, background: Color(hex: 0x204080))
    for y in 0..<height {
        for x in 0..<width where (x / 3 + y / 2) % 2 == 0 { r.blend(x: x, y: y, color: Color(hex: 0xF0E0D0)) }
    }
    return r
}

@Test func startsWithTheSignatureAndHasIHDRIDATIEND() throws {
    let png = checkerboard(width: 7, height: 5).pngData()
    #expect(png.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    let decoded = try DecodedPNG(png)  // verifies every chunk's CRC
    #expect(decoded.chunkTypes == ["IHDR", "IDAT", "IEND"])
    #expect(decoded.width == 7 && decoded.height == 5)
    #expect(Array(png[24..<29]) == [8, 2, 0, 0, 0], "8-bit RGB, deflate, adaptive filters, not interlaced")
}

@Test(arguments: [(1, 1), (7, 5), (64, 3), (300, 200)])
func decodesToTheSamePixels(width: Int, height: Int) throws {
    let raster = checkerboard(width: width, height: height)
    #expect(try DecodedPNG(raster.pngData()).pixels == raster.pixels)
}

@Test func aFilledSquareReadsBackInsideAndOut() throws {
    var raster = Raster(width: 40, height: 40)
    raster.fill([[.init(x: 10, y: 10), .init(x: 30, y: 10), .init(x: 30, y: 30), .init(x: 10, y: 30)]], rule: .evenOdd,
                color: Color(hex: 0x336699))
    let decoded = try DecodedPNG(raster.pngData())
    #expect(decoded.color(x: 20, y: 20) == Color(hex: 0x336699))
    #expect(decoded.color(x: 5, y: 20) == .white)
}

@Test func rowsUseSubOrUpFiltersWhenThoseHelp() {
    var raster = Raster(width: 8, height: 3)
    for x in 0..<8 { raster.blend(x: x, y: 0, color: Color(red: UInt8(x * 30), green: 0, blue: 0)) }
    let rows = raster.filteredRows()
    #expect(rows[0] == 1, "a gradient row: Sub leaves constant residuals")
    #expect(rows[25] == 1 || rows[25] == 2, "a flat row")
    #expect(rows.count == 3 * (8 * 3 + 1))
}

@Test(arguments: [("123456789", 0xCBF4_3926 as UInt32), ("", 0), ("IEND", 0xAE42_6082)])
func crc32MatchesKnownValues(text: String, crc: UInt32) {
    #expect(PNGChunk.crc32(Array(text.utf8)) == crc)
}
