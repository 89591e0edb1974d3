import CGEOS
public import GridGeoCore

/// Why GEOS finds a geometry invalid, and where.
public struct ValidityProblem: Hashable, Sendable {
    /// GEOS's own words, e.g. `"Self-intersection"` or `"Ring Self-intersection"`.
    public var reason: String
    /// A position at or near the problem, when GEOS names one.
    public var location: Coordinate?

    public init(reason: String, location: Coordinate?) {
        self.reason = reason
        self.location = location
    }
}

/// How ``GEOSContext/makeValid(_:method:)`` repairs a geometry.
public enum MakeValidMethod: Sendable, CaseIterable {
    /// Nodes all rings into linework and rebuilds polygons from it (GEOS's original method).
    case linework
    /// Repairs each ring, unions shells and subtracts holes; trusts the shell/hole roles,
    /// which suits shapefile polygons. Drops parts that collapse to lines or points.
    case structure
}

extension GEOSContext {
    /// Whether the geometry is valid under OGC rules. The corresponding C function is `GEOSisValid_r`.
    public func isValid(_ geometry: Geometry) throws(GEOSError) -> Bool {
        let g = try own(geometry)
        return try predicate("GEOSisValid_r") { GEOSisValid_r($0, g.pointer) } // returns 2 on exception
    }

    /// The first problem GEOS finds, or `nil` when the geometry is valid.
    /// The corresponding C function is `GEOSisValidDetail_r`.
    public func validityProblem(_ geometry: Geometry) throws(GEOSError) -> ValidityProblem? {
        let g = try own(geometry)
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let valid = try predicate("GEOSisValidDetail_r") { // returns 2 on exception
            GEOSisValidDetail_r($0, g.pointer, 0, &reason, &location)
        }
        // GEOS sets both outputs only for an invalid geometry, and they are ours to free.
        let text = reason.map { String(cString: $0) }
        if let reason { GEOSFree_r(handle, reason) }
        var coordinate: Coordinate?
        if let location {
            let point = OwnedGeometry(context: self, pointer: location)
            coordinate = try self.coordinate(point)
        }
        return valid ? nil : ValidityProblem(reason: text ?? "", location: coordinate)
    }

    /// A valid geometry covering the same area, keeping no collapsed parts.
    /// The result may change type (a bow-tie polygon becomes a multipolygon).
    /// The corresponding C function is `GEOSMakeValidWithParams_r`.
    public func makeValid(_ geometry: Geometry, method: MakeValidMethod = .structure) throws(GEOSError) -> Geometry {
        let params = try pointer("GEOSMakeValidParams_create_r") { GEOSMakeValidParams_create_r($0) } // returns NULL on exception
        defer { GEOSMakeValidParams_destroy_r(handle, params) }
        let cMethod = method == .linework ? GEOS_MAKE_VALID_LINEWORK : GEOS_MAKE_VALID_STRUCTURE
        try succeed("GEOSMakeValidParams_setMethod_r") { // returns 0 on exception
            GEOSMakeValidParams_setMethod_r($0, params, cMethod)
        }
        try succeed("GEOSMakeValidParams_setKeepCollapsed_r") { // returns 0 on exception
            GEOSMakeValidParams_setKeepCollapsed_r($0, params, 0)
        }
        return try transform(geometry, "GEOSMakeValidWithParams_r") { // returns NULL on exception
            GEOSMakeValidWithParams_r($0, $1, params)
        }
    }
}
