/// A coordinate reference system, as a plain value: nothing is checked or opened until a `Transformer`
/// or `identify()` hands it to PROJ.
///
/// GridGeo always orders coordinates x first (longitude or easting), whatever the authority's axis
/// order: EPSG:4490 is latitude-first and Gauss-Krüger CRSs are northing-first by definition.
public enum CRS: Hashable, Sendable {
    /// An EPSG code, e.g. 4548 for CGCS2000 / 3-degree Gauss-Kruger CM 117E.
    case epsg(Int)
    /// A definition PROJ reads as text: WKT (an ESRI `.prj` or OGC WKT 1/2), PROJJSON or a PROJ string.
    case wkt(String)
    /// GCJ-02, the obfuscated datum of Chinese web maps (Amap, Tencent). Not in PROJ or EPSG.
    case gcj02
    /// BD-09, Baidu's further offset of GCJ-02. Not in PROJ or EPSG.
    case bd09

    /// CGCS2000 geographic 2D (EPSG:4490): GridGeo's canonical storage CRS.
    public static let cgcs2000 = CRS.epsg(4490)
    /// WGS 84 geographic 2D (EPSG:4326); with GridGeo's lon/lat order it equals OGC CRS84.
    public static let wgs84 = CRS.epsg(4326)

    /// True for the web-map pseudo-datums, which GridGeo computes in Swift instead of PROJ.
    public var isWebMapDatum: Bool { self == .gcj02 || self == .bd09 }

    /// The text PROJ is given for this CRS; nil for the pseudo-datums.
    var projDefinition: String? {
        switch self {
        case .epsg(let code): "EPSG:\(code)"
        case .wkt(let text): text
        case .gcj02, .bd09: nil
        }
    }
}

extension CRS: LosslessStringConvertible {
    /// Parses what a user types for `--s-srs`/`--t-srs`:
    /// - `EPSG:4548`, `epsg:4548` or a bare `4548`;
    /// - `GCJ02`, `GCJ-02`, `BD09`, `BD-09` (case, `-`, `_` and spaces ignored);
    /// - `WGS84`, `WGS 84`, `CRS84`, `OGC:CRS84` (all EPSG:4326, as GridGeo orders axes lon/lat) and
    ///   `CGCS2000` (EPSG:4490);
    /// - WKT text (anything with a `[`), e.g. the contents of a `.prj`.
    ///
    /// Returns nil for anything else. Whether an EPSG code exists is only known once PROJ sees it.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        if trimmed.contains("[") {
            self = .wkt(trimmed)
            return
        }
        let upper = trimmed.uppercased()
        switch upper.filter({ $0 != "-" && $0 != "_" && $0 != " " }) {
        case "GCJ02": self = .gcj02
        case "BD09": self = .bd09
        case "WGS84", "CRS84", "OGC:CRS84": self = .wgs84
        case "CGCS2000": self = .cgcs2000
        default:
            let digits = upper.hasPrefix("EPSG:") ? upper.dropFirst(5) : Substring(upper)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let code = Int(digits), code > 0 else {
                return nil
            }
            self = .epsg(code)
        }
    }

    /// `EPSG:4548`, `GCJ-02`, `BD-09`, or the WKT text itself; parses back to the same value.
    public var description: String {
        switch self {
        case .epsg(let code): "EPSG:\(code)"
        case .wkt(let text): text
        case .gcj02: "GCJ-02"
        case .bd09: "BD-09"
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{FEFF}" }  // .prj files may start with a BOM
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
