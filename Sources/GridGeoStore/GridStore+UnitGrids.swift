public import GridGeoCore
import GridGeoSpatiaLite

/// 单元网格 A unit grid as it is valid in one grid version.
public struct UnitGridRecord: Hashable, Sendable {
    /// 15 digits: the community code + a 3-digit sequence (DB11). Kept across re-divisions when
    /// a grid is unchanged, so (code, version) identifies a row.
    public var code: String
    /// Boundary in CGCS2000 lon/lat; stored and read back as a multipolygon.
    public var geometry: Geometry
    /// 面积 in m². Leave nil to have SpatiaLite compute it on the CGCS2000 ellipsoid.
    public var areaSquareMetres: Double?
    /// 用地类别代码 (DB11 table C.1).
    public var landUseCode: String?
    /// 管理等级代码 (DB11 table C.2).
    public var managementLevel: String?
    /// 责任主体.
    public var responsibleBody: String?
    /// The grid version it belongs to; set by the store.
    public internal(set) var version: Int?
    /// 初始时间: the first day it is valid; set by the store from its version.
    public internal(set) var startDate: LocalDate?
    /// 终止日期: the first day it is no longer valid (exclusive); nil while current.
    public internal(set) var endDate: LocalDate?

    /// The 12-digit code of its community (the code's prefix).
    public var communityCode: String { String(code.prefix(12)) }

    public init(code: String, geometry: Geometry, areaSquareMetres: Double? = nil, landUseCode: String? = nil,
                managementLevel: String? = nil, responsibleBody: String? = nil) {
        self.code = code
        self.geometry = geometry
        self.areaSquareMetres = areaSquareMetres
        self.landUseCode = landUseCode
        self.managementLevel = managementLevel
        self.responsibleBody = responsibleBody
    }

    /// Whether the grid is valid on `date`: start ≤ date < end.
    public func isValid(on date: LocalDate) -> Bool {
        guard let startDate, startDate <= date else { return false }
        return endDate.map { date < $0 } ?? true
    }
}

/// 网格版本 One complete division of the area into unit grids.
public struct GridVersion: Hashable, Sendable {
    public let version: Int
    /// When it was published, UTC (`YYYY-MM-DDTHH:MM:SSZ`).
    public let created: String
    public let note: String
    /// The first day it is valid.
    public let startDate: LocalDate
    /// The first day it is no longer valid (the next version's start); nil while current.
    public let endDate: LocalDate?
}

extension GridStore {
    /// Publishes a re-division: `grids` become a new version valid from `startDate`, and the
    /// current version and its grids are end-dated to `startDate`, all in one transaction.
    /// Earlier versions stay in the file as history.
    ///
    /// - Throws: `GridStoreError.emptyGridVersion`, `.gridVersionNotAfterCurrent`,
    ///   `.wrongGeometryType`, or `SpatiaLiteError` (`.constraint`) for a malformed or duplicate
    ///   code or a missing community; nothing is written then.
    @discardableResult
    public func publishGridVersion(_ grids: [UnitGridRecord], startDate: LocalDate, note: String = "") throws
        -> GridVersion
    {
        guard !grids.isEmpty else { throw GridStoreError.emptyGridVersion }
        return try queue.write { db in
            if let current = try db.currentGridVersion(), current.startDate >= startDate {
                throw GridStoreError.gridVersionNotAfterCurrent(start: startDate, currentStart: current.startDate)
            }
            // 1. End-date the current version and its grids.
            try db.execute("UPDATE unit_grids SET end_date = ?1 WHERE end_date IS NULL", [startDate.sqlValue])
            try db.execute("UPDATE grid_versions SET end_date = ?1 WHERE end_date IS NULL", [startDate.sqlValue])
            // 2. Open the new version.
            try db.execute("INSERT INTO grid_versions (note, start_date) VALUES (?, ?)", [.text(note), startDate.sqlValue])
            let version = Int(db.lastInsertRowID)
            // 3. Its grids, with missing areas computed on the ellipsoid by SpatiaLite.
            try db.insert(grids.map { grid in
                var grid = grid
                grid.version = version
                grid.startDate = startDate
                grid.endDate = nil
                return grid
            })
            try db.execute("UPDATE unit_grids SET area_m2 = ST_Area(geometry, 1) WHERE version = ? AND area_m2 IS NULL",
                           [.integer(Int64(version))])
            return try db.gridVersions(where: "WHERE version = ?", [.integer(Int64(version))])[0]
        }
    }

    /// Every grid version, oldest first.
    public func gridVersions() throws -> [GridVersion] {
        try queue.read { db in try db.gridVersions(where: "") }
    }

    /// The open version, if any grids were published.
    public func currentGridVersion() throws -> GridVersion? {
        try queue.read { db in try db.currentGridVersion() }
    }

    /// The unit grids valid on `date` (start ≤ date < end), by code.
    public func unitGrids(on date: LocalDate) throws -> [UnitGridRecord] {
        try queue.read { db in
            try db.select(UnitGridRecord.self,
                          "WHERE start_date <= ?1 AND (end_date IS NULL OR ?1 < end_date) ORDER BY code",
                          [date.sqlValue])
        }
    }

    /// Every grid code published in any version, current or retired. A re-division numbers new
    /// grids after these, so a code never names two different shapes.
    public func publishedGridCodes() throws -> Set<String> {
        try queue.read { db in
            Set(try db.query("SELECT DISTINCT code FROM unit_grids") { row in try row.column(0, as: String.self) })
        }
    }

    /// The unit grids of one version, by code.
    public func unitGrids(version: Int) throws -> [UnitGridRecord] {
        try queue.read { db in
            try db.select(UnitGridRecord.self, "WHERE version = ? ORDER BY code", [.integer(Int64(version))])
        }
    }

    /// The unit grid valid on `date` that covers `point`, found through the spatial index
    /// (SpatiaLite R*Tree + `ST_Covers` in SQL, a read transaction and a prepared statement per call:
    /// some 0.4 ms on the 2-core development machine, see docs/benchmarks.md).
    ///
    /// Boundary rule: a grid covers the points on its boundary, so a point on an edge shared by
    /// two grids is covered by both; the lower code wins, so the answer is deterministic.
    /// **This differs from `GridDirectory` (GridGeoLookup) and `GridLocator`**, whose half-open rule
    /// gives such a point to the grid east of the edge (north of a horizontal edge): on a shared
    /// edge or vertex the two can name different grids; everywhere else they agree. Services look
    /// points up with `GridDirectory`; this query is for ad-hoc use and is the SQL baseline of the
    /// lookup benchmarks.
    public func unitGrid(containing point: Coordinate, on date: LocalDate) throws -> UnitGridRecord? {
        try queue.read { db in
            try db.select(UnitGridRecord.self, """
                WHERE start_date <= ?3 AND (end_date IS NULL OR ?3 < end_date)
                  AND ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'unit_grids'
                                AND f_geometry_column = 'geometry' AND search_frame = MakePoint(?1, ?2, \(GridStore.srid)))
                  AND ST_Covers(geometry, MakePoint(?1, ?2, \(GridStore.srid)))
                ORDER BY code LIMIT 1
                """, [.real(point.x), .real(point.y), date.sqlValue]).first
        }
    }
}

extension Connection {
    func gridVersions(where clause: String, _ parameters: [SQLValue] = []) throws -> [GridVersion] {
        try query("SELECT version, created, note, start_date, end_date FROM grid_versions \(clause) ORDER BY version",
                  parameters) { row in
            GridVersion(version: try row.column(0), created: try row.column(1), note: try row.column(2),
                        startDate: try row.column(3), endDate: try row.column(4))
        }
    }

    func currentGridVersion() throws -> GridVersion? {
        try gridVersions(where: "WHERE end_date IS NULL").first
    }
}

extension UnitGridRecord: FeatureRecord {
    static let table = "unit_grids"
    static let geometryType = GeometryType.multiPolygon
    static let attributeColumns = ["code", "community_code", "version", "start_date", "end_date", "area_m2",
                                   "land_use_code", "management_level", "responsible_body"]
    var attributeValues: [SQLValue] {
        [.text(code), .text(communityCode), version.sqlValue, startDate.sqlValue, endDate.sqlValue,
         areaSquareMetres.sqlValue, landUseCode.sqlValue, managementLevel.sqlValue, responsibleBody.sqlValue]
    }
    var featureGeometry: Geometry { geometry }

    init(row: Row, geometry: Geometry) throws {
        self.init(code: try row.column(0), geometry: geometry, areaSquareMetres: try row.column(5),
                  landUseCode: try row.column(6), managementLevel: try row.column(7),
                  responsibleBody: try row.column(8))
        version = try row.column(2)
        startDate = try row.column(3)
        endDate = try row.column(4)
    }
}
