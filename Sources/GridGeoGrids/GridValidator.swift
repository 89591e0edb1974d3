import Foundation
import GridGeoCore
import GridGeoGEOS

/// Thresholds of ``GridValidator``.
public struct ValidationOptions: Hashable, Sendable {
    /// Gaps, overlaps and outside parts up to this area, m², are rounding, not problems.
    public var toleranceSquareMetres: Double = 0.01
    /// Grids smaller than this, m², are slivers.
    public var sliverAreaSquareMetres: Double = 1_000
    /// Grids less compact than this (4π·area / perimeter²: 1 for a disc, 0.785 for a square,
    /// 0.03 for a 10 × 1,000 m strip) are slivers.
    public var sliverCompactness: Double = 0.05
    /// A vertex this close to a neighbour's edge, in metres, must be one of its vertices.
    public var nodingToleranceMetres: Double = 0.001

    public init() {}
}

/// Checks a set of unit grids, built here or imported, against their communities.
///
/// Each grid belongs to the community named by its `communityCode`, else by the first 12 digits
/// of its code, else to the community around its interior point. Areas are measured in a
/// ``LocalFrame``. Reported: gaps, overlaps, grids outside their community, slivers, invalid
/// geometry, malformed, duplicate and misplaced codes, grids in no community, and shared edges
/// that are not noded.
public struct GridValidator: Sendable {
    public var options: ValidationOptions

    public init(options: ValidationOptions = ValidationOptions()) {
        self.options = options
    }

    public func validate(communities: [Community], grids: [UnitGrid], frame: LocalFrame? = nil) throws -> ValidationReport {
        let tolerance = options.toleranceSquareMetres
        let allBoxes = communities.map(\.geometry.boundingBox) + grids.map(\.geometry.boundingBox)
        let frame = frame ?? LocalFrame(around: allBoxes.reduce(BoundingBox.empty) { $0.union($1) })
        let geos = try GEOSContext()
        var problems: [GridProblem] = []

        func lonLat(_ p: Coordinate?) -> Coordinate? { p.map(frame.toLonLat) }
        func inside(_ g: Geometry) throws -> Coordinate? { lonLat(try geos.pointOnSurface(g)) }

        // Shapes in metres; invalid ones reported, then repaired so the overlays can run.
        var zones: [Geometry] = []
        for c in communities {
            let shape = frame.toMetres(c.geometry)
            zones.append(try geos.validityProblem(shape) == nil ? shape : try geos.makeValid(shape))
        }
        var shapes: [Geometry] = []
        for grid in grids {
            let shape = frame.toMetres(grid.geometry)
            if let problem = try geos.validityProblem(grid.geometry) {
                problems.append(GridProblem(kind: .invalidGeometry, location: problem.location, gridCodes: [grid.code],
                                            communityCode: grid.communityCode, areaSquareMetres: nil, detail: problem.reason))
                shapes.append(try geos.makeValid(shape))
            } else {
                shapes.append(shape)
            }
        }
        let boxes = shapes.map(\.boundingBox)

        // Codes.
        var codeCount: [String: Int] = [:]
        for grid in grids { codeCount[grid.code, default: 0] += 1 }
        for (i, grid) in grids.enumerated() {
            let digits = grid.code.count == 15 && grid.code.allSatisfy(\.isASCIIDigit)
            if !digits || grid.code.hasSuffix("000") {
                problems.append(GridProblem(kind: .malformedCode, location: try inside(shapes[i]), gridCodes: [grid.code],
                                            communityCode: grid.communityCode, areaSquareMetres: nil,
                                            detail: "not 15 digits with a sequence from 001"))
            }
            if codeCount[grid.code]! > 1 {
                problems.append(GridProblem(kind: .duplicateCode, location: try inside(shapes[i]), gridCodes: [grid.code],
                                            communityCode: grid.communityCode, areaSquareMetres: nil,
                                            detail: "\(codeCount[grid.code]!) grids have this code"))
            }
        }

        // Communities of grids.
        let zoneIndex = Dictionary(communities.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        var members = [[Int]](repeating: [], count: communities.count)
        for (i, grid) in grids.enumerated() {
            var zone = zoneIndex[grid.communityCode] ?? zoneIndex[String(grid.code.prefix(12))]
            if zone == nil, let p = try geos.pointOnSurface(shapes[i]) {
                zone = zones.indices.first { zones[$0].boundingBox.contains(p) && ringsContain(rings(of: zones[$0]), p) }
            }
            guard let zone else {
                problems.append(GridProblem(kind: .unassigned, location: try inside(shapes[i]), gridCodes: [grid.code],
                                            communityCode: nil, areaSquareMetres: nil, detail: "in no given community"))
                continue
            }
            members[zone].append(i)
            let code = communities[zone].code
            if !grid.code.hasPrefix(code) {
                problems.append(GridProblem(kind: .codeOutsideCommunity, location: try inside(shapes[i]), gridCodes: [grid.code],
                                            communityCode: code, areaSquareMetres: nil,
                                            detail: "code does not start with the community code \(code)"))
            }
        }

        // Gaps, overlap within each community, grids reaching outside.
        var coverage: [CommunityCoverage] = []
        var outside = [Bool](repeating: false, count: grids.count)
        var overlapping = [Bool](repeating: false, count: communities.count)
        for (z, community) in communities.enumerated() {
            let own = members[z].map { shapes[$0] }
            let union = own.isEmpty ? Geometry.multiPolygon([]) : try geos.union(own)
            let gap = try geos.difference(zones[z], union)
            var gapArea = 0.0
            for part in gap.polygons {
                let area = try geos.area(.polygon(part))
                gapArea += area
                if area > tolerance {
                    problems.append(GridProblem(kind: .gap, location: try inside(.polygon(part)), gridCodes: [],
                                                communityCode: community.code, areaSquareMetres: area,
                                                detail: "not covered by any grid of the community"))
                }
            }
            var outsideArea = 0.0
            for i in members[z] {
                let beyond = try geos.difference(shapes[i], zones[z])
                let area = try geos.area(beyond)
                outsideArea += area
                if area > tolerance {
                    outside[i] = true
                    problems.append(GridProblem(kind: .outsideCommunity, location: try inside(beyond), gridCodes: [grids[i].code],
                                                communityCode: community.code, areaSquareMetres: area,
                                                detail: "grid reaches outside its community"))
                }
            }
            let overlap = max(0, try own.reduce(0) { $0 + (try geos.area($1)) } - (try geos.area(union)))
            overlapping[z] = overlap > tolerance
            coverage.append(CommunityCoverage(communityCode: community.code, gridCount: members[z].count,
                                              gapSquareMetres: gapArea, overlapSquareMetres: overlap,
                                              outsideSquareMetres: outsideArea))
        }

        // Pairs of grids whose boxes meet: overlaps, where some can be, and noding everywhere.
        var zoneOf = [Int](repeating: -1, count: grids.count)
        for (z, list) in members.enumerated() { for i in list { zoneOf[i] = z } }
        let margin = options.nodingToleranceMetres
        let byWest = grids.indices.sorted { boxes[$0].minX != boxes[$1].minX ? boxes[$0].minX < boxes[$1].minX : $0 < $1 }
        let lonLatRings = grids.map { rings(of: $0.geometry) }
        let metricRings = lonLatRings.map { $0.map { $0.map(frame.toMetres) } }
        let lonLatVertices = grids.map { Set($0.geometry.allCoordinates) }
        // Vertices joined by a chain of edges shorter than the tolerance are one place in the
        // coverage (a very short edge where several grids meet), not a mismatch.
        var vertexNumber: [Coordinate: Int] = [:]
        for rings in lonLatRings { for ring in rings { for p in ring where vertexNumber[p] == nil { vertexNumber[p] = vertexNumber.count } } }
        var places = UnionFind(count: vertexNumber.count)
        for (g, rings) in lonLatRings.enumerated() {
            for (r, ring) in rings.enumerated() {
                for k in ring.indices.dropFirst() {
                    let a = metricRings[g][r][k - 1], b = metricRings[g][r][k]
                    if hypot(a.x - b.x, a.y - b.y) <= margin { places.union(vertexNumber[ring[k - 1]]!, vertexNumber[ring[k]]!) }
                }
            }
        }
        func samePlace(_ p: Coordinate, _ q: Coordinate) -> Bool {
            places.find(vertexNumber[p]!) == places.find(vertexNumber[q]!)
        }
        func communitiesOverlap(_ a: Int, _ b: Int) -> Bool {
            guard a >= 0, b >= 0 else { return true }
            return zones[a].boundingBox.intersects(zones[b].boundingBox)
                && ((try? geos.area(geos.intersection(zones[a], zones[b]))) ?? 1) > tolerance
        }
        var maxPairOverlap = 0.0
        for (k, i) in byWest.enumerated() {
            for j in byWest[(k + 1)...] {
                if boxes[j].minX > boxes[i].maxX + margin { break }
                guard boxes[i].expanded(by: margin).intersects(boxes[j]) else { continue }
                let sameZone = zoneOf[i] == zoneOf[j] && zoneOf[i] >= 0
                let mayOverlap = sameZone ? overlapping[zoneOf[i]] : (outside[i] || outside[j] || zoneOf[i] < 0 || zoneOf[j] < 0
                                                                      || communitiesOverlap(zoneOf[i], zoneOf[j]))
                if mayOverlap {
                    let common = try geos.intersection(shapes[i], shapes[j])
                    let area = try geos.area(common)
                    maxPairOverlap = max(maxPairOverlap, area)
                    if area > tolerance {
                        let (a, b) = (min(i, j), max(i, j))
                        problems.append(GridProblem(kind: .overlap, location: try inside(common),
                                                    gridCodes: [grids[a].code, grids[b].code],
                                                    communityCode: sameZone ? communities[zoneOf[i]].code : nil,
                                                    areaSquareMetres: area, detail: "grids overlap"))
                    }
                }
                for (a, b) in [(i, j), (j, i)] {
                    if let v = unnodedVertex(lonLatRings[a], metricRings[a], against: metricRings[b], lonLatRings[b],
                                             lonLatVertices[b], box: boxes[b], samePlace: samePlace) {
                        problems.append(GridProblem(kind: .nonNodedEdge, location: v, gridCodes: [grids[a].code, grids[b].code],
                                                    communityCode: zoneOf[a] >= 0 ? communities[zoneOf[a]].code : nil,
                                                    areaSquareMetres: nil,
                                                    detail: "vertex of the first grid on an edge of the second, not one of its vertices"))
                    }
                }
            }
        }

        // Slivers.
        for (i, grid) in grids.enumerated() {
            let area = try geos.area(shapes[i]), perimeter = try geos.length(shapes[i])
            let compactness = perimeter > 0 ? 4 * Double.pi * area / (perimeter * perimeter) : 0
            if area < options.sliverAreaSquareMetres || compactness < options.sliverCompactness {
                problems.append(GridProblem(kind: .sliver, location: try inside(shapes[i]), gridCodes: [grid.code],
                                            communityCode: zoneOf[i] >= 0 ? communities[zoneOf[i]].code : nil,
                                            areaSquareMetres: area,
                                            detail: "area \(Int(area)) m², compactness \((compactness * 1000).rounded() / 1000)"))
            }
        }

        problems.sort { a, b in
            let ka = GridProblem.Kind.allCases.firstIndex(of: a.kind)!, kb = GridProblem.Kind.allCases.firstIndex(of: b.kind)!
            if ka != kb { return ka < kb }
            if a.gridCodes != b.gridCodes { return a.gridCodes.lexicographicallyPrecedes(b.gridCodes) }
            return (a.communityCode ?? "") < (b.communityCode ?? "")
        }
        let maxOverlap = max(maxPairOverlap, coverage.map(\.overlapSquareMetres).max() ?? 0)
        return ValidationReport(gridCount: grids.count, communityCount: communities.count, problems: problems,
                                communities: coverage, maxGapSquareMetres: coverage.map(\.gapSquareMetres).max() ?? 0,
                                maxOverlapSquareMetres: maxOverlap)
    }

    /// The first vertex (lon/lat) of one grid that the other grid's outline misses by less than the
    /// noding tolerance: it lies inside one of the other's edges (a T-junction), or beside one of
    /// the other's vertices without being it or being joined to it by very short edges.
    private func unnodedVertex(_ lonLat: [[Coordinate]], _ metric: [[Coordinate]], against other: [[Coordinate]],
                               _ otherLonLat: [[Coordinate]], _ otherVertices: Set<Coordinate>, box: BoundingBox,
                               samePlace: (Coordinate, Coordinate) -> Bool) -> Coordinate? {
        let tolerance = options.nodingToleranceMetres
        let near = box.expanded(by: tolerance)
        for (r, ring) in metric.enumerated() {
            for (k, p) in ring.enumerated() where near.contains(p) && !otherVertices.contains(lonLat[r][k]) {
                for (e, edgeRing) in other.enumerated() {
                    for s in edgeRing.indices.dropFirst() {
                        let a = edgeRing[s - 1], b = edgeRing[s]
                        if a == b { continue }
                        let da = hypot(a.x - p.x, a.y - p.y)
                        if da <= tolerance {
                            if !samePlace(lonLat[r][k], otherLonLat[e][s - 1]) { return lonLat[r][k] }
                            continue
                        }
                        let dx = b.x - a.x, dy = b.y - a.y
                        let t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)
                        guard t > 0, t < 1, hypot(b.x - p.x, b.y - p.y) > tolerance else { continue }
                        if hypot(a.x + dx * t - p.x, a.y + dy * t - p.y) <= tolerance { return lonLat[r][k] }
                    }
                }
            }
        }
        return nil
    }
}

/// All rings of a polygonal geometry.
private func rings(of geometry: Geometry) -> [[Coordinate]] {
    geometry.polygons.flatMap { [$0.exterior.coordinates] + $0.holes.map(\.coordinates) }
}
