import Foundation
public import GridGeoCore
import GridGeoGEOS

/// A part drafted by ``Partitioner``: a proposal, not a surveyed boundary.
public struct DraftedPart: Hashable, Sendable, Codable {
    /// The outline in lon/lat: a polygon, or a multipolygon when the region itself has separate parts.
    public var geometry: Geometry
    /// Ellipsoidal area, m² (the frame's area corrected by ``LocalFrame/areaScale(atNorthing:)``).
    public var areaSquareMetres: Double
    /// Which requested share this part was drafted for (an index into `areaShares`).
    public var shareIndex: Int
    /// Always true: marks the part as drafted.
    public var isDrafted: Bool

    public init(geometry: Geometry, areaSquareMetres: Double, shareIndex: Int) {
        self.geometry = geometry
        self.areaSquareMetres = areaSquareMetres
        self.shareIndex = shareIndex
        isDrafted = true
    }
}

/// Settings of ``Partitioner``.
public struct PartitionOptions: Hashable, Sendable {
    /// Blocks are cut into pieces of at most 1/`piecesPerPart` of the smallest part, so that parts
    /// can be balanced to a few per cent.
    public var piecesPerPart: Double = 25
    /// Road vertices within this distance of the region's boundary, in metres, move onto it.
    public var roadSnapMetres: Double = 5
    /// The grid all linework is snap-rounded to before noding, in metres.
    public var nodingGridMetres: Double = 1e-6

    public init() {}
}

/// Drafts a region's division into parts of given areas, along roads where it can: communities of
/// a street when only streets are known, or streets of a district.
///
/// 1. The region's boundary and its roads are noded into blocks; blocks larger than
///    1/`piecesPerPart` of the smallest part are cut into equal pieces (``balancedCuts(of:parts:)``).
/// 2. The pieces are bisected recursively: across the longer axis of the current set, ordered
///    by centroid along that axis, at the piece that best splits off the wanted share of area.
///    Part boundaries so run along roads or block cuts, never through a piece.
/// 3. A part left in separate pieces keeps its largest; the others join the neighbouring part
///    they share the longest boundary with.
/// 4. Pieces on the border of a part move to a neighbouring part while that brings the two closer
///    to their wanted areas, leaves the part in one piece and is held at least half as much by
///    the receiving part as by its own (so outlines stay short), fullest parts first.
/// 5. Parts come back ordered by ``GridNumbering`` (rows of √(mean part area) metres).
///
/// The parts tile the region exactly, with shared vertices, like grids. Same input, same output.
public struct Partitioner: Sendable {
    public var options: PartitionOptions

    public init(options: PartitionOptions = PartitionOptions()) {
        self.options = options
    }

    /// `count` parts of equal area, ordered north to south, west to east.
    public func draftParts(of region: Geometry, count: Int, roads: [LineString],
                           frame: LocalFrame? = nil) throws -> [DraftedPart] {
        guard count > 0 else { throw GridError.invalidRequest("count \(count)") }
        return try draftParts(of: region, areaShares: Array(repeating: 1, count: count), roads: roads, frame: frame)
    }

    /// One part per share, each with about `share / sum of shares` of the region's area (e.g. the
    /// official areas of a district's streets), ordered north to south, west to east.
    public func draftParts(of region: Geometry, areaShares: [Double], roads: [LineString],
                           frame: LocalFrame? = nil) throws -> [DraftedPart] {
        guard !areaShares.isEmpty, areaShares.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw GridError.invalidRequest("area shares \(areaShares)")
        }
        let frame = frame ?? LocalFrame(around: region.boundingBox)
        let geos = try GEOSContext()
        var subdivision = try Subdivision(zones: [region], roads: roads, frame: frame,
                                          gridSize: options.nodingGridMetres,
                                          snapDistance: options.roadSnapMetres, geos: geos)
        let total = subdivision.zoneAreas[0]
        guard total > 0 else { throw GridError.cannotPartition("the region has no area") }
        let shareSum = areaShares.reduce(0, +)

        // Fine enough pieces to balance with.
        let piece = total * areaShares.min()! / shareSum / options.piecesPerPart
        var cuts: [LineString] = []
        for (f, face) in subdivision.faces.enumerated() where subdivision.zoneOf[f] == 0 && face.area > 1.5 * piece {
            cuts += balancedCuts(of: face.rings, parts: Int((face.area / piece).rounded(.up)))
        }
        try subdivision.add(cuts: cuts, geos: geos)

        let members = subdivision.faces(inZone: 0)
        guard members.count >= areaShares.count else {
            throw GridError.cannotPartition("\(members.count) pieces for \(areaShares.count) parts")
        }
        let reference = subdivision.zoneBoxes[0].center
        let moments = subdivision.faces.map { AreaMoments(rings: $0.rings, reference: reference) }
        var partOf = [Int](repeating: -1, count: subdivision.faces.count)
        bisect(members, shares: Array(areaShares.indices), areaShares: areaShares, moments: moments, partOf: &partOf)
        let neighbours = subdivision.neighbours()
        reconnect(members, partOf: &partOf, areas: moments.map(\.area), neighbours: neighbours)
        balance(members, partOf: &partOf, wanted: areaShares.map { total * $0 / shareSum },
                areas: moments.map(\.area), neighbours: neighbours)

        // Outlines, ordered like grids.
        let outlines = subdivision.outlines(groupOf: partOf)
        var parts: [(part: DraftedPart, centroid: Coordinate)] = []
        for share in areaShares.indices {
            let polygons = subdivision.polygons(fromRings: outlines[share] ?? [])
            let rings = polygons.flatMap { [$0.exterior] + $0.holes }.map { $0.map(subdivision.metres) }
            let m = AreaMoments(rings: rings, reference: reference)
            let lonLat = polygons.map(subdivision.lonLatPolygon)
            let geometry: Geometry = lonLat.count == 1 ? .polygon(lonLat[0]) : .multiPolygon(lonLat)
            let area = m.area * frame.areaScale(atNorthing: m.centroid.y)
            parts.append((DraftedPart(geometry: geometry, areaSquareMetres: area, shareIndex: share), m.centroid))
        }
        let rowHeight = (total / Double(areaShares.count)).squareRoot()
        return GridNumbering.order(of: parts.map(\.centroid), northEdge: subdivision.zoneBoxes[0].maxY,
                                   rowHeight: rowHeight).map { parts[$0].part }
    }

    /// Drafts the communities of a street: `count` parts of equal area with provisional codes, the
    /// street's 9-digit code followed by the drafted sequence (north to south, west to east).
    public func draftCommunities(streetCode: String, boundary: Geometry, count: Int, roads: [LineString],
                                 frame: LocalFrame? = nil) throws -> [Community] {
        guard streetCode.count == 9, streetCode.allSatisfy(\.isASCIIDigit) else { throw GridError.malformedCode(streetCode) }
        let parts = try draftParts(of: boundary, count: count, roads: roads, frame: frame)
        return try parts.enumerated().map { i, part in
            Community(code: try GridNumbering.code(prefix: streetCode, sequence: i + 1), geometry: part.geometry,
                      isProvisional: true)
        }
    }

    /// Assigns `faces` to the parts of `shares` by recursive bisection along the longer axis.
    private func bisect(_ faces: [Int], shares: [Int], areaShares: [Double], moments: [AreaMoments],
                        partOf: inout [Int]) {
        if shares.count == 1 {
            for f in faces { partOf[f] = shares[0] }
            return
        }
        let lower = Array(shares.prefix(shares.count / 2)), upper = Array(shares.dropFirst(shares.count / 2))
        let total = faces.map { moments[$0] }.reduce(AreaMoments(reference: moments[faces[0]].reference), +)
        let wanted = total.area * lower.reduce(0) { $0 + areaShares[$1] } / shares.reduce(0) { $0 + areaShares[$1] }
        let angle = total.majorAxisAngle
        let u = Dictionary(uniqueKeysWithValues: faces.map { f in
            (f, moments[f].centroid.x * cos(angle) + moments[f].centroid.y * sin(angle))
        })
        let sorted = faces.sorted { u[$0]! != u[$1]! ? u[$0]! < u[$1]! : $0 < $1 }
        // The split point closest to the wanted area, leaving each side a piece per part.
        var best = lower.count, bestError = Double.infinity, sum = 0.0
        for (i, f) in sorted.enumerated() {
            sum += moments[f].area
            let m = i + 1
            guard m >= lower.count, m <= sorted.count - upper.count else { continue }
            if abs(sum - wanted) < bestError {
                bestError = abs(sum - wanted)
                best = m
            }
        }
        bisect(Array(sorted[..<best]), shares: lower, areaShares: areaShares, moments: moments, partOf: &partOf)
        bisect(Array(sorted[best...]), shares: upper, areaShares: areaShares, moments: moments, partOf: &partOf)
    }

    /// Keeps each part in one piece: smaller separate pieces join the neighbouring part they share
    /// the longest boundary with.
    private func reconnect(_ faces: [Int], partOf: inout [Int], areas: [Double],
                           neighbours: [[(face: Int, length: Double)]]) {
        for _ in 0..<8 {
            var changed = false
            // Pieces of each part: faces joined through shared edges within the part.
            var sets = UnionFind(count: partOf.count)
            for f in faces { for (g, _) in neighbours[f] where partOf[g] == partOf[f] { sets.union(f, g) } }
            var pieceArea = [Double](repeating: 0, count: partOf.count)
            for f in faces { pieceArea[sets.find(f)] += areas[f] }
            var mainPiece: [Int: Int] = [:]   // part → root of its largest piece
            for f in faces where sets.find(f) == f {
                let p = partOf[f]
                if let m = mainPiece[p], pieceArea[m] >= pieceArea[f] { continue }
                mainPiece[p] = f
            }
            for root in faces where sets.find(root) == root && mainPiece[partOf[root]] != root {
                let members = faces.filter { sets.find($0) == root }
                var border: [Int: Double] = [:]
                for f in members { for (g, length) in neighbours[f] where partOf[g] != partOf[root] { border[partOf[g], default: 0] += length } }
                guard let target = border.keys.sorted().max(by: { border[$0]! < border[$1]! }) else { continue }
                for f in members { partOf[f] = target }
                changed = true
            }
            if !changed { break }
        }
    }

    /// Evens out the parts: moves a piece from a part (fullest first) to a neighbouring part when the sum
    /// of squared relative deviations from the wanted areas drops, the part it leaves stays in one
    /// piece, and the piece shares at least half as much border with the receiving part as with its
    /// own. Pieces sharing the longest border with the receiving part go first.
    private func balance(_ faces: [Int], partOf: inout [Int], wanted: [Double], areas: [Double],
                         neighbours: [[(face: Int, length: Double)]]) {
        var partArea = [Double](repeating: 0, count: wanted.count)
        for f in faces { partArea[partOf[f]] += areas[f] }
        func deviation(_ area: Double, _ part: Int) -> Double {
            let d = area / wanted[part] - 1
            return d * d
        }
        for _ in 0..<faces.count {
            var moved = false
            let fullest = wanted.indices.sorted { a, b in
                let fa = partArea[a] / wanted[a], fb = partArea[b] / wanted[b]
                return fa != fb ? fa > fb : a < b
            }
            for p in fullest {
                let members = faces.filter { partOf[$0] == p }
                guard members.count > 1 else { continue }
                // Border pieces, with the part they would go to and the border they share with it.
                var moves: [(face: Int, part: Int, length: Double)] = []
                for f in members {
                    var border: [Int: Double] = [:]
                    var inside = 0.0
                    for (g, length) in neighbours[f] {
                        if partOf[g] == p { inside += length } else { border[partOf[g], default: 0] += length }
                    }
                    // Only pieces sharing at least half as much border with the other part as with
                    // their own, so outlines grow little and parts stay compact (measured on
                    // Dongcheng: balance within 97–102 %, better compactness than without).
                    for q in border.keys.sorted() where 2 * border[q]! >= inside { moves.append((f, q, border[q]!)) }
                }
                moves.sort { $0.length != $1.length ? $0.length > $1.length : ($0.face, $0.part) < ($1.face, $1.part) }
                for move in moves {
                    let a = areas[move.face], q = move.part
                    let before = deviation(partArea[p], p) + deviation(partArea[q], q)
                    let after = deviation(partArea[p] - a, p) + deviation(partArea[q] + a, q)
                    guard after < before - 1e-9, isConnected(members.filter { $0 != move.face }, neighbours) else { continue }
                    partOf[move.face] = q
                    partArea[p] -= a
                    partArea[q] += a
                    moved = true
                    break
                }
                if moved { break }
            }
            if !moved { break }
        }
    }

    /// Whether the faces form one piece through shared edges.
    private func isConnected(_ faces: [Int], _ neighbours: [[(face: Int, length: Double)]]) -> Bool {
        guard let first = faces.first else { return true }
        let inside = Set(faces)
        var seen: Set<Int> = [first]
        var stack = [first]
        while let f = stack.popLast() {
            for (g, _) in neighbours[f] where inside.contains(g) && !seen.contains(g) {
                seen.insert(g)
                stack.append(g)
            }
        }
        return seen.count == faces.count
    }
}
