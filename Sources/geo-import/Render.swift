import ArgumentParser
import Foundation
import GridGeoImport
import GridGeoStore

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw district, streets, communities and unit grids, labelled, as SVG or PNG; or a choropleth of components.",
        discussion: """
            With --stat components: components in use per grid, community or street (--by), of one class
            (--class 0203, or a major class 02), on a past date (--date YYYY-MM-DD).
            PNG labels are drawn with the system's Chinese TrueType font (WenQuanYi, Debian \
            fonts-wqy-microhei; GRIDGEO_FONT=/path/font.ttf for another); without one, digits and Latin \
            letters only.
            """)

    @Option(help: "The GridGeo database.") var db: String
    @Option(name: .shortAndLong, help: "Output file: .svg or .png.") var output: String
    @Option(help: "Width in pixels.") var width = 2000
    @Option(help: "Height in pixels.") var height = 2400
    @Flag(help: "Draw the road centre lines too.") var roads = false
    @Option(help: "A statistic to map instead: components.") var stat: String?
    @Option(help: "With --stat: grid, community or street.") var by = "grid"
    @Option(name: .customLong("class"), help: "With --stat: a component class (0203) or major class (02).") var componentClass: String?
    @Option(help: "With --stat: the date to count on, YYYY-MM-DD (default: now).") var date: String?

    func validate() throws {
        let ext = (output as NSString).pathExtension.lowercased()
        guard ext == "svg" || ext == "png" else { throw ValidationError("-o \(output): the name must end in .svg or .png") }
        if let stat, stat != "components" { throw ValidationError("--stat \(stat): only components is supported") }
        if stat == nil && (componentClass != nil || date != nil || by != "grid") {
            throw ValidationError("--by, --class and --date go with --stat components")
        }
        guard ["grid", "community", "street"].contains(by) else { throw ValidationError("--by \(by): grid, community or street") }
        if let c = componentClass, !(c.count == 2 || c.count == 4) || !c.utf8.allSatisfy({ (48...57).contains($0) }) {
            throw ValidationError("--class \(c): a 4-digit class (0203) or a 2-digit major class (02)")
        }
        if let date, LocalDate(date) == nil { throw ValidationError("--date \(date): expected YYYY-MM-DD") }
    }

    func run() throws {
        // A missing database is missing input (66), not a usage error; opening must not create it.
        guard FileManager.default.fileExists(atPath: db) else { throw fail(.missingInput("--db \(db): no such file")) }
        let store: GridStore
        do { store = try GridStore(path: db) } catch { throw fail(.io("\(db): \(error)")) }
        do {
            let map = stat == nil
                ? try StoreMap.make(store, width: width, height: height, roads: roads)
                : try ComponentMap.make(store, by: DivisionLevel(rawValue: by)!, classCode: componentClass,
                                        on: date.flatMap(LocalDate.init), width: width, height: height)
            try map.write(toFile: output)
        } catch { throw fail(.io("\(output): \(error)")) }
        print("wrote \(output)")
    }
}
