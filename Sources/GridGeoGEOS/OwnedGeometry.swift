import CGEOS
import GridGeoCore

/// Owns one GEOS geometry for the span of an operation; the `deinit` destroys it.
///
/// Confined like the ``GEOSContext`` it was made in, which it keeps alive.
struct OwnedGeometry: ~Copyable {
    let context: GEOSContext
    let pointer: OpaquePointer

    deinit { GEOSGeom_destroy_r(context.handle, pointer) }
}

// Conversion goes through WKB: Core writes and reads the same 2-D ISO bytes GEOS does, so the
// round trip is bit-exact, and one reader call hands back a single owned pointer, leaving no
// half-built coordinate sequences or rings to clean up when GEOS rejects a part.
extension GEOSContext {
    /// The GEOS copy of a Core geometry.
    /// - Throws: ``GEOSError`` when GEOS rejects the structure (e.g. a ring of fewer than 4 positions).
    func own(_ geometry: Geometry) throws(GEOSError) -> OwnedGeometry {
        let reader = try wkbReader()
        let bytes = geometry.wkb
        return try self.geometry("GEOSWKBReader_read_r") { // returns NULL on exception
            GEOSWKBReader_read_r($0, reader, bytes, bytes.count)
        }
    }

    /// The Core copy of a GEOS geometry.
    func core(_ geometry: borrowing OwnedGeometry) throws(GEOSError) -> Geometry {
        let writer = try wkbWriter()
        var size = 0
        let buffer = try checked("GEOSWKBWriter_write_r", { // returns NULL on exception
            GEOSWKBWriter_write_r($0, writer, geometry.pointer, &size)
        }, failed: { $0 == nil })!
        defer { GEOSFree_r(handle, buffer) }
        do {
            return try Geometry(wkb: Array(UnsafeBufferPointer(start: buffer, count: size)))
        } catch {
            // Only reachable if GEOS writes WKB that Core cannot read.
            throw GEOSError(function: "Geometry(wkb:)", messages: ["\(error)"])
        }
    }

    /// The position of a GEOS point, or `nil` for an empty point.
    func coordinate(_ point: borrowing OwnedGeometry) throws(GEOSError) -> Coordinate? {
        let empty = try predicate("GEOSisEmpty_r") { GEOSisEmpty_r($0, point.pointer) } // returns 2 on exception
        if empty { return nil }
        var x = 0.0, y = 0.0
        try succeed("GEOSGeomGetX_r") { GEOSGeomGetX_r($0, point.pointer, &x) } // returns 0 on exception
        try succeed("GEOSGeomGetY_r") { GEOSGeomGetY_r($0, point.pointer, &y) } // returns 0 on exception
        return Coordinate(x: x, y: y)
    }

    /// Converts `geometry`, applies a GEOS operation making a new geometry, and converts back.
    func transform(_ geometry: Geometry, _ function: String,
                   _ call: (GEOSContextHandle_t, OpaquePointer) -> OpaquePointer?) throws(GEOSError) -> Geometry {
        let input = try own(geometry)
        return try core(self.geometry(function) { call($0, input.pointer) })
    }
}
