/// Why drafting or a grid build stopped. Each case maps to the sysexits code `users.md` fixes for
/// it (the same codes as `geo-import import`), and its message says what to do about it.
public enum HierarchyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Bad arguments: a malformed code, an impossible target area (64).
    case usage(String)
    /// The data cannot be used as it is: nothing to draft from, a malformed names list, grids that
    /// fail validation, a start date not after the current version (65).
    case data(String)
    /// A names list or database that does not exist (66).
    case missingInput(String)
    /// The layer already holds what would be drafted (73).
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
