import GridGeoCore
public import GridGeoPROJ

/// The source CRS of a file and how it was decided. GridGeo never assumes a CRS: it takes
/// `--s-srs`, or a `.prj` that PROJ identifies at ≥ 70 % confidence (QGIS's threshold) and whose
/// coordinate magnitudes fit it; anything else stops the import with the flag that fixes it.
public struct CRSDecision: Sendable, Equatable {
    public var crs: CRS
    /// `flag`, `prj`, or `geojson` (RFC 7946: always CRS84).
    public var source: String
    public var confidence: Int?
    public var name: String

    static let minimumConfidence = 70

    static func decide(for file: SourceFile, override: CRS?) throws(ImportError) -> CRSDecision {
        let decision: CRSDecision
        if let override {
            decision = CRSDecision(crs: override, source: "flag", confidence: nil, name: override.description)
            if !override.isWebMapDatum, case .epsg = override {
                let tm = try? override.identify().first?.transverseMercator
                try checkMagnitude(file, isGeographic: tm == nil && isGeographic(override), tm: tm, crs: override)
            }
            return decision
        }
        if file.isGeoJSON {
            decision = CRSDecision(crs: .wgs84, source: "geojson", confidence: 100, name: "OGC:CRS84 (RFC 7946)")
            try checkMagnitude(file, isGeographic: true, tm: nil, crs: .wgs84)
            return decision
        }
        guard let prj = file.projection, !prj.isEmpty else {
            throw .data("\(file.path): no .prj, so the coordinate system is unknown; give it with --s-srs "
                        + "(e.g. --s-srs EPSG:4548 for CGCS2000 3° Gauss-Krüger CM 117°E, --s-srs GCJ02 for web-map data)")
        }
        let candidates: [CRS.Identification]
        do { candidates = try CRS.identify(wkt: prj) } catch {
            throw .data("\(file.path): PROJ cannot read the .prj (\(error)); give the CRS with --s-srs")
        }
        guard let best = candidates.first, best.confidence >= minimumConfidence else {
            let found = candidates.prefix(3).map { "EPSG:\($0.epsg) \($0.name) (\($0.confidence) %)" }.joined(separator: ", ")
            throw .data("\(file.path): the .prj is not identified with confidence ≥ \(minimumConfidence) % "
                        + "(\(found.isEmpty ? "no candidate" : found)); give the CRS with --s-srs")
        }
        try checkMagnitude(file, isGeographic: best.kind == .geographic, tm: best.transverseMercator, crs: best.crs)
        return CRSDecision(crs: best.crs, source: "prj", confidence: best.confidence, name: best.name)
    }

    private static func isGeographic(_ crs: CRS) -> Bool {
        (try? crs.identify().first?.kind == .geographic) ?? false
    }

    /// Coordinates must fit the CRS: degrees for a geographic one; for Gauss-Krüger, an 8-digit
    /// easting (zone number in front) exactly when the CRS has the zone prefix, a 6-digit one otherwise.
    static func checkMagnitude(_ file: SourceFile, isGeographic: Bool, tm: CRS.TransverseMercator?, crs: CRS) throws(ImportError) {
        let b = file.bounds
        guard !b.isEmpty else { return }
        if isGeographic {
            guard b.minX >= -180, b.maxX <= 180, b.minY >= -90, b.maxY <= 90 else {
                throw .data("\(file.path): coordinates up to (\(Int(b.maxX)), \(Int(b.maxY))) are not degrees, "
                            + "but the CRS \(crs) is geographic; the data is projected: give its CRS with --s-srs")
            }
            return
        }
        guard let tm else { return }
        let fileZone = GaussKruger.zonePrefix(ofEasting: b.minX)
        let crsZone = tm.zonePrefix
        if fileZone == crsZone { return }
        var hint = ""
        if let fileZone, crsZone == nil, let code = GaussKruger.cgcs2000EPSG(zone: fileZone, zonePrefixed: true) {
            hint = "; the eastings carry zone number \(fileZone): try --s-srs EPSG:\(code)"
        } else if fileZone == nil, let zone = crsZone, let code = GaussKruger.cgcs2000EPSG(zone: zone, zonePrefixed: false) {
            hint = "; the eastings have no zone number: try --s-srs EPSG:\(code)"
        }
        throw .data("\(file.path): eastings \(Int(b.minX))…\(Int(b.maxX)) do not fit \(crs) (false easting "
                    + "\(Int(tm.falseEasting)))\(hint)")
    }
}
