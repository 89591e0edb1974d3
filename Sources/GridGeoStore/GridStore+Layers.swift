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
            // Retired components stay in the table; the layer is what is in use.
            if layer == .components {
                return try db.scalar("SELECT count(*) FROM components WHERE retire_date IS NULL"
                                     + (componentClass == nil ? "" : " AND minor_code = ?"),
                                     componentClass.map { [.text($0)] } ?? [], as: Int.self) ?? 0
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
                scope = " WHERE retire_date IS NULL AND minor_code IN (" + classes.map { _ in "?" }.joined(separator: ", ") + ")"
                parameters = classes.map { .text($0) }
            }
            let table = records.layer.table
            let existing = try db.scalar("SELECT count(*) FROM \(table)\(scope)", parameters, as: Int.self) ?? 0
            switch mode {
            case .create where existing > 0:
                throw GridStoreError.layerNotEmpty(layer: records.layer.rawValue, rows: existing)
            case .overwrite:
                if case .components(let r) = records {
                    // Components are never deleted: the ones replaced are retired from the new records' start.
                    let date: SQLValue = r.first?.startDate.sqlValue ?? .null
                    try db.execute("""
                        UPDATE components SET retire_date = max(coalesce(?, date('now', '+8 hours')), coalesce(change_date, start_date)),
                            change_date = max(coalesce(?, date('now', '+8 hours')), coalesce(change_date, start_date))
                        \(scope)
                        """, [date, date] + parameters)
                } else {
                    try db.execute("DELETE FROM \(table)\(scope)", parameters)
                }
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
            case .components(let r):
                var writer = try ComponentWriter(db, expecting: r.count)
                for record in r { _ = try writer.add(record) }
                try writer.finish()
            }
            if let entry { try db.insertLogEntry(entry) }
        }
    }

    /// Parcels in insertion order.
    public func parcels() throws -> [ParcelRecord] {
        try queue.read { db in try db.select(ParcelRecord.self, "ORDER BY id") }
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
