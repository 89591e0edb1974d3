/// A geometry type as `AddGeometryColumn` spells it.
public enum GeometryType: String, Sendable, CaseIterable {
    case point = "POINT"
    case lineString = "LINESTRING"
    case polygon = "POLYGON"
    case multiPoint = "MULTIPOINT"
    case multiLineString = "MULTILINESTRING"
    case multiPolygon = "MULTIPOLYGON"
    case geometryCollection = "GEOMETRYCOLLECTION"
    /// Any type.
    case geometry = "GEOMETRY"
}

extension Connection {
    /// Whether the SpatiaLite metadata tables (`spatial_ref_sys`, `geometry_columns`, …) exist.
    public func hasSpatialMetadata() throws -> Bool {
        // CheckSpatialMetaData() returns 0 for none, 1–3 for the legacy, FDO and current layouts.
        try scalar("SELECT CheckSpatialMetaData()", as: Int.self) != 0
    }

    /// Creates the SpatiaLite metadata tables and fills `spatial_ref_sys`; does nothing when they
    /// already exist.
    ///
    /// Outside a transaction this runs `InitSpatialMetadata(1)`, which wraps its 6,215 inserts in
    /// one transaction (0.1 s instead of ~50 s for a file). Inside a transaction it must run
    /// `InitSpatialMetadata()` instead: with `1` it fails with "cannot start a transaction within
    /// a transaction" and rolls back the caller's transaction; without it, it is just as fast
    /// there because the caller's transaction already batches the inserts (both verified with
    /// SpatiaLite 5.0.1).
    public func initSpatialMetadata() throws {
        guard try !hasSpatialMetadata() else { return }
        let sql = isInTransaction ? "SELECT InitSpatialMetadata()" : "SELECT InitSpatialMetadata(1)"
        try checkSpatiaLiteResult(sql, [], failure: "InitSpatialMetadata failed")
    }

    /// Adds a geometry column to an existing table and registers it in `geometry_columns`, with
    /// SpatiaLite's triggers enforcing its type and SRID. Dimensions are XY.
    ///
    /// - Throws: `SpatiaLiteError` when SpatiaLite refuses (returns 0): the table is missing, the
    ///   column exists, the SRID is not in `spatial_ref_sys`, or the metadata is not initialised.
    public func addGeometryColumn(table: String, column: String, srid: Int, type: GeometryType,
                                  notNull: Bool = false) throws {
        try checkSpatiaLiteResult(
            "SELECT AddGeometryColumn(?, ?, ?, ?, 'XY', ?)",
            [.text(table), .text(column), .integer(Int64(srid)), .text(type.rawValue), .integer(notNull ? 1 : 0)],
            failure: "AddGeometryColumn(\(table).\(column), SRID \(srid), \(type.rawValue)) returned 0: "
                + "missing table, existing column, unknown SRID or no spatial metadata")
    }

    /// Creates the R*Tree spatial index `idx_<table>_<column>` for a registered geometry column,
    /// with triggers that keep it up to date.
    public func createSpatialIndex(table: String, column: String) throws {
        try checkSpatiaLiteResult(
            "SELECT CreateSpatialIndex(?, ?)", [.text(table), .text(column)],
            failure: "CreateSpatialIndex(\(table).\(column)) returned 0: not a registered geometry column")
    }

    /// SpatiaLite's management functions report failure as a 0 result (and a line on stderr),
    /// not as an SQLite error; turn that 0 into a thrown error.
    private func checkSpatiaLiteResult(_ sql: String, _ parameters: [SQLValue], failure: String) throws {
        guard try scalar(sql, parameters, as: Int.self) == 1 else {
            throw SpatiaLiteError(resultCode: .error, message: failure, sql: sql)
        }
    }
}
