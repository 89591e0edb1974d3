/// A failure reported by PROJ, in PROJ's own words.
///
/// `code` is PROJ's error number (`PROJ_ERR_*` in `proj.h`): 1024–1029 for a bad operation or CRS
/// definition, 2048–2053 for a coordinate that cannot be transformed (2049: invalid coordinate), 4096
/// and up for other errors. PROJ reports an unknown EPSG code as 4096 "Unknown error", so the useful
/// words are often in `details`: the error lines PROJ logged (e.g. "proj_create: crs not found").
public struct PROJError: Error, Hashable, Sendable {
    /// PROJ's error number.
    public var code: Int
    /// PROJ's message for `code` (`proj_context_errno_string`).
    public var message: String
    /// The error lines PROJ logged during the failing call, or GridGeo's own note when the check was
    /// made in Swift before reaching PROJ.
    public var details: [String]

    public init(code: Int, message: String, details: [String] = []) {
        self.code = code
        self.message = message
        self.details = details
    }

    /// `PROJ_ERR_COORD_TRANSFM_INVALID_COORD`, e.g. a latitude beyond ±90°.
    public static let invalidCoordinateCode = 2049
    /// `PROJ_ERR_COORD_TRANSFM`: any other failure to transform a coordinate.
    public static let transformFailedCode = 2048
}

extension PROJError: CustomStringConvertible {
    /// `PROJ error <code>: <message>`, then PROJ's logged details in parentheses.
    public var description: String {
        let head = "PROJ error \(code): \(message)"
        return details.isEmpty ? head : head + " (" + details.joined(separator: "; ") + ")"
    }
}
