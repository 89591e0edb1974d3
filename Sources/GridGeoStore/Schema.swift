import GridGeoSpatiaLite

/// GridGeo's tables. Every geometry is CGCS2000 geographic (EPSG:4490), lon/lat, XY.
///
/// Each spatial table has an `INTEGER PRIMARY KEY`: SpatiaLite's R*Tree keys on the rowid, and
/// only an explicit one is guaranteed to survive `VACUUM`. Geometry columns are added with
/// `AddGeometryColumn` and indexed with `CreateSpatialIndex`, so QGIS opens every table as an
/// ordinary SpatiaLite layer.
enum Schema {
    /// A spatial column: registered in `geometry_columns`; indexed as `idx_<table>_geometry`.
    struct SpatialColumn {
        let table: String
        let type: GeometryType
        let notNull: Bool
        let indexed: Bool
    }

    static let version1Columns: [SpatialColumn] = [
        SpatialColumn(table: "districts", type: .multiPolygon, notNull: true, indexed: true),
        SpatialColumn(table: "streets", type: .multiPolygon, notNull: true, indexed: true),
        SpatialColumn(table: "communities", type: .multiPolygon, notNull: true, indexed: true),
        SpatialColumn(table: "unit_grids", type: .multiPolygon, notNull: true, indexed: true),
        SpatialColumn(table: "roads", type: .multiLineString, notNull: true, indexed: true),
        SpatialColumn(table: "address_points", type: .point, notNull: true, indexed: true),
        SpatialColumn(table: "parcels", type: .multiPolygon, notNull: true, indexed: true),
        SpatialColumn(table: "components", type: .point, notNull: true, indexed: true),
        // History rows are looked up by component code, never by location.
        SpatialColumn(table: "component_history", type: .point, notNull: false, indexed: false),
    ]

    static func createVersion1(_ db: Connection) throws {
        try db.initSpatialMetadata()
        try db.execute("PRAGMA application_id = \(Migrations.applicationID)")
        try db.execute(tablesVersion1)
        for column in version1Columns {
            try db.addGeometryColumn(table: column.table, column: "geometry", srid: GridStore.srid,
                                     type: column.type, notNull: column.notNull)
            if column.indexed { try db.createSpatialIndex(table: column.table, column: "geometry") }
        }
        // The triggers copy OLD.geometry, so they come after the geometry columns.
        try db.execute(componentHistoryTriggers)
    }

    /// Codes are digit strings with fixed lengths, and each embeds its parent's code, so the
    /// CHECKs keep the hierarchy 区 → 街道 → 社区 → 单元网格 consistent.
    static let tablesVersion1 = """
        -- 区 District. Code: GB/T 2260 county-level division code, 6 digits.
        CREATE TABLE districts (
            id   INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE CHECK (length(code) = 6 AND code NOT GLOB '*[^0-9]*'),
            name TEXT NOT NULL CHECK (name <> '')
        );

        -- 街道 Street (乡镇). Code: district code + 3 digits.
        -- drafted = 1: the boundary was drafted (e.g. from unit grids), not taken from an official source.
        CREATE TABLE streets (
            id            INTEGER PRIMARY KEY,
            code          TEXT NOT NULL UNIQUE CHECK (length(code) = 9 AND code NOT GLOB '*[^0-9]*'),
            name          TEXT NOT NULL CHECK (name <> ''),
            district_code TEXT NOT NULL REFERENCES districts (code),
            drafted       INTEGER NOT NULL DEFAULT 0 CHECK (drafted IN (0, 1)),
            CHECK (substr(code, 1, 6) = district_code)
        );
        CREATE INDEX streets_district ON streets (district_code);

        -- 社区 Community (村). Code: street code + 3 digits. drafted = 1: provisional boundary.
        CREATE TABLE communities (
            id          INTEGER PRIMARY KEY,
            code        TEXT NOT NULL UNIQUE CHECK (length(code) = 12 AND code NOT GLOB '*[^0-9]*'),
            name        TEXT NOT NULL CHECK (name <> ''),
            street_code TEXT NOT NULL REFERENCES streets (code),
            drafted     INTEGER NOT NULL DEFAULT 0 CHECK (drafted IN (0, 1)),
            CHECK (substr(code, 1, 9) = street_code)
        );
        CREATE INDEX communities_street ON communities (street_code);

        -- 网格版本 Grid version: one complete division into unit grids, valid from start_date until
        -- end_date (exclusive; NULL while current). Re-division adds a version and end-dates the
        -- previous one; at most one version is open.
        CREATE TABLE grid_versions (
            version    INTEGER PRIMARY KEY,
            created    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            note       TEXT NOT NULL DEFAULT '',
            start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
            end_date   TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date > start_date))
        );
        CREATE UNIQUE INDEX grid_versions_one_open ON grid_versions (end_date IS NULL) WHERE end_date IS NULL;

        -- 单元网格 Unit grid (万米单元网格, about 10,000 m²). Code: community code + 3-digit sequence
        -- (DB11: 15 digits). A code may recur in later versions; (code, version) is unique.
        CREATE TABLE unit_grids (
            id               INTEGER PRIMARY KEY,
            code             TEXT NOT NULL CHECK (length(code) = 15 AND code NOT GLOB '*[^0-9]*'),
            community_code   TEXT NOT NULL REFERENCES communities (code),
            version          INTEGER NOT NULL REFERENCES grid_versions (version),
            start_date       TEXT NOT NULL,  -- 初始时间
            end_date         TEXT,           -- 终止日期: first day no longer valid; NULL while current
            area_m2          REAL,           -- 面积, m² on the CGCS2000 ellipsoid
            land_use_code    TEXT,           -- 用地类别代码 (DB11 table C.1)
            management_level TEXT,           -- 管理等级代码 (DB11 table C.2)
            responsible_body TEXT,           -- 责任主体
            UNIQUE (code, version),
            CHECK (substr(code, 1, 12) = community_code),
            CHECK (end_date IS NULL OR end_date > start_date)
        );
        CREATE INDEX unit_grids_validity ON unit_grids (start_date, end_date);
        CREATE INDEX unit_grids_community ON unit_grids (community_code);

        -- 道路 Road centre lines. road_class: 道路等级 as the source names it.
        CREATE TABLE roads (
            id         INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            road_class TEXT
        );
        CREATE INDEX roads_name ON roads (name);

        -- 地址点 Address points: door plates (门牌) and points of interest. kind: e.g. 门牌, 楼栋, 兴趣点.
        CREATE TABLE address_points (
            id      INTEGER PRIMARY KEY,
            address TEXT NOT NULL CHECK (address <> ''),
            name    TEXT,
            kind    TEXT
        );
        CREATE INDEX address_points_address ON address_points (address);

        -- 用地 Land parcels; land_use as the source names it (居住用地, 商业服务业设施用地 …).
        CREATE TABLE parcels (
            id       INTEGER PRIMARY KEY,
            land_use TEXT
        );

        -- 部件图层 Component layer: one per minor class (小类) of the component catalog.
        -- minor_code is written as the catalog writes it, major + minor (0101 上水井盖).
        CREATE TABLE component_layers (
            id         INTEGER PRIMARY KEY,
            major_code TEXT NOT NULL CHECK (length(major_code) = 2 AND major_code NOT GLOB '*[^0-9]*'),
            minor_code TEXT NOT NULL UNIQUE CHECK (length(minor_code) = 4 AND minor_code NOT GLOB '*[^0-9]*'),
            name       TEXT NOT NULL,
            CHECK (substr(minor_code, 1, 2) = major_code)
        );

        -- 部件 Component. Code (标识码): 6 district + 2 major + 2 minor + 6 sequence = 16 digits.
        CREATE TABLE components (
            id              INTEGER PRIMARY KEY,
            code            TEXT NOT NULL UNIQUE CHECK (length(code) = 16 AND code NOT GLOB '*[^0-9]*'),
            major_code      TEXT NOT NULL,  -- 大类
            minor_code      TEXT NOT NULL REFERENCES component_layers (minor_code),  -- 小类
            name            TEXT NOT NULL,  -- 标准名称
            dept_code       TEXT,           -- 主管部门
            dept_name       TEXT,
            owner_code      TEXT,           -- 权属单位
            owner_name      TEXT,
            maintainer_code TEXT,           -- 养护单位
            maintainer_name TEXT,
            state           TEXT NOT NULL DEFAULT '完好' CHECK (state IN ('完好', '破损', '丢失', '占用')),  -- 状态
            start_date      TEXT NOT NULL,  -- 初始时间 (ORDATE)
            change_date     TEXT,           -- 变更时间 (CHDATE); NULL until first changed
            data_source     TEXT,           -- 数据来源: 实测, 地形图, 其它, 调绘
            photo_ref       TEXT,           -- 部件照片
            note            TEXT,           -- 备注
            grid_code       TEXT,           -- 所在单元网格; no foreign key, grid codes recur across versions
            CHECK (substr(code, 7, 2) = major_code AND substr(code, 7, 4) = minor_code)
        );
        CREATE INDEX components_minor ON components (minor_code);
        CREATE INDEX components_grid ON components (grid_code);

        -- 部件历史 Component history: the previous row, kept by triggers on every update and delete.
        CREATE TABLE component_history (
            id              INTEGER PRIMARY KEY,
            component_code  TEXT NOT NULL,
            operation       TEXT NOT NULL CHECK (operation IN ('UPDATE', 'DELETE')),
            recorded_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            name            TEXT,
            dept_name       TEXT,
            owner_name      TEXT,
            maintainer_name TEXT,
            state           TEXT,
            start_date      TEXT,
            change_date     TEXT,
            data_source     TEXT,
            photo_ref       TEXT,
            note            TEXT,
            grid_code       TEXT
        );
        CREATE INDEX component_history_code ON component_history (component_code);

        -- 导入日志 One row per imported layer; report is the importer's JSON report.
        CREATE TABLE import_log (
            id                INTEGER PRIMARY KEY,
            file              TEXT NOT NULL,
            layer             TEXT NOT NULL,
            imported_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            features_read     INTEGER NOT NULL DEFAULT 0,
            features_inserted INTEGER NOT NULL DEFAULT 0,
            features_rejected INTEGER NOT NULL DEFAULT 0,
            report            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(report))
        );
        """

    static let componentHistoryTriggers = """
        CREATE TRIGGER components_history_update AFTER UPDATE ON components BEGIN
            INSERT INTO component_history (component_code, operation, name, dept_name, owner_name, maintainer_name,
                state, start_date, change_date, data_source, photo_ref, note, grid_code, geometry)
            VALUES (OLD.code, 'UPDATE', OLD.name, OLD.dept_name, OLD.owner_name, OLD.maintainer_name,
                OLD.state, OLD.start_date, OLD.change_date, OLD.data_source, OLD.photo_ref, OLD.note,
                OLD.grid_code, OLD.geometry);
        END;
        CREATE TRIGGER components_history_delete AFTER DELETE ON components BEGIN
            INSERT INTO component_history (component_code, operation, name, dept_name, owner_name, maintainer_name,
                state, start_date, change_date, data_source, photo_ref, note, grid_code, geometry)
            VALUES (OLD.code, 'DELETE', OLD.name, OLD.dept_name, OLD.owner_name, OLD.maintainer_name,
                OLD.state, OLD.start_date, OLD.change_date, OLD.data_source, OLD.photo_ref, OLD.note,
                OLD.grid_code, OLD.geometry);
        END;
        """
}
