/// Reading and writing OGC Well-Known Binary (ISO 2-D; Z, M and EWKB SRID flags are read and dropped).
public enum WKBError: Error, Equatable, Sendable {
    case truncated(offset: Int)
    case badByteOrder(UInt8, offset: Int)
    case unsupportedType(UInt32, offset: Int)
    case trailingBytes(count: Int)
}

extension Geometry {
    /// Parses a WKB blob. Accepts both byte orders, ISO Z/M/ZM type codes and EWKB flags.
    public init(wkb bytes: [UInt8]) throws(WKBError) {
        var reader = WKBReader(bytes: bytes)
        self = try reader.geometry()
        if reader.offset != bytes.count { throw .trailingBytes(count: bytes.count - reader.offset) }
    }

    /// Little-endian ISO WKB, 2-D.
    public var wkb: [UInt8] {
        var w = WKBWriter()
        w.write(self)
        return w.bytes
    }
}

private struct WKBReader {
    let bytes: [UInt8]
    var offset = 0
    var littleEndian = true

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func byte() throws(WKBError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated(offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint32() throws(WKBError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw .truncated(offset: offset) }
        var v: UInt32 = 0
        for i in 0..<4 {
            let b = UInt32(bytes[offset + i])
            v |= littleEndian ? b << (8 * i) : b << (8 * (3 - i))
        }
        offset += 4
        return v
    }

    mutating func double() throws(WKBError) -> Double {
        guard offset + 8 <= bytes.count else { throw .truncated(offset: offset) }
        var v: UInt64 = 0
        for i in 0..<8 {
            let b = UInt64(bytes[offset + i])
            v |= littleEndian ? b << (8 * i) : b << (8 * (7 - i))
        }
        offset += 8
        return Double(bitPattern: v)
    }

    /// A count, checked against the bytes left so a hostile blob cannot ask for a huge allocation.
    mutating func count(minimumBytesEach: Int) throws(WKBError) -> Int {
        let n = Int(try uint32())
        guard n * minimumBytesEach <= bytes.count - offset else { throw .truncated(offset: offset) }
        return n
    }

    mutating func geometry() throws(WKBError) -> Geometry {
        let start = offset
        let order = try byte()
        guard order <= 1 else { throw .badByteOrder(order, offset: start) }
        littleEndian = order == 1
        var type = try uint32()
        // EWKB: high bits flag Z (0x8000_0000), M (0x4000_0000) and an SRID (0x2000_0000).
        var dims = 2
        if type & 0x8000_0000 != 0 { dims += 1 }
        if type & 0x4000_0000 != 0 { dims += 1 }
        if type & 0x2000_0000 != 0 { _ = try uint32() }
        type &= 0x0FFF_FFFF
        // ISO: 1000s add Z, 2000s add M, 3000s add both.
        switch type / 1000 {
        case 1, 2: dims += 1
        case 3: dims += 2
        default: break
        }
        let base = type % 1000

        func point(_ r: inout WKBReader) throws(WKBError) -> Coordinate {
            let x = try r.double(), y = try r.double()
            for _ in 2..<dims { _ = try r.double() }
            return Coordinate(x: x, y: y)
        }
        func points(_ r: inout WKBReader) throws(WKBError) -> [Coordinate] {
            let n = try r.count(minimumBytesEach: 8 * dims)
            var out: [Coordinate] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try point(&r)) }
            return out
        }
        func polygon(_ r: inout WKBReader) throws(WKBError) -> Polygon {
            let n = try r.count(minimumBytesEach: 4)
            var rings: [Ring] = []
            for _ in 0..<n { rings.append(Ring(try points(&r))) }
            guard let first = rings.first else { return Polygon(exterior: Ring([])) }
            return Polygon(exterior: first, holes: Array(rings.dropFirst()))
        }
        func members(_ r: inout WKBReader) throws(WKBError) -> [Geometry] {
            let n = try r.count(minimumBytesEach: 5)
            var out: [Geometry] = []
            for _ in 0..<n { out.append(try r.geometry()) }
            return out
        }

        switch base {
        case 1: return .point(try point(&self))
        case 2: return .lineString(LineString(try points(&self)))
        case 3: return .polygon(try polygon(&self))
        case 4: return .multiPoint(try members(&self).flatMap(\.allCoordinates))
        case 5:
            return .multiLineString(try members(&self).compactMap {
                if case .lineString(let l) = $0 { l } else { nil }
            })
        case 6: return .multiPolygon(try members(&self).flatMap(\.polygons))
        case 7: return .collection(try members(&self))
        default: throw .unsupportedType(type, offset: start)
        }
    }
}

private struct WKBWriter {
    var bytes: [UInt8] = []

    mutating func uint32(_ v: UInt32) {
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) }
    }

    mutating func double(_ v: Double) {
        let bits = v.bitPattern
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * i))) }
    }

    mutating func header(_ type: UInt32) {
        bytes.append(1)
        uint32(type)
    }

    mutating func points(_ cs: [Coordinate]) {
        uint32(UInt32(cs.count))
        for c in cs { double(c.x); double(c.y) }
    }

    mutating func polygon(_ p: Polygon) {
        header(3)
        if p.exterior.coordinates.isEmpty { uint32(0); return }
        uint32(UInt32(1 + p.holes.count))
        points(p.exterior.coordinates)
        for h in p.holes { points(h.coordinates) }
    }

    mutating func write(_ g: Geometry) {
        switch g {
        case .point(let c):
            header(1); double(c.x); double(c.y)
        case .lineString(let l):
            header(2); points(l.coordinates)
        case .polygon(let p):
            polygon(p)
        case .multiPoint(let cs):
            header(4); uint32(UInt32(cs.count))
            for c in cs { write(.point(c)) }
        case .multiLineString(let ls):
            header(5); uint32(UInt32(ls.count))
            for l in ls { write(.lineString(l)) }
        case .multiPolygon(let ps):
            header(6); uint32(UInt32(ps.count))
            for p in ps { polygon(p) }
        case .collection(let gs):
            header(7); uint32(UInt32(gs.count))
            for m in gs { write(m) }
        }
    }
}
