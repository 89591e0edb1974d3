import GridGeoSpatiaLite
import GridGeoStore
import Testing

@Suite struct GridStoreImportLogTests {
    @Test func entriesAreLoggedWithATimestamp() throws {
        try withTemporaryStore { store, _ throws in
            let entry = ImportLogEntry(file: "单元网格.shp", layer: "unit_grids", featuresRead: 120,
                                       featuresInserted: 118, featuresRejected: 2,
                                       reportJSON: #"{"rejected":[{"fid":7,"reason":"self-intersection"}]}"#)
            try store.logImport(entry)
            let log = try store.importLog()
            #expect(log.count == 1)
            #expect(log[0].file == "单元网格.shp" && log[0].featuresRejected == 2 && log[0].reportJSON == entry.reportJSON)
            #expect(log[0].importedAt?.hasSuffix("Z") == true)
        }
    }

    @Test func aReportMustBeJSON() throws {
        try withTemporaryStore { store, _ throws in
            let bad = ImportLogEntry(file: "a.shp", layer: "roads", featuresRead: 1, featuresInserted: 1,
                                     featuresRejected: 0, reportJSON: "not json")
            let error = #expect(throws: SpatiaLiteError.self) { try store.logImport(bad) }
            #expect(error.map { ResultCode.constraint ~= $0.resultCode } == true)
            #expect(try store.importLog().isEmpty)
        }
    }
}
