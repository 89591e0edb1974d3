import Foundation
import GridGeoCore

/// Area, first and second moments of a planar region bounded by closed rings, taken about a fixed
/// reference point so that large coordinates lose no precision.
///
/// Counter-clockwise rings add and clockwise rings subtract, so a face's exterior plus its holes
/// (or any set of rings whose winding numbers describe the region) sum to the region's moments.
/// Formulas: the polygon moment integrals by Green's theorem (e.g. Steger 1996,
/// "On the calculation of arbitrary moments of polygons").
struct AreaMoments {
    let reference: Coordinate
    private(set) var area = 0.0
    private var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0

    init(reference: Coordinate) {
        self.reference = reference
    }

    init(rings: [[Coordinate]], reference: Coordinate) {
        self.init(reference: reference)
        for ring in rings { add(ring: ring) }
    }

    /// Adds one closed ring (first position repeated last).
    mutating func add(ring: [Coordinate]) {
        guard ring.count > 3 else { return }
        var a = 0.0, x1 = 0.0, y1 = 0.0, x2 = 0.0, y2 = 0.0, xy = 0.0
        var px = ring[0].x - reference.x, py = ring[0].y - reference.y
        for i in 1..<ring.count {
            let qx = ring[i].x - reference.x, qy = ring[i].y - reference.y
            let cross = px * qy - qx * py
            a += cross
            x1 += (px + qx) * cross
            y1 += (py + qy) * cross
            x2 += (px * px + px * qx + qx * qx) * cross
            y2 += (py * py + py * qy + qy * qy) * cross
            xy += (px * qy + 2 * px * py + 2 * qx * qy + qx * py) * cross
            px = qx
            py = qy
        }
        area += a / 2
        sx += x1 / 6
        sy += y1 / 6
        sxx += x2 / 12
        syy += y2 / 12
        sxy += xy / 24
    }

    static func + (l: AreaMoments, r: AreaMoments) -> AreaMoments {
        precondition(l.reference == r.reference, "moments about different points")
        var m = l
        m.area += r.area
        m.sx += r.sx; m.sy += r.sy
        m.sxx += r.sxx; m.syy += r.syy; m.sxy += r.sxy
        return m
    }

    /// The centre of mass (the reference point for an empty region).
    var centroid: Coordinate {
        guard area != 0 else { return reference }
        return Coordinate(x: reference.x + sx / area, y: reference.y + sy / area)
    }

    /// The direction (radians from east, counter-clockwise) along which the region is longest:
    /// the major principal axis of its second moments. 0 for a region without a preferred axis.
    var majorAxisAngle: Double {
        guard area != 0 else { return 0 }
        let cx = sx / area, cy = sy / area
        let vxx = sxx / area - cx * cx, vyy = syy / area - cy * cy, vxy = sxy / area - cx * cy
        return 0.5 * atan2(2 * vxy, vxx - vyy)
    }
}

/// Twice the signed area of a closed ring, taken about its first position: positive when
/// counter-clockwise.
func doubleSignedArea(_ ring: [Coordinate]) -> Double {
    guard ring.count > 3 else { return 0 }
    let o = ring[0]
    var sum = 0.0
    for i in 1..<(ring.count - 1) {
        let p = ring[i], q = ring[i + 1]
        sum += (p.x - o.x) * (q.y - o.y) - (q.x - o.x) * (p.y - o.y)
    }
    return sum
}

/// The length of a line or closed ring.
func pathLength(_ points: [Coordinate]) -> Double {
    var sum = 0.0
    for i in points.indices.dropFirst() {
        sum += hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y)
    }
    return sum
}
