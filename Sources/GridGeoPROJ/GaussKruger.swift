public import GridGeoCore

/// Gauss-Krüger 3° zones as Chinese surveying uses them.
///
/// Zone n has central meridian 3n°E. A "zone" CRS writes n in front of every easting (false easting
/// n·1 000 000 + 500 000, so 8 digits: 39 448 481), a "CM" CRS does not (false easting 500 000, so
/// 6 digits: 448 481). Both kinds are in EPSG; mixing them up shifts data by thousands of kilometres.
public enum GaussKruger {
    /// The 3° zones covered by CGCS2000 EPSG CRSs: 25–45, central meridians 75°E–135°E.
    public static let cgcs2000Zones = 25...45

    /// The 3° zone whose strip holds `longitude` (degrees east). Zone n spans [3n − 1.5°, 3n + 1.5°),
    /// so a longitude on a strip edge goes to the eastern zone. Dongcheng (116.4°E) is in zone 39.
    public static func zone(forLongitude longitude: Double) -> Int {
        Int(((longitude + 1.5) / 3).rounded(.down))
    }

    /// The central meridian of a 3° zone, in degrees east: 3 × zone.
    public static func centralMeridian(ofZone zone: Int) -> Double {
        Double(3 * zone)
    }

    /// The EPSG code of the CGCS2000 3° Gauss-Krüger CRS of `zone`: 4513–4533 when eastings carry the
    /// zone prefix (zone 39 → 4527), 4534–4554 when they do not (zone 39 → 4548, "CM 117E").
    /// Nil outside zones 25–45.
    public static func cgcs2000EPSG(zone: Int, zonePrefixed: Bool) -> Int? {
        guard cgcs2000Zones.contains(zone) else { return nil }
        return (zonePrefixed ? 4513 : 4534) + zone - cgcs2000Zones.lowerBound
    }

    /// The zone and prefix convention of a CGCS2000 3° Gauss-Krüger EPSG code (4513–4554), else nil.
    public static func cgcs2000Zone(ofEPSG code: Int) -> (zone: Int, zonePrefixed: Bool)? {
        switch code {
        case 4513...4533: (code - 4513 + cgcs2000Zones.lowerBound, true)
        case 4534...4554: (code - 4534 + cgcs2000Zones.lowerBound, false)
        default: nil
        }
    }

    /// The zone number written in front of an easting: 39 for 39 448 481.6, nil for 448 481.6.
    ///
    /// Any easting of at least 1 000 000 m is read as prefixed, since an unprefixed Gauss-Krüger easting
    /// stays within a few hundred kilometres of 500 000. China's 3° zones are 25–45 and its 6° zones
    /// 13–23, so the number itself tells the zone width; numbers above 120 are not zones (nil).
    public static func zonePrefix(ofEasting easting: Double) -> Int? {
        guard easting.isFinite, easting >= 1_000_000 else { return nil }
        let zone = Int((easting / 1_000_000).rounded(.down))
        return zone <= 120 ? zone : nil
    }

    /// The easting without its zone prefix (39 448 481.6 → 448 481.6); unchanged when it has none.
    public static func strippingZonePrefix(fromEasting easting: Double) -> Double {
        guard let zone = zonePrefix(ofEasting: easting) else { return easting }
        return easting - Double(zone) * 1_000_000
    }

    /// The easting with `zone` written in front (448 481.6 in zone 39 → 39 448 481.6).
    public static func addingZonePrefix(_ zone: Int, toEasting easting: Double) -> Double {
        easting + Double(zone) * 1_000_000
    }

    /// The area of CGCS2000 lon/lat polygons measured on the plane of a 3° Gauss-Krüger zone, as
    /// Chinese survey documents report areas.
    ///
    /// Differs from `Geodesic.areaSquareMetres(of:)` by the projection's scale: nothing on the
    /// central meridian, up to about 0.07 % at a zone edge. Opens a PROJ context per call.
    /// - Parameters:
    ///   - geometry: Polygons in CGCS2000 lon/lat degrees; other parts count zero.
    ///   - zone: The zone plane; by default the zone holding the centre of the geometry's bounding box.
    /// - Throws: `PROJError` when the zone has no CGCS2000 CRS (outside 25–45) or a point fails to project.
    public static func planarAreaSquareMetres(of geometry: Geometry, zone: Int? = nil) throws(PROJError) -> Double {
        let zone = zone ?? self.zone(forLongitude: geometry.boundingBox.center.lon)
        guard let code = cgcs2000EPSG(zone: zone, zonePrefixed: false) else {
            throw PROJError(code: 1027, message: "Invalid value for an argument",  // PROJ_ERR_INVALID_OP_ILLEGAL_ARG_VALUE
                            details: ["no CGCS2000 3-degree Gauss-Kruger CRS for zone \(zone)"])
        }
        let projected = try Transformer(from: .cgcs2000, to: .epsg(code)).transform(geometry)
        return projected.polygons.reduce(0) { $0 + $1.planarArea }
    }
}
