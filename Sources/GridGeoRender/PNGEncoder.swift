extension Raster {
    /// The raster as a PNG file (PNG specification, 2nd edition): 8-bit RGB, not interlaced; each row
    /// filtered with None, Sub or Up, whichever leaves the smallest residuals, then deflate-compressed.
    /// Opens in any viewer; the same raster always gives the same bytes.
    public func pngData() -> [UInt8] {
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += PNGChunk.encode("IHDR", header)
        png += PNGChunk.encode("IDAT", Deflate.zlib(filteredRows()))
        png += PNGChunk.encode("IEND", [])
        return png
    }

    /// Each row as a filter-type byte followed by the filtered bytes. Filters subtract a neighbour so that
    /// flat areas become zeros: Sub the pixel to the left, Up the pixel above.
    func filteredRows() -> [UInt8] {
        let stride = width * 3
        var out = [UInt8](repeating: 0, count: height * (stride + 1))
        pixels.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for y in 0..<height {
                    let row = y * stride
                    func left(_ i: Int) -> UInt8 { i >= 3 ? p[row + i - 3] : 0 }
                    func up(_ i: Int) -> UInt8 { y > 0 ? p[row - stride + i] : 0 }
                    // Pick the filter with the smallest sum of residuals read as signed bytes.
                    var sums = (none: 0, sub: 0, up: 0)
                    for i in 0..<stride {
                        let v = p[row + i]
                        sums.none += abs(Int(Int8(bitPattern: v)))
                        sums.sub += abs(Int(Int8(bitPattern: v &- left(i))))
                        sums.up += abs(Int(Int8(bitPattern: v &- up(i))))
                    }
                    let filter: UInt8 = sums.sub <= sums.up && sums.sub <= sums.none ? 1 : sums.up <= sums.none ? 2 : 0
                    let start = y * (stride + 1)
                    o[start] = filter
                    for i in 0..<stride {
                        let v = p[row + i]
                        o[start + 1 + i] = filter == 1 ? v &- left(i) : filter == 2 ? v &- up(i) : v
                    }
                }
            }
        }
        return out
    }
}

enum PNGChunk {
    /// Length, type, data and the CRC-32 of type and data.
    static func encode(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeAndData = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typeAndData + bigEndian(crc32(typeAndData))
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 as PNG and zlib define it: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

private func bigEndian(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
}
