import Foundation
import GridGeoImport
import GridGeoStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The `geo-import` binary itself, run as a user runs it: exit codes, `Error <code>: …` on stderr,
/// the summary on stdout, progress, the JSON report, and a crash in the middle of an import.
///
/// `swift build --build-tests` and `swift test` build the binary beside the test bundle; a missing
/// binary fails these tests rather than skipping them.
@Suite struct GeoImportCLITests {
    @Test func importsPrintsASummaryAndWritesTheReport() throws {
        let ws = try Workspace()
        let db = ws.file("grid.sqlite")
        let district = try runGeoImport(["import", "--db", db, "--layer", "districts", Locations.district], in: ws)
        #expect(district.status == 0, "\(district.stderr)")
        #expect(district.stdout.contains("read 1, written 1"))

        let shp = try writeParcels(ws.file("ydxz.shp"), count: 6, crs: .epsg(4527), prj: PRJ.gaussKruger39(zonePrefixed: true), bowTie: 3)
        let reportPath = ws.file("report.json")
        let result = try runGeoImport(["import", "--db", db, "--layer", "parcels", "--make-valid", "--report", reportPath, shp], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(shp): read 6, written 6, repaired 1, skipped 0; encoding GB18030 (cpg); CRS EPSG:4527 (prj, 100 %)"))
        // Not a terminal: GDAL-style marks on stderr.
        #expect(result.stderr.contains("import parcels: 0...10...20...30...40...50...60...70...80...90...100 - done."))

        let report = try JSONDecoder().decode(ImportReport.self, from: fileBytes(reportPath))
        #expect(report.layer == "parcels")
        #expect(report.files.first?.repaired.first?.feature == 3)
        #expect(try GridStore(path: db).count(of: .parcels) == 6)

        let quiet = try runGeoImport(["import", "-q", "--db", db, "--layer", "parcels", "--append", shp, "--make-valid"], in: ws)
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty)
    }

    typealias Failure = CLIFailure

    /// Each bad input with its documented exit code (users.md §(c)) and what the message must name.
    static let failures: [Failure] = [
        Failure(name: "--overwrite with --append", arguments: { db, ws in ["import", "--db", db, "--layer", "roads", "--overwrite", "--append", ws + "/roads.shp"] },
                exitCode: 64, fragments: ["--overwrite and --append"]),
        Failure(name: "unknown layer", arguments: { db, ws in ["import", "--db", db, "--layer", "buildings", ws + "/roads.shp"] },
                exitCode: 64, fragments: ["--layer buildings"]),
        Failure(name: "unparsable --s-srs", arguments: { db, ws in ["import", "--db", db, "--layer", "roads", "--s-srs", "Gauss", ws + "/roads.shp"] },
                exitCode: 64, fragments: ["--s-srs Gauss"]),
        Failure(name: "unknown --encoding", arguments: { db, ws in ["import", "--db", db, "--layer", "roads", "--encoding", "KLINGON", ws + "/roads.shp"] },
                exitCode: 64, fragments: ["--encoding KLINGON"]),
        Failure(name: "components without --class", arguments: { db, ws in ["import", "--db", db, "--layer", "components", ws + "/roads.shp"] },
                exitCode: 64, fragments: ["--class"]),
        Failure(name: "missing input", arguments: { db, ws in ["import", "--db", db, "--layer", "roads", ws + "/nowhere.shp"] },
                exitCode: 66, fragments: ["Error 66: ", "/nowhere.shp"]),
        Failure(name: "missing .dbf", arguments: { db, ws in ["import", "--db", db, "--layer", "roads", ws + "/nodbf.shp"] },
                exitCode: 66, fragments: ["Error 66: ", "nodbf.dbf"]),
        Failure(name: "zone eastings under a CM .prj", arguments: { db, ws in ["import", "--db", db, "--layer", "parcels", ws + "/mislabelled.shp"] },
                exitCode: 65, fragments: ["Error 65: ", "mislabelled.shp", "--s-srs EPSG:4527"]),
        Failure(name: "filled layer in create mode", arguments: { db, ws in ["import", "--db", db, "--layer", "districts", Locations.district] },
                exitCode: 73, fragments: ["Error 73: ", "grid.sqlite", "--overwrite", "--append"]),
        Failure(name: "export of a missing database", arguments: { _, ws in ["export", "--db", ws + "/none.sqlite", "--layer", "roads"] },
                exitCode: 66, fragments: ["none.sqlite"]),
        Failure(name: "render of a missing database", arguments: { _, ws in ["render", "--db", ws + "/none.sqlite", "-o", ws + "/map.svg"] },
                exitCode: 66, fragments: ["Error 66: ", "none.sqlite"]),
        Failure(name: "export of an unknown layer", arguments: { db, _ in ["export", "--db", db, "--layer", "buildings"] },
                exitCode: 64, fragments: ["--layer buildings"]),
        Failure(name: "inspect a missing .shx", arguments: { _, ws in ["inspect", ws + "/noshx.shp"] },
                exitCode: 66, fragments: ["noshx.shx"]),
    ]

    @Test func eachBadInputGetsItsExitCodeAndAClearMessage() throws {
        let ws = try Workspace()
        let db = ws.file("grid.sqlite")
        try ws.districtStore("grid.sqlite").close()
        try writeRoads(ws.file("roads.shp"), count: 3)
        for broken in ["nodbf", "noshx"] {
            try writeRoads(ws.file(broken + ".shp"), count: 3)
        }
        try FileManager.default.removeItem(atPath: ws.file("nodbf.dbf"))
        try FileManager.default.removeItem(atPath: ws.file("noshx.shx"))
        try writeParcels(ws.file("mislabelled.shp"), count: 3, crs: .epsg(4527), prj: PRJ.gaussKruger39(zonePrefixed: false))
        let before = try fileBytes(db)

        // One workspace for all cases: each run costs a process start, so they run in turn here.
        try expectEachFails(Self.failures, db: db, in: ws)
        #expect(try fileBytes(db) == before, "no failed run changed the database")
    }

    @Test func aDryRunSaysSoAndLeavesTheFileAlone() throws {
        let ws = try Workspace()
        let db = ws.file("grid.sqlite")
        try ws.districtStore("grid.sqlite").close()
        let shp = try writeRoads(ws.file("roads.shp"), count: 10)
        let before = try fileBytes(db)

        let result = try runGeoImport(["import", "--db", db, "--layer", "roads", "--dry-run", "--report", ws.file("r.json"), shp], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("read 10, written 0"))
        #expect(result.stdout.contains("dry run: nothing written to \(db)"))
        #expect(try fileBytes(db) == before)
        #expect(try JSONDecoder().decode(ImportReport.self, from: fileBytes(ws.file("r.json"))).dryRun)
    }

    @Test func inspectAndExportRunFromTheCommandLine() throws {
        let ws = try Workspace()
        let db = ws.file("grid.sqlite")
        try ws.districtStore("grid.sqlite").close()
        let shp = try writeAddresses(ws.file("门牌.shp"), declaration: .gb18030ByLDID)

        let inspected = try runGeoImport(["inspect", "--json", shp], in: ws)
        #expect(inspected.status == 0, "\(inspected.stderr)")
        let inspection = try JSONDecoder().decode(FileInspection.self, from: Data(inspected.stdout.utf8))
        #expect(inspection.encodingSource == "languageDriver")
        #expect(inspection.fields.map(\.name) == ["名称", "地址"])

        #expect(try runGeoImport(["import", "-q", "--db", db, "--layer", "addresses", shp], in: ws).status == 0)
        let out = ws.file("addresses.geojson")
        let exported = try runGeoImport(["export", "--db", db, "--layer", "addresses", "-o", out], in: ws)
        #expect(exported.status == 0, "\(exported.stderr)")
        let text = String(decoding: try fileBytes(out), as: UTF8.self)
        #expect(addressTexts.allSatisfy { text.contains($0) })
    }

    /// Kills `geo-import` with SIGKILL in the middle of writing a large layer, once its rollback journal
    /// is hot and the database file itself has been written to, then opens the database: the journal is
    /// rolled back and every table holds what it held before. Contents are compared by hash, since the
    /// rollback may leave the file's bytes different from before while what they hold is the same.
    @Test func aKilledImportLeavesTheDatabaseAsItWas() throws {
        let ws = try Workspace()
        let db = ws.file("grid.sqlite")
        let journal = db + "-journal"
        #expect(try runGeoImport(["import", "-q", "--db", db, "--layer", "districts", Locations.district], in: ws).status == 0)
        #expect(try runGeoImport(["import", "-q", "--db", db, "--layer", "roads", try writeRoads(ws.file("old.shp"), count: 50)], in: ws).status == 0)
        let store = try GridStore(path: db)
        let before = try contentDigest(store)
        try store.close()
        #expect(before["roads"]?.rows == 50)
        let modified = try modificationDate(db)

        // Large enough that the write spills from SQLite's page cache into the file long before it commits.
        let big = try writeRoads(ws.file("big.shp"), count: 20_000)
        let stderr = ws.file("stderr")
        _ = FileManager.default.createFile(atPath: stderr, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Locations.geoImport))
        process.arguments = ["import", "--db", db, "--layer", "roads", "--overwrite", big]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        try process.run()

        // Kill once it has printed progress and is writing into the database file inside its transaction.
        var progress = ""
        while process.isRunning {
            progress = String(decoding: try fileBytes(stderr), as: UTF8.self)
            if progress.contains("10..."), isHotJournal(journal), try modificationDate(db) != modified {
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(500)
        }
        process.waitUntilExit()
        try #require(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
                     "the import finished before it could be killed (status \(process.terminationStatus)); make the file larger")
        #expect(progress.hasPrefix("import roads: 0...10..."), "it had printed progress: \(progress)")
        #expect(isHotJournal(journal), "killed inside the transaction: a hot journal is left")

        let reopened = try GridStore(path: db)
        let after = try contentDigest(reopened)
        #expect(after == before)
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(try reopened.count(of: .roads) == 50)
        #expect(try reopened.count(of: .districts) == 1)
        #expect(try reopened.importLog().map(\.layer) == ["districts", "roads"])
        try reopened.close()
        #expect(!FileManager.default.fileExists(atPath: journal), "opening rolled the hot journal back and removed it")
    }
}

private func modificationDate(_ path: String) throws -> Date {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
}

/// A rollback journal SQLite will play back: it starts with the journal magic, which SQLite writes only
/// once the journal is synced and it is about to change the database file (before that the header is
/// zero, and a journal left by a crash is ignored because the database was never touched).
private func isHotJournal(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let magic: [UInt8] = [0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7]
    return (try? handle.read(upToCount: 8)).map { [UInt8]($0) == magic } ?? false
}
