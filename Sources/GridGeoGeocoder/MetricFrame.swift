import Foundation
import GridGeoCore

/// A local east/north frame in metres around a reference latitude: lon/lat scaled by the CGCS2000
/// ellipsoid's radii of curvature there. Over a city (±20 km) distances are within 0.1 % of the
/// geodesic ones, which is all geocoding needs, and it costs two multiplications per point.
struct MetricFrame: Sendable, Hashable {
    let origin: Coordinate
    /// Metres per degree of longitude and of latitude at the origin.
    let metresPerDegreeX: Double
    let metresPerDegreeY: Double

    init(origin: Coordinate) {
        self.origin = origin
        // CGCS2000: a = 6378137, f = 1/298.257222101.
        let a = 6_378_137.0, f = 1 / 298.257222101
        let e2 = f * (2 - f)
        let phi = origin.lat * .pi / 180
        let w = 1 - e2 * sin(phi) * sin(phi)
        let n = a / w.squareRoot()                       // prime vertical
        let m = a * (1 - e2) / (w * w.squareRoot())      // meridian
        metresPerDegreeX = n * cos(phi) * .pi / 180
        metresPerDegreeY = m * .pi / 180
    }

    /// The frame centred on `box` (Beijing's centre when the box is empty).
    init(around box: BoundingBox) {
        self.init(origin: box.isEmpty ? Coordinate(lon: 116.4, lat: 39.9) : box.center)
    }

    @inline(__always) func point(_ c: Coordinate) -> Point {
        Point(x: (c.x - origin.x) * metresPerDegreeX, y: (c.y - origin.y) * metresPerDegreeY)
    }

    @inline(__always) func coordinate(_ p: Point) -> Coordinate {
        Coordinate(x: origin.x + p.x / metresPerDegreeX, y: origin.y + p.y / metresPerDegreeY)
    }

    /// Distance in metres between two lon/lat points.
    func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        point(a).distance(to: point(b))
    }
}

/// A point of a `MetricFrame`, metres east and north of its origin.
struct Point: Sendable, Hashable {
    var x: Double
    var y: Double

    static func + (a: Point, b: Point) -> Point { Point(x: a.x + b.x, y: a.y + b.y) }
    static func - (a: Point, b: Point) -> Point { Point(x: a.x - b.x, y: a.y - b.y) }
    static func * (a: Point, k: Double) -> Point { Point(x: a.x * k, y: a.y * k) }

    func dot(_ b: Point) -> Double { x * b.x + y * b.y }
    var length: Double { (x * x + y * y).squareRoot() }
    func distance(to b: Point) -> Double { (self - b).length }

    /// The point `t` of the way from `self` to `b`.
    func interpolated(to b: Point, _ t: Double) -> Point { self + (b - self) * t }
}

/// The point of segment `a`–`b` nearest to `p`, and the fraction along the segment where it lies.
func nearestOnSegment(_ p: Point, _ a: Point, _ b: Point) -> (point: Point, t: Double) {
    let d = b - a
    let l2 = d.dot(d)
    guard l2 > 0 else { return (a, 0) }
    let t = min(1, max(0, (p - a).dot(d) / l2))
    return (a + d * t, t)
}
