import GridGeoSpatiaLite
import GridGeoStore
import Testing

@Suite struct MigrationsTests {
    @Test func aNewFileGetsTheLatestVersion() throws {
        try withTemporaryStore { store, _ throws in
            #expect(GridStore.latestSchemaVersion >= 1)
            #expect(try store.schemaVersion() == GridStore.latestSchemaVersion)
        }
    }

    @Test func reopeningIsIdempotentAndLeavesTheFileUnchanged() throws {
        let path = temporaryPath()
        defer { removeDatabase(path) }
        let first = try GridStore(path: path)
        try Dongcheng.seed(first)
        try first.close()
        let before = try fileBytes(path)
        for _ in 0..<2 {
            let again = try GridStore(path: path)
            #expect(try again.schemaVersion() == GridStore.latestSchemaVersion)
            #expect(try again.districts() == [Dongcheng.district.multi])
            try again.close()
        }
        #expect(try fileBytes(path) == before)
    }

    @Test func aFileFromTheFutureIsRefused() throws {
        let path = temporaryPath()
        defer { removeDatabase(path) }
        try GridStore(path: path).close()
        let db = try Connection(path: path)
        try db.execute("PRAGMA user_version = 999")
        try db.close()
        let error = #expect(throws: GridStoreError.self) { _ = try GridStore(path: path) }
        #expect(error == .schemaTooNew(path: path, found: 999, supported: GridStore.latestSchemaVersion))
        #expect(error?.description.contains("999") == true)
    }

    @Test func anotherSQLiteFileIsRefusedAndLeftAlone() throws {
        let path = temporaryPath()
        defer { removeDatabase(path) }
        let db = try Connection(path: path)
        try db.execute("CREATE TABLE notes (text TEXT)")
        try db.close()
        let before = try fileBytes(path)
        #expect(throws: GridStoreError.notAGridGeoDatabase(path: path)) { _ = try GridStore(path: path) }
        #expect(try fileBytes(path) == before)
    }
}

extension DistrictRecord {
    /// As read back: polygons are stored as one-member multipolygons.
    var multi: DistrictRecord {
        var copy = self
        copy.geometry = .multiPolygon(geometry.polygons)
        return copy
    }
}
