import ArgumentParser
import Foundation
import GridGeoCore
import GridGeoGeocoder
import GridGeoStore

/// What `geocode` and `reverse` share: the database, the grid version, quiet.
struct StoreOptions: ParsableArguments {
    @Option(help: "The GridGeo database (SpatiaLite).") var db: String
    @Option(help: "Bind results to the unit grids valid on this date (YYYY-MM-DD); today's by default.") var date: String?
    @Flag(name: .shortAndLong, help: "Print nothing on stderr but errors.") var quiet = false

    func validate() throws {
        if let date, LocalDate(date) == nil { throw ValidationError("--date \(date): expected YYYY-MM-DD") }
    }

    func geocoder() throws -> Geocoder {
        try openGeocoder(db: db, date: date.flatMap(LocalDate.init), quiet: quiet)
    }
}

/// The geocoder over a database, with its summary on stderr unless `quiet`.
///
/// - Throws: `ExitCode(66)` for a missing database, `ExitCode(74)` when it cannot be read.
func openGeocoder(db: String, date: LocalDate?, quiet: Bool) throws -> Geocoder {
        // Opening must not create a missing file.
        guard FileManager.default.fileExists(atPath: db) else { throw failure(.noInput, "--db \(db): no such file") }
        let start = Date()
        let geocoder: Geocoder
        do {
            let store = try GridStore(path: db)
            geocoder = try Geocoder(store: store, on: date)
            try store.close()
        } catch {
            throw failure(.ioError, "--db \(db): cannot read the store: \(error)")
        }
        if !quiet {
            let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
            FileHandle.standardError.write(Data("geocoder: \(geocoder.summary); built in \(seconds) s\n".utf8))
        }
        return geocoder
}

struct Geocode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Addresses to positions, match levels and unit grids: one address per line in, JSON lines out.",
        discussion: """
            Each output line answers the input line of the same number ("line"), in input order: \
            status (matched, ambiguous, not_found, outside_data, invalid_input), the best match \
            (level door_plate > interpolated > place > road > community > street > district, position \
            [lon, lat] in CGCS2000, confidence, address, hierarchy with the unit grid), alternatives, and \
            a message. A line that cannot be geocoded gets a record saying why; it never stops the run.
            Exit codes: 64 usage, 66 missing database or input, 74 unreadable database.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var lines: LineOptions

    func run() throws {
        let geocoder = try store.geocoder()
        try lines.run { line, text in jsonLine(GeocodeRecord(line: line, result: geocoder.geocode(text))) }
    }
}

/// One geocoded line: the line number, then the result's fields.
struct GeocodeRecord: Encodable {
    var line: Int
    var input: String
    var status: GeocodeResult.Status
    var match: GeocodeMatch?
    var alternatives: [GeocodeMatch]?
    var message: String?

    init(line: Int, result: GeocodeResult) {
        self.line = line
        input = result.input
        status = result.status
        match = result.match
        alternatives = result.alternatives.isEmpty ? nil : result.alternatives
        message = result.message
    }
}
