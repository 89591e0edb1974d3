public import GridGeoCore
import CPROJ

/// Lengths and areas on an ellipsoid, for lon/lat geometries in degrees.
///
/// Uses Karney's geodesic algorithms as shipped in PROJ (`geodesic.h`): exact to round-off, for any
/// polygon size, with no projection involved. A plain value, safe to share between tasks.
public struct Geodesic: Hashable, Sendable {
    /// Equatorial radius in metres.
    public var semiMajorAxisMetres: Double
    /// Inverse flattening, 1/f.
    public var inverseFlattening: Double

    public init(semiMajorAxisMetres: Double, inverseFlattening: Double) {
        self.semiMajorAxisMetres = semiMajorAxisMetres
        self.inverseFlattening = inverseFlattening
    }

    /// The CGCS2000 ellipsoid (a = 6 378 137 m, 1/f = 298.257222101), for GridGeo's stored geometries.
    public static let cgcs2000 = Geodesic(semiMajorAxisMetres: 6_378_137, inverseFlattening: 298.257222101)
    /// The WGS-84 ellipsoid (1/f = 298.257223563); differs from CGCS2000 by about 1e-10 in areas.
    public static let wgs84 = Geodesic(semiMajorAxisMetres: 6_378_137, inverseFlattening: 298.257223563)

    /// The area of a polygon, holes subtracted, whatever the rings' orientation.
    ///
    /// The corresponding C function is `geod_polygonarea`; edges are geodesics.
    public func areaSquareMetres(of polygon: Polygon) -> Double {
        abs(signedArea(polygon.exterior)) - polygon.holes.reduce(0) { $0 + abs(signedArea($1)) }
    }

    /// The total area of a geometry's polygons; points and lines count zero.
    public func areaSquareMetres(of geometry: Geometry) -> Double {
        geometry.polygons.reduce(0) { $0 + areaSquareMetres(of: $1) }
    }

    /// The length of a line along geodesics between its positions.
    public func lengthMetres(of line: LineString) -> Double {
        var g = ellipsoid()
        var p = geod_polygon()
        geod_polygon_init(&p, 1)  // 1: a polyline, so only the length is accumulated
        for c in line.coordinates { geod_polygon_addpoint(&g, &p, c.lat, c.lon) }
        var length = 0.0
        _ = geod_polygon_compute(&g, &p, 0, 1, nil, &length)  // returns the number of points
        return length
    }

    /// The total length of a geometry's lines; points and polygons count zero.
    public func lengthMetres(of geometry: Geometry) -> Double {
        switch geometry {
        case .lineString(let line): lengthMetres(of: line)
        case .multiLineString(let lines): lines.reduce(0) { $0 + lengthMetres(of: $1) }
        case .collection(let members): members.reduce(0) { $0 + lengthMetres(of: $1) }
        default: 0
        }
    }

    /// The geodesic distance between two positions.
    public func distanceMetres(from a: Coordinate, to b: Coordinate) -> Double {
        var g = ellipsoid()
        var distance = 0.0
        geod_inverse(&g, a.lat, a.lon, b.lat, b.lon, &distance, nil, nil)
        return distance
    }

    /// Counter-clockwise positive area of one ring.
    private func signedArea(_ ring: Ring) -> Double {
        var points = ring.coordinates
        if points.count > 1, points.first == points.last { points.removeLast() }  // PROJ closes rings itself
        guard points.count >= 3 else { return 0 }
        var lats = points.map(\.lat)
        var lons = points.map(\.lon)
        var g = ellipsoid()
        var area = 0.0
        geod_polygonarea(&g, &lats, &lons, Int32(points.count), &area, nil)
        return area
    }

    private func ellipsoid() -> geod_geodesic {
        var g = geod_geodesic()
        geod_init(&g, semiMajorAxisMetres, 1 / inverseFlattening)
        return g
    }
}
