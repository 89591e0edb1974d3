/// A failure reported by GEOS, carrying GEOS's own words.
///
/// GEOS turns every C++ exception into a sentinel return value (`NULL`, `2`, `0`, …) and sends
/// the exception text to the context's error handler; this error joins the two.
public struct GEOSError: Error, Hashable, Sendable {
    /// The C function that failed, e.g. `"GEOSIntersection_r"`.
    public let function: String
    /// The messages GEOS reported during that call, oldest first
    /// (e.g. `"TopologyException: Input geom 0 is invalid: Self-intersection at or near point 5 5 at 5 5"`).
    public let messages: [String]

    public init(function: String, messages: [String]) {
        self.function = function
        self.messages = messages
    }

    /// The messages as one line, or a note that GEOS gave none.
    public var message: String {
        messages.isEmpty ? "failed without a message" : messages.joined(separator: "; ")
    }
}

extension GEOSError: CustomStringConvertible {
    public var description: String { "\(function): \(message)" }
}
