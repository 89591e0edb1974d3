import Testing
@testable import GridGeoRender

private func roundTrip(_ data: [UInt8]) throws -> [UInt8] {
    var inflater = Inflater(Deflate.deflate(data))
    return try inflater.inflate()
}

private func random(count: Int, seed: UInt64, alphabet: UInt8 = 255) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 33) % alphabet
    }
}

@Test(arguments: [0, 1, 2, 3, 4, 100, 5000])
func roundTripsRandomBytes(count: Int) throws {
    let data = random(count: count, seed: UInt64(count))
    #expect(try roundTrip(data) == data)
}

@Test func roundTripsRunsAndRepeatsAcrossTheWindow() throws {
    var data = [UInt8](repeating: 0, count: 100_000)
    data += random(count: 40_000, seed: 1, alphabet: 4)  // short alphabet: many matches of every length
    data += data.prefix(70_000)
    #expect(try roundTrip(data) == data)
}

@Test func runsCompressWell() {
    let data = [UInt8](repeating: 7, count: 300_000)
    #expect(Deflate.deflate(data).count < 300_000 / 100)
}

@Test func zlibWrapsWithHeaderAndAdler() {
    let data = Array("Wikipedia".utf8)
    let z = Deflate.zlib(data)
    #expect(z.prefix(2) == [0x78, 0x01])
    #expect((Int(z[0]) << 8 | Int(z[1])) % 31 == 0)
    #expect(Array(z.suffix(4)) == [0x11, 0xE6, 0x03, 0x98])
}

@Test(arguments: [("Wikipedia", 0x11E6_0398 as UInt32), ("", 1)])
func adler32MatchesKnownValues(text: String, adler: UInt32) {
    #expect(Deflate.adler32(Array(text.utf8)) == adler)
}

@Test func adler32FoldsLongInputs() {
    // 100,000 bytes of 0xFF: a = 1 + 100000·255, b = Σ a_i, both modulo 65521.
    let n: UInt64 = 100_000
    let a = (1 + n * 255) % 65521
    let b = (n + 255 * n * (n + 1) / 2) % 65521
    #expect(Deflate.adler32([UInt8](repeating: 0xFF, count: Int(n))) == UInt32(b << 16 | a))
}
