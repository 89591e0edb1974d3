import Foundation
public import GridGeoCore
import GridGeoComponents
import GridGeoGEOS
import GridGeoLookup
public import GridGeoPROJ
public import GridGeoShapefile
public import GridGeoStore

/// What `geo-import import` was asked to do.
public struct ImportOptions: Sendable {
    public var layer: LayerName
    /// 小类 code for `--layer components`, e.g. 0203.
    public var componentClass: String?
    public var sourceCRS: CRS?
    public var encoding: TextEncoding?
    public var fields: [FieldRole: String] = [:]
    public var mode: WriteMode = .create
    public var dryRun = false
    public var skipFailures = false
    public var makeValid = false
    /// The date new components and records start (初始时间); today when nil.
    public var startDate: LocalDate?

    public init(layer: LayerName) { self.layer = layer }
}

/// Turns delivery files into one layer of the store: decodes, decides the CRS, transforms to
/// CGCS2000, validates with GEOS, checks plausibility against what the store holds, and writes
/// everything in one transaction — or nothing, with a reason.
///
/// Confined to the task that made it (it owns a GEOS context and PROJ transformers).
public final class Importer {
    private let store: GridStore
    private let options: ImportOptions
    private let geos: GEOSContext
    /// Places components in their unit grids; made once per run for `--layer components`.
    private var ledger: ComponentLedger?
    /// Called with (features done, features total) as the import proceeds.
    public var progress: (Int, Int) -> Void = { _, _ in }

    public init(store: GridStore, options: ImportOptions) throws {
        self.store = store
        self.options = options
        geos = try GEOSContext()
    }

    /// Imports `paths` (shapefiles or GeoJSON files; a folder means every `.shp` in it).
    /// - Returns: the report; the store is written unless `dryRun`.
    /// - Throws: `ImportError` with the exit code and a message saying what to do.
    public func run(paths: [String]) throws(ImportError) -> ImportReport {
        let files = try Self.expand(paths)
        if options.mode == .create, !options.dryRun, (try? store.count(of: options.layer, componentClass: options.componentClass)) ?? 0 > 0 {
            let layer = options.layer.rawValue + (options.layer == .components ? " (class \(options.componentClass ?? ""))" : "")
            throw .outputExists("layer \(layer) of \(store.path) already holds data; "
                                + "use --overwrite to replace it or --append to add to it")
        }
        if options.layer == .components {
            guard let c = options.componentClass, c.count == 4, c.isDigits else {
                throw .usage("--layer components needs --class NNNN, the 4-digit minor class (e.g. 0203 公交站亭)")
            }
            // Every component gets the unit grid that owns it: the grid version valid on its start date.
            do {
                let directory = try options.startDate.map { try GridDirectory(store: store, on: $0) } ?? GridDirectory(store: store)
                ledger = try ComponentLedger(store: store, directory: directory)
            } catch let e as LookupError {
                throw .data("\(store.path): \(e.description); components are placed in unit grids when they are imported")
            } catch { throw .io("\(store.path): \(error)") }
            guard ledger?.catalog.componentClass(c) != nil else {
                throw .usage("--class \(c): not a class of the component catalogue (standard classes 0101–0606, "
                             + "or a local extension registered with ComponentCatalog.register)")
            }
        }
        let check: PlausibilityCheck
        do { check = try PlausibilityCheck(store: store, geos: geos) } catch { throw .io("\(store.path): \(error)") }

        var report = ImportReport(database: store.path, layer: options.layer.rawValue, dryRun: options.dryRun)
        var all: [LayerRecords] = []
        var total = 0
        for path in files { total += try SourceFile(path: path, encoding: options.encoding).featureCount }
        var done = 0
        for path in files {
            let (records, fileReport) = try importFile(path, check: check) { done += 1; self.progress(done, total) }
            all.append(records)
            report.files.append(fileReport)
        }
        guard !options.dryRun else { return report }
        let merged = Self.merge(all, layer: options.layer)
        let json = (try? String(decoding: JSONEncoder().encode(report), as: UTF8.self)) ?? "{}"
        let entry = ImportLogEntry(file: files.joined(separator: ";"), layer: options.layer.rawValue,
                                   featuresRead: report.files.reduce(0) { $0 + $1.featuresRead },
                                   featuresInserted: merged.count,
                                   featuresRejected: report.files.reduce(0) { $0 + $1.skipped.count }, reportJSON: json)
        do { try store.write(merged, mode: options.mode, log: entry) }
        catch let e as GridStoreError {
            if case .layerNotEmpty = e { throw .outputExists("\(store.path): \(e.description)") }
            throw .data("\(store.path): the database refused the data, nothing was written: \(e.description)")
        }
        catch { throw .data("\(store.path): the database refused the data, nothing was written: \(error)") }
        return report
    }

    private func importFile(_ path: String, check: PlausibilityCheck, tick: () -> Void) throws(ImportError) -> (LayerRecords, FileReport) {
        let file = try SourceFile(path: path, encoding: options.encoding)
        var report = FileReport(file: path)
        report.geometryType = file.geometryKind.rawValue
        if let e = file.encoding {
            report.encoding = e.encoding.iconvName
            report.encodingSource = e.source.rawValue
            report.encodingNote = e.disagreement ?? e.reason
        } else {
            report.encoding = "UTF-8"
            report.encodingSource = "geojson"
        }
        guard file.featureCount > 0 else { throw .data("\(path): the file holds no features") }
        try checkGeometryKind(file)

        let crs = try CRSDecision.decide(for: file, override: options.sourceCRS)
        report.crs = crs.crs == .wgs84 && file.isGeoJSON ? "OGC:CRS84" : crs.crs.description
        if case .wkt = crs.crs { report.crs = crs.name }
        report.crsSource = crs.source
        report.crsConfidence = crs.confidence
        let transformer: Transformer
        do { transformer = try Transformer(from: crs.crs, to: .cgcs2000) } catch { throw .data("\(path): \(error)") }

        let mapping = try FieldMapping(available: file.fieldNames, explicit: options.fields)
        for role in FieldRole.allCases { if let f = mapping[role] { report.fields[role.rawValue] = f } }
        try requireFields(mapping, path: path)

        // Read, transform and validate every feature.
        var kept: [(feature: SourceFeature, geometry: Geometry)] = []
        try file.forEach { (feature) throws(ImportError) in
            defer { tick() }
            report.featuresRead += 1
            guard let raw = feature.geometry else {
                try fail(feature, reason: "null geometry", location: nil, report: &report)
                return
            }
            var g: Geometry
            do { g = try transformer.transform(raw) } catch {
                try fail(feature, reason: "cannot transform: \(error)", location: raw.allCoordinates.first, report: &report)
                return
            }
            if case .polygon = file.geometryKind, let problem = try validity(g) {
                if options.makeValid {
                    let repaired: Geometry
                    do { repaired = try geos.makeValid(g) } catch {
                        try fail(feature, reason: "\(problem.reason); repair failed: \(error)", location: problem.location, report: &report)
                        return
                    }
                    let polygonal = Geometry.multiPolygon(repaired.polygons)
                    report.repaired.append(Repair(feature: feature.index, reason: problem.reason, location: problem.location,
                                                  areaBeforeSquareMetres: Geodesic.cgcs2000.areaSquareMetres(of: g),
                                                  areaAfterSquareMetres: Geodesic.cgcs2000.areaSquareMetres(of: polygonal)))
                    g = polygonal
                } else {
                    try fail(feature, reason: problem.reason, location: problem.location, report: &report,
                             hint: "use --make-valid to repair it or --skip-failures to skip it")
                    return
                }
            }
            // Point layers store one point per feature: a one-point multipoint is that point; anything
            // else would be dropped without a word when the records are made.
            if case .multiPoint(let points) = g {
                guard points.count == 1 else {
                    try fail(feature, reason: "a multipoint of \(points.count) points; layer \(options.layer.rawValue) takes one point per feature",
                             location: points.first, report: &report)
                    return
                }
                g = .point(points[0])
            }
            if options.layer == .addresses, let field = mapping[.address],
               (feature.attributes[field]?.text?.trimmingCharacters(in: .whitespaces) ?? "").isEmpty {
                try fail(feature, reason: "no address (field \(field) is empty)", location: g.allCoordinates.first, report: &report)
                return
            }
            kept.append((feature, g))
        }

        // Plausibility against the store: district containment, then the GCJ-02 offset against roads.
        if options.layer != .districts {
            let points = kept.enumerated().compactMap { i, k in check.representativePoint(k.geometry).map { (index: i, point: $0) } }
            if let outside = check.outsideDistrict(points.map { (kept[$0.index].feature.index, $0.point) }, file: path, crs: crs.crs) {
                // More than 1 % outside means the layer as a whole is misplaced (a CRS or datum mix-up);
                // a few features just across the boundary are real data: kept and listed, or skipped.
                let wholeLayer = outside.looksLikeGCJ02 || outside.indices.count * 100 > max(points.count, 1)
                if wholeLayer && !options.skipFailures {
                    throw .data(outside.message + (outside.looksLikeGCJ02 ? "" : "; check the CRS (--s-srs)"))
                }
                if options.skipFailures {
                    let drop = Set(outside.indices)
                    for k in kept where drop.contains(k.feature.index) {
                        report.skipped.append(Skipped(feature: k.feature.index, reason: "outside the district",
                                                      location: check.representativePoint(k.geometry), attributes: k.feature.attributes))
                    }
                    kept.removeAll { drop.contains($0.feature.index) }
                    report.warnings.append(outside.message + "; skipped")
                } else {
                    report.warnings.append(outside.message + "; kept (close to the boundary); --skip-failures leaves them out")
                }
            }
            if file.geometryKind == .point, options.layer != .roads,
               let offset = check.webMapOffset(kept.compactMap { check.representativePoint($0.geometry) }, file: path, crs: crs.crs) {
                throw .data(offset)
            }
        }

        var records = try makeRecords(kept, mapping: mapping, path: path)
        if case .components(let r) = records, let ledger { records = .components(try place(r, kept, ledger, &report)) }
        report.featuresWritten = options.dryRun ? 0 : records.count
        return (records, report)
    }

    /// Puts each component in the unit grid that owns it; one in no grid is an error, or skipped
    /// and listed with `--skip-failures` — never stored without its grid.
    private func place(_ records: [ComponentRecord], _ kept: [(feature: SourceFeature, geometry: Geometry)],
                       _ ledger: ComponentLedger, _ report: inout FileReport) throws(ImportError) -> [ComponentRecord] {
        let placed: [ComponentRecord], outside: [OutsideComponent]
        do { (placed, outside) = try ledger.placed(records) } catch { throw .data("\(report.file): \(error)") }
        guard !outside.isEmpty else { return placed }
        let reason = "in no unit grid (grid version \(ledger.directory.version))"
        guard options.skipFailures else {
            let list = outside.prefix(10).map { o in
                "feature #\(kept[o.index].feature.index) \(o.name)" + String(format: " at (%.7f, %.7f)", o.location.x, o.location.y)
            }
            throw .data("\(report.file): \(outside.count) component(s) \(reason): " + list.joined(separator: "; ")
                        + (outside.count > 10 ? "; …" : "") + "; check the grids, or use --skip-failures to skip them. Nothing was written.")
        }
        for o in outside {
            let f = kept[o.index].feature
            report.skipped.append(Skipped(feature: f.index, reason: reason, location: o.location, attributes: f.attributes))
        }
        return placed
    }

    private func validity(_ g: Geometry) throws(ImportError) -> ValidityProblem? {
        do { return try geos.validityProblem(g) } catch { return ValidityProblem(reason: "\(error)", location: nil) }
    }

    private func fail(_ f: SourceFeature, reason: String, location: Coordinate?, report: inout FileReport,
                      hint: String = "use --skip-failures to skip it") throws(ImportError) {
        guard options.skipFailures else {
            let at = location.map { String(format: " at or near (%.7f, %.7f)", $0.x, $0.y) } ?? ""
            throw .data("\(report.file): feature #\(f.index): \(reason)\(at); \(hint). Nothing was written.")
        }
        report.skipped.append(Skipped(feature: f.index, reason: reason, location: location, attributes: f.attributes))
    }

    private func checkGeometryKind(_ file: SourceFile) throws(ImportError) {
        let expected: SourceFile.GeometryKind = switch options.layer {
        case .districts, .streets, .communities, .parcels: .polygon
        case .roads: .line
        case .addresses, .components: .point
        }
        guard file.geometryKind == expected else {
            throw .data("\(file.path) holds \(file.geometryKind.rawValue) features; layer \(options.layer.rawValue) takes \(expected.rawValue)")
        }
    }

    private func requireFields(_ m: FieldMapping, path: String) throws(ImportError) {
        let required: [FieldRole] = switch options.layer {
        case .districts, .streets, .communities: [.name, .code]
        case .addresses: [.address]
        default: []
        }
        for role in required where m[role] == nil {
            throw .data("\(path): no field for the \(role.rawValue) of each feature; name it with --field \(role.rawValue)=FIELD")
        }
    }

    private func makeRecords(_ kept: [(feature: SourceFeature, geometry: Geometry)], mapping: FieldMapping,
                             path: String) throws(ImportError) -> LayerRecords {
        func text(_ f: SourceFeature, _ role: FieldRole) -> String? {
            mapping[role].flatMap { f.attributes[$0]?.text }?.trimmingCharacters(in: .whitespaces)
        }
        func code(_ f: SourceFeature, digits: Int) throws(ImportError) -> String {
            guard let c = text(f, .code), c.count == digits, c.isDigits else {
                throw .data("\(path): feature #\(f.index) has code \(text(f, .code) ?? "(none)"), expected \(digits) digits")
            }
            return c
        }
        // A `drafted` attribute (true or 1), as `export` writes it and SampleData's synthetic layers
        // carry it, keeps a drafted boundary marked drafted.
        func drafted(_ f: SourceFeature) -> Bool {
            guard let key = f.attributes.keys.first(where: { $0.lowercased() == "drafted" }) else { return false }
            switch f.attributes[key] {
            case .bool(let b): return b
            case .number(let n): return n == 1
            case .string(let s): return ["1", "true", "t", "y", "yes"].contains(s.lowercased())
            default: return false
            }
        }
        let start = options.startDate ?? LocalDate.today
        switch options.layer {
        case .districts:
            var out: [DistrictRecord] = []
            for (f, g) in kept { out.append(DistrictRecord(code: try code(f, digits: 6), name: text(f, .name) ?? "", geometry: g)) }
            return .districts(out)
        case .streets:
            var out: [StreetRecord] = []
            for (f, g) in kept {
                let c = try code(f, digits: 9)
                out.append(StreetRecord(code: c, name: text(f, .name) ?? "", districtCode: String(c.prefix(6)), geometry: g, drafted: drafted(f)))
            }
            return .streets(out)
        case .communities:
            var out: [CommunityRecord] = []
            for (f, g) in kept {
                let c = try code(f, digits: 12)
                out.append(CommunityRecord(code: c, name: text(f, .name) ?? "", streetCode: String(c.prefix(9)), geometry: g, drafted: drafted(f)))
            }
            return .communities(out)
        case .roads:
            return .roads(kept.map { RoadRecord(name: text($0.feature, .name) ?? "", roadClass: text($0.feature, .kind), geometry: $0.geometry) })
        case .parcels:
            return .parcels(kept.map { ParcelRecord(landUse: text($0.feature, .kind), geometry: $0.geometry) })
        case .addresses:
            return .addresses(kept.compactMap { k in
                guard case .point(let p) = k.geometry, let address = text(k.feature, .address) else { return nil }
                return AddressPointRecord(address: address, name: text(k.feature, .name), kind: text(k.feature, .kind), location: p)
            })
        case .components:
            // The class name is the catalogue's; the district and grid come from placing the point (`place`).
            let classCode = options.componentClass ?? ""
            let className = ledger?.catalog.componentClass(classCode)?.name ?? ""
            var out: [ComponentRecord] = []
            for k in kept {
                guard case .point(let p) = k.geometry else {
                    throw .data("\(path): feature #\(k.feature.index) is not a point")
                }
                let name = text(k.feature, .name).flatMap { $0.isEmpty ? nil : $0 } ?? className
                out.append(ComponentRecord(classCode: classCode, className: className, name: name, districtCode: "",
                                           location: p, dataSource: "导入 \((path as NSString).lastPathComponent)", startDate: start))
            }
            return .components(out)
        }
    }

    /// Files named directly, and every `.shp`/`.geojson` in a named folder (sorted, so runs repeat).
    static func expand(_ paths: [String]) throws(ImportError) -> [String] {
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw .missingInput("\(path): no such file or folder")
            }
            if isDir.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
                let found = names.filter { ["shp", "geojson"].contains(($0 as NSString).pathExtension.lowercased()) }
                guard !found.isEmpty else { throw .missingInput("\(path): no .shp or .geojson file in the folder") }
                out += found.map { (path as NSString).appendingPathComponent($0) }
            } else {
                out.append(path)
            }
        }
        guard !out.isEmpty else { throw .usage("no input file given") }
        return out
    }

    static func merge(_ parts: [LayerRecords], layer: LayerName) -> LayerRecords {
        func all<T>(_ pick: (LayerRecords) -> [T]?) -> [T] { parts.flatMap { pick($0) ?? [] } }
        switch layer {
        case .districts: return .districts(all { if case .districts(let r) = $0 { r } else { nil } })
        case .streets: return .streets(all { if case .streets(let r) = $0 { r } else { nil } })
        case .communities: return .communities(all { if case .communities(let r) = $0 { r } else { nil } })
        case .roads: return .roads(all { if case .roads(let r) = $0 { r } else { nil } })
        case .addresses: return .addresses(all { if case .addresses(let r) = $0 { r } else { nil } })
        case .parcels: return .parcels(all { if case .parcels(let r) = $0 { r } else { nil } })
        case .components: return .components(all { if case .components(let r) = $0 { r } else { nil } })
        }
    }
}

extension LocalDate {
    /// Today's date in UTC+8, the date Chinese city offices work in.
    static var today: LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
