import Foundation
import GridGeoCore
import GridGeoIndex
import GridGeoLookup
import GridGeoStore

/// The grids a report measures: a seeded synthetic partition, or the current grid version of a store.
struct Workload {
    let name: String
    let grids: [[Polygon]]
    let bounds: BoundingBox
    /// Seconds spent generating or loading the grids.
    let loadSeconds: Double
    private let storePath: String?
    private let partition: SyntheticPartition?

    init(synthetic gridCount: Int) {
        let start = ContinuousClock.now
        let partition = SyntheticPartition(gridCount: gridCount, seed: seed)
        self.partition = partition
        name = "synthetic partition (seed \(seed))"
        grids = partition.grids
        bounds = partition.bounds
        loadSeconds = seconds(ContinuousClock.now - start)
        storePath = nil
    }

    init(store path: String) throws {
        let start = ContinuousClock.now
        let store = try GridStore(path: path)
        defer { try? store.close() }
        guard let version = try store.currentGridVersion() else { throw LookupError.noGridVersion(date: nil) }
        let records = try store.unitGrids(version: version.version)
        name = "\(path), grid version \(version.version)"
        grids = records.map(\.geometry.polygons)
        bounds = grids.joined().reduce(BoundingBox.empty) { $0.union($1.boundingBox) }
        loadSeconds = seconds(ContinuousClock.now - start)
        storePath = path
        partition = nil
    }

    /// What services call: the locator plus each grid's codes and names.
    func directory() throws -> GridDirectory {
        if let storePath {
            let store = try GridStore(path: storePath)
            defer { try? store.close() }
            return try GridDirectory(store: store)
        }
        return syntheticDirectory(partition!)
    }

    /// The store the SQL baseline queries, the seconds spent making it (0: it existed), and a date
    /// its grids are valid on.
    func store() throws -> (GridStore, Double, LocalDate) {
        if let storePath {
            let store = try GridStore(path: storePath)
            return (store, 0, try store.currentGridVersion()!.startDate)
        }
        let (store, load) = try partitionStore(partition!, seed: seed, folder: FileManager.default.currentDirectoryPath + "/.build")
        return (store, load, LocalDate("2025-01-01")!)
    }
}

