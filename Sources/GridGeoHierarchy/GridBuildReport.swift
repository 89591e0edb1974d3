public import GridGeoGrids
public import GridGeoStore

/// Grid areas at a glance, m² (nearest-rank percentiles).
public struct AreaStatistics: Hashable, Sendable, Codable {
    public var count: Int
    public var minimum: Double
    public var p10: Double
    public var median: Double
    public var p90: Double
    public var maximum: Double
    /// Share of grids between 5,000 and 20,000 m², 0–1 (the issue asks for at least 95 %).
    public var shareWithin5kTo20k: Double

    public init(_ areas: [Double]) {
        let sorted = areas.sorted()
        func rank(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
        }
        count = sorted.count
        minimum = sorted.first ?? 0
        maximum = sorted.last ?? 0
        p10 = rank(0.1)
        median = rank(0.5)
        p90 = rank(0.9)
        shareWithin5kTo20k = sorted.isEmpty ? 0 : Double(sorted.filter { $0 >= 5_000 && $0 <= 20_000 }.count) / Double(sorted.count)
    }
}

/// Wall-clock seconds of each step.
public struct Timings: Hashable, Sendable, Codable {
    public var build = 0.0
    public var validate = 0.0
    public var total = 0.0
}

/// What ``GridBuildJob`` built, found and did; `--report` writes it as JSON.
public struct GridBuildReport: Hashable, Sendable, Codable {
    public enum Outcome: String, Hashable, Sendable, Codable {
        /// A new grid version was published.
        case published
        /// Nothing was written: asked for a dry run.
        case dryRun
        /// Nothing was written: the grids equal the current version's.
        case unchanged
        /// Nothing was written: validation found blocking problems.
        case refused
    }

    public var database: String
    public var dryRun: Bool
    public var targetAreaSquareMetres: Double
    /// Streets and communities built.
    public var streets: Int
    public var communities: Int
    /// Grids of the new set: rebuilt plus carried over from communities not rebuilt.
    public var grids: Int
    public var rebuiltGrids: Int
    public var carriedOverGrids: Int
    /// Rebuilt grids whose shape is unchanged, so they kept their code.
    public var keptCodes: Int
    /// Areas of the new set's grids.
    public var area: AreaStatistics
    public var validation: ValidationReport
    /// Problems of the kinds in ``GridBuildJob/blockingKinds``.
    public var blockingProblems: Int
    public var outcome: Outcome
    /// The version that was current before the build, if any.
    public var previousVersion: Int?
    /// The version published (or, when unchanged, the current one).
    public var publishedVersion: Int?
    public var startDate: LocalDate
    public var seconds = Timings()
}
