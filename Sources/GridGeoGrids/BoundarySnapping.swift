import Foundation
import GridGeoCore

/// Moves road vertices that lie within a short distance of a zone boundary onto it.
///
/// Community boundaries usually run along roads, but centre lines and boundaries are drawn apart,
/// so a road a few metres inside the boundary would cut a long sliver off the community. Pulling
/// its vertices onto the boundary makes it coincide with the boundary (and dissolve in noding);
/// what little is left between them is merged away as tiny faces.
struct BoundarySnapping {
    private let segments: [(Coordinate, Coordinate)]
    private let cellSize: Double
    private let distance: Double
    private var cells: [Cell: [Int]] = [:]

    private struct Cell: Hashable {
        var i: Int
        var j: Int
    }

    init(rings: [[Coordinate]], distance: Double) {
        var segments: [(Coordinate, Coordinate)] = []
        for ring in rings {
            for i in ring.indices.dropFirst() where ring[i - 1] != ring[i] {
                segments.append((ring[i - 1], ring[i]))
            }
        }
        self.segments = segments
        self.distance = distance
        cellSize = max(distance * 4, 25)
        for (k, (a, b)) in segments.enumerated() {
            let box = BoundingBox(covering: [a, b]).expanded(by: distance)
            for i in cellIndex(box.minX)...cellIndex(box.maxX) {
                for j in cellIndex(box.minY)...cellIndex(box.maxY) {
                    cells[Cell(i: i, j: j), default: []].append(k)
                }
            }
        }
    }

    private func cellIndex(_ v: Double) -> Int { Int((v / cellSize).rounded(.down)) }

    /// The nearest boundary point within the snapping distance, or the point itself.
    func snapped(_ p: Coordinate) -> Coordinate {
        guard distance > 0, let candidates = cells[Cell(i: cellIndex(p.x), j: cellIndex(p.y))] else { return p }
        var best = p
        var bestDistance = distance
        for k in candidates {
            let (a, b) = segments[k]
            let dx = b.x - a.x, dy = b.y - a.y
            let s = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)))
            let q = s == 0 ? a : s == 1 ? b : Coordinate(x: a.x + dx * s, y: a.y + dy * s)
            let d = hypot(q.x - p.x, q.y - p.y)
            // Ties go to the lower segment number, which follows ring order: no hash order leaks.
            if d < bestDistance || (d == bestDistance && best == p) {
                bestDistance = d
                best = q
            }
        }
        return best
    }

    /// The line with its vertices snapped, repeated positions dropped; `nil` if nothing is left.
    func snapped(_ line: LineString) -> LineString? {
        var out: [Coordinate] = []
        for p in line.coordinates {
            let q = snapped(p)
            if out.last != q { out.append(q) }
        }
        return out.count >= 2 ? LineString(out) : nil
    }
}
