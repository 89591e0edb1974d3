/// An axis-aligned rectangle, closed on all sides.
public struct BoundingBox: Hashable, Sendable, Codable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    @inlinable public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The empty box: contains nothing, and is the identity of `union`.
    public static let empty = BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

    /// The smallest box holding every coordinate (`.empty` for none).
    public init<S: Sequence>(covering coordinates: S) where S.Element == Coordinate {
        self = .empty
        for c in coordinates { expand(toInclude: c) }
    }

    @inlinable public var isEmpty: Bool { minX > maxX || minY > maxY }
    @inlinable public var width: Double { isEmpty ? 0 : maxX - minX }
    @inlinable public var height: Double { isEmpty ? 0 : maxY - minY }
    @inlinable public var center: Coordinate { Coordinate(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    @inlinable public mutating func expand(toInclude c: Coordinate) {
        if c.x < minX { minX = c.x }
        if c.y < minY { minY = c.y }
        if c.x > maxX { maxX = c.x }
        if c.y > maxY { maxY = c.y }
    }

    @inlinable public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
                    maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    @inlinable public func contains(_ c: Coordinate) -> Bool {
        c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY
    }

    @inlinable public func intersects(_ other: BoundingBox) -> Bool {
        !(other.minX > maxX || other.maxX < minX || other.minY > maxY || other.maxY < minY)
    }

    /// The box grown by `margin` on every side.
    @inlinable public func expanded(by margin: Double) -> BoundingBox {
        BoundingBox(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }
}
