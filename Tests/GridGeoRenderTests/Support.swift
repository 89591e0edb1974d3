import GridGeoCore
@testable import GridGeoRender

// Shared fixtures and an independent PNG reader, so encoder tests check bytes against a second implementation.

func square(_ x: Double, _ y: Double, _ size: Double) -> Ring {
    Ring([Coordinate(x: x, y: y), Coordinate(x: x + size, y: y), Coordinate(x: x + size, y: y + size),
          Coordinate(x: x, y: y + size)])
}

/// A 3 × 3 block of unit grids near Beijing (about 85 m × 110 m each), one of them holed and one labelled
/// with characters XML must escape, under a street outline with a Chinese name.
func sampleMap(width: Int = 480, height: Int = 360) -> Map {
    let size = 0.001
    var grids: [MapFeature] = []
    for row in 0..<3 {
        for column in 0..<3 {
            let x = 116.400 + Double(column) * size, y = 39.900 + Double(row) * size
            let holes = row == 1 && column == 1 ? [square(x + size * 0.35, y + size * 0.35, size * 0.3)] : []
            let code = threeDigits(row * 3 + column + 1)
            grids.append(MapFeature(geometry: .polygon(Polygon(exterior: square(x, y, size), holes: holes)),
                                    label: code))
        }
    }
    grids[8].label = "<&>"
    let street = MapFeature(geometry: .polygon(Polygon(exterior: square(116.400, 39.900, 3 * size))), label: "东华门街道",
                            labelPoint: Coordinate(x: 116.4015, y: 39.9028))
    let values = (1...9).map(Double.init)
    let choropleth = Choropleth(values: values)
    for i in grids.indices { grids[i].fill = choropleth.color(for: values[i]) }
    return Map(title: "Sample 示例", layers: [
        MapLayer(name: "street", features: [street], style: .street, drawOrder: 1),
        MapLayer(name: "grids", features: grids, style: .grid),
    ], legend: choropleth.legend(title: "Events"), width: width, height: height)
}

/// The picture in docs/rendering.md: a district of two streets, four communities and 36 unit grids of
/// 100 m × 100 m, coloured by a made-up event count per grid.
func docsSampleMap() -> Map {
    // 100 m in degrees at 39.9° N.
    let dy = 100 / MapProjection.metresPerDegree, dx = dy / 0.7672
    let x0 = 116.405, y0 = 39.915
    func box(_ c0: Int, _ r0: Int, _ c1: Int, _ r1: Int) -> Polygon {
        Polygon(exterior: Ring([(c0, r0), (c1, r0), (c1, r1), (c0, r1)].map {
            Coordinate(x: x0 + Double($0.0) * dx, y: y0 + Double($0.1) * dy)
        }))
    }
    func at(_ column: Double, _ row: Double) -> Coordinate { Coordinate(x: x0 + column * dx, y: y0 + row * dy) }
    var seed: UInt64 = 7
    var counts: [Double] = []
    var grids: [MapFeature] = []
    for community in 0..<4 {
        let c0 = community % 2 * 3, r0 = community / 2 * 3
        for k in 0..<9 {
            // Skewed like real event counts: many grids with few, a handful with many.
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let u = Double((seed >> 33) % 1000) / 1000
            counts.append((u * u * 25).rounded(.down))
            grids.append(MapFeature(geometry: .polygon(box(c0 + k % 3, r0 + k / 3, c0 + k % 3 + 1, r0 + k / 3 + 1)),
                                    label: threeDigits(k + 1)))
        }
    }
    let choropleth = Choropleth(values: counts)
    for i in grids.indices { grids[i].fill = choropleth.color(for: counts[i]) }
    let communities = ["多福巷 C01", "韶九 C02", "智德 C03", "南池子 C04"].enumerated().map { i, name in
        MapFeature(geometry: .polygon(box(i % 2 * 3, i / 2 * 3, i % 2 * 3 + 3, i / 2 * 3 + 3)), label: name,
                   labelPoint: at(Double(i % 2 * 3) + 1.5, Double(i / 2 * 3) + 1.5))
    }
    let streets = [
        MapFeature(geometry: .polygon(box(0, 0, 3, 6)), label: "东华门街道 001", labelPoint: at(1.5, 3)),
        MapFeature(geometry: .polygon(box(3, 0, 6, 6)), label: "景山街道 002", labelPoint: at(4.5, 3)),
    ]
    let district = MapFeature(geometry: .polygon(box(0, 0, 6, 6)), label: "东城区 110101", labelPoint: at(3, 5.5))
    return Map(title: "东城区 unit grids: events per grid", layers: [
        MapLayer(name: "grids", features: grids, style: .grid),
        MapLayer(name: "communities", features: communities, style: .community, drawOrder: 1),
        MapLayer(name: "streets", features: streets, style: .street, drawOrder: 2),
        MapLayer(name: "district", features: [district], style: .district, drawOrder: 3),
    ], legend: choropleth.legend(title: "Events"), width: 800, height: 600)
}

/// Zero-padded to three digits, as grid sequence numbers are written.
func threeDigits(_ n: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, 3 - s.count)) + s
}

struct DecodeError: Error, CustomStringConvertible {
    var description: String
}

/// A deflate decoder for stored and fixed-Huffman blocks (all our encoder writes), written from RFC 1951.
struct Inflater {
    private let data: [UInt8]
    private var bit = 0

    init(_ data: [UInt8]) { self.data = data }

    private mutating func bits(_ n: Int) throws -> Int {
        var v = 0
        for k in 0..<n {
            guard bit / 8 < data.count else { throw DecodeError(description: "deflate data ends early") }
            v |= Int(data[bit / 8] >> (bit % 8) & 1) << k
            bit += 1
        }
        return v
    }

    /// A Huffman code: read most significant bit first.
    private mutating func code(_ n: Int, after prefix: Int = 0) throws -> Int {
        var v = prefix
        for _ in 0..<n { v = v << 1 | (try bits(1)) }
        return v
    }

    private mutating func literalOrLength() throws -> Int {
        let seven = try code(7)
        if seven <= 0b0010111 { return 256 + seven }
        let eight = try code(1, after: seven)
        if (0x30...0xBF).contains(eight) { return eight - 0x30 }
        if (0xC0...0xC7).contains(eight) { return 280 + eight - 0xC0 }
        return 144 + (try code(1, after: eight)) - 0x190
    }

    mutating func inflate() throws -> [UInt8] {
        let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                          131, 163, 195, 227, 258]
        let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        var out: [UInt8] = []
        var final = false
        while !final {
            final = try bits(1) == 1
            switch try bits(2) {
            case 0:
                bit = (bit + 7) / 8 * 8
                let length = try bits(16)
                _ = try bits(16)
                for _ in 0..<length { out.append(UInt8(try bits(8))) }
            case 1:
                while true {
                    let symbol = try literalOrLength()
                    if symbol < 256 { out.append(UInt8(symbol)); continue }
                    if symbol == 256 { break }
                    let k = symbol - 257
                    let length = lengthBase[k] + (try bits(lengthExtra[k]))
                    let d = try code(5)
                    let extra = d < 4 ? 0 : d / 2 - 1
                    let base = d < 4 ? d + 1 : (2 + d % 2) << extra + 1
                    let distance = base + (try bits(extra))
                    guard distance <= out.count else { throw DecodeError(description: "distance too far back") }
                    for _ in 0..<length { out.append(out[out.count - distance]) }
                }
            default:
                throw DecodeError(description: "unexpected block type")
            }
        }
        return out
    }
}

/// A PNG file taken apart: chunks with verified CRCs, the header, and the pixels unfiltered.
struct DecodedPNG {
    var chunkTypes: [String] = []
    var width = 0
    var height = 0
    var pixels: [UInt8] = []

    init(_ png: [UInt8]) throws {
        guard png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw DecodeError(description: "no PNG signature")
        }
        func u32(_ i: Int) -> Int { png[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        var i = 8
        var idat: [UInt8] = []
        while i < png.count {
            let length = u32(i)
            let typeAndData = Array(png[i + 4..<i + 8 + length])
            guard UInt32(u32(i + 8 + length)) == PNGChunk.crc32(typeAndData) else {
                throw DecodeError(description: "bad CRC")
            }
            let type = String(decoding: typeAndData[0..<4], as: UTF8.self)
            chunkTypes.append(type)
            if type == "IHDR" { width = u32(i + 8); height = u32(i + 12) }
            if type == "IDAT" { idat += typeAndData[4...] }
            i += 12 + length
        }
        guard idat.count > 6, (Int(idat[0]) << 8 | Int(idat[1])) % 31 == 0 else {
            throw DecodeError(description: "bad zlib header")
        }
        var inflater = Inflater(Array(idat[2..<idat.count - 4]))
        let raw = try inflater.inflate()
        let adler = idat.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard adler == Deflate.adler32(raw) else { throw DecodeError(description: "bad Adler-32") }
        let stride = width * 3
        guard raw.count == height * (stride + 1) else { throw DecodeError(description: "wrong image data size") }
        pixels = []
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let v = raw[y * (stride + 1) + 1 + x]
                let left = x >= 3 ? pixels[y * stride + x - 3] : 0
                let up = y > 0 ? pixels[(y - 1) * stride + x] : 0
                switch filter {
                case 0: pixels.append(v)
                case 1: pixels.append(v &+ left)
                case 2: pixels.append(v &+ up)
                default: throw DecodeError(description: "unexpected filter \(filter)")
                }
            }
        }
    }

    func color(x: Int, y: Int) -> Color {
        let i = (y * width + x) * 3
        return Color(red: pixels[i], green: pixels[i + 1], blue: pixels[i + 2])
    }
}
