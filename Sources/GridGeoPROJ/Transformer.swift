public import GridGeoCore
import CPROJ

/// Transforms coordinates between two CRSs, x first at both ends (longitude or easting, then latitude
/// or northing), whatever the authorities' axis order.
///
/// **Confined to one thread or task, and not `Sendable`.** A transformer owns a PROJ context and the
/// operation made in it, and PROJ contexts are not thread-safe. Give each task its own transformer
/// (making one opens PROJ's database: milliseconds), or hand a fresh one to a task and stop using it.
///
/// GCJ-02 and BD-09 ends go through CGCS2000 with the Swift formulas of `GCJ02` and `BD09`, using the
/// iterative inverses. The formulas are defined on WGS-84; GridGeo takes CGCS2000 as equal to WGS-84
/// for them (the datums agree to well under a metre, as PROJ's own WGS 84 → CGCS2000 step assumes).
public final class Transformer {
    /// The CRS coordinates are read in.
    public let source: CRS
    /// The CRS coordinates are returned in.
    public let target: CRS

    private let context: PROJContext
    /// PROJ's operation between the ends (CGCS2000 standing in for a web-map end); nil when both ends
    /// are web-map datums.
    private let operation: PJObject?
    /// Swift steps before and after PROJ's, for web-map ends.
    private let before: ((Coordinate) -> Coordinate)?
    private let after: ((Coordinate) -> Coordinate)?

    /// Makes the operation from `source` to `target`.
    ///
    /// The corresponding C functions are `proj_create_crs_to_crs_from_pj` and
    /// `proj_normalize_for_visualization`. Coordinates outside the area of use of the best operation
    /// still transform (PROJ picks among candidates per point); no grid is fetched from the network.
    /// - Throws: `PROJError` when PROJ cannot read a CRS (an unknown EPSG code gives code 4096 with
    ///   "crs not found" in `details`) or finds no operation.
    public init(from source: CRS, to target: CRS) throws(PROJError) {
        self.source = source
        self.target = target
        context = try PROJContext()
        switch (source, target) {
        case (.gcj02, .bd09): (before, after) = (BD09.fromGCJ02, nil)
        case (.bd09, .gcj02): (before, after) = (BD09.toGCJ02, nil)
        case (.gcj02, .gcj02), (.bd09, .bd09): (before, after) = (nil, nil)
        default: (before, after) = (Self.toCGCS2000(from: source), Self.fromCGCS2000(to: target))
        }
        // A web-map end is CGCS2000 as far as PROJ is concerned; two web-map ends need no PROJ at all.
        guard !(source.isWebMapDatum && target.isWebMapDatum),
              let from = (source.isWebMapDatum ? CRS.cgcs2000 : source).projDefinition,
              let to = (target.isWebMapDatum ? CRS.cgcs2000 : target).projDefinition else {
            operation = nil
            return
        }
        let sourceCRS = try context.make { proj_create($0, from) }
        let targetCRS = try context.make { proj_create($0, to) }
        let raw = try context.make { proj_create_crs_to_crs_from_pj($0, sourceCRS.handle, targetCRS.handle, nil, nil) }
        // Authority axis order (lat/lon for EPSG:4490, northing/easting for Gauss-Krüger) becomes x/y.
        operation = try context.make { proj_normalize_for_visualization($0, raw.handle) }
    }

    /// Transforms one coordinate.
    /// - Throws: `PROJError` when PROJ rejects the point (latitude beyond ±90°: code 2049) or the
    ///   result is not finite.
    public func transform(_ coordinate: Coordinate) throws(PROJError) -> Coordinate {
        var one = [coordinate]
        try transformInPlace(&one)
        return one[0]
    }

    /// Transforms coordinates in one batch; fails as a whole if any point fails.
    public func transform(_ coordinates: [Coordinate]) throws(PROJError) -> [Coordinate] {
        var all = coordinates
        try transformInPlace(&all)
        return all
    }

    /// Transforms every position of a geometry in one batch, keeping its structure.
    public func transform(_ geometry: Geometry) throws(PROJError) -> Geometry {
        var all = geometry.allCoordinates
        try transformInPlace(&all)
        // `mapCoordinates` visits positions in `allCoordinates` order.
        var next = 0
        return geometry.mapCoordinates { _ in
            defer { next += 1 }
            return all[next]
        }
    }

    private func transformInPlace(_ coordinates: inout [Coordinate]) throws(PROJError) {
        // PROJ checks latitudes itself, but the GCJ-02/BD-09 formulas pass anything outside China through.
        if source.isWebMapDatum, let bad = coordinates.first(where: { !(abs($0.lat) <= 90) }) {
            throw context.error(code: PROJError.invalidCoordinateCode, note: "latitude \(bad.lat) is beyond ±90°")
        }
        if let before { for i in coordinates.indices { coordinates[i] = before(coordinates[i]) } }
        if let operation { try run(operation, on: &coordinates) }
        if let after { for i in coordinates.indices { coordinates[i] = after(coordinates[i]) } }
        if let bad = coordinates.firstIndex(where: { !$0.isFinite }) {
            throw context.error(code: PROJError.transformFailedCode, note: "non-finite result at index \(bad)")
        }
    }

    /// Runs PROJ in place over the x and y fields of the array's storage.
    private func run(_ operation: PJObject, on coordinates: inout [Coordinate]) throws(PROJError) {
        let count = coordinates.count
        let stride = MemoryLayout<Coordinate>.stride
        let xOffset = MemoryLayout<Coordinate>.offset(of: \.x)!
        let yOffset = MemoryLayout<Coordinate>.offset(of: \.y)!
        context.clearLog()
        proj_errno_reset(operation.handle)
        coordinates.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            let x = (base + xOffset).assumingMemoryBound(to: Double.self)
            let y = (base + yOffset).assumingMemoryBound(to: Double.self)
            // Strides are in bytes. A point that fails becomes HUGE_VAL and sets proj_errno; the
            // return value (points processed) does not report failures.
            _ = proj_trans_generic(operation.handle, PJ_FWD, x, stride, count, y, stride, count, nil, 0, 0, nil, 0, 0)
        }
        let code = proj_errno(operation.handle)
        if code != 0 { throw context.error(code: Int(code)) }
    }

    private static func toCGCS2000(from crs: CRS) -> ((Coordinate) -> Coordinate)? {
        switch crs {
        case .gcj02: GCJ02.toWGS84
        case .bd09: BD09.toWGS84
        default: nil
        }
    }

    private static func fromCGCS2000(to crs: CRS) -> ((Coordinate) -> Coordinate)? {
        switch crs {
        case .gcj02: GCJ02.fromWGS84
        case .bd09: BD09.fromWGS84
        default: nil
        }
    }
}

// A transformer's PROJ context must never be used from two threads at once.
@available(*, unavailable)
extension Transformer: Sendable {}
