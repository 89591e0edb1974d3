import Foundation
public import GridGeoCore
import GridGeoGEOS

/// Settings of ``GridBuilder``. Shares are fractions of the target area.
public struct GridOptions: Hashable, Sendable {
    /// The area a unit grid should have, m² (万米: 10,000).
    public var targetAreaSquareMetres: Double = 10_000
    /// Blocks larger than this share are cut into round(area / target) parts.
    public var splitAboveShare: Double = 1.5
    /// Blocks less compact than this (4π × area / perimeter²) are strips, such as the space between
    /// the two carriageways of a road or between a road and a boundary: they are cut across into
    /// pieces about √target long, each of which then joins the block beside it.
    public var stripCompactness: Double = 0.15
    /// Pieces smaller than this share are merged into a neighbour.
    public var mergeBelowShare: Double = 0.5
    /// Merges that keep a grid within this share are preferred.
    public var preferredMaximumShare: Double = 1.5
    /// A merge beyond this share is made only for tiny pieces (below `tinyShare`) and slivers.
    public var hardMaximumShare: Double = 2.0
    /// Pieces below this share are always merged.
    public var tinyShare: Double = 0.1
    /// Pieces whose mean width (2 × area / perimeter) is below this, in metres, are slivers and merged.
    public var sliverWidthMetres: Double = 8
    /// Pieces less compact than this (4π × area / perimeter²: 0.785 for a square, 0.06 for a
    /// 20 × 1,000 m strip) are slivers too. Above ``ValidationOptions/sliverCompactness``.
    public var sliverCompactness: Double = 0.06
    /// Road vertices within this distance of a community boundary, in metres, move onto it.
    public var roadSnapMetres: Double = 5
    /// The grid all linework is snap-rounded to before noding, in metres.
    public var nodingGridMetres: Double = 1e-6

    public init() {}
}

/// Divides communities into unit grids (单元网格) of about the target area.
///
/// For each community:
/// 1. Its boundary and the roads clipped to it (road vertices near the boundary pulled onto it)
///    are snap-rounded and noded together; the faces of that linework are the blocks.
/// 2. Blocks above `splitAboveShare` × target are cut by straight cuts, across their longer axis,
///    into k = round(area / target) parts of equal area (``balancedCuts(of:parts:)``). Long strips
///    (compactness below `stripCompactness`) are cut across into pieces about √target long instead,
///    so that each piece joins the block beside it rather than the strip becoming a thin grid.
/// 3. Boundary, roads and cuts are noded once more, and the faces traced again.
/// 4. Pieces below `mergeBelowShare` × target, and slivers, are merged into the neighbour sharing
///    the longest edge, preferring merges that stay under `preferredMaximumShare` × target.
///    A community smaller than the target becomes one grid.
/// 5. Each group's outline is taken from the same noded edges, so neighbouring grids share every
///    vertex; input vertices come back within a micrometre (the noding grid).
/// 6. Grids are numbered per community by ``GridNumbering`` (rows of √target metres, north to
///    south, west to east within a row).
///
/// The output depends only on the input: the same call always gives byte-identical grids.
/// A builder is a value; each call makes its own GEOS context, so calls may run in parallel.
public struct GridBuilder: Sendable {
    public var options: GridOptions

    public init(options: GridOptions = GridOptions()) {
        self.options = options
    }

    /// The unit grids of one community, numbered.
    /// - Parameters:
    ///   - community: the community, lon/lat; its code must have 12 digits.
    ///   - roads: road centre lines in lon/lat; those outside the community are ignored.
    ///   - frame: the metric frame to work in; by default one centred on the community.
    public func grids(for community: Community, roads: [LineString], frame: LocalFrame? = nil) throws -> [UnitGrid] {
        try grids(for: [community], roads: roads, frame: frame)
    }

    /// The unit grids of several communities, built together so that grids on both sides of a
    /// shared community boundary have the same vertices there. The communities must not overlap
    /// (those drafted from one street by ``Partitioner`` never do).
    /// - Returns: grids community by community, in input order, each community's in code order.
    public func grids(for communities: [Community], roads: [LineString], frame: LocalFrame? = nil) throws -> [UnitGrid] {
        for c in communities where c.code.count != 12 || !c.code.allSatisfy(\.isASCIIDigit) {
            throw GridError.malformedCode(c.code)
        }
        guard !communities.isEmpty else { return [] }
        let target = options.targetAreaSquareMetres
        let box = communities.map(\.geometry.boundingBox).reduce(BoundingBox.empty) { $0.union($1) }
        let frame = frame ?? LocalFrame(around: box)
        let geos = try GEOSContext()
        var subdivision = try Subdivision(zones: communities.map(\.geometry), roads: roads, frame: frame,
                                          gridSize: options.nodingGridMetres,
                                          snapDistance: options.roadSnapMetres, geos: geos)

        // Cut large blocks, and long strips across, then node everything once more.
        var cuts: [LineString] = []
        for (f, face) in subdivision.faces.enumerated() {
            let zone = subdivision.zoneOf[f]
            guard zone >= 0, subdivision.zoneAreas[zone] >= target else { continue }
            let compactness = 4 * Double.pi * face.area / (face.perimeter * face.perimeter)
            let stripLength = face.perimeter / 2
            if compactness < options.stripCompactness && stripLength > 2 * target.squareRoot() {
                cuts += balancedCuts(of: face.rings, parts: Int((stripLength / target.squareRoot()).rounded()))
            } else if face.area > options.splitAboveShare * target {
                cuts += balancedCuts(of: face.rings, parts: Int((face.area / target).rounded()))
            }
        }
        try subdivision.add(cuts: cuts, geos: geos)

        // Merge small pieces and slivers, zone by zone.
        let faces = subdivision.faces
        let neighbours = subdivision.neighbours()
        let policy = MergePolicy(mergeBelow: options.mergeBelowShare * target,
                                 preferredMaximum: options.preferredMaximumShare * target,
                                 hardMaximum: options.hardMaximumShare * target,
                                 tinyArea: options.tinyShare * target,
                                 sliverWidth: options.sliverWidthMetres,
                                 sliverCompactness: options.sliverCompactness)
        let areas = faces.map(\.area), perimeters = faces.map(\.perimeter), centres = faces.map(\.box.center)
        var groupOf = [Int](repeating: -1, count: faces.count)
        var groupsOfZone: [[Int]] = []
        for zone in communities.indices {
            let members = subdivision.faces(inZone: zone)
            let roots: [Int]
            if subdivision.zoneAreas[zone] < target {
                roots = members.map { _ in members.first ?? 0 }
            } else {
                roots = mergeSmallFaces(members, areas: areas, perimeters: perimeters, centres: centres,
                                        neighbours: neighbours, policy: policy)
            }
            for (f, root) in zip(members, roots) { groupOf[f] = root }
            groupsOfZone.append(Array(Set(roots)).sorted())
        }

        // Outlines, numbering, lon/lat.
        let outlines = subdivision.outlines(groupOf: groupOf)
        var grids: [UnitGrid] = []
        for (zone, community) in communities.enumerated() {
            var shapes: [(polygons: [(exterior: [Int], holes: [[Int]])], area: Double, centroid: Coordinate)] = []
            for group in groupsOfZone[zone] {
                let polygons = subdivision.polygons(fromRings: outlines[group] ?? [])
                guard !polygons.isEmpty else { continue }
                let rings = polygons.flatMap { [$0.exterior] + $0.holes }.map { $0.map(subdivision.metres) }
                let moments = AreaMoments(rings: rings, reference: subdivision.zoneBoxes[zone].center)
                let area = moments.area * frame.areaScale(atNorthing: moments.centroid.y)
                shapes.append((polygons, area, moments.centroid))
            }
            let order = GridNumbering.order(of: shapes.map(\.centroid), northEdge: subdivision.zoneBoxes[zone].maxY,
                                            rowHeight: target.squareRoot())
            for (sequence, i) in order.enumerated() {
                let polygons = shapes[i].polygons.map(subdivision.lonLatPolygon)
                grids.append(UnitGrid(code: try GridNumbering.code(prefix: community.code, sequence: sequence + 1),
                                      communityCode: community.code,
                                      geometry: polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons),
                                      areaSquareMetres: shapes[i].area))
            }
        }
        return grids
    }
}
