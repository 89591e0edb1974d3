import Foundation

/// A fresh database path under the temporary directory, deleted (with any journal) afterwards.
func withTemporaryDatabase<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("gridgeo-spatialite-\(UUID().uuidString).sqlite")
    defer {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: url.path + suffix)
        }
    }
    return try body(url.path)
}

/// The bytes of a file, for before/after comparisons.
func fileBytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

/// The async twin of `withTemporaryDatabase`.
func withTemporaryDatabaseAsync<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("gridgeo-spatialite-\(UUID().uuidString).sqlite").path
    defer {
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    return try await body(path)
}
