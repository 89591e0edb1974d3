import CGEOS
import GridGeoCore

/// The owner of one GEOS context (`GEOS_init_r` … `GEOS_finish_r`), and the entry point of every
/// GEOS operation in GridGeo.
///
/// ```swift
/// let geos = try GEOSContext()
/// if let problem = try geos.validityProblem(parcel) { print(problem.reason) }
/// ```
///
/// - Important: Confined: use a context, and any ``PreparedGeometry`` made from it, from one
///   thread or task at a time, as GEOS requires ("Contexts must only be used from a single thread
///   at a time"). It is deliberately not `Sendable`. Concurrent work makes one context per task;
///   creating one costs about 0.2 µs.
public final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// Error messages of the current call, filled by the handler installed in `init`.
    fileprivate(set) var messages: [String] = []
    // Made on first use so contexts that never convert geometries stay cheap.
    private var reader: OpaquePointer?
    private var writer: OpaquePointer?

    /// Creates a context and installs a handler that captures GEOS's error messages.
    /// - Throws: ``GEOSError`` when GEOS cannot allocate a context.
    public init() throws(GEOSError) {
        guard let handle = GEOS_init_r() else { // returns NULL when out of memory
            throw GEOSError(function: "GEOS_init_r", messages: [])
        }
        self.handle = handle
        // The context outlives the handle (finished in deinit), so an unretained pointer is safe.
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let message, let userData else { return }
            Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue()
                .messages.append(String(cString: message))
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        if let reader { GEOSWKBReader_destroy_r(handle, reader) }
        if let writer { GEOSWKBWriter_destroy_r(handle, writer) }
        GEOS_finish_r(handle)
    }
}

@available(*, unavailable, message: "a GEOS context is confined to one thread or task")
extension GEOSContext: Sendable {}

// MARK: - Checked calls

// Every raw call goes through one of these: they clear the message list, call, and turn the
// sentinel named at the call site into a GEOSError carrying what GEOS said.
extension GEOSContext {
    /// Calls GEOS and throws when `failed(result)`.
    func checked<R>(_ function: String, _ call: (GEOSContextHandle_t) -> R,
                    failed: (R) -> Bool) throws(GEOSError) -> R {
        messages.removeAll(keepingCapacity: true)
        let result = call(handle)
        if failed(result) { throw GEOSError(function: function, messages: messages) }
        return result
    }

    /// For calls returning a pointer, `NULL` on exception.
    func pointer(_ function: String, _ call: (GEOSContextHandle_t) -> OpaquePointer?) throws(GEOSError) -> OpaquePointer {
        try checked(function, call, failed: { $0 == nil })!
    }

    /// For calls returning a new geometry, `NULL` on exception; the result is owned.
    func geometry(_ function: String, _ call: (GEOSContextHandle_t) -> OpaquePointer?) throws(GEOSError) -> OwnedGeometry {
        OwnedGeometry(context: self, pointer: try pointer(function, call))
    }

    /// For predicates returning 1 on true, 0 on false, 2 on exception.
    func predicate(_ function: String, _ call: (GEOSContextHandle_t) -> CChar) throws(GEOSError) -> Bool {
        try checked(function, call, failed: { $0 == 2 }) == 1
    }

    /// For calls returning 1 on success, 0 on exception (results come back through out-parameters).
    func succeed(_ function: String, _ call: (GEOSContextHandle_t) -> Int32) throws(GEOSError) {
        _ = try checked(function, call, failed: { $0 == 0 })
    }

    /// The lazily made WKB reader.
    func wkbReader() throws(GEOSError) -> OpaquePointer {
        if let reader { return reader }
        let made = try pointer("GEOSWKBReader_create_r") { GEOSWKBReader_create_r($0) } // returns NULL on exception
        reader = made
        return made
    }

    /// The lazily made WKB writer: 2-D, little-endian, ISO, the same bytes `Geometry.wkb` writes.
    func wkbWriter() throws(GEOSError) -> OpaquePointer {
        if let writer { return writer }
        let made = try pointer("GEOSWKBWriter_create_r") { GEOSWKBWriter_create_r($0) } // returns NULL on exception
        GEOSWKBWriter_setOutputDimension_r(handle, made, 2)
        GEOSWKBWriter_setByteOrder_r(handle, made, Int32(GEOS_WKB_NDR.rawValue))
        GEOSWKBWriter_setFlavor_r(handle, made, Int32(GEOS_WKB_ISO.rawValue))
        writer = made
        return made
    }
}
