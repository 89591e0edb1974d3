/// The compressor behind PNG's image data: a zlib stream (RFC 1950) holding one deflate block (RFC 1951)
/// coded with the fixed Huffman code (§3.2.6) and greedy LZ77 matches found through a hash chain.
///
/// Maps are mostly flat colour, which PNG row filters turn into long runs of zeros; LZ77 codes a run of
/// 258 bytes in about 9 bits, so the fixed code comes close to what a full encoder achieves here, with a
/// fraction of the code.
enum Deflate {
    /// `data` as a zlib stream: header, deflate data, Adler-32 of `data`.
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        // CMF 0x78: deflate with a 32 KiB window; FLG 0x01: no dictionary, and 0x7801 is a multiple of 31.
        var out: [UInt8] = [0x78, 0x01]
        out += deflate(data)
        let adler = adler32(data)
        out += [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
        return out
    }

    static let window = 32768
    static let minMatch = 3
    static let maxMatch = 258
    /// How many earlier positions with the same 3-byte hash are tried: more compresses better, slower.
    static let maxChain = 16

    /// `data` as a single final deflate block with fixed Huffman codes.
    /// - Complexity: O(*n* × `maxChain`) in the worst case; O(*n*) on run-heavy data.
    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL: the last block
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
        let n = data.count
        let hashBits = 15, hashMask = (1 << hashBits) - 1, windowMask = window - 1
        var head = [Int32](repeating: -1, count: 1 << hashBits)
        var previous = [Int32](repeating: -1, count: window)

        data.withUnsafeBufferPointer { d in
            func hash(_ i: Int) -> Int {
                (Int(d[i]) << 10 ^ Int(d[i + 1]) << 5 ^ Int(d[i + 2])) & hashMask
            }
            func insert(_ i: Int) {
                let h = hash(i)
                previous[i & windowMask] = head[h]
                head[h] = Int32(i)
            }
            var i = 0
            while i < n {
                // 1. Find the longest earlier match among the last `maxChain` positions with the same hash.
                var bestLength = 0, bestDistance = 0
                if i + minMatch <= n {
                    let limit = min(maxMatch, n - i)
                    var candidate = Int(head[hash(i)])
                    var chain = maxChain
                    while candidate >= 0, chain > 0, i - candidate <= window {
                        if d[candidate + bestLength] == d[i + bestLength] || bestLength == 0 {
                            var length = 0
                            while length < limit, d[candidate + length] == d[i + length] { length += 1 }
                            if length > bestLength {
                                bestLength = length
                                bestDistance = i - candidate
                                if length == limit { break }
                            }
                        }
                        // A slot may have been reused by a newer position; stop rather than walk forwards.
                        let next = Int(previous[candidate & windowMask])
                        guard next < candidate else { break }
                        candidate = next
                        chain -= 1
                    }
                    insert(i)
                }
                // 2. Emit a match, or a literal when no match is long enough to pay off.
                if bestLength >= minMatch {
                    bits.writeLength(bestLength)
                    bits.writeDistance(bestDistance)
                    for j in (i + 1)..<(i + bestLength) where j + minMatch <= n { insert(j) }
                    i += bestLength
                } else {
                    bits.writeSymbol(Int(d[i]))
                    i += 1
                }
            }
        }
        bits.writeSymbol(256)  // end of block
        bits.flush()
        return bits.bytes
    }

    /// Adler-32 (RFC 1950 §8.2): two sums modulo 65521, folded every 5552 bytes, the most that cannot
    /// overflow 32 bits.
    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        var start = 0
        while start < data.count {
            let end = min(start + 5552, data.count)
            for i in start..<end {
                a += UInt32(data[i])
                b += a
            }
            a %= 65521
            b %= 65521
            start = end
        }
        return b << 16 | a
    }
}

/// Bits packed least significant first, as deflate stores them; Huffman codes go in reversed.
private struct BitWriter {
    var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    mutating func write(_ value: UInt32, count n: Int) {
        buffer |= UInt64(value) << count
        count += n
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
    }

    mutating func flush() {
        if count > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
        buffer = 0
        count = 0
    }

    /// A literal/length symbol 0...287 in the fixed code.
    mutating func writeSymbol(_ symbol: Int) {
        let code = FixedCode.literals[symbol]
        write(code.bits, count: code.length)
    }

    mutating func writeLength(_ length: Int) {
        let code = FixedCode.lengths[length]
        writeSymbol(code.symbol)
        write(code.extra, count: code.extraBits)
    }

    mutating func writeDistance(_ distance: Int) {
        let code = FixedCode.distances[distance]
        write(FixedCode.reversed(UInt32(code.symbol), 5), count: 5)
        write(code.extra, count: code.extraBits)
    }
}

/// The tables of RFC 1951 §3.2.5–3.2.6, expanded once for direct lookup.
private enum FixedCode {
    /// Bit-reversed code and length per literal/length symbol.
    static let literals: [(bits: UInt32, length: Int)] = (0..<288).map { s in
        let (code, length) = s < 144 ? (0x30 + s, 8) : s < 256 ? (0x190 + s - 144, 9)
            : s < 280 ? (s - 256, 7) : (0xC0 + s - 280, 8)
        return (reversed(UInt32(code), length), length)
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                             35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                  3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                               1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtraBits = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
                                    9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    typealias Code = (symbol: Int, extra: UInt32, extraBits: Int)

    /// Indexed by match length 0...258 (entries below 3 unused).
    static let lengths: [Code] = table(upTo: Deflate.maxMatch, bases: lengthBase, extraBits: lengthExtraBits,
                                       firstSymbol: 257)
    /// Indexed by distance 0...32768 (entry 0 unused).
    static let distances: [Code] = table(upTo: Deflate.window, bases: distanceBase, extraBits: distanceExtraBits,
                                         firstSymbol: 0)

    private static func table(upTo maximum: Int, bases: [Int], extraBits: [Int], firstSymbol: Int) -> [Code] {
        var codes: [Code] = Array(repeating: (0, 0, 0), count: maximum + 1)
        for k in bases.indices {
            let last = k + 1 < bases.count ? bases[k + 1] - 1 : maximum
            for v in bases[k]...last { codes[v] = (firstSymbol + k, UInt32(v - bases[k]), extraBits[k]) }
        }
        return codes
    }

    static func reversed(_ value: UInt32, _ length: Int) -> UInt32 {
        var r: UInt32 = 0
        for i in 0..<length { r = r << 1 | (value >> i & 1) }
        return r
    }
}
