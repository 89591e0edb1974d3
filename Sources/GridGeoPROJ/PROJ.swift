import CPROJ

/// Facts about the linked PROJ library.
public enum PROJ {
    /// The linked PROJ release, e.g. "9.1.1". The corresponding C function is `proj_info`.
    public static let version: String = String(cString: proj_info().version)
}

/// Owner of one `PJ_CONTEXT`.
///
/// Not thread-safe: PROJ wants one context per thread, and every `PJ` made in a context belongs to it.
/// So a context and its objects stay with one owner (a `Transformer`, or one `CRS.identify` call).
final class PROJContext {
    let handle: OpaquePointer
    /// Error lines PROJ logged since the last error was built; they become `PROJError.details`.
    private var log: [String] = []

    init() throws(PROJError) {
        guard let handle = proj_context_create() else {
            throw PROJError(code: 4096, message: "proj_context_create failed")
        }
        self.handle = handle
        // PROJ's error lines say more than its error numbers ("crs not found" vs "Unknown error"),
        // so collect them instead of letting PROJ print them to stderr. Logging happens synchronously
        // inside calls on this context, hence on the owner's thread.
        proj_log_func(handle, Unmanaged.passUnretained(self).toOpaque()) { data, _, line in
            guard let data, let line else { return }
            Unmanaged<PROJContext>.fromOpaque(data).takeUnretainedValue().log.append(String(cString: line))
        }
        proj_log_level(handle, PJ_LOG_ERROR)
        // Results must not depend on the network or on PROJ_NETWORK: grids come from disk only.
        _ = proj_context_set_enable_network(handle, 0)  // returns the new state
    }

    deinit {
        proj_log_level(handle, PJ_LOG_NONE)  // no callback into a half-destroyed owner
        proj_context_destroy(handle)
    }

    /// Calls a PROJ constructor, whose only failure signal is a NULL result.
    func make(_ body: (OpaquePointer) -> OpaquePointer?) throws(PROJError) -> PJObject {
        log.removeAll()
        guard let pj = body(handle) else { throw error(code: Int(proj_context_errno(handle))) }
        return PJObject(pj, context: self)
    }

    /// The error for `code` (PROJ's generic 4096 when PROJ gave none), with the lines logged so far.
    func error(code: Int, note: String? = nil) -> PROJError {
        let code = code == 0 ? 4096 : code
        let text = proj_context_errno_string(handle, Int32(code)).map { String(cString: $0) }
        defer { log.removeAll() }
        return PROJError(code: code, message: text ?? "PROJ error \(code)", details: log + (note.map { [$0] } ?? []))
    }

    /// Forgets earlier log lines, before a call whose failure is read afterwards.
    func clearLog() { log.removeAll() }
}

/// Owner of one `PJ`: a CRS or a coordinate operation.
///
/// Holds its context strongly, because a `PJ` is only valid with the context it was made in.
final class PJObject {
    let handle: OpaquePointer
    let context: PROJContext

    init(_ handle: OpaquePointer, context: PROJContext) {
        self.handle = handle
        self.context = context
    }

    deinit { proj_destroy(handle) }

    /// The object's name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 117E".
    var name: String { proj_get_name(handle).map { String(cString: $0) } ?? "" }
}
