import GridGeoCore
import GridGeoGEOS

/// Zones (the communities of a street, or one region to draft) cut into faces by their boundaries,
/// roads and planned cuts, in a local metric frame.
///
/// All linework is snap-rounded to `gridSize` and noded in one GEOS call, and the faces are traced
/// in Swift from that single edge set, so neighbouring faces share every vertex exactly. Groups of
/// faces are turned back into polygons from the same edges: nothing is ever unioned by GEOS, which
/// could move or drop shared vertices.
///
/// Zones must not overlap: a face belongs to the zone around its interior point.
struct Subdivision {
    let frame: LocalFrame
    let gridSize: Double
    /// Per zone: rings in metres (exteriors counter-clockwise, holes clockwise).
    let zoneRings: [[[Coordinate]]]
    let zoneBoxes: [BoundingBox]
    let zoneAreas: [Double]
    private(set) var graph: PlanarGraph
    /// The zone of each face, or -1 outside every zone (a hole).
    private(set) var zoneOf: [Int] = []
    /// The noded linework the graph was made from.
    private var noded: [LineString]

    /// - Parameters:
    ///   - zones: polygonal geometries in lon/lat.
    ///   - roads: centre lines in lon/lat; each is clipped to every zone it enters.
    ///   - snapDistance: road vertices this close to a zone boundary (metres) move onto it.
    init(zones: [Geometry], roads: [LineString], frame: LocalFrame, gridSize: Double,
         snapDistance: Double, geos: GEOSContext) throws {
        self.frame = frame
        self.gridSize = gridSize
        var zoneRings: [[[Coordinate]]] = []
        var zonePolygons: [Geometry] = []
        var lines: [LineString] = []

        // Zones: to metres, repaired if GEOS finds them invalid, rings oriented.
        for zone in zones {
            var metric = frame.toMetres(zone)
            if try geos.validityProblem(metric) != nil { metric = try geos.makeValid(metric) }
            let polygons = metric.polygons.map(\.rfc7946Oriented).filter { $0.planarArea > 0 }
            zonePolygons.append(.multiPolygon(polygons))
            let rings = polygons.flatMap { [$0.exterior.coordinates] + $0.holes.map(\.coordinates) }
            zoneRings.append(rings)
            for ring in rings { lines.append(LineString(ring)) }
        }
        self.zoneRings = zoneRings
        zoneBoxes = zoneRings.map { BoundingBox(covering: $0.flatMap { $0 }) }
        zoneAreas = zoneRings.map { $0.reduce(0) { $0 + doubleSignedArea($1) } / 2 }

        // Roads: clipped to each zone they enter, pulled onto its boundary where they run close.
        let metricRoads = roads.map { LineString($0.coordinates.map(frame.toMetres)) }
        let roadBoxes = metricRoads.map(\.boundingBox)
        for (z, polygon) in zonePolygons.enumerated() {
            let box = zoneBoxes[z]
            let candidates = metricRoads.indices.filter { roadBoxes[$0].intersects(box) }.map { metricRoads[$0] }
            guard !candidates.isEmpty else { continue }
            let clipped = try geos.intersection(.multiLineString(candidates), polygon)
            let snapping = BoundarySnapping(rings: zoneRings[z], distance: snapDistance)
            for line in Self.lineStrings(of: clipped) {
                if let s = snapping.snapped(line) { lines.append(s) }
            }
        }
        noded = try Self.node(lines, gridSize: gridSize, geos: geos)
        graph = PlanarGraph(lines: noded)
        assignZones()
    }

    /// Adds cut lines and nodes everything again.
    mutating func add(cuts: [LineString], geos: GEOSContext) throws {
        guard !cuts.isEmpty else { return }
        noded = try Self.node(noded + cuts, gridSize: gridSize, geos: geos)
        graph = PlanarGraph(lines: noded)
        assignZones()
    }

    private static func node(_ lines: [LineString], gridSize: Double, geos: GEOSContext) throws -> [LineString] {
        lineStrings(of: try geos.union([.multiLineString(lines)], gridSize: gridSize))
    }

    private static func lineStrings(of geometry: Geometry) -> [LineString] {
        switch geometry {
        case .lineString(let line): [line]
        case .multiLineString(let lines): lines
        case .collection(let members): members.flatMap(lineStrings(of:))
        default: []
        }
    }

    private mutating func assignZones() {
        zoneOf = graph.faces.map { face in
            guard let p = face.interiorPoint else { return -1 }
            return zoneBoxes.indices.first { zoneBoxes[$0].contains(p) && ringsContain(zoneRings[$0], p) } ?? -1
        }
    }

    // MARK: Faces and their neighbours

    var faces: [PlanarGraph.Face] { graph.faces }

    /// The faces of a zone, in face order.
    func faces(inZone zone: Int) -> [Int] {
        zoneOf.indices.filter { zoneOf[$0] == zone }
    }

    /// For each face, its neighbours in the same zone and the length of edge they share,
    /// sorted by neighbour.
    func neighbours() -> [[(face: Int, length: Double)]] {
        var shared: [(Int, Int, Double)] = []
        for h in 0..<graph.halfEdgeCount {
            let f = graph.faceOf[h], g = graph.faceOf[h ^ 1]
            guard f >= 0, g >= 0, f != g, zoneOf[f] >= 0, zoneOf[f] == zoneOf[g] else { continue }
            shared.append((f, g, graph.length(h)))
        }
        shared.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var result = [[(face: Int, length: Double)]](repeating: [], count: faces.count)
        for (f, g, length) in shared {
            if let last = result[f].last, last.face == g {
                result[f][result[f].count - 1].length += length
            } else {
                result[f].append((g, length))
            }
        }
        return result
    }

    // MARK: Back to polygons

    /// The outline of each group of faces, as metric polygons. `groupOf[f]` names the group of
    /// face `f` (any integer), or -1 for faces in no group.
    ///
    /// A group's outline is made of the half-edges whose far side is in another group; they are
    /// chained turning as sharply left as possible at every vertex, so a group touching itself at a
    /// point gives separate rings (a hole touching its exterior), as OGC validity wants.
    func outlines(groupOf: [Int]) -> [Int: [[Int]]] {
        let g = graph
        func group(_ h: Int) -> Int {
            let f = g.faceOf[h]
            return f >= 0 ? groupOf[f] : -1
        }
        var isBoundary = [Bool](repeating: false, count: g.halfEdgeCount)
        for h in 0..<g.halfEdgeCount where group(h) >= 0 && group(h) != group(h ^ 1) {
            isBoundary[h] = true
        }
        var used = [Bool](repeating: false, count: g.halfEdgeCount)
        var rings: [Int: [[Int]]] = [:]
        for start in 0..<g.halfEdgeCount where isBoundary[start] && !used[start] {
            let owner = group(start)
            var ring: [Int] = []
            var h = start
            repeat {
                used[h] = true
                ring.append(g.origin[h])
                // Clockwise from the way back, the first boundary half-edge of the same group.
                let v = g.target(h)
                let first = g.aroundStart[v], n = g.aroundStart[v + 1] - first
                var k = (g.slotOf(h ^ 1) + n - 1) % n
                while !(isBoundary[g.around[first + k]] && group(g.around[first + k]) == owner) {
                    k = (k + n - 1) % n
                }
                h = g.around[first + k]
            } while h != start
            ring.append(ring[0])
            rings[owner, default: []].append(ring)
        }
        return rings
    }

    /// Polygons from rings of vertex numbers: counter-clockwise rings are exteriors, clockwise
    /// rings holes of the exterior around them. Coordinates in metres.
    func polygons(fromRings rings: [[Int]]) -> [(exterior: [Int], holes: [[Int]])] {
        var exteriors: [(exterior: [Int], holes: [[Int]])] = []
        var holes: [[Int]] = []
        for ring in rings {
            if doubleSignedArea(ring.map { graph.points[$0] }) > 0 { exteriors.append((ring, [])) } else { holes.append(ring) }
        }
        for hole in holes {
            // The middle of a hole edge lies off every exterior, unlike its vertices, which may touch.
            let a = graph.points[hole[0]], b = graph.points[hole[1]]
            let probe = Coordinate(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
            var best = -1
            var bestArea = Double.infinity
            for (i, e) in exteriors.enumerated() {
                let ring = e.exterior.map { graph.points[$0] }
                let area = doubleSignedArea(ring)
                if area < bestArea && ringsContain([ring], probe) {
                    best = i
                    bestArea = area
                }
            }
            if best >= 0 { exteriors[best].holes.append(hole) }
        }
        return exteriors
    }

    /// The metric position of a vertex.
    func metres(_ vertex: Int) -> Coordinate { graph.points[vertex] }

    /// The lon/lat of a vertex. The frame is affine, so the lon/lat polygons are exactly as valid
    /// and as well noded as the metric ones; input vertices come back within a micrometre.
    func lonLat(_ vertex: Int) -> Coordinate {
        frame.toLonLat(graph.points[vertex])
    }

    /// A lon/lat polygon from vertex rings.
    func lonLatPolygon(_ rings: (exterior: [Int], holes: [[Int]])) -> Polygon {
        Polygon(exterior: Ring(rings.exterior.map(lonLat)), holes: rings.holes.map { Ring($0.map(lonLat)) })
    }
}
