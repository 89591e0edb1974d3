import GridGeoCore

/// Whether the point lies inside the region bounded by the closed rings, by the even-odd rule
/// (a crossing ray). Points exactly on an edge may go either way; callers test points that are
/// known to lie off every edge.
func ringsContain(_ rings: [[Coordinate]], _ point: Coordinate) -> Bool {
    var inside = false
    for ring in rings {
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.y > point.y) != (b.y > point.y) {
                let x = a.x + (point.y - a.y) * (b.x - a.x) / (b.y - a.y)
                if point.x < x { inside.toggle() }
            }
            j = i
        }
    }
    return inside
}

/// A point strictly inside the region bounded by the closed rings: the middle of the widest
/// inside stretch of a horizontal line chosen to pass through no vertex, near the middle of the
/// region's height (the idea of GEOS's interior point). `nil` when the rings enclose nothing.
func interiorPoint(of rings: [[Coordinate]]) -> Coordinate? {
    var ys: [Double] = []
    for ring in rings { for p in ring { ys.append(p.y) } }
    ys.sort()
    guard let low = ys.first, let high = ys.last, low < high else { return nil }
    // The line runs halfway between the two distinct vertex heights around the middle.
    let middle = (low + high) / 2
    // ys[above - 1] <= middle < ys[above], so the line avoids every vertex.
    let above = ys.firstIndex { $0 > middle }!
    let y = (ys[above - 1] + ys[above]) / 2

    var xs: [Double] = []
    for ring in rings {
        for i in ring.indices.dropFirst() {
            let a = ring[i - 1], b = ring[i]
            if (a.y < y) != (b.y < y) {
                xs.append(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y))
            }
        }
    }
    xs.sort()
    var best: Coordinate?
    var widest = -1.0
    var i = 0
    while i + 1 < xs.count {
        if xs[i + 1] - xs[i] > widest {
            widest = xs[i + 1] - xs[i]
            best = Coordinate(x: (xs[i] + xs[i + 1]) / 2, y: y)
        }
        i += 2
    }
    return best
}
