// GCJ-02 and BD-09: the offsets Chinese web maps apply to WGS-84. Neither PROJ nor EPSG has them; the
// formulas are the public, reverse-engineered ones of wandergis/coordtransform (standards.md §5.3),
// whose constants and test vectors GridGeo pins. All functions take and return lon/lat degrees.
public import GridGeoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GCJ-02 (国测局坐标, "Mars coordinates"), used by Amap, Tencent Maps and Google Maps in China.
public enum GCJ02 {
    /// Krassowsky 1940 semi-major axis and squared eccentricity, as the formulas use them.
    private static let a = 6378245.0
    private static let ee = 0.00669342162296594323

    /// True outside wandergis's box (73.66°–135.05°E, 3.86°–53.55°N), where GCJ-02 equals WGS-84.
    ///
    /// GridGeo uses wandergis's rule because its test vectors come from there; eviltransform's wider box
    /// (72.004°–137.8347°E, 0.8293°–55.8271°N) differs only at sea and beyond China's borders.
    public static func isOutsideChina(_ c: Coordinate) -> Bool {
        !(c.lon > 73.66 && c.lon < 135.05 && c.lat > 3.86 && c.lat < 53.55)
    }

    /// WGS-84 → GCJ-02: the exact forward formula.
    public static func fromWGS84(_ wgs: Coordinate) -> Coordinate {
        if isOutsideChina(wgs) { return wgs }
        let (dLon, dLat) = offset(at: wgs)
        return Coordinate(lon: wgs.lon + dLon, lat: wgs.lat + dLat)
    }

    /// GCJ-02 → WGS-84, solved by fixed-point iteration to better than 1e-10° (≈ 0.01 mm).
    ///
    /// The forward offset changes slowly with position, so `w ← w − (fromWGS84(w) − gcj)` converges
    /// in a handful of rounds. This is the inverse `Transformer` uses.
    public static func toWGS84(_ gcj: Coordinate) -> Coordinate {
        invert(fromWGS84, at: gcj)
    }

    /// GCJ-02 → WGS-84 in one step (wandergis's `gcj02towgs84`): subtracts the offset computed at the
    /// GCJ-02 point itself, which is off by about 0.2 m in central Beijing.
    public static func toWGS84Approximately(_ gcj: Coordinate) -> Coordinate {
        if isOutsideChina(gcj) { return gcj }
        let (dLon, dLat) = offset(at: gcj)
        return Coordinate(lon: gcj.lon - dLon, lat: gcj.lat - dLat)
    }

    /// The GCJ-02 shift (degrees) of a WGS-84 position.
    private static func offset(at c: Coordinate) -> (lon: Double, lat: Double) {
        let x = c.lon - 105, y = c.lat - 35
        // A sum of sines in "metres" per axis, then converted to degrees on the Krassowsky ellipsoid.
        let waves = (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        var dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot() + waves
        dLat += (20 * sin(y * .pi) + 40 * sin(y / 3 * .pi)) * 2 / 3
        dLat += (160 * sin(y / 12 * .pi) + 320 * sin(y * .pi / 30)) * 2 / 3
        var dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot() + waves
        dLon += (20 * sin(x * .pi) + 40 * sin(x / 3 * .pi)) * 2 / 3
        dLon += (150 * sin(x / 12 * .pi) + 300 * sin(x / 30 * .pi)) * 2 / 3

        let radLat = c.lat / 180 * .pi
        let magic = 1 - ee * sin(radLat) * sin(radLat)
        let sqrtMagic = magic.squareRoot()
        dLat = dLat * 180 / ((a * (1 - ee)) / (magic * sqrtMagic) * .pi)
        dLon = dLon * 180 / (a / sqrtMagic * cos(radLat) * .pi)
        return (dLon, dLat)
    }
}

/// BD-09 (百度坐标), Baidu Maps' further offset of GCJ-02. It applies everywhere: wandergis has no
/// out-of-China test for it.
public enum BD09 {
    /// π · 3000 / 180, the angular rate of BD-09's wobble.
    private static let xPi = Double.pi * 3000 / 180

    /// GCJ-02 → BD-09: the exact forward formula.
    public static func fromGCJ02(_ gcj: Coordinate) -> Coordinate {
        let x = gcj.lon, y = gcj.lat
        let z = (x * x + y * y).squareRoot() + 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) + 0.000003 * cos(x * xPi)
        return Coordinate(lon: z * cos(theta) + 0.0065, lat: z * sin(theta) + 0.006)
    }

    /// BD-09 → GCJ-02, solved by fixed-point iteration to better than 1e-10°.
    public static func toGCJ02(_ bd: Coordinate) -> Coordinate {
        invert(fromGCJ02, at: bd)
    }

    /// BD-09 → GCJ-02 in one step (wandergis's `bd09togcj02`), off by about 4e-7° (6 cm) in Beijing.
    public static func toGCJ02Approximately(_ bd: Coordinate) -> Coordinate {
        let x = bd.lon - 0.0065, y = bd.lat - 0.006
        let z = (x * x + y * y).squareRoot() - 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) - 0.000003 * cos(x * xPi)
        return Coordinate(lon: z * cos(theta), lat: z * sin(theta))
    }

    /// WGS-84 → BD-09, through GCJ-02.
    public static func fromWGS84(_ wgs: Coordinate) -> Coordinate {
        fromGCJ02(GCJ02.fromWGS84(wgs))
    }

    /// BD-09 → WGS-84, through GCJ-02 with both iterative inverses.
    public static func toWGS84(_ bd: Coordinate) -> Coordinate {
        GCJ02.toWGS84(toGCJ02(bd))
    }
}

/// Solves `forward(w) == target` for a map that is the identity plus a small, slowly varying offset,
/// by the fixed-point iteration `w ← w − (forward(w) − target)`, starting at `target`.
private func invert(_ forward: (Coordinate) -> Coordinate, at target: Coordinate) -> Coordinate {
    let tolerance = 1e-12  // degrees; the stated guarantee (1e-10) leaves room for rounding
    var w = target
    for _ in 0..<30 {
        let r = forward(w)
        let dx = r.x - target.x, dy = r.y - target.y
        if abs(dx) <= tolerance && abs(dy) <= tolerance { break }
        w.x -= dx
        w.y -= dy
    }
    return w
}
