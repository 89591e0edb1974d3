import ArgumentParser
import GridGeoComponents
import GridGeoStore

/// `gridgeo stats`: 评价统计 counts of components per grid, community or street and class, as CSV.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count components in use per grid, community or street and class, as CSV.",
        discussion: """
            Columns: <level>_code, <level>_name, class_code, class_name, count; one row per division and
            class that has components, sorted. Exit codes: 64 usage, 66 no such database, 74 I/O.
            """)

    @Option(help: "The GridGeo database.") var db: String
    @Option(help: "grid, community or street.") var by: String
    @Option(name: .customLong("class"), help: "Only this class (0203) or major class (02).") var componentClass: String?
    @Option(help: "The date to count on, YYYY-MM-DD (default: now).") var date: String?

    func validate() throws {
        guard ["grid", "community", "street"].contains(by) else { throw ValidationError("--by \(by): grid, community or street") }
        if let c = componentClass, !((c.count == 4 || c.count == 2) && c.isDigits) {
            throw ValidationError("--class \(c): a 4-digit class (0203) or a 2-digit major class (02)")
        }
        if let date, LocalDate(date) == nil { throw ValidationError("--date \(date): expected YYYY-MM-DD") }
    }

    func run() throws {
        let store = try openStore(db)
        let level = DivisionLevel(rawValue: by)!
        do {
            let rows = try ComponentStatistics.rows(store, by: level, classCode: componentClass, on: date.flatMap(LocalDate.init))
            print(ComponentStatistics.csv(rows, level: level), terminator: "")
        } catch { throw failure(.ioError, "\(db): \(error)") }
    }
}
