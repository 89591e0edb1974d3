import ArgumentParser
import Foundation
import GridGeoCore
import GridGeoGEOS
import GridGeoImport
import GridGeoPROJ
import GridGeoSpatiaLite
import GridGeoStore

@main
struct GridGeoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gridgeo", abstract: "GridGeo query tool.",
        subcommands: [Demo.self, Versions.self, ParseAddress.self, Geocode.self, Reverse.self, Components.self, Stats.self, Lookup.self])
}

struct Versions: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the versions of the C libraries GridGeo runs on.")

    func run() {
        print("GEOS \(GEOS.version)")
        print("PROJ \(PROJ.version)")
        print("SpatiaLite \(SpatiaLite.version) on SQLite \(SQLite.version)")
    }
}

/// The README's main job on SampleData/: import the district, transform a known point.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the main job on a SampleData folder.")

    @Argument(help: "The SampleData folder.") var sampleData = "SampleData"
    @Option(help: "The database to (re)create.") var db = ".build/gridgeo-demo.sqlite"

    func run() throws {
        Versions().run()

        // Tiananmen, CGCS2000 lon/lat → 3° Gauss-Krüger CM 117°E and zone 39, and to the web-map datums.
        let tiananmen = Coordinate(lon: 116.3975, lat: 39.9087)
        let cm = try Transformer(from: .cgcs2000, to: .epsg(4548)).transform(tiananmen)
        let zone = try Transformer(from: .cgcs2000, to: .epsg(4527)).transform(tiananmen)
        let gcj = GCJ02.fromWGS84(tiananmen)
        print(String(format: "Tiananmen (%.4f, %.4f) EPSG:4490 → EPSG:4548 E %.3f N %.3f; EPSG:4527 E %.3f",
                     tiananmen.lon, tiananmen.lat, cm.x, cm.y, zone.x))
        print(String(format: "  → GCJ-02 (%.6f, %.6f), BD-09 (%.6f, %.6f)", gcj.lon, gcj.lat,
                     BD09.fromGCJ02(gcj).lon, BD09.fromGCJ02(gcj).lat))

        try? FileManager.default.removeItem(atPath: db)
        try FileManager.default.createDirectory(atPath: (db as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let store = try GridStore(path: db)
        let importer = try Importer(store: store, options: ImportOptions(layer: .districts))
        do {
            let report = try importer.run(paths: [(sampleData as NSString).appendingPathComponent("dongcheng_district.geojson")])
            print("Imported \(report.files.map(\.featuresWritten).reduce(0, +)) district into \(db)")
        } catch { throw ExitCode(error.exitCode) }
        for d in try store.districts() {
            print(String(format: "  %@ %@: %.2f km² (geodesic, CGCS2000)", d.code, d.name,
                         Geodesic.cgcs2000.areaSquareMetres(of: d.geometry) / 1e6))
        }
    }
}
