import CPROJ

extension CRS {
    /// Whether coordinates are angles (geographic: degrees) or planar (projected: metres).
    public enum Kind: String, Hashable, Sendable {
        case geographic, projected, other
    }

    /// The parameters of a transverse Mercator (Gauss-Krüger) projection, in degrees and metres.
    public struct TransverseMercator: Hashable, Sendable {
        public var centralMeridian: Double
        public var latitudeOfOrigin: Double
        public var scaleFactor: Double
        public var falseEasting: Double
        public var falseNorthing: Double

        public init(centralMeridian: Double, latitudeOfOrigin: Double = 0, scaleFactor: Double = 1,
                    falseEasting: Double, falseNorthing: Double = 0) {
            self.centralMeridian = centralMeridian
            self.latitudeOfOrigin = latitudeOfOrigin
            self.scaleFactor = scaleFactor
            self.falseEasting = falseEasting
            self.falseNorthing = falseNorthing
        }

        /// The zone number the false easting puts in front of every easting (39 for 39 500 000), or
        /// nil for a CM CRS (500 000), whose eastings have six digits.
        public var zonePrefix: Int? { GaussKruger.zonePrefix(ofEasting: falseEasting) }
    }

    /// One EPSG CRS that PROJ considers a match for a definition.
    public struct Identification: Hashable, Sendable {
        /// The EPSG code of the candidate.
        public var epsg: Int
        /// The candidate's EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 117E".
        public var name: String
        /// PROJ's confidence in percent. Per PROJ's `identify` docs: 100 when equivalent with the
        /// same name, 90 when equivalent with a similar name, 70 when equivalent with an unrelated
        /// name, 25 when not equivalent but the names are alike. GridGeo accepts a `.prj` at ≥ 70.
        public var confidence: Int
        /// Geographic or projected.
        public var kind: Kind
        /// The candidate's projection parameters when it is a transverse Mercator CRS, so a caller
        /// can check that coordinate magnitudes fit its false easting.
        public var transverseMercator: TransverseMercator?

        public init(epsg: Int, name: String, confidence: Int, kind: Kind, transverseMercator: TransverseMercator?) {
            self.epsg = epsg
            self.name = name
            self.confidence = confidence
            self.kind = kind
            self.transverseMercator = transverseMercator
        }

        /// The identified CRS.
        public var crs: CRS { .epsg(epsg) }
    }

    /// The EPSG CRSs PROJ matches to WKT text (typically an ESRI `.prj`), most confident first.
    ///
    /// The corresponding C function is `proj_identify`.
    /// - Returns: The candidates; empty when PROJ reads the text but knows no EPSG match.
    /// - Throws: `PROJError` when PROJ cannot read the text as a CRS.
    public static func identify(wkt: String) throws(PROJError) -> [Identification] {
        try CRS.wkt(wkt).identify()
    }

    /// The EPSG CRSs PROJ matches to this CRS, most confident first; empty for GCJ-02 and BD-09.
    ///
    /// Opens a PROJ context for the call, so it may run on any thread.
    public func identify() throws(PROJError) -> [Identification] {
        guard let definition = projDefinition else { return [] }
        let context = try PROJContext()
        let crs = try context.make { proj_create($0, definition) }
        guard proj_is_crs(crs.handle) != 0 else {
            throw context.error(code: 1027, note: "not a CRS: \(crs.name)")  // PROJ_ERR_INVALID_OP_ILLEGAL_ARG_VALUE
        }
        var confidences: UnsafeMutablePointer<Int32>?
        context.clearLog()
        // Returns NULL on error, else a list (possibly empty) and one confidence per member.
        guard let list = proj_identify(context.handle, crs.handle, "EPSG", nil, &confidences) else {
            throw context.error(code: Int(proj_context_errno(context.handle)))
        }
        defer {
            proj_list_destroy(list)
            proj_int_list_destroy(confidences)
        }
        var found: [Identification] = []
        for i in 0..<proj_list_get_count(list) {
            guard let member = proj_list_get(context.handle, list, i) else { continue }
            let candidate = PJObject(member, context: context)
            guard let code = proj_get_id_code(candidate.handle, 0).flatMap({ Int(String(cString: $0)) }) else { continue }
            found.append(Identification(epsg: code, name: candidate.name, confidence: Int(confidences?[Int(i)] ?? 0),
                                        kind: candidate.kind, transverseMercator: candidate.transverseMercator))
        }
        // PROJ lists the best first; sort anyway, keeping PROJ's order among equals.
        return found.enumerated().sorted { ($0.element.confidence, $1.offset) > ($1.element.confidence, $0.offset) }
            .map(\.element)
    }
}

extension PJObject {
    /// Geographic, projected or other, for a CRS object.
    var kind: CRS.Kind {
        switch proj_get_type(handle) {
        case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS, PJ_TYPE_GEOGRAPHIC_CRS: .geographic
        case PJ_TYPE_PROJECTED_CRS: .projected
        default: .other
        }
    }

    /// The parameters of a projected CRS whose conversion is EPSG method 9807 (Transverse Mercator,
    /// which is also what PROJ makes of ESRI's "Gauss_Kruger"); nil for anything else.
    var transverseMercator: CRS.TransverseMercator? {
        guard kind == .projected,
              let raw = proj_crs_get_coordoperation(context.handle, handle) else { return nil }
        let conversion = PJObject(raw, context: context)
        var methodCode: UnsafePointer<CChar>?
        // Returns TRUE (1) on success.
        guard proj_coordoperation_get_method_info(context.handle, conversion.handle, nil, nil, &methodCode) == 1,
              methodCode.map({ String(cString: $0) }) == "9807" else { return nil }

        // Parameters by EPSG code, in degrees or metres.
        var values: [String: Double] = [:]
        for i in 0..<proj_coordoperation_get_param_count(context.handle, conversion.handle) {
            var code: UnsafePointer<CChar>?
            var unitCode: UnsafePointer<CChar>?
            var value = 0.0
            var toSI = 1.0
            guard proj_coordoperation_get_param(context.handle, conversion.handle, i, nil, nil, &code, &value, nil,
                                                &toSI, nil, nil, &unitCode, nil) == 1,
                  let code else { continue }
            let key = String(cString: code)
            if key == "8801" || key == "8802" {
                // Keep degrees exact (117, not 117.00000000000001): convert only other angle units.
                let isDegree = unitCode.map { String(cString: $0) } == "9102"
                values[key] = isDegree ? value : value * toSI * 180 / .pi
            } else {
                values[key] = value * toSI
            }
        }
        guard let centralMeridian = values["8802"], let falseEasting = values["8806"] else { return nil }
        return CRS.TransverseMercator(centralMeridian: centralMeridian, latitudeOfOrigin: values["8801"] ?? 0,
                                      scaleFactor: values["8805"] ?? 1, falseEasting: falseEasting,
                                      falseNorthing: values["8807"] ?? 0)
    }
}
