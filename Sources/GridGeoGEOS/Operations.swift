import CGEOS
public import GridGeoCore

// Planar operations on Core geometries. Each converts its inputs to GEOS, runs one GEOS
// function and converts the result back; units are those of the coordinates.

// MARK: Measures

extension GEOSContext {
    /// Planar area, in coordinate units squared (0 for points and lines). The C function is `GEOSArea_r`.
    public func area(_ geometry: Geometry) throws(GEOSError) -> Double {
        let g = try own(geometry)
        var area = 0.0
        try succeed("GEOSArea_r") { GEOSArea_r($0, g.pointer, &area) } // returns 0 on exception
        return area
    }

    /// Planar length of lines, or perimeter of polygons, in coordinate units. The C function is `GEOSLength_r`.
    public func length(_ geometry: Geometry) throws(GEOSError) -> Double {
        let g = try own(geometry)
        var length = 0.0
        try succeed("GEOSLength_r") { GEOSLength_r($0, g.pointer, &length) } // returns 0 on exception
        return length
    }
}

// MARK: Overlay

extension GEOSContext {
    /// The union of all the geometries, dissolving shared edges. The C function is `GEOSUnaryUnion_r`.
    public func union(_ geometries: [Geometry]) throws(GEOSError) -> Geometry {
        try transform(.collection(geometries), "GEOSUnaryUnion_r") { GEOSUnaryUnion_r($0, $1) } // returns NULL on exception
    }

    /// The union of polygons forming a coverage (edge-matched, non-overlapping, like grid cells),
    /// much faster than ``union(_:)`` because it only drops shared edges.
    ///
    /// GEOS 3.11 checks little: it throws on duplicated edges ("CoverageUnion cannot process
    /// overlapping inputs.") and non-polygons, but edges that do not match exactly (a T-junction,
    /// a partial overlap) pass silently and leave parts unmerged. So when the input is not known
    /// to be a clean coverage, or this throws, use ``union(_:)``. The C function is `GEOSCoverageUnion_r`.
    public func coverageUnion(_ polygons: [Geometry]) throws(GEOSError) -> Geometry {
        try transform(.collection(polygons), "GEOSCoverageUnion_r") { GEOSCoverageUnion_r($0, $1) } // returns NULL on exception
    }

    /// The part of `a` inside `b`. The C function is `GEOSIntersection_r`.
    public func intersection(_ a: Geometry, _ b: Geometry) throws(GEOSError) -> Geometry {
        try overlay(a, b, "GEOSIntersection_r") { GEOSIntersection_r($0, $1, $2) } // returns NULL on exception
    }

    /// The part of `a` outside `b`. The C function is `GEOSDifference_r`.
    public func difference(_ a: Geometry, _ b: Geometry) throws(GEOSError) -> Geometry {
        try overlay(a, b, "GEOSDifference_r") { GEOSDifference_r($0, $1, $2) } // returns NULL on exception
    }

    private func overlay(_ a: Geometry, _ b: Geometry, _ function: String,
                         _ call: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> OpaquePointer?) throws(GEOSError) -> Geometry {
        let ga = try own(a), gb = try own(b)
        return try core(geometry(function) { call($0, ga.pointer, gb.pointer) })
    }
}

// MARK: Predicates

extension GEOSContext {
    /// Whether `a` and `b` share at least one point, boundary included. The C function is `GEOSIntersects_r`.
    public func intersects(_ a: Geometry, _ b: Geometry) throws(GEOSError) -> Bool {
        try relate(a, b, "GEOSIntersects_r") { GEOSIntersects_r($0, $1, $2) } // returns 2 on exception
    }

    /// Whether no point of `b` lies outside `a`: a point on `a`'s boundary is covered.
    /// This is the rule to use for "which cell holds this point". The C function is `GEOSCovers_r`.
    public func covers(_ a: Geometry, _ b: Geometry) throws(GEOSError) -> Bool {
        try relate(a, b, "GEOSCovers_r") { GEOSCovers_r($0, $1, $2) } // returns 2 on exception
    }

    /// Whether `b` lies in `a` and touches its interior (OGC contains): a point on `a`'s boundary
    /// is *not* contained. The C function is `GEOSContains_r`.
    public func contains(_ a: Geometry, _ b: Geometry) throws(GEOSError) -> Bool {
        try relate(a, b, "GEOSContains_r") { GEOSContains_r($0, $1, $2) } // returns 2 on exception
    }

    private func relate(_ a: Geometry, _ b: Geometry, _ function: String,
                        _ call: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws(GEOSError) -> Bool {
        let ga = try own(a), gb = try own(b)
        return try predicate(function) { call($0, ga.pointer, gb.pointer) }
    }
}

// MARK: Constructions

extension GEOSContext {
    /// The area within `distance` of the geometry (a negative distance shrinks polygons), with round
    /// ends and joins of `quadrantSegments` segments per quarter circle. The C function is `GEOSBuffer_r`.
    public func buffer(_ geometry: Geometry, distance: Double, quadrantSegments: Int = 8) throws(GEOSError) -> Geometry {
        try transform(geometry, "GEOSBuffer_r") { // returns NULL on exception
            GEOSBuffer_r($0, $1, distance, Int32(clamping: quadrantSegments))
        }
    }

    /// The geometry with vertices removed while they stay within `tolerance` (Douglas-Peucker),
    /// never changing topology, so valid polygons stay valid. The C function is `GEOSTopologyPreserveSimplify_r`.
    public func simplify(_ geometry: Geometry, tolerance: Double) throws(GEOSError) -> Geometry {
        try transform(geometry, "GEOSTopologyPreserveSimplify_r") { // returns NULL on exception
            GEOSTopologyPreserveSimplify_r($0, $1, tolerance)
        }
    }

    /// The bounding rectangle as a polygon, or a point when it has no extent. The C function is `GEOSEnvelope_r`.
    /// (For a plain box, Core's `boundingBox` needs no GEOS.)
    public func envelope(_ geometry: Geometry) throws(GEOSError) -> Geometry {
        try transform(geometry, "GEOSEnvelope_r") { GEOSEnvelope_r($0, $1) } // returns NULL on exception
    }

    /// A position guaranteed to lie on the geometry (inside a polygon, unlike the centroid of an
    /// L shape), or `nil` for an empty geometry. Suits label and geocoding anchors.
    /// The C function is `GEOSPointOnSurface_r`.
    public func pointOnSurface(_ geometry: Geometry) throws(GEOSError) -> Coordinate? {
        try point(geometry, "GEOSPointOnSurface_r") { GEOSPointOnSurface_r($0, $1) } // returns NULL on exception
    }

    /// The centre of mass (of the highest dimension present), or `nil` for an empty geometry.
    /// The C function is `GEOSGetCentroid_r`.
    public func centroid(_ geometry: Geometry) throws(GEOSError) -> Coordinate? {
        try point(geometry, "GEOSGetCentroid_r") { GEOSGetCentroid_r($0, $1) } // returns NULL on exception
    }

    private func point(_ geometry: Geometry, _ function: String,
                       _ call: (GEOSContextHandle_t, OpaquePointer) -> OpaquePointer?) throws(GEOSError) -> Coordinate? {
        let g = try own(geometry)
        return try coordinate(self.geometry(function) { call($0, g.pointer) })
    }
}

// MARK: Snap-rounded overlay

extension GEOSContext {
    /// The union of all the geometries with every coordinate rounded to a grid of `gridSize`
    /// (OverlayNG with snap-rounding noding). Unlike floating noding it cannot fail to converge,
    /// and lines come back split wherever they cross or touch, with identical coordinates at
    /// every shared node. The C function is `GEOSUnaryUnionPrec_r`.
    public func union(_ geometries: [Geometry], gridSize: Double) throws(GEOSError) -> Geometry {
        try transform(.collection(geometries), "GEOSUnaryUnionPrec_r") { // returns NULL on exception
            GEOSUnaryUnionPrec_r($0, $1, gridSize)
        }
    }
}
