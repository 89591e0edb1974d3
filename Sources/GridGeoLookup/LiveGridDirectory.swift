public import CoreMetrics
public import GridGeoCore
public import GridGeoStore
import GridGeoIndex
public import Logging

/// A `GridDirectory` that can be replaced by a newer grid version while lookups go on; each answer
/// comes from one version only.
///
/// What a service sees of it comes through what the service hands in. GridGeo never bootstraps a
/// logging or metrics system, and logs at debug level only, and nothing per lookup:
/// - `logger`: one debug entry per version loaded or swapped in (none when not given);
/// - `metrics` (the application's bootstrapped swift-metrics factory by default):
///   - `gridgeo_lookup_points`, a counter with dimension `position`: `inside`, `boundary` or
///     `outside`, the points answered;
///   - `gridgeo_grid_version`, a gauge: the version in force;
///   - `gridgeo_grid_publishes`, a counter: the versions swapped in;
///   - `gridgeo_grid_reload`, a timer: how long `reload(from:on:)` took to load a version.
public final class LiveGridDirectory: Sendable {
    private let state: Locked<GridDirectory>
    private let logger: Logger
    private let inside, boundary, outside, publishes: Counter
    private let version: Gauge
    private let reloads: CoreMetrics.Timer

    public init(_ directory: GridDirectory,
                logger: Logger = Logger(label: "gridgeo.lookup", factory: { _ in SwiftLogNoOpLogHandler() }),
                metrics: any MetricsFactory = MetricsSystem.factory) {
        state = Locked(directory)
        self.logger = logger
        func points(_ position: GridAnswer.Position) -> Counter {
            Counter(label: "gridgeo_lookup_points", dimensions: [("position", position.rawValue)], factory: metrics)
        }
        inside = points(.inside)
        boundary = points(.boundary)
        outside = points(.outside)
        publishes = Counter(label: "gridgeo_grid_publishes", factory: metrics)
        version = Gauge(label: "gridgeo_grid_version", factory: metrics)
        reloads = CoreMetrics.Timer(label: "gridgeo_grid_reload", factory: metrics)
        version.record(directory.version)
    }

    /// The directory now in force; take it once for a batch so all answers share its version.
    public var current: GridDirectory { state.withLock { $0 } }

    /// Swaps in `directory`; lookups holding the old one finish on it.
    public func publish(_ directory: GridDirectory) {
        let old = state.withLock { s in
            defer { s = directory }
            return s
        }
        version.record(directory.version)
        publishes.increment()
        logger.debug("grid version swapped in", metadata: [
            "gridgeo.version": "\(directory.version)", "gridgeo.previous_version": "\(old.version)",
            "gridgeo.grids": "\(directory.gridCount)",
        ])
    }   // the old directory is released here, outside the lock

    /// Loads the grid version valid on `date` (the current one when nil) from `store` and swaps it
    /// in; lookups go on meanwhile, on the version in force.
    ///
    /// - Throws: `LookupError.noGridVersion`, or the store's errors; the version in force stays.
    public func reload(from store: GridStore, on date: LocalDate? = nil) throws {
        let start = ContinuousClock.now
        let directory = try GridDirectory(store: store, on: date)
        let took = ContinuousClock.now - start
        let nanoseconds = took.components.seconds * 1_000_000_000 + took.components.attoseconds / 1_000_000_000
        reloads.recordNanoseconds(nanoseconds)
        logger.debug("grid version loaded", metadata: [
            "gridgeo.version": "\(directory.version)", "gridgeo.grids": "\(directory.gridCount)",
            "gridgeo.seconds": "\(Double(nanoseconds) / 1e9)",
        ])
        publish(directory)
    }

    public func locate(_ point: Coordinate, nearestWithinMetres: Double = 0) -> GridAnswer {
        let answer = current.locate(point, nearestWithinMetres: nearestWithinMetres)
        counter(answer.position).increment()
        return answer
    }

    /// The answers for many points, all from the one version in force when the call began.
    public func locate(_ points: [Coordinate], nearestWithinMetres: Double = 0) -> [GridAnswer] {
        let answers = current.locate(points, nearestWithinMetres: nearestWithinMetres)
        var counts = (inside: 0, boundary: 0, outside: 0)
        for a in answers {
            switch a.position {
            case .inside: counts.inside += 1
            case .boundary: counts.boundary += 1
            case .outside: counts.outside += 1
            }
        }
        for (position, n) in [(GridAnswer.Position.inside, counts.inside), (.boundary, counts.boundary),
                              (.outside, counts.outside)] where n > 0 {
            counter(position).increment(by: n)
        }
        return answers
    }

    private func counter(_ position: GridAnswer.Position) -> Counter {
        switch position {
        case .inside: inside
        case .boundary: boundary
        case .outside: outside
        }
    }
}
