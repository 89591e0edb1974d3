public import GridGeoCore
import Foundation  // hypot

/// Where a label goes and how much room it has there.
struct LabelPlacement: Hashable, Sendable {
    var point: Coordinate
    /// Length of the inside run through `point`, east–west and north–south (x already scaled).
    var width: Double
    var height: Double
}

extension Polygon {
    /// A point well inside the polygon (never in a hole) to centre a label on.
    ///
    /// The bounding-box centre can fall outside a concave polygon (an L or a U) or into a hole, so instead
    /// the polygon is scanned: along a few horizontal lines the inside runs are found (even-odd), and the
    /// middle of each run is then re-centred on the vertical inside run through it. The point whose two runs
    /// have the largest shorter side wins: a cheap stand-in for the pole of inaccessibility.
    /// - Parameter xScale: east–west scale relative to north–south (`MapProjection.xScale`), so that
    ///   "wide" is judged on the ground, not in degrees.
    /// - Complexity: O(*n*) for *n* vertices.
    public func labelPoint(xScale: Double = 1) -> Coordinate {
        labelPlacement(xScale: xScale).point
    }

    func labelPlacement(xScale: Double = 1) -> LabelPlacement {
        let box = boundingBox
        let rings = [exterior] + holes
        guard box.width > 0, box.height > 0 else { return LabelPlacement(point: box.center, width: 0, height: 0) }

        var best = LabelPlacement(point: box.center, width: 0, height: 0)
        var bestScore = -1.0
        let lines = 15
        for i in 0..<lines {
            let y = box.minY + (Double(i) + 0.5) / Double(lines) * box.height
            let xs = crossings(of: rings, atY: y)
            for run in stride(from: 0, to: xs.count - 1, by: 2) {
                let x = (xs[run] + xs[run + 1]) / 2
                let width = (xs[run + 1] - xs[run]) * xScale
                // Re-centre vertically on the inside run through (x, y).
                let ys = crossings(of: rings, atX: x)
                var point = Coordinate(x: x, y: y)
                var height = 0.0
                for v in stride(from: 0, to: ys.count - 1, by: 2) where ys[v] <= y && y <= ys[v + 1] {
                    point.y = (ys[v] + ys[v + 1]) / 2
                    height = ys[v + 1] - ys[v]
                }
                let score = min(width, height)
                if score > bestScore {
                    bestScore = score
                    best = LabelPlacement(point: point, width: width, height: height)
                }
            }
        }
        return best
    }
}

/// Sorted x positions where the rings cross the horizontal line at `y`. Each edge counts as half-open in y,
/// so a line through a vertex counts it once and runs pair up inside/outside.
private func crossings(of rings: [Ring], atY y: Double) -> [Double] {
    var xs: [Double] = []
    for ring in rings {
        let c = ring.coordinates
        for i in 0..<max(c.count - 1, 0) {
            let a = c[i], b = c[i + 1]
            if (a.y > y) != (b.y > y) {
                xs.append(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y))
            }
        }
    }
    return xs.sorted()
}

/// The vertical twin of `crossings(of:atY:)`.
private func crossings(of rings: [Ring], atX x: Double) -> [Double] {
    crossings(of: rings.map { Ring($0.coordinates.map { Coordinate(x: $0.y, y: $0.x) }) }, atY: x)
}

extension Geometry {
    /// Where to centre this geometry's label: for polygons an interior point of the largest one
    /// (`Polygon.labelPoint(xScale:)`), for lines the point halfway along the longest, for points the first.
    /// `nil` for an empty geometry.
    public func labelPoint(xScale: Double = 1) -> Coordinate? {
        labelPlacement(xScale: xScale)?.point
    }

    func labelPlacement(xScale: Double = 1) -> LabelPlacement? {
        if let largest = polygons.max(by: { $0.planarArea < $1.planarArea }) {
            return largest.labelPlacement(xScale: xScale)
        }
        func length(_ c: [Coordinate]) -> Double {
            zip(c, c.dropFirst()).reduce(0) { $0 + hypot(($1.1.x - $1.0.x) * xScale, $1.1.y - $1.0.y) }
        }
        switch self {
        case .point(let c):
            return LabelPlacement(point: c, width: .infinity, height: .infinity)
        case .multiPoint(let cs):
            return cs.first.map { LabelPlacement(point: $0, width: .infinity, height: .infinity) }
        case .lineString(let l):
            return Geometry.multiLineString([l]).labelPlacement(xScale: xScale)
        case .multiLineString(let ls):
            guard let line = ls.map(\.coordinates).max(by: { length($0) < length($1) }), let first = line.first
            else { return nil }
            // Walk to the middle of the line.
            var remaining = length(line) / 2
            for (a, b) in zip(line, line.dropFirst()) {
                let step = hypot((b.x - a.x) * xScale, b.y - a.y)
                if step > 0, remaining <= step {
                    let t = remaining / step
                    let mid = Coordinate(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
                    return LabelPlacement(point: mid, width: .infinity, height: .infinity)
                }
                remaining -= step
            }
            return LabelPlacement(point: first, width: .infinity, height: .infinity)
        case .collection(let members):
            return members.lazy.compactMap { $0.labelPlacement(xScale: xScale) }.first
        case .polygon, .multiPolygon:
            return nil  // polygonal geometries without polygons: empty
        }
    }
}
