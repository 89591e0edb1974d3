public import GridGeoCore
import Foundation  // cos, pow, log10

/// An axis-aligned rectangle on the page, in pixels, y pointing down.
public struct PixelRect: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// True when the pixel in column `x`, row `y` has its centre inside.
    func contains(_ x: Int, _ y: Int) -> Bool {
        let cx = Double(x) + 0.5, cy = Double(y) + 0.5
        return cx >= self.x && cx < maxX && cy >= self.y && cy < maxY
    }

    /// True when the two rectangles share more than an edge.
    public func intersects(_ other: PixelRect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }
}

/// Map coordinates to page pixels: a local equirectangular projection, north up, fitted and centred in a frame.
///
/// For degrees, x is scaled by cos(mid-latitude), so at Beijing (≈ 40° N) a square of ground stays square
/// instead of being stretched 1.3 times east–west. Across a district (tens of kilometres) the error of this
/// local scale is far below a pixel. Pixel positions are returned as `Coordinate`s with x right and y down.
public struct MapProjection: Hashable, Sendable {
    /// The map area that is fitted into the frame.
    public let extent: BoundingBox
    /// East–west scale relative to north–south: cos(mid-latitude) for degrees, 1 for metres.
    public let xScale: Double
    /// Pixels per unit of y (per degree of latitude, or per metre).
    public let pixelsPerUnit: Double
    /// Ground metres per pixel, for the scale bar.
    public let metresPerPixel: Double
    private let originX: Double
    private let originY: Double

    /// Metres per degree along a meridian on a sphere of the Earth's mean radius (6,371,008.8 m).
    public static let metresPerDegree = 6_371_008.8 * Double.pi / 180

    /// Fits `extent` into `frame`, keeping the aspect ratio and centring the slack.
    /// A zero-width or zero-height extent (a single point or a straight line) is treated as 1 m across.
    public init(extent: BoundingBox, frame: PixelRect, units: CoordinateUnits) {
        let unitMetres = units == .degrees ? MapProjection.metresPerDegree : 1
        xScale = units == .degrees ? cos(extent.center.y * .pi / 180) : 1
        self.extent = extent
        let minSpan = 1 / unitMetres
        let spanX = max(extent.width * xScale, minSpan)
        let spanY = max(extent.height, minSpan)
        pixelsPerUnit = min(frame.width / spanX, frame.height / spanY)
        metresPerPixel = unitMetres / pixelsPerUnit
        originX = frame.x + (frame.width - extent.width * xScale * pixelsPerUnit) / 2
        originY = frame.y + (frame.height - extent.height * pixelsPerUnit) / 2
    }

    /// The pixel position of a map coordinate.
    public func pixel(for c: Coordinate) -> Coordinate {
        Coordinate(x: originX + (c.x - extent.minX) * xScale * pixelsPerUnit,
                   y: originY + (extent.maxY - c.y) * pixelsPerUnit)
    }

    /// The longest "round" distance (1, 2 or 5 × 10ⁿ metres) not longer than `metres`.
    static func roundLength(atMost metres: Double) -> Double {
        guard metres > 0, metres.isFinite else { return 0 }
        var decade = pow(10, floor(log10(metres)))
        if decade * 10 <= metres * (1 + 1e-9) { decade *= 10 }  // log10(1000) may come out as 2.999…
        return [5.0, 2, 1].map { $0 * decade }.first { $0 <= metres * (1 + 1e-9) } ?? decade
    }

    /// A distance for the scale bar: "500 m", "2 km".
    static func lengthLabel(metres: Double) -> String {
        metres >= 1000 ? "\(formatNumber(metres / 1000)) km" : "\(formatNumber(metres)) m"
    }
}

/// Numbers as people read them on a map: integers without ".0", others with at most two decimals.
/// Formatted by hand so that output never depends on locale.
func formatNumber(_ v: Double) -> String {
    guard v.isFinite, abs(v) < 1e15 else { return v.isNaN ? "NaN" : v > 0 ? "∞" : "-∞" }
    let hundredths = Int((v * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let a = abs(hundredths)
    let fraction = a % 100
    if fraction == 0 { return "\(sign)\(a / 100)" }
    let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
    return "\(sign)\(a / 100).\(digits)"
}
