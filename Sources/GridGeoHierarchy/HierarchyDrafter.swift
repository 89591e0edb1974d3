import Foundation
public import GridGeoCore
import GridGeoGEOS
import GridGeoGrids
public import GridGeoStore

/// What drafting did to one street: how many communities it got and how even they came out.
public struct DraftedStreetSummary: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var communities: Int
    /// False when the names list gave official 12-digit codes.
    public var provisionalCodes: Bool
    /// The smallest and largest community as a share of the street's mean community area, %.
    public var smallestPercentOfMean: Double
    public var largestPercentOfMean: Double
    /// Street area left out, m²: already covered by another street's communities (source streets
    /// that overlap), or crumbs under 1 m² that such an overlap leaves.
    public var excludedSquareMetres: Double
}

/// A street that was not drafted, and why.
public struct SkippedStreet: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var reason: String
}

/// What ``HierarchyDrafter/draftCommunities(names:streetCodes:)`` did.
public struct CommunityDraftReport: Hashable, Sendable, Codable {
    public var database: String
    public var drafted: [DraftedStreetSummary] = []
    public var skipped: [SkippedStreet] = []
    /// Notes for the user (no roads in the store, names-list streets missing from the store).
    public var warnings: [String] = []
    public var communityCount: Int { drafted.reduce(0) { $0 + $1.communities } }
}

/// A street drafted from a district and its official area.
public struct DraftedStreet: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var districtCode: String
    public var geometry: Geometry
    public var areaSquareMetres: Double
    /// The street's share of the district's area, as the area list asked, m².
    public var wantedSquareMetres: Double

    public var record: StreetRecord {
        StreetRecord(code: code, name: name, districtCode: districtCode, geometry: geometry, drafted: true)
    }
}

/// What ``HierarchyDrafter/draftStreets(areas:districtCode:)`` did.
public struct StreetDraftReport: Hashable, Sendable, Codable {
    public var database: String
    public var districtCode: String
    public var streets: [DraftedStreet]
    public var warnings: [String] = []
}

/// Drafts the parts of the hierarchy a delivery lacks, straight into the store: the communities of
/// streets that have none (from a names list), or the streets of a district (from their areas).
/// Drafted rows are marked `drafted`, and their codes are provisional unless the list gives official
/// ones. Each call writes in one transaction, or nothing.
///
/// Parts follow the store's roads (``Partitioner``). Drafted communities never overlap a community
/// already in the store or drafted before them: source street polygons that overlap a little (the
/// real Dongcheng delivery's do by up to 1.14 m²) would otherwise give overlapping grids.
///
/// Confined to the task that made it; it makes its own GEOS context.
public final class HierarchyDrafter {
    private let store: GridStore
    /// Called after each street with (streets done, streets to draft, the street's name).
    public var progress: (Int, Int, String) -> Void = { _, _, _ in }

    public init(store: GridStore) {
        self.store = store
    }

    /// Drafts the communities of streets that have none, as many per street as the names list
    /// gives, named in list order (positions are not surveyed: the pairing of names and parts is
    /// by order only). Codes: official ones from the list, in code order, else the street code +
    /// a drafted sequence, north to south, west to east.
    ///
    /// - Parameter streetCodes: only these streets; each must exist, have no communities and be in
    ///   the list. Empty: every street of the store that has none and is in the list.
    public func draftCommunities(names: CommunityNameList, streetCodes: [String] = []) throws(HierarchyError)
        -> CommunityDraftReport
    {
        var report = CommunityDraftReport(database: store.path)
        let streets: [StreetRecord], existing: [CommunityRecord], roads: [LineString]
        do {
            streets = try store.streets()
            existing = try store.communities()
            roads = try store.roads().flatMap { lines(of: $0.geometry) }
        } catch { throw .io("\(store.path): \(error)") }
        guard !streets.isEmpty else {
            throw .data("\(store.path) has no streets; import them first (geo-import import … --layer streets) "
                        + "or draft them (geo-import draft-streets)")
        }
        let known = Set(streets.map(\.code))
        for code in streetCodes where !known.contains(code) {
            throw .data("--street \(code): no such street in \(store.path)")
        }
        let withCommunities = Dictionary(grouping: existing, by: \.streetCode)
        var todo: [StreetRecord] = []
        for street in streets where streetCodes.isEmpty || streetCodes.contains(street.code) {
            if let have = withCommunities[street.code] {
                if !streetCodes.isEmpty {
                    throw .outputExists("street \(street.code) \(street.name) of \(store.path) already has "
                                        + "\(have.count) communities; nothing was drafted")
                }
                report.skipped.append(SkippedStreet(code: street.code, name: street.name,
                                                    reason: "has \(have.count) communities"))
            } else if names.entries(inStreet: street.code).isEmpty {
                if !streetCodes.isEmpty { throw .data("--street \(street.code): the names list has no communities for \(street.name)") }
                report.skipped.append(SkippedStreet(code: street.code, name: street.name, reason: "not in the names list"))
            } else {
                todo.append(street)
            }
        }
        let missing = Set(names.entries.map(\.streetCode)).subtracting(known).sorted()
        if !missing.isEmpty { report.warnings.append("the names list has streets not in the store: \(missing.joined(separator: ", "))") }
        if roads.isEmpty && !todo.isEmpty { report.warnings.append("no roads in the store: parts follow straight cuts only") }
        guard !todo.isEmpty else { return report }

        // One frame for the whole district, so drafts do not depend on which streets are drafted together.
        let frame = LocalFrame(around: streets.map(\.geometry.boundingBox).reduce(BoundingBox.empty) { $0.union($1) })
        let geos: GEOSContext
        do { geos = try GEOSContext() } catch { throw .io("GEOS: \(error)") }
        let roadBoxes = roads.map(\.boundingBox)
        var taken = existing.map(\.geometry)
        var drafted: [CommunityRecord] = []
        for (i, street) in todo.enumerated() {
            let list = names.entries(inStreet: street.code)
            guard list.count <= 999 else { throw .data("street \(street.code): \(list.count) communities; codes allow 999") }
            let hasCodes = list.contains { $0.code != nil }
            if hasCodes && list.contains(where: { $0.code == nil }) {
                throw .data("the names list gives codes for some communities of \(street.code) \(street.name) but not all")
            }
            do {
                let (region, excluded) = try regionLeft(of: street.geometry, besides: taken, frame: frame, geos: geos)
                let box = region.boundingBox.expanded(by: 0.001)
                let nearby = roads.indices.filter { roadBoxes[$0].intersects(box) }.map { roads[$0] }
                let parts = try Partitioner().draftParts(of: region, count: list.count, roads: nearby, frame: frame)
                let ordered = hasCodes ? list.sorted { $0.code! < $1.code! } : list
                for (k, part) in parts.enumerated() {
                    let code = try ordered[k].code ?? GridNumbering.code(prefix: street.code, sequence: k + 1)
                    drafted.append(CommunityRecord(code: code, name: ordered[k].name, streetCode: street.code,
                                                   geometry: part.geometry, drafted: true))
                    taken.append(part.geometry)
                }
                let areas = parts.map(\.areaSquareMetres)
                let mean = areas.reduce(0, +) / Double(areas.count)
                report.drafted.append(DraftedStreetSummary(
                    code: street.code, name: street.name, communities: parts.count, provisionalCodes: !hasCodes,
                    smallestPercentOfMean: areas.min()! / mean * 100, largestPercentOfMean: areas.max()! / mean * 100,
                    excludedSquareMetres: excluded))
            } catch let e as HierarchyError {
                throw e
            } catch {
                throw .data("street \(street.code) \(street.name): cannot draft \(list.count) communities: \(error)")
            }
            progress(i + 1, todo.count, street.name)
        }
        do { try store.insert(drafted) }
        catch { throw .data("\(store.path): the database refused the drafted communities, nothing was written: \(error)") }
        return report
    }

    /// Drafts the streets of a district that has none, each with its share of the district's area
    /// as the list gives it (the official areas, say), and stores them marked drafted.
    ///
    /// - Parameter districtCode: the district; may be omitted when the store has only one.
    public func draftStreets(areas: StreetAreaList, districtCode: String? = nil) throws(HierarchyError) -> StreetDraftReport {
        let districts: [DistrictRecord], roads: [LineString], existing: Int
        do {
            districts = try store.districts()
            roads = try store.roads().flatMap { lines(of: $0.geometry) }
            existing = try store.streets(inDistrict: districtCode).count
        } catch { throw .io("\(store.path): \(error)") }
        let district: DistrictRecord
        if let districtCode {
            guard let d = districts.first(where: { $0.code == districtCode }) else {
                throw .data("--district \(districtCode): no such district in \(store.path)")
            }
            district = d
        } else {
            guard let d = districts.first else {
                throw .data("\(store.path) has no district; import it first (geo-import import … --layer districts)")
            }
            guard districts.count == 1 else {
                throw .usage("\(store.path) has \(districts.count) districts; name one with --district")
            }
            district = d
        }
        guard existing == 0 else {
            throw .outputExists("district \(district.code) of \(store.path) already has \(existing) streets; nothing was drafted")
        }
        let entries = areas.entries.filter { $0.code.hasPrefix(district.code) }
        guard !entries.isEmpty else { throw .data("the area list has no streets of district \(district.code)") }
        var report = StreetDraftReport(database: store.path, districtCode: district.code, streets: [])
        let others = areas.entries.count - entries.count
        if others > 0 { report.warnings.append("\(others) streets of other districts in the area list were left out") }
        if roads.isEmpty { report.warnings.append("no roads in the store: streets follow straight cuts only") }
        report.streets = try Self.draftStreets(of: district, areas: entries, roads: roads)
        progress(1, 1, district.name)
        do { try store.insert(report.streets.map(\.record)) }
        catch { throw .data("\(store.path): the database refused the drafted streets, nothing was written: \(error)") }
        return report
    }

    /// The streets of a district drafted to their areas along `roads`, without a store: what
    /// ``draftStreets(areas:districtCode:)`` stores, and what the SampleData script writes to files.
    public static func draftStreets(of district: DistrictRecord, areas: [StreetAreaList.Entry],
                                    roads: [LineString]) throws(HierarchyError) -> [DraftedStreet] {
        for e in areas where !e.code.hasPrefix(district.code) || e.code.count != 9 {
            throw .data("street \(e.code) is not a 9-digit code of district \(district.code)")
        }
        let box = district.geometry.boundingBox
        let nearby = roads.filter { $0.boundingBox.intersects(box) }
        let parts: [DraftedPart]
        do {
            parts = try Partitioner().draftParts(of: district.geometry, areaShares: areas.map(\.areaSquareKilometres),
                                                 roads: nearby, frame: LocalFrame(around: box))
        } catch { throw .data("district \(district.code): cannot draft \(areas.count) streets: \(error)") }
        let total = parts.reduce(0) { $0 + $1.areaSquareMetres }
        let shareSum = areas.reduce(0) { $0 + $1.areaSquareKilometres }
        // By code, as the streets table lists them.
        return parts.map { part in
            let e = areas[part.shareIndex]
            return DraftedStreet(code: e.code, name: e.name, districtCode: district.code, geometry: part.geometry,
                                 areaSquareMetres: part.areaSquareMetres,
                                 wantedSquareMetres: total * e.areaSquareKilometres / shareSum)
        }.sorted { $0.code < $1.code }
    }

    /// `area` less what `taken` already covers and less crumbs under 1 m², and the area removed (m²).
    private func regionLeft(of area: Geometry, besides taken: [Geometry], frame: LocalFrame,
                            geos: GEOSContext) throws -> (Geometry, Double) {
        let box = area.boundingBox
        let near = taken.filter { $0.boundingBox.intersects(box) }
        guard !near.isEmpty else { return (area, 0) }
        let left = try geos.difference(area, try geos.union(near))
        var kept: [Polygon] = []
        for p in left.polygons where try geos.area(frame.toMetres(.polygon(p))) >= 1 { kept.append(p) }
        guard !kept.isEmpty else { throw HierarchyError.data("the street is wholly covered by other communities") }
        let region: Geometry = kept.count == 1 ? .polygon(kept[0]) : .multiPolygon(kept)
        let removed = try geos.area(frame.toMetres(area)) - (try geos.area(frame.toMetres(region)))
        return (removed < 1e-6 ? area : region, max(0, removed))
    }
}

/// The lines of a road geometry.
func lines(of geometry: Geometry) -> [LineString] {
    switch geometry {
    case .lineString(let l): [l]
    case .multiLineString(let ls): ls
    case .collection(let gs): gs.flatMap(lines)
    default: []
    }
}
