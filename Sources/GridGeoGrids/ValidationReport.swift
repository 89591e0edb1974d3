public import GridGeoCore

/// One problem found in a grid set, with where it is.
public struct GridProblem: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Part of a community covered by none of its grids.
        case gap
        /// Two grids covering the same area.
        case overlap
        /// A grid reaching outside its community.
        case outsideCommunity
        /// A grid too small or too thin to be managed as one.
        case sliver
        /// A grid that is not a valid polygon (GEOS's reason in `detail`).
        case invalidGeometry
        /// A code that is not 15 digits, or has sequence 000.
        case malformedCode
        /// A code used by more than one grid.
        case duplicateCode
        /// A code that does not start with its community's 12-digit code.
        case codeOutsideCommunity
        /// A grid that lies in no given community.
        case unassigned
        /// Neighbouring grids whose shared edge is not noded: a vertex of one lies on (or within a
        /// millimetre of) the other's edge, or beside one of its vertices, without being one of them.
        case nonNodedEdge
    }

    public var kind: Kind
    /// Where, in lon/lat: a point inside the gap or overlap, on the offending vertex, or inside the grid.
    public var location: Coordinate?
    /// The grids involved.
    public var gridCodes: [String]
    public var communityCode: String?
    /// The area concerned, m², where there is one.
    public var areaSquareMetres: Double?
    public var detail: String

    public init(kind: Kind, location: Coordinate?, gridCodes: [String], communityCode: String?,
                areaSquareMetres: Double?, detail: String) {
        self.kind = kind
        self.location = location
        self.gridCodes = gridCodes
        self.communityCode = communityCode
        self.areaSquareMetres = areaSquareMetres
        self.detail = detail
    }
}

/// How well one community's grids tile it.
public struct CommunityCoverage: Hashable, Sendable, Codable {
    public var communityCode: String
    public var gridCount: Int
    /// Community area not covered by its grids, m².
    public var gapSquareMetres: Double
    /// Sum of the grid areas minus the area of their union, m².
    public var overlapSquareMetres: Double
    /// Grid area outside the community, m².
    public var outsideSquareMetres: Double

    public init(communityCode: String, gridCount: Int, gapSquareMetres: Double, overlapSquareMetres: Double,
                outsideSquareMetres: Double) {
        self.communityCode = communityCode
        self.gridCount = gridCount
        self.gapSquareMetres = gapSquareMetres
        self.overlapSquareMetres = overlapSquareMetres
        self.outsideSquareMetres = outsideSquareMetres
    }
}

/// What ``GridValidator`` found.
public struct ValidationReport: Hashable, Sendable, Codable {
    public var gridCount: Int
    public var communityCount: Int
    /// Problems in a stable order: by kind, then by grid code.
    public var problems: [GridProblem]
    /// Number of problems of each kind (by `Kind` raw value); kinds not found are absent.
    public var counts: [String: Int]
    public var communities: [CommunityCoverage]
    /// The largest uncovered area of one community, m².
    public var maxGapSquareMetres: Double
    /// The largest overlap, pairwise or within one community, m².
    public var maxOverlapSquareMetres: Double

    public var isValid: Bool { problems.isEmpty }

    public init(gridCount: Int, communityCount: Int, problems: [GridProblem], communities: [CommunityCoverage],
                maxGapSquareMetres: Double, maxOverlapSquareMetres: Double) {
        self.gridCount = gridCount
        self.communityCount = communityCount
        self.problems = problems
        self.communities = communities
        self.maxGapSquareMetres = maxGapSquareMetres
        self.maxOverlapSquareMetres = maxOverlapSquareMetres
        counts = [:]
        for p in problems { counts[p.kind.rawValue, default: 0] += 1 }
    }

    /// The problems of one kind.
    public func problems(_ kind: GridProblem.Kind) -> [GridProblem] {
        problems.filter { $0.kind == kind }
    }
}
