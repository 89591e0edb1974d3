public import GridGeoCore

/// A community (社区) to be divided into unit grids.
public struct Community: Hashable, Sendable, Codable {
    /// The 12-digit community code (district 6 + street 3 + community 3).
    public var code: String
    /// The boundary in lon/lat (CGCS2000): a polygon or multipolygon.
    public var geometry: Geometry
    /// True for a drafted community whose code is provisional (street code + drafted sequence).
    public var isProvisional: Bool

    public init(code: String, geometry: Geometry, isProvisional: Bool = false) {
        self.code = code
        self.geometry = geometry
        self.isProvisional = isProvisional
    }
}

/// A unit grid (单元网格).
public struct UnitGrid: Hashable, Sendable, Codable {
    /// The 15-digit grid code: the community code and a 3-digit sequence (see ``GridNumbering``).
    public var code: String
    /// The 12-digit code of the community the grid lies in.
    public var communityCode: String
    /// The outline in lon/lat: a polygon, or a multipolygon only when a separate part of the
    /// community was too small to be a grid of its own.
    public var geometry: Geometry
    /// Ellipsoidal area, m² (the frame's area corrected by ``LocalFrame/areaScale(atNorthing:)``).
    public var areaSquareMetres: Double

    public init(code: String, communityCode: String, geometry: Geometry, areaSquareMetres: Double) {
        self.code = code
        self.communityCode = communityCode
        self.geometry = geometry
        self.areaSquareMetres = areaSquareMetres
    }
}
