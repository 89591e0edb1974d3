import GridGeoSpatiaLite
import Testing

@Suite struct DatabaseQueueTests {
    @Test func manyConcurrentTasksShareOneQueue() async throws {
        try await withTemporaryDatabaseAsync { path in
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.initSpatialMetadata()
                try db.execute("CREATE TABLE hits (id INTEGER PRIMARY KEY, task INTEGER NOT NULL)")
                try db.addGeometryColumn(table: "hits", column: "geometry", srid: 4490, type: .point)
                try db.createSpatialIndex(table: "hits", column: "geometry")
            }
            let tasks = 16, writesPerTask = 25
            try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        var seen = 0
                        for i in 0..<writesPerTask {
                            try queue.write { db in
                                try db.execute("INSERT INTO hits (task, geometry) VALUES (?, MakePoint(?, ?, 4490))",
                                               [.integer(Int64(task)), .real(116 + Double(i) / 1000), 39.9])
                            }
                            seen = try queue.read { db in try db.scalar("SELECT count(*) FROM hits", as: Int.self) ?? 0 }
                        }
                        return seen
                    }
                }
                for try await seen in group { #expect(seen >= writesPerTask) }
            }
            let total = try queue.read { db in try db.scalar("SELECT count(*) FROM hits", as: Int.self) }
            #expect(total == tasks * writesPerTask)
            try queue.close()
        }
    }

    @Test func readRefusesWrites() throws {
        let queue = try DatabaseQueue(path: ":memory:")
        try queue.write { db in try db.execute("CREATE TABLE t (v)") }
        let error = #expect(throws: SpatiaLiteError.self) {
            try queue.read { db in try db.execute("INSERT INTO t VALUES (1)") }
        }
        #expect(error?.resultCode == .readOnly)
        try queue.write { db in try db.execute("INSERT INTO t VALUES (1)") }  // query_only is reset
    }

    @Test func aThrowingWriteRollsBack() throws {
        struct Abort: Error {}
        let queue = try DatabaseQueue(path: ":memory:")
        try queue.write { db in try db.execute("CREATE TABLE t (v)") }
        #expect(throws: Abort.self) {
            try queue.write { db in
                try db.execute("INSERT INTO t VALUES (1)")
                throw Abort()
            }
        }
        #expect(try queue.read { db in try db.scalar("SELECT count(*) FROM t", as: Int.self) } == 0)
    }

    @Test func aClosedQueueThrowsMisuse() throws {
        let queue = try DatabaseQueue(path: ":memory:")
        try queue.close()
        let error = #expect(throws: SpatiaLiteError.self) { try queue.read { _ in 1 } }
        #expect(error?.resultCode == .misuse)
    }
}
