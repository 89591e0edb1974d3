/// A sequence of positions joined by straight segments.
public struct LineString: Hashable, Sendable {
    public var coordinates: [Coordinate]
    public init(_ coordinates: [Coordinate]) { self.coordinates = coordinates }
    public var boundingBox: BoundingBox { BoundingBox(covering: coordinates) }
}

/// A closed line: the first and last positions are equal (at least four positions).
public struct Ring: Hashable, Sendable {
    public var coordinates: [Coordinate]

    /// Makes a ring from positions; closes it if the last position differs from the first.
    public init(_ coordinates: [Coordinate]) {
        var c = coordinates
        if let first = c.first, c.last != first { c.append(first) }
        self.coordinates = c
    }

    public var boundingBox: BoundingBox { BoundingBox(covering: coordinates) }

    /// Twice the signed planar area (shoelace): positive when counter-clockwise.
    public var signedArea: Double {
        var sum = 0.0
        let c = coordinates
        guard c.count > 2 else { return 0 }
        for i in 0..<(c.count - 1) {
            sum += c[i].x * c[i + 1].y - c[i + 1].x * c[i].y
        }
        return sum / 2
    }

    public var isCounterClockwise: Bool { signedArea > 0 }

    /// The ring with its orientation reversed.
    public var reversed: Ring { Ring(coordinates.reversed()) }
}

/// A polygon: one exterior ring and any number of holes.
public struct Polygon: Hashable, Sendable {
    public var exterior: Ring
    public var holes: [Ring]

    public init(exterior: Ring, holes: [Ring] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    public var boundingBox: BoundingBox { exterior.boundingBox }

    /// Planar area in the units of the coordinates squared (holes subtracted).
    public var planarArea: Double {
        abs(exterior.signedArea) - holes.reduce(0) { $0 + abs($1.signedArea) }
    }

    /// RFC 7946 orientation: exterior counter-clockwise, holes clockwise.
    public var rfc7946Oriented: Polygon {
        Polygon(exterior: exterior.isCounterClockwise ? exterior : exterior.reversed,
                holes: holes.map { $0.isCounterClockwise ? $0.reversed : $0 })
    }
}

/// Any of the simple-feature geometries GridGeo stores.
public indirect enum Geometry: Hashable, Sendable {
    case point(Coordinate)
    case multiPoint([Coordinate])
    case lineString(LineString)
    case multiLineString([LineString])
    case polygon(Polygon)
    case multiPolygon([Polygon])
    case collection([Geometry])

    /// Every position of the geometry, in order.
    public var allCoordinates: [Coordinate] {
        switch self {
        case .point(let c): return [c]
        case .multiPoint(let cs): return cs
        case .lineString(let l): return l.coordinates
        case .multiLineString(let ls): return ls.flatMap(\.coordinates)
        case .polygon(let p): return p.exterior.coordinates + p.holes.flatMap(\.coordinates)
        case .multiPolygon(let ps): return ps.flatMap { Geometry.polygon($0).allCoordinates }
        case .collection(let gs): return gs.flatMap(\.allCoordinates)
        }
    }

    public var boundingBox: BoundingBox { BoundingBox(covering: allCoordinates) }

    /// The OGC type name, as WKT and SpatiaLite spell it.
    public var typeName: String {
        switch self {
        case .point: "POINT"
        case .multiPoint: "MULTIPOINT"
        case .lineString: "LINESTRING"
        case .multiLineString: "MULTILINESTRING"
        case .polygon: "POLYGON"
        case .multiPolygon: "MULTIPOLYGON"
        case .collection: "GEOMETRYCOLLECTION"
        }
    }

    /// The geometry with every position transformed by `f`.
    public func mapCoordinates(_ f: (Coordinate) throws -> Coordinate) rethrows -> Geometry {
        func ring(_ r: Ring) throws -> Ring { Ring(try r.coordinates.map(f)) }
        func poly(_ p: Polygon) throws -> Polygon {
            Polygon(exterior: try ring(p.exterior), holes: try p.holes.map(ring))
        }
        switch self {
        case .point(let c): return .point(try f(c))
        case .multiPoint(let cs): return .multiPoint(try cs.map(f))
        case .lineString(let l): return .lineString(LineString(try l.coordinates.map(f)))
        case .multiLineString(let ls): return .multiLineString(try ls.map { LineString(try $0.coordinates.map(f)) })
        case .polygon(let p): return .polygon(try poly(p))
        case .multiPolygon(let ps): return .multiPolygon(try ps.map(poly))
        case .collection(let gs): return .collection(try gs.map { try $0.mapCoordinates(f) })
        }
    }

    /// The polygons of a polygonal geometry (a collection contributes its polygonal members).
    public var polygons: [Polygon] {
        switch self {
        case .polygon(let p): return [p]
        case .multiPolygon(let ps): return ps
        case .collection(let gs): return gs.flatMap(\.polygons)
        default: return []
        }
    }
}
