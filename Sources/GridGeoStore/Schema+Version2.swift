import GridGeoSpatiaLite

/// Version 2: components are updated online (部件在线更新) and never deleted.
///
/// - `components.retire_date`: 作废 date; a retired component stays in the table.
/// - `component_history` gains every attribute the components table has, and the interval
///   [valid_from, valid_to) its row was in force, so any past date can be read back.
/// - Deleting a component is refused by a trigger; retiring replaces it.
/// - `catalog_extensions`: local classes (扩展部件, 扩展事件) a city registers.
extension Schema {
    static func createVersion2(_ db: Connection) throws {
        try db.execute(version2)
        // v1 history rows: the interval each was in force, from the row after it (or the current row).
        try db.execute("""
            UPDATE component_history SET valid_from = coalesce(change_date, start_date) WHERE valid_from IS NULL;
            UPDATE component_history AS h SET valid_to = coalesce(
                (SELECT n.valid_from FROM component_history n
                 WHERE n.component_code = h.component_code AND n.id > h.id ORDER BY n.id LIMIT 1),
                (SELECT coalesce(c.change_date, c.start_date) FROM components c WHERE c.code = h.component_code),
                date(h.recorded_at))
            WHERE valid_to IS NULL;
            """)
    }

    static let version2 = """
        -- 作废 Retirement: the first day the component is no longer in use; NULL while in use.
        ALTER TABLE components ADD COLUMN retire_date TEXT
            CHECK (retire_date IS NULL OR (date(retire_date) IS retire_date AND retire_date >= start_date));
        CREATE INDEX components_grid_class ON components (grid_code, minor_code);

        ALTER TABLE component_history ADD COLUMN dept_code TEXT;
        ALTER TABLE component_history ADD COLUMN owner_code TEXT;
        ALTER TABLE component_history ADD COLUMN maintainer_code TEXT;
        ALTER TABLE component_history ADD COLUMN retire_date TEXT;
        -- The row was the component's state from valid_from (inclusive) to valid_to (exclusive).
        ALTER TABLE component_history ADD COLUMN valid_from TEXT;
        ALTER TABLE component_history ADD COLUMN valid_to TEXT;
        CREATE INDEX component_history_validity ON component_history (valid_from, valid_to);

        -- A row is in force from its 变更时间 (or 初始时间) until the next change's date.
        DROP TRIGGER components_history_update;
        CREATE TRIGGER components_history_update AFTER UPDATE ON components BEGIN
            INSERT INTO component_history (component_code, operation, name, dept_code, dept_name, owner_code,
                owner_name, maintainer_code, maintainer_name, state, start_date, change_date, retire_date,
                data_source, photo_ref, note, grid_code, geometry, valid_from, valid_to)
            VALUES (OLD.code, 'UPDATE', OLD.name, OLD.dept_code, OLD.dept_name, OLD.owner_code,
                OLD.owner_name, OLD.maintainer_code, OLD.maintainer_name, OLD.state, OLD.start_date,
                OLD.change_date, OLD.retire_date, OLD.data_source, OLD.photo_ref, OLD.note, OLD.grid_code,
                OLD.geometry, coalesce(OLD.change_date, OLD.start_date), coalesce(NEW.change_date, NEW.start_date));
        END;
        -- Nothing is deleted: a component leaves service by being retired, and its code is never reused.
        DROP TRIGGER components_history_delete;
        CREATE TRIGGER components_no_delete BEFORE DELETE ON components BEGIN
            SELECT RAISE(ABORT, 'components are never deleted; retire them (retire_date)');
        END;

        -- 扩展部件 / 扩展事件 Local classes a city registers beside the standard catalogue.
        -- kind: component or event; code: major + minor, 4 digits, not a standard class.
        CREATE TABLE catalog_extensions (
            id         INTEGER PRIMARY KEY,
            kind       TEXT NOT NULL CHECK (kind IN ('component', 'event')),
            code       TEXT NOT NULL CHECK (length(code) = 4 AND code NOT GLOB '*[^0-9]*'),
            major_name TEXT NOT NULL CHECK (major_name <> ''),
            name       TEXT NOT NULL CHECK (name <> ''),
            registered TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (kind, code)
        );
        """
}
