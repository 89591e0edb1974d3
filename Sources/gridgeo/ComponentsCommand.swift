import ArgumentParser
import Foundation
import GridGeoCLI
import GridGeoComponents
import GridGeoCore
import GridGeoStore

/// `gridgeo components`: the components in use in a grid, community or street, of a class, within a
/// radius or the k nearest to a point — now or on a past date.
struct Components: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List components by grid, community, street or class, within a radius, or the k nearest.",
        discussion: """
            Filters combine (--street 110101001 --class 0203). Distances are metres (local equirectangular
            projection at the point, < 0.1 % error within a few km); k-nearest is exact, ties by code.
            Output: tab-separated with a header, or a JSON array with --json.
            Exit codes: 64 usage, 65 no unit grids / data, 66 no such database, 74 I/O.
            """)

    @Option(help: "The GridGeo database.") var db: String
    @Option(help: "A unit grid code (15 digits).") var grid: String?
    @Option(help: "A community code (12 digits).") var community: String?
    @Option(help: "A street code (9 digits).") var street: String?
    @Option(name: .customLong("class"), help: "A component class (0203) or major class (02).") var componentClass: String?
    @Option(help: "A point: lon,lat (CGCS2000).") var near: String?
    @Option(help: "With --near: every component within this many metres.") var radius: Double?
    @Option(name: .short, help: "With --near: the k nearest components.") var k: Int?
    @Option(help: "The date to read, YYYY-MM-DD (default: now).") var date: String?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        let divisions = [("--grid", grid, 15), ("--community", community, 12), ("--street", street, 9)]
        let given = divisions.filter { $0.1 != nil }
        guard given.count <= 1 else { throw ValidationError("give one of --grid, --community, --street") }
        for (flag, code, digits) in given where !(code!.count == digits && code!.isDigits) {
            throw ValidationError("\(flag) \(code!): expected \(digits) digits")
        }
        if let c = componentClass, !((c.count == 4 || c.count == 2) && c.isDigits) {
            throw ValidationError("--class \(c): a 4-digit class (0203) or a 2-digit major class (02)")
        }
        if near != nil {
            guard (radius == nil) != (k == nil) else { throw ValidationError("--near needs one of --radius M or -k N") }
            guard nearPoint != nil else { throw ValidationError("--near \(near!): expected lon,lat, e.g. 116.41,39.91") }
            if let radius, !(radius >= 0) { throw ValidationError("--radius \(radius): metres, at least 0") }
            if let k, k < 1 { throw ValidationError("-k \(k): at least 1") }
        } else if radius != nil || k != nil {
            throw ValidationError("--radius and -k go with --near lon,lat")
        }
        guard !given.isEmpty || componentClass != nil || near != nil else {
            throw ValidationError("choose components: --grid, --community, --street, --class or --near")
        }
        if let date, LocalDate(date) == nil { throw ValidationError("--date \(date): expected YYYY-MM-DD") }
    }

    var nearPoint: Coordinate? {
        guard let parts = near?.split(separator: ",", omittingEmptySubsequences: false), parts.count == 2,
              let lon = Double(parts[0].trimmingCharacters(in: .whitespaces)),
              let lat = Double(parts[1].trimmingCharacters(in: .whitespaces)),
              (-180...180).contains(lon), (-90...90).contains(lat) else { return nil }
        return Coordinate(lon: lon, lat: lat)
    }

    func run() throws {
        let store = try openStore(db)
        let filter = ComponentFilter(divisionCode: grid ?? community ?? street, classCode: componentClass)
        let day = date.flatMap(LocalDate.init)
        let found: [(Component, Double?)]
        do {
            if let point = nearPoint {
                let index = try ComponentIndex(store: store, filter, on: day)
                let hits = k.map { index.nearest(to: point, k: $0) } ?? index.within(radius ?? 0, of: point)
                found = hits.map { ($0.component, $0.distanceMetres) }
            } else {
                found = try store.components(filter, on: day).map { ($0, nil) }
            }
        } catch { throw failure(.ioError, "\(db): \(error)") }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let rows = found.map { ComponentJSON($0.0, distanceMetres: $0.1) }
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        print(["code", "class", "name", "state", "grid", "lon", "lat"].joined(separator: "\t") + (near == nil ? "" : "\tdistance_m"))
        for (c, distance) in found {
            let fields = [c.code, c.classCode, c.name, c.state.rawValue, c.gridCode ?? "",
                          String(format: "%.7f", c.location.lon), String(format: "%.7f", c.location.lat)]
            print(fields.joined(separator: "\t") + (distance.map { String(format: "\t%.1f", $0) } ?? ""))
        }
    }
}

/// A component as `--json` prints it: flat, with its community and street and the distance asked for.
struct ComponentJSON: Encodable {
    var code, classCode, className, name, state: String
    var grid, community, street: String?
    var lon, lat: Double
    var startDate: String
    var changeDate, retireDate: String?
    var department, owner, maintainer: Organization?
    var dataSource, photo, note: String?
    var distanceMetres: Double?

    init(_ c: Component, distanceMetres: Double?) {
        code = c.code; classCode = c.classCode; className = c.className; name = c.name; state = c.state.rawValue
        grid = c.gridCode; community = c.communityCode; street = c.streetCode
        lon = c.location.lon; lat = c.location.lat
        startDate = c.startDate.description; changeDate = c.changeDate?.description; retireDate = c.retireDate?.description
        department = c.department; owner = c.owner; maintainer = c.maintainer
        dataSource = c.dataSource; photo = c.photo; note = c.note
        self.distanceMetres = distanceMetres.map { ($0 * 10).rounded() / 10 }
    }
}

// MARK: - Shared by the query commands

/// Opens an existing database: a missing one is missing input (66), not something to create.
func openStore(_ path: String) throws -> GridStore {
    guard FileManager.default.fileExists(atPath: path) else { throw failure(.noInput, "--db \(path): no such file") }
    do { return try GridStore(path: path) } catch { throw failure(.ioError, "\(path): \(error)") }
}

/// Prints `Error <code>: <message>` on stderr and gives the exit code to throw.
func failure(_ status: ExitStatus, _ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("Error \(status.rawValue): \(message)\n".utf8))
    return ExitCode(status.rawValue)
}

extension String {
    var isDigits: Bool { !isEmpty && utf8.allSatisfy { (48...57).contains($0) } }
}
