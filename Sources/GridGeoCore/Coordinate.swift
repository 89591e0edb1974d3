/// A planar position: longitude/latitude in degrees for geographic CRSs, easting/northing in metres
/// for projected ones. GridGeo always keeps x first (lon, then lat), whatever an authority's axis order.
public struct Coordinate: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double

    @inlinable public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// A geographic position; `lon` is x and `lat` is y.
    @inlinable public init(lon: Double, lat: Double) {
        self.init(x: lon, y: lat)
    }

    @inlinable public var lon: Double { x }
    @inlinable public var lat: Double { y }

    /// True when both components are finite numbers.
    @inlinable public var isFinite: Bool { x.isFinite && y.isFinite }

    // GeoJSON positions are arrays: [x, y] (a third value, if any, is ignored).
    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        x = try c.decode(Double.self)
        y = try c.decode(Double.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(x)
        try c.encode(y)
    }
}

extension Coordinate: CustomStringConvertible {
    public var description: String { "(\(x), \(y))" }
}
