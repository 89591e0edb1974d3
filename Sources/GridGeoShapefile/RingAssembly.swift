public import GridGeoCore

/// What ring assembly corrected in one record, so an import report can name the features.
public struct RingCorrections: Hashable, Sendable {
    /// Counter-clockwise rings (the hole orientation) that ended up as outer rings, e.g. a "hole" that no
    /// ring contains.
    public var counterClockwiseOuters: Int
    /// Clockwise rings (the outer orientation) that ended up as holes because an outer ring contains them.
    public var clockwiseHoles: Int
    /// Rings with fewer than three distinct positions, dropped.
    public var droppedRings: Int

    public init(counterClockwiseOuters: Int = 0, clockwiseHoles: Int = 0, droppedRings: Int = 0) {
        self.counterClockwiseOuters = counterClockwiseOuters
        self.clockwiseHoles = clockwiseHoles
        self.droppedRings = droppedRings
    }

    /// True when the record was well formed.
    public var isEmpty: Bool { self == RingCorrections() }
}

/// Polygons built from the rings of one shapefile polygon record.
///
/// The shapefile specification makes outer rings clockwise and holes counter-clockwise, and a record may
/// hold several outer rings with their holes in any order. Writers get orientation wrong, so, like GDAL's
/// `organizePolygons`, assembly trusts containment over orientation: each ring's parent is the smallest
/// ring containing it; rings at even nesting depth are outer rings, rings at odd depth are holes of their
/// parent. For well-formed records this is exactly the orientation rule; departures are counted in
/// `corrections`. Orientation is kept as read (see `Polygon.rfc7946Oriented`).
public struct RingAssembly: Hashable, Sendable {
    /// The polygons, outer rings in record order.
    public var polygons: [Polygon]
    public var corrections: RingCorrections

    /// Assembles `rings`, in record order.
    /// - Complexity: O(n²) ring-against-ring box tests for n rings, plus a point-in-ring test per overlap.
    public init(rings: [Ring]) {
        let kept = rings.filter { Set($0.coordinates).count >= 3 }
        corrections = RingCorrections(droppedRings: rings.count - kept.count)
        let areas = kept.map(\.signedArea)
        let boxes = kept.map(\.boundingBox)

        // 1. Visit rings from largest to smallest, so every possible container is placed before the ring.
        let bySize = kept.indices.sorted { abs(areas[$0]) > abs(areas[$1]) }
        var parent = [Int?](repeating: nil, count: kept.count)
        var depth = [Int](repeating: 0, count: kept.count)
        for (rank, i) in bySize.enumerated() {
            // 2. Scanning back through larger rings meets the smallest container first.
            for j in bySize[..<rank].reversed() where boxes[j].covers(boxes[i]) && kept[i].lies(inside: kept[j]) {
                parent[i] = j
                depth[i] = depth[j] + 1
                break
            }
        }

        // 3. Odd depth: a hole of its parent. Even depth: an outer ring.
        var holes = [[Ring]](repeating: [], count: kept.count)
        for i in kept.indices where depth[i] % 2 == 1 {
            holes[parent[i]!].append(kept[i])
            if areas[i] < 0 { corrections.clockwiseHoles += 1 }
        }
        var polygons: [Polygon] = []
        for i in kept.indices where depth[i] % 2 == 0 {
            if areas[i] > 0 { corrections.counterClockwiseOuters += 1 }
            polygons.append(Polygon(exterior: kept[i], holes: holes[i]))
        }
        self.polygons = polygons
    }

    /// `.polygon` for one polygon, `.multiPolygon` for several, nil for none.
    public var geometry: Geometry? {
        switch polygons.count {
        case 0: nil
        case 1: .polygon(polygons[0])
        default: .multiPolygon(polygons)
        }
    }
}

/// Where a point lies relative to a ring.
enum RingLocation { case inside, outside, boundary }

extension Ring {
    /// Locates `p` by crossing number (W. Randolph Franklin, PNPOLY), checking each edge for `p` on it first.
    func locate(_ p: Coordinate) -> RingLocation {
        let c = coordinates
        var inside = false
        for k in c.indices.dropLast() {
            let a = c[k], b = c[k + 1]
            // On the edge: collinear with it and within its box.
            if (b.x - a.x) * (p.y - a.y) == (b.y - a.y) * (p.x - a.x),
               min(a.x, b.x) <= p.x, p.x <= max(a.x, b.x), min(a.y, b.y) <= p.y, p.y <= max(a.y, b.y) {
                return .boundary
            }
            // The edge straddles the horizontal line through p, and crosses it to the right of p.
            if (a.y > p.y) != (b.y > p.y), p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y) {
                inside.toggle()
            }
        }
        return inside ? .inside : .outside
    }

    /// True when this ring lies inside `other`, judged by its first position not on `other`'s boundary
    /// (rings of one shapefile record may touch but should not cross). False for coincident rings.
    func lies(inside other: Ring) -> Bool {
        for p in coordinates.dropLast() {
            switch other.locate(p) {
            case .inside: return true
            case .outside: return false
            case .boundary: continue
            }
        }
        return false
    }
}

extension BoundingBox {
    /// True when `other` lies within this box (edges included).
    func covers(_ other: BoundingBox) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }
}
