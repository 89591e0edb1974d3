import CGEOS
public import GridGeoCore

/// A GEOS STRtree over prepared polygons: which of them cover a point.
///
/// This is what a C or C++ user of GEOS writes for point-in-polygon over many polygons
/// (`GEOSSTRtree` + `GEOSPreparedCovers_r`), kept as the reference that GridGeoIndex is tested against
/// and the baseline it is benchmarked against. Each query makes and destroys a GEOS point.
///
/// - Important: Confined to the thread or task of the ``GEOSContext`` that made it; not `Sendable`.
public final class PreparedPolygonTree {
    private let context: GEOSContext
    private let tree: OpaquePointer
    private let polygons: [PreparedGeometry]
    /// Candidates of the current query, filled by the STRtree callback; reused to avoid allocating.
    fileprivate var candidates: [Int] = []

    /// Builds the tree over `geometries`; a geometry's id is its position.
    /// The corresponding C functions are `GEOSSTRtree_create_r` (node capacity 10, GEOS's usual) and
    /// `GEOSSTRtree_insert_r`. The tree is packed on the first query, as GEOS does.
    public init(context: GEOSContext, geometries: [Geometry]) throws(GEOSError) {
        self.context = context
        var prepared: [PreparedGeometry] = []
        prepared.reserveCapacity(geometries.count)
        for g in geometries { prepared.append(try context.prepare(g)) }
        polygons = prepared
        tree = try context.pointer("GEOSSTRtree_create_r") { GEOSSTRtree_create_r($0, 10) } // returns NULL on exception
        for (i, p) in prepared.enumerated() {
            // The tree keeps only the envelope and the item: `polygons` keeps each geometry alive.
            // Items are ids + 1, since a null item pointer cannot be told from "none".
            GEOSSTRtree_insert_r(context.handle, tree, p.base.pointer, UnsafeMutableRawPointer(bitPattern: i + 1))
        }
    }

    deinit { GEOSSTRtree_destroy_r(context.handle, tree) }

    /// The ids of the geometries that cover `point` (interior or boundary), ascending.
    /// The corresponding C functions are `GEOSSTRtree_query_r` and `GEOSPreparedCovers_r`.
    public func covering(_ point: Coordinate) throws(GEOSError) -> [Int] {
        var found: [Int] = []
        try query(point) { id in found.append(id); return false }
        return found.sorted()
    }

    /// The first geometry found that covers `point`, or nil: one answer per point, as a lookup
    /// service would stop at the first hit. Allocates nothing in Swift once warmed up.
    public func firstCovering(_ point: Coordinate) throws(GEOSError) -> Int? {
        var found: Int?
        try query(point) { id in found = id; return true }
        return found
    }

    /// Runs the STRtree query for `point` and calls `body` with each candidate that covers it,
    /// until `body` returns true.
    private func query(_ point: Coordinate, _ body: (Int) -> Bool) throws(GEOSError) {
        let handle = context.handle
        let g = try context.geometry("GEOSGeom_createPointFromXY_r") { // returns NULL on exception
            GEOSGeom_createPointFromXY_r($0, point.x, point.y)
        }
        candidates.removeAll(keepingCapacity: true)
        GEOSSTRtree_query_r(handle, tree, g.pointer, { item, userData in
            guard let item, let userData else { return }
            Unmanaged<PreparedPolygonTree>.fromOpaque(userData).takeUnretainedValue()
                .candidates.append(Int(bitPattern: item) - 1)
        }, Unmanaged.passUnretained(self).toOpaque())
        for id in candidates {
            let covers = try context.predicate("GEOSPreparedCovers_r") { // returns 2 on exception
                GEOSPreparedCovers_r($0, polygons[id].prepared, g.pointer)
            }
            if covers && body(id) { return }
        }
    }
}

@available(*, unavailable, message: "a GEOS STRtree is confined to its context's thread or task")
extension PreparedPolygonTree: Sendable {}
