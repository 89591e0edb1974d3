import CGEOS

/// Facts about the linked GEOS library.
public enum GEOS {
    /// The run-time GEOS version, e.g. `"3.11.1-CAPI-1.17.1"`. The corresponding C function is `GEOSversion`.
    public static let version = String(cString: GEOSversion())
}
