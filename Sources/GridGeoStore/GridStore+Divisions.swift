public import GridGeoCore
import GridGeoSpatiaLite

/// 区 A district.
public struct DistrictRecord: Hashable, Sendable {
    /// GB/T 2260 county-level code, 6 digits (110101 东城区).
    public var code: String
    public var name: String
    /// Boundary in CGCS2000 lon/lat; stored and read back as a multipolygon.
    public var geometry: Geometry

    public init(code: String, name: String, geometry: Geometry) {
        self.code = code
        self.name = name
        self.geometry = geometry
    }
}

/// 街道 A street (乡镇).
public struct StreetRecord: Hashable, Sendable {
    /// 9 digits: the district code + 3.
    public var code: String
    public var name: String
    public var districtCode: String
    /// Boundary in CGCS2000 lon/lat; stored and read back as a multipolygon.
    public var geometry: Geometry
    /// True when the boundary was drafted (e.g. from unit grids) rather than taken from an official source.
    public var drafted: Bool

    public init(code: String, name: String, districtCode: String, geometry: Geometry, drafted: Bool = false) {
        self.code = code
        self.name = name
        self.districtCode = districtCode
        self.geometry = geometry
        self.drafted = drafted
    }
}

/// 社区 A community (村).
public struct CommunityRecord: Hashable, Sendable {
    /// 12 digits: the street code + 3.
    public var code: String
    public var name: String
    public var streetCode: String
    /// Boundary in CGCS2000 lon/lat; stored and read back as a multipolygon.
    public var geometry: Geometry
    /// True for a provisional (drafted) boundary.
    public var drafted: Bool

    public init(code: String, name: String, streetCode: String, geometry: Geometry, drafted: Bool = false) {
        self.code = code
        self.name = name
        self.streetCode = streetCode
        self.geometry = geometry
        self.drafted = drafted
    }
}

extension GridStore {
    /// Inserts districts, all or none.
    /// - Throws: `SpatiaLiteError` (`.constraint`) for a malformed or duplicate code.
    public func insert(_ districts: [DistrictRecord]) throws {
        try queue.write { db in try db.insert(districts) }
    }

    /// All districts, by code.
    public func districts() throws -> [DistrictRecord] {
        try queue.read { db in try db.select(DistrictRecord.self, "ORDER BY code") }
    }

    /// Inserts streets, all or none. Each street's district must exist and prefix its code.
    public func insert(_ streets: [StreetRecord]) throws {
        try queue.write { db in try db.insert(streets) }
    }

    /// Streets by code, optionally only those of one district.
    public func streets(inDistrict districtCode: String? = nil) throws -> [StreetRecord] {
        try queue.read { db in
            try db.select(StreetRecord.self, "WHERE ?1 IS NULL OR district_code = ?1 ORDER BY code",
                          [districtCode.sqlValue])
        }
    }

    /// Inserts communities, all or none. Each community's street must exist and prefix its code.
    public func insert(_ communities: [CommunityRecord]) throws {
        try queue.write { db in try db.insert(communities) }
    }

    /// Communities by code, optionally only those of one street.
    public func communities(inStreet streetCode: String? = nil) throws -> [CommunityRecord] {
        try queue.read { db in
            try db.select(CommunityRecord.self, "WHERE ?1 IS NULL OR street_code = ?1 ORDER BY code",
                          [streetCode.sqlValue])
        }
    }
}

extension DistrictRecord: FeatureRecord {
    static let table = "districts"
    static let geometryType = GeometryType.multiPolygon
    static let attributeColumns = ["code", "name"]
    var attributeValues: [SQLValue] { [.text(code), .text(name)] }
    var featureGeometry: Geometry { geometry }

    init(row: Row, geometry: Geometry) throws {
        self.init(code: try row.column(0), name: try row.column(1), geometry: geometry)
    }
}

extension StreetRecord: FeatureRecord {
    static let table = "streets"
    static let geometryType = GeometryType.multiPolygon
    static let attributeColumns = ["code", "name", "district_code", "drafted"]
    var attributeValues: [SQLValue] { [.text(code), .text(name), .text(districtCode), drafted.sqlValue] }
    var featureGeometry: Geometry { geometry }

    init(row: Row, geometry: Geometry) throws {
        self.init(code: try row.column(0), name: try row.column(1), districtCode: try row.column(2),
                  geometry: geometry, drafted: try row.column(3))
    }
}

extension CommunityRecord: FeatureRecord {
    static let table = "communities"
    static let geometryType = GeometryType.multiPolygon
    static let attributeColumns = ["code", "name", "street_code", "drafted"]
    var attributeValues: [SQLValue] { [.text(code), .text(name), .text(streetCode), drafted.sqlValue] }
    var featureGeometry: Geometry { geometry }

    init(row: Row, geometry: Geometry) throws {
        self.init(code: try row.column(0), name: try row.column(1), streetCode: try row.column(2),
                  geometry: geometry, drafted: try row.column(3))
    }
}
