import CGEOS
public import GridGeoCore

/// A geometry indexed by GEOS for many predicate tests against it, e.g. which points a cell covers.
///
/// Each test still makes and destroys a GEOS point (about 0.16 µs in all); a hot path over
/// millions of points belongs in a pure-Swift index, with this type as the reference.
///
/// - Important: Confined to the thread or task of the ``GEOSContext`` that made it; not `Sendable`.
public final class PreparedGeometry {
    // The prepared geometry refers to `base`, so it is destroyed first (deinit runs before
    // stored properties are released); `base` in turn keeps the context alive.
    let base: OwnedGeometry
    // Read by `PreparedPolygonTree`, which runs the same test without a Swift call per candidate.
    let prepared: OpaquePointer

    fileprivate init(base: consuming OwnedGeometry, prepared: OpaquePointer) {
        self.base = base
        self.prepared = prepared
    }

    deinit { GEOSPreparedGeom_destroy_r(base.context.handle, prepared) }

    /// Whether the point lies in the geometry or on its boundary. The C function is `GEOSPreparedCovers_r`.
    public func covers(_ point: Coordinate) throws(GEOSError) -> Bool {
        try test(point, "GEOSPreparedCovers_r") { GEOSPreparedCovers_r($0, $1, $2) } // returns 2 on exception
    }

    /// Whether the point lies in the geometry's interior: boundary points are *not* contained.
    /// The C function is `GEOSPreparedContains_r`.
    public func contains(_ point: Coordinate) throws(GEOSError) -> Bool {
        try test(point, "GEOSPreparedContains_r") { GEOSPreparedContains_r($0, $1, $2) } // returns 2 on exception
    }

    private func test(_ point: Coordinate, _ function: String,
                      _ call: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws(GEOSError) -> Bool {
        let context = base.context
        let g = try context.geometry("GEOSGeom_createPointFromXY_r") { // returns NULL on exception
            GEOSGeom_createPointFromXY_r($0, point.x, point.y)
        }
        return try context.predicate(function) { call($0, prepared, g.pointer) }
    }
}

@available(*, unavailable, message: "a prepared geometry is confined to its context's thread or task")
extension PreparedGeometry: Sendable {}

extension GEOSContext {
    /// The geometry, indexed for repeated predicate tests. The C function is `GEOSPrepare_r`.
    public func prepare(_ geometry: Geometry) throws(GEOSError) -> PreparedGeometry {
        let base = try own(geometry)
        let prepared = try pointer("GEOSPrepare_r") { GEOSPrepare_r($0, base.pointer) } // returns NULL on exception
        return PreparedGeometry(base: base, prepared: prepared)
    }
}
