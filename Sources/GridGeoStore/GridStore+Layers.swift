public import GridGeoCore
import GridGeoSpatiaLite

/// 用地 A land parcel (地块) with its land use.
public struct ParcelRecord: Hashable, Sendable {
    public var landUse: String?
    public var geometry: Geometry

    public init(landUse: String?, geometry: Geometry) {
        self.landUse = landUse
        self.geometry = geometry
    }
}

/// 部件 A component as an import delivers it: class, name and position. Its 16-digit code is
/// allocated by the store (district + class + the next free sequence number).
public struct ComponentRecord: Hashable, Sendable {
    /// 小类 code, major + minor (e.g. 0203 公交站亭).
    public var classCode: String
    public var className: String
    public var name: String
    public var districtCode: String
    public var location: Coordinate
    public var dataSource: String?
    public var startDate: LocalDate
    public var gridCode: String?

    public init(classCode: String, className: String, name: String, districtCode: String, location: Coordinate,
                dataSource: String? = nil, startDate: LocalDate, gridCode: String? = nil) {
        self.classCode = classCode
        self.className = className
        self.name = name
        self.districtCode = districtCode
        self.location = location
        self.dataSource = dataSource
        self.startDate = startDate
        self.gridCode = gridCode
    }
}

/// The layers an import can fill, by the names `geo-import --layer` takes.
public enum LayerName: String, CaseIterable, Sendable, Codable {
    case districts, streets, communities, roads, addresses, parcels, components

    var table: String {
        switch self {
        case .addresses: "address_points"
        default: rawValue
        }
    }
}

/// The records of one layer, ready to be written together.
public enum LayerRecords: Sendable {
    case districts([DistrictRecord])
    case streets([StreetRecord])
    case communities([CommunityRecord])
    case roads([RoadRecord])
    case addresses([AddressPointRecord])
    case parcels([ParcelRecord])
    case components([ComponentRecord])

    public var layer: LayerName {
        switch self {
        case .districts: .districts
        case .streets: .streets
        case .communities: .communities
        case .roads: .roads
        case .addresses: .addresses
        case .parcels: .parcels
        case .components: .components
        }
    }

    public var count: Int {
        switch self {
        case .districts(let r): r.count
        case .streets(let r): r.count
        case .communities(let r): r.count
        case .roads(let r): r.count
        case .addresses(let r): r.count
        case .parcels(let r): r.count
        case .components(let r): r.count
        }
    }
}

/// How a write treats a layer that already holds rows (ogr2ogr's create / -overwrite / -append).
public enum WriteMode: String, Sendable, Codable {
    /// Refuse when the layer is not empty.
    case create
    /// Replace the layer's rows.
    case overwrite
    /// Add to the layer's rows.
    case append
}

extension GridStore {
    /// The number of rows in a layer (of one component class, if given).
    public func count(of layer: LayerName, componentClass: String? = nil) throws -> Int {
        try queue.read { db in
            if layer == .components, let componentClass {
                return try db.scalar("SELECT count(*) FROM components WHERE minor_code = ?", [.text(componentClass)], as: Int.self) ?? 0
            }
            return try db.scalar("SELECT count(*) FROM \(layer.table)", as: Int.self) ?? 0
        }
    }

    /// Writes one layer's records and its import-log entry in one transaction: on any error the
    /// file is left exactly as it was.
    ///
    /// - Throws: `GridStoreError.layerNotEmpty` in `.create` mode when the layer holds rows;
    ///   `SpatiaLiteError` from the database (a constraint, say).
    public func write(_ records: LayerRecords, mode: WriteMode, log entry: ImportLogEntry? = nil) throws {
        try queue.write { db in
            // Components form one layer per class: writing bus stops leaves parking lots alone.
            var scope = "", parameters: [SQLValue] = []
            if case .components(let r) = records {
                let classes = Set(r.map(\.classCode)).sorted()
                scope = " WHERE minor_code IN (" + classes.map { _ in "?" }.joined(separator: ", ") + ")"
                parameters = classes.map { .text($0) }
            }
            let table = records.layer.table
            let existing = try db.scalar("SELECT count(*) FROM \(table)\(scope)", parameters, as: Int.self) ?? 0
            switch mode {
            case .create where existing > 0:
                throw GridStoreError.layerNotEmpty(layer: records.layer.rawValue, rows: existing)
            case .overwrite:
                try db.execute("DELETE FROM \(table)\(scope)", parameters)
            default:
                break
            }
            switch records {
            case .districts(let r): try db.insert(r)
            case .streets(let r): try db.insert(r)
            case .communities(let r): try db.insert(r)
            case .roads(let r): try db.insert(r)
            case .addresses(let r): try db.insert(r)
            case .parcels(let r): try db.insert(r)
            case .components(let r): try db.insertComponents(r)
            }
            if let entry { try db.insertLogEntry(entry) }
        }
    }

    /// Parcels in insertion order.
    public func parcels() throws -> [ParcelRecord] {
        try queue.read { db in try db.select(ParcelRecord.self, "ORDER BY id") }
    }

    /// Components in code order: (code, record).
    public func components() throws -> [(code: String, record: ComponentRecord)] {
        try queue.read { db in
            try db.query("""
                SELECT c.code, c.minor_code, l.name, c.name, c.start_date, c.data_source, c.grid_code, AsBinary(c.geometry)
                FROM components c JOIN component_layers l ON l.minor_code = c.minor_code ORDER BY c.code
                """) { row in
                let code: String = try row.column(0)
                guard case .point(let p) = try Geometry(wkb: try row.column(7, as: [UInt8].self)) else {
                    throw GridStoreError.wrongGeometryType(table: "components", expected: "POINT", found: "other")
                }
                let start = try row.column(4, as: LocalDate.self)
                return (code, ComponentRecord(classCode: try row.column(1), className: try row.column(2),
                                              name: try row.column(3), districtCode: String(code.prefix(6)),
                                              location: p, dataSource: try row.column(5), startDate: start,
                                              gridCode: try row.column(6)))
            }
        }
    }
}

extension ParcelRecord: FeatureRecord {
    static let table = "parcels"
    static let geometryType = GeometryType.multiPolygon
    static let attributeColumns = ["land_use"]
    var attributeValues: [SQLValue] { [landUse.sqlValue] }
    var featureGeometry: Geometry { geometry }
    init(row: Row, geometry: Geometry) throws {
        self.init(landUse: try row.column(0), geometry: geometry)
    }
}

extension Connection {
    /// Inserts components, registering their class layers and allocating codes: per district and
    /// class, sequence numbers continue after the highest ever used, so codes are never reused.
    func insertComponents(_ records: [ComponentRecord]) throws {
        var next: [String: Int] = [:]
        let insert = try prepare("""
            INSERT INTO components (code, major_code, minor_code, name, start_date, data_source, grid_code, geometry)
            VALUES (?, ?, ?, ?, ?, ?, ?, MakePoint(?, ?, \(GridStore.srid)))
            """)
        for r in records {
            try execute("INSERT OR IGNORE INTO component_layers (major_code, minor_code, name) VALUES (?, ?, ?)",
                        [.text(String(r.classCode.prefix(2))), .text(r.classCode), .text(r.className)])
            let prefix = r.districtCode + r.classCode
            if next[prefix] == nil {
                // Retired components stay in the table and deleted ones in their history (an overwrite
                // deletes), so the maximum over both covers every code ever issued.
                let highest = try scalar("""
                    SELECT coalesce(max(CAST(substr(code, 11) AS INTEGER)), 0)
                    FROM (SELECT code FROM components UNION ALL SELECT component_code AS code FROM component_history)
                    WHERE substr(code, 1, 10) = ?
                    """, [.text(prefix)], as: Int.self) ?? 0
                next[prefix] = highest + 1
            }
            let sequence = next[prefix]!
            next[prefix] = sequence + 1
            let digits = String(sequence)
            let code = prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
            try insert.execute([.text(code), .text(String(r.classCode.prefix(2))), .text(r.classCode), .text(r.name),
                                .text(r.startDate.description), r.dataSource.sqlValue, r.gridCode.sqlValue,
                                .real(r.location.x), .real(r.location.y)])
        }
    }
}
