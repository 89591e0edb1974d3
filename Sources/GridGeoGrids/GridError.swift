/// Why grids or drafts could not be made.
public enum GridError: Error, Hashable, Sendable {
    /// A code that is not the expected number of digits (12 for a community, 9 for a street).
    case malformedCode(String)
    /// More than 999 pieces under one prefix: the 3-digit sequence cannot number them.
    case sequenceOverflow(prefix: String, count: Int)
    /// A count or area list that cannot be drafted (zero parts, negative shares).
    case invalidRequest(String)
    /// The region has no area after repair, or fewer faces than parts were asked for.
    case cannotPartition(String)
}
