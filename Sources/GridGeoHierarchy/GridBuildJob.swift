import Foundation
public import GridGeoCore
import GridGeoGEOS
public import GridGeoGrids
public import GridGeoStore

/// What `geo-import build-grids` was asked to do.
public struct GridBuildOptions: Sendable {
    /// Target area, cuts, merges: ``GridOptions`` (10,000 m² by default).
    public var grid = GridOptions()
    /// Parcel (用地) boundaries cut blocks as roads do.
    public var useParcels = false
    /// 初始时间 of the new version; today (UTC+8) when nil.
    public var startDate: LocalDate?
    public var note = ""
    /// Build and validate, publish nothing.
    public var dryRun = false
    /// Rebuild only these communities; the current grids of the others carry over unchanged.
    /// Empty: every community of the store.
    public var communityCodes: [String] = []
    public var validation = ValidationOptions()

    public init() {}
}

/// Builds the unit grids of a store's communities along its roads, validates them as one grid
/// set, and publishes them as a new grid version, or refuses to.
///
/// 1. Communities are built street by street (``GridBuilder``): a street's communities share
///    one noding, so grids meet vertex for vertex across community boundaries.
/// 2. Codes: a grid whose shape is unchanged from the current version (symmetric difference
///    within the validation tolerance) keeps its code; the others are numbered in the documented
///    order after the highest sequence the community ever used, so a code never names two shapes.
///    A first build therefore numbers 001… north to south, west to east.
/// 3. The new set (rebuilt grids plus the current grids of communities not rebuilt) is checked by
///    ``GridValidator``. Gaps, overlaps, grids outside their community, invalid geometry and bad
///    codes block publishing (``blockingKinds``), and so does a community whose gaps or overlaps
///    add up to more than the tolerance; slivers and unnoded edges are reported only.
/// 4. Unless it is a dry run, blocked, or identical to the current version, the set is published
///    with ``GridStore/publishGridVersion(_:startDate:note:)``: the current version and its grids
///    are end-dated to the new start date in the same transaction.
///
/// Confined to the task that made it (GEOS context).
public final class GridBuildJob {
    /// Problems that stop a grid set from being published.
    public static let blockingKinds: Set<GridProblem.Kind> = [
        .gap, .overlap, .outsideCommunity, .invalidGeometry, .malformedCode, .duplicateCode,
        .codeOutsideCommunity, .unassigned,
    ]

    private let store: GridStore
    private let options: GridBuildOptions
    /// Called after each street with (communities done, communities to build, the street's name).
    public var progress: (Int, Int, String) -> Void = { _, _, _ in }
    /// Called with the name of each step after building ("validate", "publish").
    public var step: (String) -> Void = { _ in }

    public init(store: GridStore, options: GridBuildOptions) {
        self.store = store
        self.options = options
    }

    public func run() throws(HierarchyError) -> GridBuildReport {
        let clock = ContinuousClock()
        let started = clock.now
        let target = options.grid.targetAreaSquareMetres
        guard target.isFinite, target >= 100 else { throw .usage("--target-area \(target): expected at least 100 m²") }
        let startDate = options.startDate ?? LocalDate.todayInChina

        // 1. What the store holds.
        let streets: [StreetRecord], all: [CommunityRecord], roads: [LineString], current: GridVersion?
        var previous: [UnitGridRecord] = []
        var usedCodes: Set<String> = []
        do {
            streets = try store.streets()
            all = try store.communities()
            var lines = try store.roads().flatMap { GridGeoHierarchy.lines(of: $0.geometry) }
            if options.useParcels {
                lines += try store.parcels().flatMap { $0.geometry.polygons.flatMap { p in
                    ([p.exterior] + p.holes).map { LineString($0.coordinates) }
                } }
            }
            roads = lines
            current = try store.currentGridVersion()
            if let current { previous = try store.unitGrids(version: current.version) }
            usedCodes = try store.publishedGridCodes()
        } catch { throw .io("\(store.path): \(error)") }
        guard !all.isEmpty else {
            throw .data("\(store.path) has no communities; draft them (geo-import draft-communities) or import them (--layer communities)")
        }
        let known = Set(all.map(\.code))
        let unknown = options.communityCodes.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw .data("--community \(unknown.joined(separator: " ")): no such community in \(store.path)") }
        let selected = options.communityCodes.isEmpty ? all : all.filter { options.communityCodes.contains($0.code) }
        let streetName = Dictionary(streets.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })

        // One frame for the whole store: a community's grids do not depend on which others are built.
        let frame = LocalFrame(around: all.map(\.geometry.boundingBox).reduce(BoundingBox.empty) { $0.union($1) })
        let geos: GEOSContext
        do { geos = try GEOSContext() } catch { throw .io("GEOS: \(error)") }

        // 2. Build, street by street.
        let builder = GridBuilder(options: options.grid)
        let roadBoxes = roads.map(\.boundingBox)
        var built: [UnitGrid] = []
        var done = 0
        let byStreet = Dictionary(grouping: selected, by: \.streetCode)
        for code in byStreet.keys.sorted() {
            let group = byStreet[code]!.sorted { $0.code < $1.code }
            let box = group.map(\.geometry.boundingBox).reduce(BoundingBox.empty) { $0.union($1) }.expanded(by: 0.001)
            let nearby = roads.indices.filter { roadBoxes[$0].intersects(box) }.map { roads[$0] }
            do {
                built += try builder.grids(for: group.map { Community(code: $0.code, geometry: $0.geometry, isProvisional: $0.drafted) },
                                           roads: nearby, frame: frame)
            } catch { throw .data("street \(code) \(streetName[code] ?? ""): cannot build grids: \(error)") }
            done += group.count
            progress(done, selected.count, streetName[code] ?? code)
        }
        let buildTime = clock.now - started

        // 3. Codes: unchanged grids keep theirs; the rest follow the community's highest sequence.
        let previousByCommunity = Dictionary(grouping: previous, by: \.communityCode)
        var records: [UnitGridRecord] = []
        var kept = 0
        let builtByCommunity = Dictionary(grouping: built, by: \.communityCode)
        for community in selected {
            let (r, k) = try assignCodes(builtByCommunity[community.code] ?? [], community: community.code,
                                         previous: previousByCommunity[community.code] ?? [],
                                         used: usedCodes, frame: frame, geos: geos)
            records += r
            kept += k
        }
        let rebuilt = Set(selected.map(\.code))
        let carried = previous.filter { !rebuilt.contains($0.communityCode) && known.contains($0.communityCode) }
        records += carried
        records.sort { $0.code < $1.code }

        // 4. Validate the whole new set against its communities.
        step("validate")
        let covered = Set(records.map(\.communityCode))
        let communities = all.filter { rebuilt.contains($0.code) || covered.contains($0.code) }
            .map { Community(code: $0.code, geometry: $0.geometry, isProvisional: $0.drafted) }
        let validation: ValidationReport
        do {
            validation = try GridValidator(options: options.validation).validate(
                communities: communities,
                grids: records.map { UnitGrid(code: $0.code, communityCode: $0.communityCode, geometry: $0.geometry,
                                              areaSquareMetres: $0.areaSquareMetres ?? 0) },
                frame: frame)
        } catch { throw .data("validation failed to run: \(error)") }
        let validateTime = clock.now - started - buildTime

        var report = GridBuildReport(
            database: store.path, dryRun: options.dryRun, targetAreaSquareMetres: target,
            streets: byStreet.count, communities: selected.count, grids: records.count, rebuiltGrids: records.count - carried.count,
            carriedOverGrids: carried.count, keptCodes: kept, area: AreaStatistics(records.compactMap(\.areaSquareMetres)),
            validation: validation,
            blockingProblems: Self.blockingCount(validation, tolerance: options.validation.toleranceSquareMetres),
            outcome: .dryRun, previousVersion: current?.version, startDate: startDate)

        // 5. Publish, unless there is a reason not to.
        let unchanged = current != nil && kept == records.count - carried.count
            && Set(records.map(\.code)) == Set(previous.map(\.code))
        if report.blockingProblems > 0 {
            report.outcome = .refused
        } else if unchanged {
            report.outcome = .unchanged
            report.publishedVersion = current?.version
        } else if !options.dryRun {
            step("publish")
            do {
                let version = try store.publishGridVersion(records, startDate: startDate, note: options.note)
                report.outcome = .published
                report.publishedVersion = version.version
            } catch let e as GridStoreError {
                if case .gridVersionNotAfterCurrent = e {
                    throw .data("\(e.description); give a later --start-date. Nothing was published.")
                }
                throw .data("\(store.path): \(e.description). Nothing was published.")
            } catch {
                throw .data("\(store.path): the database refused the grids, nothing was published: \(error)")
            }
        }
        report.seconds = Timings(build: buildTime.seconds, validate: validateTime.seconds,
                                 total: (clock.now - started).seconds)
        return report
    }

    /// Problems of the blocking kinds, plus one per community whose gaps or overlaps add up to more
    /// than the tolerance though no single one does (many tiny ones still break a lookup).
    static func blockingCount(_ v: ValidationReport, tolerance: Double) -> Int {
        let found = v.problems.filter { blockingKinds.contains($0.kind) }
        let named = Set(found.compactMap(\.communityCode))
        let summed = v.communities.filter {
            ($0.gapSquareMetres > tolerance || $0.overlapSquareMetres > tolerance) && !named.contains($0.communityCode)
        }
        return found.count + summed.count
    }

    /// The community's built grids as records: a grid matching a current one keeps its code and
    /// attributes; the others, in the builder's (documented) order, take the next sequence numbers
    /// after the highest the community has used. Returns the records and how many kept their code.
    private func assignCodes(_ grids: [UnitGrid], community: String, previous: [UnitGridRecord], used: Set<String>,
                             frame: LocalFrame, geos: GEOSContext) throws(HierarchyError) -> ([UnitGridRecord], Int) {
        var highest = 0
        for code in used where code.hasPrefix(community) { highest = max(highest, Int(code.suffix(3)) ?? 0) }
        var taken = Set<Int>()
        var out: [UnitGridRecord] = []
        var kept = 0
        for grid in grids {
            var record = UnitGridRecord(code: grid.code, geometry: grid.geometry, areaSquareMetres: grid.areaSquareMetres)
            if let match = previous.indices.first(where: { !taken.contains($0) && sameShape(grid.geometry, previous[$0].geometry, frame, geos) }) {
                taken.insert(match)
                record = previous[match]
                kept += 1
            } else {
                highest += 1
                do { record.code = try GridNumbering.code(prefix: community, sequence: highest) }
                catch { throw .data("community \(community): grid sequence numbers are used up to 999 over its versions") }
            }
            out.append(record)
        }
        return (out, kept)
    }

    /// Whether two outlines are the same shape: boxes within ~1 cm, and a symmetric difference no
    /// larger than the validation tolerance (the frame may differ by a rounding between builds).
    private func sameShape(_ a: Geometry, _ b: Geometry, _ frame: LocalFrame, _ geos: GEOSContext) -> Bool {
        let ba = a.boundingBox, bb = b.boundingBox, e = 1e-7
        guard abs(ba.minX - bb.minX) < e, abs(ba.minY - bb.minY) < e, abs(ba.maxX - bb.maxX) < e, abs(ba.maxY - bb.maxY) < e
        else { return false }
        let ma = frame.toMetres(a), mb = frame.toMetres(b)
        guard let d1 = try? geos.area(geos.difference(ma, mb)), let d2 = try? geos.area(geos.difference(mb, ma)) else { return false }
        return d1 + d2 <= options.validation.toleranceSquareMetres
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension LocalDate {
    /// Today in UTC+8, the date Chinese city offices work in.
    static var todayInChina: LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
