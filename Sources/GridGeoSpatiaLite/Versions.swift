import CSpatiaLite

/// The linked SpatiaLite library.
public enum SpatiaLite {
    /// The library version, e.g. "5.0.1". The corresponding C function is `spatialite_version`.
    public static var version: String { String(cString: spatialite_version()) }
}

/// The linked SQLite library.
public enum SQLite {
    /// The library version, e.g. "3.40.1". The corresponding C function is `sqlite3_libversion`.
    public static var version: String { String(cString: sqlite3_libversion()) }
}
