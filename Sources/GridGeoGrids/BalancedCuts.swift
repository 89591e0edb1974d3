import Foundation
import GridGeoCore

/// Straight cuts that divide a region into `parts` pieces of equal area.
///
/// Recursive bisection: the region is cut across its longer axis (the major principal axis of its
/// area) at the position that leaves ⌊parts/2⌋ shares of the area on one side, and each side is cut
/// again the same way. Long blocks so become rows of compact pieces. A cut crossing a concave
/// region several times gives several segments; each ends on the region's boundary or on an
/// earlier cut, so noding the cuts with the boundary closes every piece.
///
/// - Parameter rings: closed rings whose winding numbers describe the region (a face: exterior
///   counter-clockwise, holes clockwise).
/// - Returns: the cut segments.
func balancedCuts(of rings: [[Coordinate]], parts: Int) -> [LineString] {
    var cuts: [LineString] = []
    bisect(rings, parts: parts, into: &cuts)
    return cuts
}

private func bisect(_ rings: [[Coordinate]], parts: Int, into cuts: inout [LineString]) {
    guard parts > 1, let reference = rings.first?.first else { return }
    let moments = AreaMoments(rings: rings, reference: reference)
    guard moments.area > 0 else { return }
    let angle = moments.majorAxisAngle
    let line = CutLine(reference: reference, direction: Coordinate(x: cos(angle), y: sin(angle)))

    // Find the position along the axis that leaves the wanted share of the area below it.
    let lowerParts = parts / 2
    let wanted = moments.area * Double(lowerParts) / Double(parts)
    var low = Double.infinity, high = -Double.infinity
    for ring in rings { for p in ring { low = min(low, line.u(p)); high = max(high, line.u(p)) } }
    for _ in 0..<64 where high - low > 1e-6 {
        let middle = (low + high) / 2
        if line.areaBelow(rings, middle) < wanted { low = middle } else { high = middle }
    }
    let position = (low + high) / 2

    cuts.append(contentsOf: line.chords(of: rings, at: position))
    bisect(line.clip(rings, at: position, keepBelow: true), parts: lowerParts, into: &cuts)
    bisect(line.clip(rings, at: position, keepBelow: false), parts: parts - lowerParts, into: &cuts)
}

/// Lines u = constant, where u is the distance along `direction` from `reference`.
private struct CutLine {
    let reference: Coordinate
    let direction: Coordinate

    func u(_ p: Coordinate) -> Double {
        (p.x - reference.x) * direction.x + (p.y - reference.y) * direction.y
    }

    /// Distance along the cut line (perpendicular to `direction`).
    func t(_ p: Coordinate) -> Double {
        (p.y - reference.y) * direction.x - (p.x - reference.x) * direction.y
    }

    /// The point where segment a→b crosses u = position (the caller knows it does).
    func crossing(_ a: Coordinate, _ b: Coordinate, _ position: Double) -> Coordinate {
        let ua = u(a) - position, ub = u(b) - position
        let s = ua / (ua - ub)
        return Coordinate(x: a.x + (b.x - a.x) * s, y: a.y + (b.y - a.y) * s)
    }

    /// The rings clipped to one side of u = position (Sutherland–Hodgman). The results may run
    /// back and forth along the cut, but their winding numbers, and so areas and further cuts,
    /// are those of the region's part on that side.
    func clip(_ rings: [[Coordinate]], at position: Double, keepBelow: Bool) -> [[Coordinate]] {
        func keep(_ p: Coordinate) -> Bool { keepBelow ? u(p) <= position : u(p) >= position }
        var result: [[Coordinate]] = []
        for ring in rings {
            var out: [Coordinate] = []
            for i in ring.indices.dropFirst() {
                let a = ring[i - 1], b = ring[i]
                let aIn = keep(a), bIn = keep(b)
                if aIn { out.append(a) }
                if aIn != bIn { out.append(crossing(a, b, position)) }
            }
            guard out.count >= 3 else { continue }
            out.append(out[0])
            result.append(out)
        }
        return result
    }

    func areaBelow(_ rings: [[Coordinate]], _ position: Double) -> Double {
        clip(rings, at: position, keepBelow: true).reduce(0) { $0 + doubleSignedArea($1) } / 2
    }

    /// The stretches of u = position inside the region (non-zero winding number).
    func chords(of rings: [[Coordinate]], at position: Double) -> [LineString] {
        var hits: [(t: Double, point: Coordinate, winding: Int)] = []
        for ring in rings {
            for i in ring.indices.dropFirst() {
                let a = ring[i - 1], b = ring[i]
                let ua = u(a) - position, ub = u(b) - position
                // Half-open test, so a vertex exactly on the line counts once.
                guard (ua < 0) != (ub < 0) else { continue }
                let p = crossing(a, b, position)
                hits.append((t(p), p, ub > ua ? 1 : -1))
            }
        }
        hits.sort { $0.t != $1.t ? $0.t < $1.t : $0.winding < $1.winding }
        var chords: [LineString] = []
        var winding = 0
        var start: Coordinate?
        for hit in hits {
            let was = winding
            winding += hit.winding
            if was == 0 && winding != 0 {
                start = hit.point
            } else if was != 0 && winding == 0, let s = start {
                if s != hit.point { chords.append(LineString([s, hit.point])) }
                start = nil
            }
        }
        return chords
    }
}
