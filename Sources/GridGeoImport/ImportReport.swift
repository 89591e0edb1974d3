public import GridGeoCore

/// What an import decided and did, per file: the JSON report GIS staff keep with the delivery.
public struct ImportReport: Codable, Sendable, Equatable {
    public var database: String
    public var layer: String
    public var dryRun: Bool
    public var files: [FileReport]

    public init(database: String, layer: String, dryRun: Bool, files: [FileReport] = []) {
        self.database = database
        self.layer = layer
        self.dryRun = dryRun
        self.files = files
    }
}

public struct FileReport: Codable, Sendable, Equatable {
    public var file: String
    public var geometryType: String = ""
    /// The encoding used and where it came from: flag, cpg, languageDriver, detected.
    public var encoding: String = ""
    public var encodingSource: String = ""
    public var encodingNote: String?
    /// The source CRS and where it came from: flag, prj; with PROJ's identification confidence.
    public var crs: String = ""
    public var crsSource: String = ""
    public var crsConfidence: Int?
    public var fields: [String: String] = [:]
    public var featuresRead = 0
    public var featuresWritten = 0
    public var repaired: [Repair] = []
    public var skipped: [Skipped] = []
    public var warnings: [String] = []

    public init(file: String) { self.file = file }
}

/// A feature `--make-valid` repaired, with GEOS's reason and the area before and after (m²).
public struct Repair: Codable, Sendable, Equatable {
    public var feature: Int
    public var reason: String
    public var location: Coordinate?
    public var areaBeforeSquareMetres: Double
    public var areaAfterSquareMetres: Double
}

/// A feature left out with `--skip-failures`, with its attributes so nothing is lost.
public struct Skipped: Codable, Sendable, Equatable {
    public var feature: Int
    public var reason: String
    public var location: Coordinate?
    public var attributes: [String: JSONValue]
}
