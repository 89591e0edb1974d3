public import GridGeoCore

/// A locator whose index can be replaced while lookups go on.
///
/// Each lookup reads one immutable snapshot (a version and its `GridLocator`) under a short lock
/// and answers from it alone, so an answer never mixes two versions; publishing a new snapshot never
/// waits for lookups in flight. For batches, take `current` once and query its locator.
public final class LiveGridLocator: Sendable {
    /// One published version of the index.
    public struct Snapshot: Sendable {
        public let version: UInt64
        public let locator: GridLocator
    }

    private let state: Locked<Snapshot>

    public init(_ locator: GridLocator, version: UInt64 = 0) {
        state = Locked(Snapshot(version: version, locator: locator))
    }

    /// The snapshot now in force.
    public var current: Snapshot { state.withLock { $0 } }

    /// Replaces the index. Lookups already holding the old snapshot finish on it.
    /// - Precondition: `version` is greater than the current version.
    public func publish(_ locator: GridLocator, version: UInt64) {
        let replaced = state.withLock { s in
            precondition(version > s.version, "versions must increase")
            defer { s = Snapshot(version: version, locator: locator) }
            return s
        }
        _ = replaced   // the old index is freed here, outside the lock, unless lookups still hold it
    }

    /// The owner of `p` and the version that answered.
    public func locate(_ p: Coordinate) -> (version: UInt64, hit: GridHit?) {
        let s = current
        return (s.version, s.locator.locate(p))
    }

    /// The owners of `points`, all answered by one version.
    public func locate(_ points: [Coordinate]) -> (version: UInt64, hits: [GridHit?]) {
        let s = current
        return (s.version, s.locator.locate(points))
    }
}
