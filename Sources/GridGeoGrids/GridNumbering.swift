public import GridGeoCore

/// How unit grids, and drafted communities, get their sequence numbers (DB11: north → south,
/// west → east).
///
/// The rule, applied to each region's centroid (centre of mass) in a ``LocalFrame`` (metres):
/// 1. Rows are horizontal bands of height `rowHeight` (√target area: 100 m for 10,000 m² grids),
///    counted southward from the northernmost point of the parent (community or street):
///    row = ⌊(parent's north edge − centroid northing) / rowHeight⌋.
/// 2. Rows are numbered north first; within a row, regions go west to east by centroid easting.
/// 3. Equal eastings (rare) go north first, then by the order given.
/// Sequence numbers start at 001.
public enum GridNumbering {
    /// The order in which regions are numbered: indices into `centroids`.
    /// - Parameters:
    ///   - centroids: region centroids in metres (x east, y north).
    ///   - northEdge: the parent's largest northing.
    ///   - rowHeight: the band height in metres.
    public static func order(of centroids: [Coordinate], northEdge: Double, rowHeight: Double) -> [Int] {
        let rows = centroids.map { Int(((northEdge - $0.y) / rowHeight).rounded(.down)) }
        return centroids.indices.sorted { a, b in
            if rows[a] != rows[b] { return rows[a] < rows[b] }
            if centroids[a].x != centroids[b].x { return centroids[a].x < centroids[b].x }
            if centroids[a].y != centroids[b].y { return centroids[a].y > centroids[b].y }
            return a < b
        }
    }

    /// `prefix` followed by the 3-digit sequence number (001–999).
    /// - Throws: ``GridError/malformedCode(_:)`` for a prefix that is not all digits,
    ///   ``GridError/sequenceOverflow(prefix:count:)`` beyond 999.
    public static func code(prefix: String, sequence: Int) throws(GridError) -> String {
        guard !prefix.isEmpty, prefix.allSatisfy(\.isASCIIDigit) else { throw .malformedCode(prefix) }
        guard (1...999).contains(sequence) else { throw .sequenceOverflow(prefix: prefix, count: sequence) }
        let digits = String(sequence)
        return prefix + String(repeating: "0", count: 3 - digits.count) + digits
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
