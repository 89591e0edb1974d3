import ArgumentParser
import Foundation
import GridGeoCLI
import GridGeoComponents
import GridGeoGrids
import GridGeoHierarchy
import GridGeoLookup
import GridGeoStore

/// Opens an existing database; a missing one is missing input (66), never created here.
func openExisting(_ db: String) throws -> GridStore {
    guard FileManager.default.fileExists(atPath: db) else { throw fail(.missingInput("--db \(db): no such file")) }
    do { return try GridStore(path: db) } catch { throw fail(.io("\(db): \(error)")) }
}

func writeJSON<T: Encodable>(_ value: T, to path: String) throws(HierarchyError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do { try encoder.encode(value).write(to: URL(fileURLWithPath: path)) }
    catch { throw .io("\(path): cannot write the report: \(error)") }
}

/// A thousands separator for counts and areas in summaries.
func grouped(_ value: Double) -> String {
    let n = Int(value.rounded())
    let digits = String(abs(n))
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}

struct DraftCommunities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft-communities",
        abstract: "Draft the community polygons of streets that have none, from a names list, along the store's roads.",
        discussion: """
            Each street is divided into as many compact parts of equal area as the names list gives it \
            communities (SampleData/communities.csv format: street_code, community_name_short …). Parts are \
            named in list order and stored marked drafted, with provisional codes (street code + a sequence, \
            north to south, west to east) unless the list has a community_code column. Drafted communities \
            never overlap communities already in the store. One transaction: on any error nothing is written.
            Exit codes: 64 usage, 65 data, 66 missing input, 73 street already has communities, 74 I/O.
            """)

    @Option(help: "The GridGeo database.") var db: String
    @Option(help: "The names list (CSV).") var names: String
    @Option(name: .customLong("street"), help: "Only this street (9 digits); repeat for several. Default: every street without communities.")
    var streets: [String] = []
    @Option(help: "Write the JSON report here.") var report: String?
    @Flag(name: .shortAndLong, help: "No progress on stderr.") var quiet = false

    func validate() throws {
        for s in streets where s.count != 9 || !s.allSatisfy(\.isASCII) || !s.allSatisfy(\.isNumber) {
            throw ValidationError("--street \(s): expected a 9-digit street code")
        }
    }

    func run() throws {
        let store = try openExisting(db)
        var progress: ProgressReporter?
        do {
            let list = try CommunityNameList(contentsOfFile: names)
            let drafter = HierarchyDrafter(store: store)
            drafter.progress = { done, total, _ in
                if progress == nil { progress = ProgressReporter("draft communities", total: total, quiet: quiet) }
                progress?.advance()
            }
            let result = try drafter.draftCommunities(names: list, streetCodes: streets)
            progress?.finish()
            if let report { try writeJSON(result, to: report) }
            print("drafted \(result.communityCount) communities in \(result.drafted.count) streets of \(db), marked drafted")
            for s in result.drafted {
                print("  \(s.code) \(s.name): \(s.communities) communities, \(s.provisionalCodes ? "provisional" : "official") codes, "
                      + "area \(Int(s.smallestPercentOfMean.rounded()))–\(Int(s.largestPercentOfMean.rounded())) % of the street's mean"
                      + (s.excludedSquareMetres >= 0.01 ? "; \(String(format: "%.2f", s.excludedSquareMetres)) m² left to neighbouring communities" : ""))
            }
            for s in result.skipped { print("  skipped \(s.code) \(s.name): \(s.reason)") }
            for w in result.warnings { print("  warning: \(w)") }
        } catch {
            progress?.finish()
            throw fail(error)
        }
    }
}

struct DraftStreets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft-streets",
        abstract: "Draft the streets of a district that has none, from their areas, along the store's roads.",
        discussion: """
            The area list is a CSV with code, name and area_km2 (a level column keeps only rows whose level is \
            street). Each street gets its share of the district's area; the streets are stored marked drafted.
            Exit codes: 64 usage, 65 data, 66 missing input, 73 district already has streets, 74 I/O.
            """)

    @Option(help: "The GridGeo database.") var db: String
    @Option(help: "The street areas (CSV: code,name,area_km2).") var areas: String
    @Option(help: "The district (6 digits); needed only when the store has several.") var district: String?
    @Flag(name: .shortAndLong, help: "No progress on stderr.") var quiet = false

    func run() throws {
        let store = try openExisting(db)
        let progress = ProgressReporter("draft streets", total: 1, quiet: quiet)
        let result: StreetDraftReport
        do {
            let list = try StreetAreaList(contentsOfFile: areas)
            let drafter = HierarchyDrafter(store: store)
            drafter.progress = { _, _, _ in progress.advance() }
            result = try drafter.draftStreets(areas: list, districtCode: district)
            progress.finish()
        } catch {
            progress.finish()
            throw fail(error)
        }
        print("drafted \(result.streets.count) streets of district \(result.districtCode) in \(db), marked drafted")
        for s in result.streets {
            print("  \(s.code) \(s.name): \(String(format: "%.2f", s.areaSquareMetres / 1e6)) km² "
                  + "(asked \(String(format: "%.2f", s.wantedSquareMetres / 1e6)))")
        }
        for w in result.warnings { print("  warning: \(w)") }
    }
}

struct BuildGrids: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-grids",
        abstract: "Divide the store's communities into unit grids along its roads, validate them, publish a grid version.",
        discussion: """
            Grids of about --target-area m² follow roads (and parcel boundaries with --use-parcels), tile each \
            community exactly and are coded community code + 3-digit sequence, north to south, west to east. \
            A grid whose shape is unchanged from the current version keeps its code; others are numbered after \
            the community's highest sequence ever used. Gaps or overlaps above 0.01 m², grids outside their \
            community, invalid grids and bad codes block publishing (exit 65, nothing written). Otherwise the \
            grids become a new version from --start-date and the current version ends that day.
            Exit codes: 64 usage, 65 data or failed validation, 66 missing input, 74 I/O.
            """)

    @Option(help: "The GridGeo database.") var db: String
    @Option(help: "Target grid area, m².") var targetArea: Double = 10_000
    @Flag(help: "Cut blocks along parcel (用地) boundaries too.") var useParcels = false
    @Option(help: "First day of the new version, YYYY-MM-DD (default: today, UTC+8).") var startDate: String?
    @Option(help: "A note stored with the version.") var note: String?
    @Flag(help: "Build and validate, publish nothing.") var dryRun = false
    @Option(help: "Write the JSON report (summary and every validation finding) here.") var report: String?
    @Option(name: .customLong("community"), help: "Rebuild only this community (12 digits); repeat for several. The others keep their grids.")
    var communities: [String] = []
    @Flag(name: .shortAndLong, help: "No progress on stderr.") var quiet = false

    func validate() throws {
        guard targetArea.isFinite, targetArea >= 100 else { throw ValidationError("--target-area \(targetArea): expected at least 100 (m²)") }
        if let startDate, LocalDate(startDate) == nil { throw ValidationError("--start-date \(startDate): expected YYYY-MM-DD") }
        for c in communities where c.count != 12 || !c.allSatisfy(\.isASCII) || !c.allSatisfy(\.isNumber) {
            throw ValidationError("--community \(c): expected a 12-digit community code")
        }
    }

    func run() throws {
        let store = try openExisting(db)
        var options = GridBuildOptions()
        options.grid.targetAreaSquareMetres = targetArea
        options.useParcels = useParcels
        options.startDate = startDate.flatMap(LocalDate.init)
        options.note = note ?? "geo-import build-grids, target \(grouped(targetArea)) m²" + (useParcels ? ", parcels" : "")
        options.dryRun = dryRun
        options.communityCodes = communities
        var progress: ProgressReporter?
        var done = 0
        let job = GridBuildJob(store: store, options: options)
        job.progress = { count, total, _ in
            if progress == nil { progress = ProgressReporter("build grids", total: total, quiet: quiet) }
            progress?.advance(by: count - done)
            done = count
        }
        job.step = { name in
            progress?.finish()
            progress = ProgressReporter(name, total: 1, quiet: quiet)
            progress?.advance()
        }
        let result: GridBuildReport
        do {
            result = try job.run()
            progress?.finish()
            if let report { try writeJSON(result, to: report) }
        } catch {
            progress?.finish()
            throw fail(error)
        }
        for line in summary(result) { print(line) }
        if result.outcome == .published {
            do { try reassignComponents(store, from: result.startDate, quiet: quiet) } catch {
                throw fail(.io("grid version \(result.publishedVersion ?? 0) was published, but its components were not moved "
                               + "to the new grids: \(error); run geo-import reassign-components --db \(db)"))
            }
        }
        if result.outcome == .refused {
            let kinds = result.validation.problems.filter { GridBuildJob.blockingKinds.contains($0.kind) }
            var counts = Dictionary(grouping: kinds, by: \.kind.rawValue).map { "\($0.key) \($0.value.count)" }.sorted()
            if kinds.count < result.blockingProblems {
                counts.append("communities whose gaps or overlaps add up to more than 0.01 m² \(result.blockingProblems - kinds.count)")
            }
            throw fail(.data("validation found \(result.blockingProblems) problems that block publishing (\(counts.joined(separator: ", "))); "
                             + "nothing was published" + (report.map { "; every finding is in \($0)" } ?? "; --report FILE.json lists every finding")))
        }
    }

    func summary(_ r: GridBuildReport) -> [String] {
        var lines: [String] = []
        lines.append("built \(grouped(Double(r.rebuiltGrids))) grids for \(r.communities) communities in \(r.streets) streets "
                     + "(target \(grouped(r.targetAreaSquareMetres)) m²) in \(String(format: "%.1f", r.seconds.build)) s"
                     + (r.carriedOverGrids > 0 ? "; \(grouped(Double(r.carriedOverGrids))) grids of other communities carried over" : ""))
        let a = r.area
        lines.append("grid area, m²: median \(grouped(a.median)), p10 \(grouped(a.p10)), p90 \(grouped(a.p90)), "
                     + "min \(grouped(a.minimum)), max \(grouped(a.maximum)); 5,000–20,000 m²: "
                     + "\(grouped(a.shareWithin5kTo20k * Double(a.count))) of \(grouped(Double(a.count))) "
                     + String(format: "(%.2f %%)", a.shareWithin5kTo20k * 100))
        let v = r.validation
        var counts = v.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        // Streets are built one at a time, so most unnoded edges lie where two streets meet.
        let unnoded = v.problems(.nonNodedEdge)
        let across = unnoded.filter { Set($0.gridCodes.map { $0.prefix(9) }).count > 1 }.count
        if across > 0 { counts += ", \(across) of them across street boundaries" }
        lines.append(String(format: "validation (%.1f s): largest gap %.4f m², largest overlap %.4f m²; ", r.seconds.validate,
                            v.maxGapSquareMetres, v.maxOverlapSquareMetres)
                     + (v.problems.isEmpty ? "no findings" : "findings: \(counts)")
                     + (r.blockingProblems > 0 ? " — \(r.blockingProblems) blocking" : v.problems.isEmpty ? "" : " (none blocking)"))
        let blocking = v.problems.filter { GridBuildJob.blockingKinds.contains($0.kind) }
        for p in blocking.prefix(20) {
            let at = p.location.map { String(format: " at (%.7f, %.7f)", $0.x, $0.y) } ?? ""
            let area = p.areaSquareMetres.map { String(format: " %.4f m²", $0) } ?? ""
            lines.append("  \(p.kind.rawValue) \((p.gridCodes.isEmpty ? [p.communityCode ?? ""] : p.gridCodes).joined(separator: " "))\(at)\(area): \(p.detail)")
        }
        if blocking.count > 20 { lines.append("  … \(blocking.count - 20) more") }
        if r.previousVersion != nil {
            lines.append("codes: \(grouped(Double(r.keptCodes))) unchanged grids kept theirs, "
                         + "\(grouped(Double(r.rebuiltGrids - r.keptCodes))) new")
        }
        switch r.outcome {
        case .published:
            lines.append("published grid version \(r.publishedVersion ?? 0), valid from \(r.startDate)"
                         + (r.previousVersion.map { "; version \($0) ends \(r.startDate)" } ?? "")
                         + String(format: " (%.1f s in all)", r.seconds.total))
        case .dryRun: lines.append("dry run: nothing written to \(r.database)")
        case .unchanged: lines.append("no change from grid version \(r.publishedVersion ?? 0): nothing published")
        case .refused: lines.append("refused: nothing published")
        }
        return lines
    }
}

/// Components follow a re-division: each one in use moves to the grid of the version valid on `date`
/// that it lies in, dated `date`, so its history still names the old grid before. One transaction.
/// Components in no grid of that version keep theirs and are listed on stderr.
/// - Returns: the number of components in use (0: nothing was done).
@discardableResult
func reassignComponents(_ store: GridStore, from date: LocalDate, directory: GridDirectory? = nil, quiet: Bool) throws -> Int {
    let total = try store.componentCounts(by: .district).reduce(0) { $0 + $1.count }
    guard total > 0 else { return 0 }
    let ledger = try ComponentLedger(store: store, directory: directory ?? GridDirectory(store: store, on: date))
    let (changed, outside) = try ledger.reassignGrids(on: date, skipOutside: true)
    print("components: \(grouped(Double(changed))) of \(grouped(Double(total))) moved to the grid they lie in, from \(date)"
          + (outside.isEmpty ? "" : "; \(outside.count) lie in no grid and keep theirs"))
    for o in outside.prefix(quiet ? 0 : 20) {
        FileHandle.standardError.write(Data(String(format: "  in no grid: %@ at (%.7f, %.7f)\n", o.name, o.location.lon, o.location.lat).utf8))
    }
    if !quiet && outside.count > 20 { FileHandle.standardError.write(Data("  … \(outside.count - 20) more\n".utf8)) }
    return total
}

struct ReassignComponents: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reassign-components",
        abstract: "Move every component to the unit grid it lies in, after a re-division.",
        discussion: """
            build-grids does this itself when it publishes a version; run it again if that step failed, or \
            for another date. Each component in use whose grid differs from the one it lies in on --date gets \
            a change to that grid dated --date (its history keeps the old grid before). Components in no grid \
            keep theirs and are listed. One transaction.
            Exit codes: 64 usage, 65 no grid version on that date, 66 missing database, 74 I/O.
            """)

    @Option(help: "The GridGeo database.") var db: String
    @Option(help: "The day the grids apply from, YYYY-MM-DD (default: the current version's first day).") var date: String?
    @Flag(name: .shortAndLong, help: "Do not list components in no grid.") var quiet = false

    func validate() throws {
        if let date, LocalDate(date) == nil { throw ValidationError("--date \(date): expected YYYY-MM-DD") }
    }

    func run() throws {
        let store = try openExisting(db)
        let day: LocalDate
        if let date {
            day = LocalDate(date)!
        } else {
            guard let current = try? store.currentGridVersion() else { throw fail(.data("\(db) has no grid version: run build-grids first")) }
            day = current.startDate
        }
        let directory: GridDirectory
        do { directory = try GridDirectory(store: store, on: day) } catch {
            throw fail(.data("\(db): \(error)"))
        }
        do {
            if try reassignComponents(store, from: day, directory: directory, quiet: quiet) == 0 { print("no components in \(db): nothing to move") }
        } catch {
            throw fail(.io("\(db): \(error)"))
        }
    }
}
