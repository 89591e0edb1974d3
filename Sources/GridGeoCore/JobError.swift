/// Why a data job (an import, drafting streets or communities, a grid build) stopped. Each case
/// maps to the sysexits code `users.md` fixes for it, and its message says what to do about it.
public enum JobError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Bad flags, flag combinations or arguments: a malformed code, an impossible target area (64).
    case usage(String)
    /// The data cannot be used as it is: undecidable encoding or CRS, invalid geometry, features
    /// outside the district, nothing to draft from, grids that fail validation, a start date not
    /// after the current version (65).
    case data(String)
    /// An input file or database does not exist: a `.shp`, `.shx` or `.dbf`, a names list (66).
    case missingInput(String)
    /// The layer already holds data and neither `--overwrite` nor `--append` was given, or already
    /// holds what would be drafted (73).
    case outputExists(String)
    /// Reading or writing failed (74).
    case io(String)

    public var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .data: 65
        case .missingInput: 66
        case .outputExists: 73
        case .io: 74
        }
    }

    public var description: String {
        switch self {
        case .usage(let m), .data(let m), .missingInput(let m), .outputExists(let m), .io(let m): m
        }
    }
}
