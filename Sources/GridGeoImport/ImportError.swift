/// Why an import stopped. Each case maps to the sysexits code `users.md` fixes for it, and its
/// message says what to do about it.
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Bad flags or flag combinations (64).
    case usage(String)
    /// The data cannot be imported as it is: undecidable encoding or CRS, invalid geometry,
    /// features outside the district (65).
    case data(String)
    /// A `.shp`, `.shx` or `.dbf` is missing (66).
    case missingInput(String)
    /// The layer already holds data and neither `--overwrite` nor `--append` was given (73).
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
