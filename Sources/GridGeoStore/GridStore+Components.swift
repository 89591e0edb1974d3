import GridGeoCore
import GridGeoSpatiaLite

// 部件: adding, changing and retiring components, and reading them back as they stood on any date.
//
// The components table holds each component's current state; every UPDATE copies the row it replaces
// into component_history with the interval [valid_from, valid_to) it was in force (a trigger, so no
// code path can skip it). A state is in force from its 变更时间 (or 初始时间) until the next change;
// retirement ends the current one. Nothing is deleted, and codes are never reused.

extension GridStore {
    /// Runs `operations` in order in one transaction: all of them or, on any error, none.
    ///
    /// - Returns: each operation's component code (allocated for an `.add`).
    /// - Throws: `ComponentError` (unknown code, retired component, a change dated before the last
    ///   one, codes exhausted) or `SpatiaLiteError`.
    @discardableResult
    public func apply(_ operations: [ComponentOperation]) throws -> [String] {
        try queue.write { db in
            var writer = try ComponentWriter(db, expecting: operations.count)
            let codes = try operations.map { op in
                switch op {
                case .add(let record): return try writer.add(record)
                case let .change(code, date, change): try writer.change(code, on: date, change); return code
                case let .retire(code, date): try writer.retire(code, on: date); return code
                }
            }
            try writer.finish()
            return codes
        }
    }

    /// Adds components in one transaction and returns their codes, in order.
    @discardableResult
    public func addComponents(_ records: [ComponentRecord]) throws -> [String] {
        try apply(records.map { .add($0) })
    }

    /// The component with `code` as it stands now (retired ones too), or as it stood on `date`
    /// (nil when it did not exist yet or was retired by then).
    public func component(code: String, on date: LocalDate? = nil) throws -> Component? {
        try queue.read { db in
            if let date {
                return try db.componentVersions("WHERE code = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR ?2 < valid_to)",
                                                [.text(code), date.sqlValue]).first?.component
            }
            return try db.currentComponents("WHERE c.code = ?", [.text(code)]).first
        }
    }

    /// Every state the component has had, oldest first. States replaced on the day they began have
    /// an empty interval (validFrom == validTo) and are kept as written.
    public func componentHistory(code: String) throws -> [ComponentVersion] {
        try queue.read { db in try db.componentVersions("WHERE code = ?1", [.text(code)], order: "ORDER BY valid_from, v.id") }
    }

    /// The components in use that match `filter`, now or on `date`, in code order.
    public func components(_ filter: ComponentFilter, on date: LocalDate? = nil) throws -> [Component] {
        let (clause, parameters) = filter.sql(table: date == nil ? "c" : "v", parametersFrom: 1)
        return try queue.read { db in
            if let date {
                let n = parameters.count + 1
                return try db.componentVersions("WHERE valid_from <= ?\(n) AND (valid_to IS NULL OR ?\(n) < valid_to)" + clause,
                                                parameters + [date.sqlValue]).map(\.component)
            }
            return try db.currentComponents("WHERE c.retire_date IS NULL" + clause, parameters)
        }
    }

    /// Components in use now, in code order: (code, record as added or last changed).
    public func components() throws -> [(code: String, record: ComponentRecord)] {
        try components(.all).map { c in
            (c.code, ComponentRecord(classCode: c.classCode, className: c.className, name: c.name,
                                     districtCode: c.districtCode, location: c.location, dataSource: c.dataSource,
                                     startDate: c.startDate, gridCode: c.gridCode, department: c.department,
                                     owner: c.owner, maintainer: c.maintainer, state: c.state, photo: c.photo, note: c.note))
        }
    }

    /// The number of components in use per division of `level` and class, now or on `date`, sorted
    /// by division and class. Divisions without components are not listed.
    public func componentCounts(by level: DivisionLevel, _ filter: ComponentFilter = .all,
                                on date: LocalDate? = nil) throws -> [ComponentCount] {
        let (clause, parameters) = filter.sql(table: date == nil ? "c" : "v", parametersFrom: 1)
        let n = parameters.count + 1
        let source = date == nil
            ? "SELECT code, minor_code, grid_code FROM components c WHERE c.retire_date IS NULL" + clause
            : "SELECT code, minor_code, grid_code FROM (\(versionsSQL)) v WHERE valid_from <= ?\(n) AND (valid_to IS NULL OR ?\(n) < valid_to)" + clause
        return try queue.read { db in
            try db.query("""
                SELECT coalesce(substr(grid_code, 1, \(level.codeLength)), ''), minor_code, count(*)
                FROM (\(source)) GROUP BY 1, 2 ORDER BY 1, 2
                """, parameters + (date.map { [$0.sqlValue] } ?? [])) { row in
                ComponentCount(divisionCode: try row.column(0), classCode: try row.column(1), count: try row.column(2))
            }
        }
    }

    /// The classes that have components, with the names they were stored under: (code, name).
    public func componentClasses() throws -> [(code: String, name: String)] {
        try queue.read { db in
            try db.query("SELECT minor_code, name FROM component_layers ORDER BY minor_code") { row in
                (try row.column(0, as: String.self), try row.column(1, as: String.self))
            }
        }
    }

    // MARK: Catalogue extensions

    /// Registers a local class (扩展部件 or 扩展事件).
    /// - Throws: `ComponentError.classExists` when the code is registered already; the caller checks
    ///   the standard catalogue.
    public func register(_ extension: CatalogExtension) throws {
        try queue.write { db in
            let existing = try db.scalar("SELECT count(*) FROM catalog_extensions WHERE kind = ? AND code = ?",
                                         [.text(`extension`.kind.rawValue), .text(`extension`.code)], as: Int.self) ?? 0
            guard existing == 0 else { throw ComponentError.classExists(`extension`.code) }
            try db.execute("INSERT INTO catalog_extensions (kind, code, major_name, name) VALUES (?, ?, ?, ?)",
                           [.text(`extension`.kind.rawValue), .text(`extension`.code), .text(`extension`.majorName),
                            .text(`extension`.name)])
        }
    }

    /// The registered local classes, by kind and code.
    public func catalogExtensions() throws -> [CatalogExtension] {
        try queue.read { db in
            try db.query("SELECT kind, code, major_name, name FROM catalog_extensions ORDER BY kind, code") { row in
                CatalogExtension(kind: CatalogExtension.Kind(rawValue: try row.column(0)) ?? .component,
                                 code: try row.column(1), majorName: try row.column(2), name: try row.column(3))
            }
        }
    }
}

// MARK: - SQL

/// Columns of a component row, current or historical, in the order `Component(row:)` reads them.
private let componentColumns = """
    code, minor_code, name, x, y, grid_code, dept_code, dept_name, owner_code, owner_name, maintainer_code,
    maintainer_name, state, start_date, change_date, retire_date, data_source, photo_ref, note
    """

/// Every state of every component with the interval it was in force: the current rows (until their
/// retirement) and the history rows.
private let versionsSQL = """
    SELECT c.id AS id, c.code AS code, c.minor_code AS minor_code, c.name AS name, ST_X(c.geometry) AS x,
        ST_Y(c.geometry) AS y, c.grid_code AS grid_code, c.dept_code AS dept_code, c.dept_name AS dept_name,
        c.owner_code AS owner_code, c.owner_name AS owner_name, c.maintainer_code AS maintainer_code,
        c.maintainer_name AS maintainer_name, c.state AS state, c.start_date AS start_date,
        c.change_date AS change_date, c.retire_date AS retire_date, c.data_source AS data_source,
        c.photo_ref AS photo_ref, c.note AS note,
        coalesce(c.change_date, c.start_date) AS valid_from, c.retire_date AS valid_to, 1 AS is_current
    FROM components c
    UNION ALL
    SELECT h.id, h.component_code, substr(h.component_code, 7, 4), h.name, ST_X(h.geometry), ST_Y(h.geometry),
        h.grid_code, h.dept_code, h.dept_name, h.owner_code, h.owner_name, h.maintainer_code, h.maintainer_name,
        h.state, h.start_date, h.change_date, h.retire_date, h.data_source, h.photo_ref, h.note,
        h.valid_from, h.valid_to, 0
    FROM component_history h
    """

extension ComponentFilter {
    /// ` AND …` conditions with numbered parameters from `first`; codes compare as ranges so the
    /// indexes on grid_code and minor_code serve them.
    func sql(table: String, parametersFrom first: Int) -> (String, [SQLValue]) {
        var clause = "", parameters: [SQLValue] = []
        func range(_ column: String, _ prefix: String) {
            // Codes are digits; ':' sorts right after '9', so [prefix, prefix + ":") is every extension.
            clause += " AND \(column) >= ?\(first + parameters.count) AND \(column) < ?\(first + parameters.count + 1)"
            parameters += [.text(prefix), .text(prefix + ":")]
        }
        if let divisionCode { range("\(table).grid_code", divisionCode) }
        if let classCode {
            if classCode.count == 4 {
                clause += " AND \(table).minor_code = ?\(first + parameters.count)"
                parameters.append(.text(classCode))
            } else {
                range("\(table).minor_code", classCode)
            }
        }
        return (clause, parameters)
    }
}

extension Connection {
    func currentComponents(_ clause: String, _ parameters: [SQLValue]) throws -> [Component] {
        try query("""
            SELECT c.code, c.minor_code, coalesce(l.name, ''), c.name, ST_X(c.geometry), ST_Y(c.geometry), c.grid_code,
                c.dept_code, c.dept_name, c.owner_code, c.owner_name, c.maintainer_code, c.maintainer_name, c.state,
                c.start_date, c.change_date, c.retire_date, c.data_source, c.photo_ref, c.note
            FROM components c LEFT JOIN component_layers l ON l.minor_code = c.minor_code
            \(clause) ORDER BY c.code
            """, parameters) { row in try Component(row: row) }
    }

    func componentVersions(_ clause: String, _ parameters: [SQLValue], order: String = "ORDER BY code") throws
        -> [ComponentVersion]
    {
        try query("""
            SELECT code, v.minor_code, coalesce(l.name, ''), v.name, x, y, grid_code, dept_code, dept_name, owner_code,
                owner_name, maintainer_code, maintainer_name, state, start_date, change_date, retire_date, data_source,
                photo_ref, note, valid_from, valid_to, is_current
            FROM (\(versionsSQL)) v LEFT JOIN component_layers l ON l.minor_code = v.minor_code
            \(clause) \(order)
            """, parameters) { row in
            let component = try Component(row: row)
            let current: Int = try row.column(22)
            // The current row of a component in use is open-ended; a retired one ends at retirement.
            let validTo: LocalDate? = current == 1 ? component.retireDate : try row.column(21)
            return ComponentVersion(component: component, validFrom: try row.column(20), validTo: validTo)
        }
    }
}

extension Component {
    /// Reads the columns of `Connection.currentComponents`, in that order.
    init(row: Row) throws {
        func organization(_ i: Int) throws -> Organization? {
            let name: String? = try row.column(i + 1)
            let code: String? = try row.column(i)
            return name.map { Organization(code: code, name: $0) }
        }
        let state: String = try row.column(13)
        self.init(code: try row.column(0), classCode: try row.column(1), className: try row.column(2),
                  name: try row.column(3), location: Coordinate(x: try row.column(4), y: try row.column(5)),
                  gridCode: try row.column(6), department: try organization(7), owner: try organization(9),
                  maintainer: try organization(11), state: ComponentState(rawValue: state) ?? .intact,
                  startDate: try row.column(14), changeDate: try row.column(15), retireDate: try row.column(16),
                  dataSource: try row.column(17), photo: try row.column(18), note: try row.column(19))
    }
}

/// SpatiaLite keeps the components' R*Tree and last-insert time with two AFTER INSERT triggers per
/// row; its `RTreeAlign()` formats and compiles an SQL statement for every row (about half the cost
/// of an insert). For a large batch the two triggers are dropped inside the transaction; `finish()`
/// fills the R*Tree with one prepared statement, in Morton order of the points (neighbours land in
/// the same nodes, so the tree's pages stay in cache), sets the time once and recreates the
/// triggers (and, after a batch larger than the table was, its secondary indexes) from their own
/// SQL. All of it is one transaction: an error rolls the triggers back with the rows.
struct BulkInsert {
    static let threshold = 1_000
    static let triggers = ["gii_components_geometry", "tmi_components_geometry"]

    private let db: Connection
    private let saved: [String]
    private var entries: [(key: UInt64, rowID: Int64)] = []

    /// Secondary indexes rebuilt at the end when the batch is at least as large as the table:
    /// one sorted build then costs less than a random B-tree insert per row.
    static let indexes = ["components_grid_class", "components_minor"]

    /// Nil when the triggers are not both there (a file SpatiaLite did not lay out): rows then go
    /// through the triggers.
    init?(_ db: Connection, count: Int) throws {
        self.db = db
        let triggers = try db.query("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)",
                                    Self.triggers.map { .text($0) }) { try $0.column(0) as String }
        guard triggers.count == Self.triggers.count else { return nil }
        for name in Self.triggers { try db.execute("DROP TRIGGER \(name)") }
        var saved = triggers
        let rows = try db.scalar("SELECT coalesce(max(id), 0) FROM components", as: Int.self) ?? 0
        if count >= rows {
            let indexes = try db.query("SELECT sql FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)",
                                       Self.indexes.map { .text($0) }) { try $0.column(0) as String }
            if indexes.count == Self.indexes.count {
                for name in Self.indexes { try db.execute("DROP INDEX \(name)") }
                saved += indexes
            }
        }
        self.saved = saved
    }

    mutating func added(rowID: Int64, at p: Coordinate) {
        entries.append((Self.morton(p), rowID))
    }

    func finish() throws {
        // A point's box is the point, read back from the row: a change later in the batch may have
        // moved it (and indexed it through the update trigger, hence REPLACE). The R*Tree rounds
        // min down and max up to its 32-bit floats, as it does for the triggers' rows.
        let insert = try db.prepare("""
            INSERT OR REPLACE INTO idx_components_geometry (pkid, xmin, xmax, ymin, ymax)
            SELECT id, ST_X(geometry), ST_X(geometry), ST_Y(geometry), ST_Y(geometry) FROM components WHERE id = ?1
            """)
        for e in entries.sorted(by: { $0.key < $1.key }) { try insert.execute([.integer(e.rowID)]) }
        try db.execute("""
            UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE f_table_name = 'components' AND f_geometry_column = 'geometry'
            """)
        for sql in saved { try db.execute(sql) }
    }

    /// Interleaved bits of lon and lat quantised to 32 bits each over the whole globe.
    static func morton(_ p: Coordinate) -> UInt64 {
        func spread(_ v: UInt64) -> UInt64 {
            var v = v & 0xFFFF_FFFF
            v = (v | v << 16) & 0x0000_FFFF_0000_FFFF
            v = (v | v << 8) & 0x00FF_00FF_00FF_00FF
            v = (v | v << 4) & 0x0F0F_0F0F_0F0F_0F0F
            v = (v | v << 2) & 0x3333_3333_3333_3333
            return (v | v << 1) & 0x5555_5555_5555_5555
        }
        func quantise(_ t: Double) -> UInt64 { UInt64(max(0, min(1, t)) * 4_294_967_295) }
        return spread(quantise((p.x + 180) / 360)) | spread(quantise((p.y + 90) / 180)) << 1
    }
}

/// Writes components within one transaction: allocates codes, registers class layers, checks that
/// history runs forwards.
struct ComponentWriter {
    private let db: Connection
    private let insert: Statement
    private let update: Statement
    /// Set for a large batch: the R*Tree is filled by `finish()` instead of per-row triggers.
    private var bulk: BulkInsert?

    /// The next sequence number per district + class prefix.
    private var next: [String: Int] = [:]
    private var knownClasses: Set<String> = []

    /// A writer for `count` operations; call `finish()` after the last one, in the same transaction.
    init(_ db: Connection, expecting count: Int) throws {
        self.db = db
        bulk = count >= BulkInsert.threshold ? try BulkInsert(db, count: count) : nil
        insert = try db.prepare("""
            INSERT INTO components (code, major_code, minor_code, name, dept_code, dept_name, owner_code, owner_name,
                maintainer_code, maintainer_name, state, start_date, data_source, photo_ref, note, grid_code, geometry)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, MakePoint(?, ?, \(GridStore.srid)))
            """)
        update = try db.prepare("""
            UPDATE components SET name = ?2, dept_code = ?3, dept_name = ?4, owner_code = ?5, owner_name = ?6,
                maintainer_code = ?7, maintainer_name = ?8, state = ?9, data_source = ?10, photo_ref = ?11, note = ?12,
                grid_code = ?13, geometry = MakePoint(?14, ?15, \(GridStore.srid)), change_date = ?16
            WHERE code = ?1
            """)
    }

    mutating func add(_ r: ComponentRecord) throws -> String {
        if !knownClasses.contains(r.classCode) {
            try db.execute("INSERT OR IGNORE INTO component_layers (major_code, minor_code, name) VALUES (?, ?, ?)",
                           [.text(String(r.classCode.prefix(2))), .text(r.classCode), .text(r.className)])
            knownClasses.insert(r.classCode)
        }
        let prefix = r.districtCode + r.classCode
        let sequence = try next[prefix] ?? highestSequence(prefix) + 1
        guard sequence <= 999_999 else { throw ComponentError.codesExhausted(prefix: prefix) }
        next[prefix] = sequence + 1
        let digits = String(sequence)
        let code = prefix + String(repeating: "0", count: 6 - digits.count) + digits
        try insert.execute([
            .text(code), .text(String(r.classCode.prefix(2))), .text(r.classCode), .text(r.name),
            r.department?.code.sqlValue ?? .null, r.department?.name.sqlValue ?? .null,
            r.owner?.code.sqlValue ?? .null, r.owner?.name.sqlValue ?? .null,
            r.maintainer?.code.sqlValue ?? .null, r.maintainer?.name.sqlValue ?? .null,
            .text(r.state.rawValue), r.startDate.sqlValue, r.dataSource.sqlValue, r.photo.sqlValue, r.note.sqlValue,
            r.gridCode.sqlValue, .real(r.location.x), .real(r.location.y),
        ])
        bulk?.added(rowID: db.lastInsertRowID, at: r.location)
        return code
    }

    /// The highest sequence ever issued under `prefix` (district + class): components are never
    /// deleted now, but version-1 files may have deleted some, whose codes live on in the history.
    private func highestSequence(_ prefix: String) throws -> Int {
        let low: SQLValue = .text(prefix + "000000"), high: SQLValue = .text(prefix + "999999")
        let current = try db.scalar("SELECT max(code) FROM components WHERE code BETWEEN ? AND ?", [low, high], as: String?.self) ?? nil
        let past = try db.scalar("SELECT max(component_code) FROM component_history WHERE component_code BETWEEN ? AND ?",
                                 [low, high], as: String?.self) ?? nil
        return [current, past].compactMap { $0.flatMap { Int($0.suffix(6)) } }.max() ?? 0
    }

    func finish() throws { try bulk?.finish() }

    mutating func change(_ code: String, on date: LocalDate, _ change: ComponentChange) throws {
        var c = try current(code, changedOn: date)
        if let v = change.name { c.name = v }
        if let v = change.location { c.location = v }
        if let v = change.gridCode { c.gridCode = v }
        if let v = change.department { c.department = v }
        if let v = change.owner { c.owner = v }
        if let v = change.maintainer { c.maintainer = v }
        if let v = change.state { c.state = v }
        if let v = change.dataSource { c.dataSource = v }
        if let v = change.photo { c.photo = v }
        if let v = change.note { c.note = v }
        try update.execute([
            .text(code), .text(c.name), c.department?.code.sqlValue ?? .null, c.department?.name.sqlValue ?? .null,
            c.owner?.code.sqlValue ?? .null, c.owner?.name.sqlValue ?? .null,
            c.maintainer?.code.sqlValue ?? .null, c.maintainer?.name.sqlValue ?? .null, .text(c.state.rawValue),
            c.dataSource.sqlValue, c.photo.sqlValue, c.note.sqlValue, c.gridCode.sqlValue,
            .real(c.location.x), .real(c.location.y), date.sqlValue,
        ])
    }

    mutating func retire(_ code: String, on date: LocalDate) throws {
        _ = try current(code, changedOn: date)
        // Retirement is the last change: it ends the current state's interval (see the update trigger).
        try db.execute("UPDATE components SET retire_date = ?2, change_date = ?2 WHERE code = ?1", [.text(code), date.sqlValue])
    }

    /// The component's current state, checked to take a change dated `date`.
    private func current(_ code: String, changedOn date: LocalDate) throws -> Component {
        guard let c = try db.currentComponents("WHERE c.code = ?", [.text(code)]).first else {
            throw ComponentError.notFound(code: code)
        }
        if let retired = c.retireDate { throw ComponentError.retired(code: code, date: retired) }
        guard c.validFrom <= date else { throw ComponentError.changeBeforeLastChange(code: code, date: date, last: c.validFrom) }
        return c
    }
}
