import Foundation
import GridGeoCore
import GridGeoGEOS
import GridGeoGrids
import Testing

// Evaluation on the real Dongcheng data (GCJ-02, ~42 km², 17 streets, 15,542 road segments),
// read in place from ../shared/data; it must never be copied into the repository.
// Slow in a debug build, so it runs only in release builds:
//
//     swift test -c release --scratch-path .build-release -Xswiftc -enable-testing --filter dongchengMeasurement
//
// (-enable-testing because the test targets use @testable import.)
//
// GRIDGEO_DONGCHENG_STREETS=安定门街道,前门街道 limits it to some streets; GRIDGEO_DONGCHENG=1 runs it in
// a debug build too.

private let data = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/data")
private let streetsFile = data.appendingPathComponent("dongcheng-caupd/gcj02/streets.geojson")
private let roadsFile = data.appendingPathComponent("dongcheng-caupd/gcj02/roads.geojson")
private let communitiesFile = data.appendingPathComponent("dongcheng/communities.csv")

/// Release builds, or any build with GRIDGEO_DONGCHENG set (e.g. with a few streets in debug).
private var isRelease: Bool {
    #if DEBUG
    ProcessInfo.processInfo.environment["GRIDGEO_DONGCHENG"] != nil
    #else
    true
    #endif
}

private var dataPresent: Bool {
    [streetsFile, roadsFile, communitiesFile].allSatisfy { FileManager.default.fileExists(atPath: $0.path) }
}

private struct Named: Codable, Hashable, Sendable {
    var name: String?
}

/// A street with its code, boundary and the number of communities it has.
private struct Street: Sendable {
    var code: String
    var name: String
    var boundary: Geometry
    var communityCount: Int
}

private func loadStreets() throws -> [Street] {
    let features = try JSONDecoder().decode(FeatureCollection<Named>.self, from: Data(contentsOf: streetsFile)).features
    var code: [String: String] = [:]
    var count: [String: Int] = [:]
    let lines = try String(contentsOf: communitiesFile, encoding: .utf8).split(separator: "\n").dropFirst()
    for line in lines {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        code[fields[1]] = fields[0]
        count[fields[1], default: 0] += 1
    }
    let only = ProcessInfo.processInfo.environment["GRIDGEO_DONGCHENG_STREETS"]?.split(separator: ",").map(String.init)
    return features.compactMap { f -> Street? in
        guard let name = f.properties.name, let c = code[name], let g = f.geometry else { return nil }
        if let only, !only.contains(name) { return nil }
        return Street(code: c, name: name, boundary: g, communityCount: count[name]!)
    }.sorted { $0.code < $1.code }
}

private func loadRoads() throws -> [LineString] {
    let features = try JSONDecoder().decode(FeatureCollection<Named>.self, from: Data(contentsOf: roadsFile)).features
    return features.compactMap { f in
        if case .lineString(let l) = f.geometry { return l }
        return nil
    }
}

/// Drafts each street's communities, then builds their grids; two streets at a time.
private func buildDongcheng(_ streets: [Street], roads: [LineString], frame: LocalFrame) async throws
    -> [(street: Street, communities: [Community], grids: [UnitGrid])] {
    let boxes = roads.map(\.boundingBox)
    return try await withThrowingTaskGroup(of: (Int, [Community], [UnitGrid]).self) { group in
        var next = 0
        func start() {
            let i = next
            next += 1
            let street = streets[i]
            let box = street.boundary.boundingBox.expanded(by: 0.001)
            let nearby = roads.indices.filter { boxes[$0].intersects(box) }.map { roads[$0] }
            group.addTask {
                let communities = try Partitioner().draftCommunities(streetCode: street.code, boundary: street.boundary,
                                                                     count: street.communityCount, roads: nearby, frame: frame)
                let grids = try GridBuilder().grids(for: communities, roads: nearby, frame: frame)
                return (i, communities, grids)
            }
        }
        for _ in 0..<min(2, streets.count) { start() }
        var results: [(Int, [Community], [UnitGrid])] = []
        while let r = try await group.next() {
            results.append(r)
            if next < streets.count { start() }
        }
        return results.sorted { $0.0 < $1.0 }.map { (streets[$0.0], $0.1, $0.2) }
    }
}

@Test(.enabled(if: dataPresent && isRelease, "needs ../shared/data and a release build"))
func dongchengMeasurement() async throws {
    let streets = try loadStreets()
    let roads = try loadRoads()
    let frame = LocalFrame(around: streets.map(\.boundary.boundingBox).reduce(BoundingBox.empty) { $0.union($1) })

    let clock = ContinuousClock()
    let started = clock.now
    let built = try await buildDongcheng(streets, roads: roads, frame: frame)
    let elapsed = clock.now - started

    let grids = built.flatMap(\.grids)
    let areas = grids.map(\.areaSquareMetres).sorted()
    let median = areas.isEmpty ? 0 : areas[areas.count / 2]
    let inRange = Double(areas.filter { $0 >= 5_000 && $0 <= 20_000 }.count) / Double(max(1, areas.count))
    print("Dongcheng: \(streets.count) streets, \(built.map(\.communities.count).reduce(0, +)) communities, "
          + "\(grids.count) grids in \(elapsed)")
    print("grid area: median \(Int(median)) m², min \(Int(areas.first ?? 0)), max \(Int(areas.last ?? 0)), "
          + "5,000–20,000 m²: \(String(format: "%.1f", inRange * 100)) %")
    let bins = [0.0, 5_000, 7_500, 10_000, 12_500, 15_000, 20_000, .infinity]
    print("histogram (m²): " + zip(bins, bins.dropFirst()).map { low, high in
        "[\(Int(low.isFinite ? low : 0)), \(high.isFinite ? String(Int(high)) : "∞")): \(areas.filter { $0 >= low && $0 < high }.count)"
    }.joined(separator: ", "))
    let geos = try GEOSContext()
    for b in built {
        let sizes = try b.communities.map { try geos.area(frame.toMetres($0.geometry)) }
        let mean = sizes.reduce(0, +) / Double(sizes.count)
        print("  \(b.street.name): \(sizes.count) communities (area \(Int(sizes.min()! / mean * 100))–\(Int(sizes.max()! / mean * 100)) % of mean \(Int(mean)) m²), \(b.grids.count) grids")
    }
    // How far the source street polygons themselves are from a coverage.
    var streetOverlap = 0.0
    let shapes = streets.map { frame.toMetres($0.boundary) }
    for i in shapes.indices { for j in shapes.indices where j > i && shapes[i].boundingBox.intersects(shapes[j].boundingBox) {
        streetOverlap = max(streetOverlap, try geos.area(geos.intersection(shapes[i], shapes[j])))
    } }
    print("source streets: largest pairwise overlap \(streetOverlap) m²")

    // GRIDGEO_DUMP=dir writes the drafted communities and grids as GeoJSON there, to look at.
    if let dir = ProcessInfo.processInfo.environment["GRIDGEO_DUMP"] {
        struct Code: Codable, Hashable, Sendable { var code: String }
        let encoder = JSONEncoder()
        try encoder.encode(FeatureCollection(features: built.flatMap(\.communities).map {
            Feature(geometry: $0.geometry, properties: Code(code: $0.code))
        })).write(to: URL(fileURLWithPath: dir).appendingPathComponent("communities.geojson"))
        try encoder.encode(FeatureCollection(features: grids.map {
            Feature(geometry: $0.geometry, properties: Code(code: $0.code))
        })).write(to: URL(fileURLWithPath: dir).appendingPathComponent("grids.geojson"))
    }

    // Exactness: per community, validated by the validator in the same frame.
    let communities = built.flatMap(\.communities)
    let report = try GridValidator().validate(communities: communities, grids: grids, frame: frame)
    print("validation: \(report.counts.sorted { $0.key < $1.key })")
    print("max gap \(report.maxGapSquareMetres) m², max overlap \(report.maxOverlapSquareMetres) m²")
    let worstGap = report.communities.map(\.gapSquareMetres).max() ?? 0
    let worstOverlapWithin = report.communities.map(\.overlapSquareMetres).max() ?? 0
    print("per community: max gap \(worstGap) m², max overlap within \(worstOverlapWithin) m²")
    for kind in [GridProblem.Kind.overlap, .nonNodedEdge, .sliver, .invalidGeometry] {
        let found = report.problems(kind)
        let sameStreet = found.filter { Set($0.gridCodes.map { $0.prefix(9) }).count == 1 }
        let sameCommunity = found.filter { Set($0.gridCodes.map { $0.prefix(12) }).count == 1 }
        print("\(kind): \(found.count), within a street \(sameStreet.count), within a community \(sameCommunity.count)")
        for p in found.prefix(3) { print("   ", p.gridCodes, p.location.map { "\($0)" } ?? "-", p.areaSquareMetres ?? 0, p.detail) }
        if kind == .nonNodedEdge, ProcessInfo.processInfo.environment["GRIDGEO_DEBUG"] != nil {
            for p in sameCommunity.prefix(5) {
                let a = grids.first { $0.code == p.gridCodes[0] }!, b = grids.first { $0.code == p.gridCodes[1] }!
                let v = frame.toMetres(p.location!)
                let bv = b.geometry.allCoordinates.map(frame.toMetres)
                var best = Double.infinity
                for i in bv.indices.dropFirst() {
                    let s = bv[i - 1], e = bv[i]
                    let dx = e.x - s.x, dy = e.y - s.y
                    let t = max(0, min(1, ((v.x - s.x) * dx + (v.y - s.y) * dy) / (dx * dx + dy * dy)))
                    best = min(best, hypot(s.x + dx * t - v.x, s.y + dy * t - v.y))
                }
                let nearestVertex = bv.map { hypot($0.x - v.x, $0.y - v.y) }.min()!
                print("      distance to edge \(best) m, to nearest vertex \(nearestVertex) m; areas \(a.areaSquareMetres) \(b.areaSquareMetres)")
            }
        }
    }
    // Per community: exact tiling. Between streets, overlaps come from the source street polygons.
    #expect(worstGap <= 0.01)
    #expect(worstOverlapWithin <= 0.01)
    #expect(report.problems(.overlap).allSatisfy { Set($0.gridCodes.map { $0.prefix(9) }).count > 1 })

    // Determinism: a second run gives the same grids.
    let again = try await buildDongcheng(streets, roads: roads, frame: frame)
    #expect(again.flatMap(\.grids) == grids)
}
