// RFC 7946 GeoJSON as Codable: geometries, features with typed properties, feature collections.
// Positions are [lon, lat] in CRS84; writers should orient rings (`rfc7946Oriented`) and may round
// (`rounded(toDecimals:)`, 7 decimals ≈ 1 cm) before encoding. No `crs` member is ever written.

public enum GeoJSONError: Error, Equatable, Sendable {
    case unknownType(String)
    case emptyRing
}

extension Geometry: Codable {
    private enum Key: String, CodingKey { case type, coordinates, geometries }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let type = try c.decode(String.self, forKey: .type)
        func polygon(_ rings: [[Coordinate]]) throws -> Polygon {
            guard let first = rings.first else { throw GeoJSONError.emptyRing }
            return Polygon(exterior: Ring(first), holes: rings.dropFirst().map(Ring.init))
        }
        switch type {
        case "Point":
            self = .point(try c.decode(Coordinate.self, forKey: .coordinates))
        case "MultiPoint":
            self = .multiPoint(try c.decode([Coordinate].self, forKey: .coordinates))
        case "LineString":
            self = .lineString(LineString(try c.decode([Coordinate].self, forKey: .coordinates)))
        case "MultiLineString":
            self = .multiLineString(try c.decode([[Coordinate]].self, forKey: .coordinates).map(LineString.init))
        case "Polygon":
            self = .polygon(try polygon(try c.decode([[Coordinate]].self, forKey: .coordinates)))
        case "MultiPolygon":
            self = .multiPolygon(try c.decode([[[Coordinate]]].self, forKey: .coordinates).map(polygon))
        case "GeometryCollection":
            self = .collection(try c.decode([Geometry].self, forKey: .geometries))
        default:
            throw GeoJSONError.unknownType(type)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        func rings(_ p: Polygon) -> [[Coordinate]] {
            [p.exterior.coordinates] + p.holes.map(\.coordinates)
        }
        switch self {
        case .point(let p):
            try c.encode("Point", forKey: .type); try c.encode(p, forKey: .coordinates)
        case .multiPoint(let ps):
            try c.encode("MultiPoint", forKey: .type); try c.encode(ps, forKey: .coordinates)
        case .lineString(let l):
            try c.encode("LineString", forKey: .type); try c.encode(l.coordinates, forKey: .coordinates)
        case .multiLineString(let ls):
            try c.encode("MultiLineString", forKey: .type); try c.encode(ls.map(\.coordinates), forKey: .coordinates)
        case .polygon(let p):
            try c.encode("Polygon", forKey: .type); try c.encode(rings(p), forKey: .coordinates)
        case .multiPolygon(let ps):
            try c.encode("MultiPolygon", forKey: .type); try c.encode(ps.map(rings), forKey: .coordinates)
        case .collection(let gs):
            try c.encode("GeometryCollection", forKey: .type); try c.encode(gs, forKey: .geometries)
        }
    }

    /// The geometry with RFC 7946 ring orientation (exteriors counter-clockwise, holes clockwise).
    public var rfc7946Oriented: Geometry {
        switch self {
        case .polygon(let p): .polygon(p.rfc7946Oriented)
        case .multiPolygon(let ps): .multiPolygon(ps.map(\.rfc7946Oriented))
        case .collection(let gs): .collection(gs.map(\.rfc7946Oriented))
        default: self
        }
    }

    /// The geometry with every ordinate rounded to `decimals` places (7 ≈ 1 cm in degrees).
    public func rounded(toDecimals decimals: Int) -> Geometry {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return mapCoordinates { Coordinate(x: ($0.x * scale).rounded() / scale, y: ($0.y * scale).rounded() / scale) }
    }
}

/// A JSON value, for feature properties whose schema is only known at run time (shapefile attributes).
public enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

/// A GeoJSON Feature with typed properties.
public struct Feature<Properties: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var id: String?
    public var geometry: Geometry?
    public var properties: Properties

    public init(id: String? = nil, geometry: Geometry?, properties: Properties) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }

    private enum Key: String, CodingKey { case type, id, geometry, properties }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let type = try c.decode(String.self, forKey: .type)
        guard type == "Feature" else { throw GeoJSONError.unknownType(type) }
        if let s = try? c.decodeIfPresent(String.self, forKey: .id) { id = s }
        else if let n = try? c.decodeIfPresent(Int.self, forKey: .id) { id = String(n) }
        else { id = nil }
        geometry = try c.decodeIfPresent(Geometry.self, forKey: .geometry)
        properties = try c.decode(Properties.self, forKey: .properties)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode("Feature", forKey: .type)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(geometry, forKey: .geometry)   // RFC 7946: an unlocated feature has "geometry": null
        try c.encode(properties, forKey: .properties)
    }
}

/// A GeoJSON FeatureCollection.
public struct FeatureCollection<Properties: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var features: [Feature<Properties>]

    public init(features: [Feature<Properties>]) { self.features = features }

    private enum Key: String, CodingKey { case type, features }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let type = try c.decode(String.self, forKey: .type)
        guard type == "FeatureCollection" else { throw GeoJSONError.unknownType(type) }
        features = try c.decode([Feature<Properties>].self, forKey: .features)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode("FeatureCollection", forKey: .type)
        try c.encode(features, forKey: .features)
    }
}
