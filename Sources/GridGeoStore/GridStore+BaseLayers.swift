public import GridGeoCore
import GridGeoSpatiaLite

/// 道路 A road centre line.
public struct RoadRecord: Hashable, Sendable {
    public var name: String
    /// 道路等级, as the source names it (e.g. 主干路, 次干路, 支路).
    public var roadClass: String?
    /// A line or multiline in CGCS2000 lon/lat; read back as a multiline.
    public var geometry: Geometry

    public init(name: String, roadClass: String? = nil, geometry: Geometry) {
        self.name = name
        self.roadClass = roadClass
        self.geometry = geometry
    }
}

/// 地址点 An address point: a door plate (门牌) or point of interest.
public struct AddressPointRecord: Hashable, Sendable {
    /// The full address text (e.g. 北京市东城区东华门街道王府井大街1号).
    public var address: String
    public var name: String?
    /// e.g. 门牌, 楼栋, 兴趣点.
    public var kind: String?
    /// CGCS2000 lon/lat.
    public var location: Coordinate

    public init(address: String, name: String? = nil, kind: String? = nil, location: Coordinate) {
        self.address = address
        self.name = name
        self.kind = kind
        self.location = location
    }
}

extension GridStore {
    /// Inserts roads, all or none.
    public func insert(_ roads: [RoadRecord]) throws {
        try queue.write { db in try db.insert(roads) }
    }

    /// Roads by name, optionally only those with this exact name.
    public func roads(named name: String? = nil) throws -> [RoadRecord] {
        try queue.read { db in
            try db.select(RoadRecord.self, "WHERE ?1 IS NULL OR name = ?1 ORDER BY name, id", [name.sqlValue])
        }
    }

    /// Inserts address points, all or none.
    public func insert(_ addressPoints: [AddressPointRecord]) throws {
        try queue.write { db in try db.insert(addressPoints) }
    }

    /// Address points in insertion order, optionally only those whose address contains `text`.
    public func addressPoints(containing text: String? = nil) throws -> [AddressPointRecord] {
        try queue.read { db in
            // instr, not LIKE: '%' and '_' in the search text stay literal.
            try db.select(AddressPointRecord.self, "WHERE ?1 IS NULL OR instr(address, ?1) > 0 ORDER BY id",
                          [text.sqlValue])
        }
    }
}

extension RoadRecord: FeatureRecord {
    static let table = "roads"
    static let geometryType = GeometryType.multiLineString
    static let attributeColumns = ["name", "road_class"]
    var attributeValues: [SQLValue] { [.text(name), roadClass.sqlValue] }
    var featureGeometry: Geometry { geometry }

    init(row: Row, geometry: Geometry) throws {
        self.init(name: try row.column(0), roadClass: try row.column(1), geometry: geometry)
    }
}

extension AddressPointRecord: FeatureRecord {
    static let table = "address_points"
    static let geometryType = GeometryType.point
    static let attributeColumns = ["address", "name", "kind"]
    var attributeValues: [SQLValue] { [.text(address), name.sqlValue, kind.sqlValue] }
    var featureGeometry: Geometry { .point(location) }

    init(row: Row, geometry: Geometry) throws {
        guard case .point(let location) = geometry else {
            throw GridStoreError.wrongGeometryType(table: Self.table, expected: "POINT", found: geometry.typeName)
        }
        self.init(address: try row.column(0), name: try row.column(1), kind: try row.column(2), location: location)
    }
}
