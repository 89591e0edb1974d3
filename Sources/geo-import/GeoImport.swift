import ArgumentParser
import Foundation
import GridGeoCLI
import GridGeoImport
import GridGeoPROJ
import GridGeoShapefile
import GridGeoStore

@main
struct GeoImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geo-import",
        abstract: "Import shapefile deliveries into a GridGeo database, complete the hierarchy, build unit grids, look at the result.",
        subcommands: [Inspect.self, Import.self, DraftStreets.self, DraftCommunities.self, BuildGrids.self, ReassignComponents.self, Export.self, Render.self])
}

/// Prints `Error <code>: <message>` on stderr and exits with the sysexits code.
func fail(_ error: ImportError) -> ExitCode {
    FileHandle.standardError.write(Data("Error \(error.exitCode): \(error.description)\n".utf8))
    return ExitCode(error.exitCode)
}

func parseEncoding(_ label: String?) throws -> TextEncoding? {
    guard let label else { return nil }
    guard let e = TextEncoding(label: label) else {
        throw ValidationError("--encoding \(label): unknown encoding (try UTF-8, GBK, GB18030, BIG5)")
    }
    return e
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Describe a shapefile before importing it (like ogrinfo -so).")

    @Argument(help: "The .shp file.") var file: String
    @Option(help: "Decode the DBF with this encoding instead of .cpg / language driver / detection.") var encoding: String?
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() throws {
        do {
            let inspection = try FileInspection(path: file, encoding: try parseEncoding(encoding))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(inspection), as: UTF8.self))
            } else {
                print(inspection.text)
            }
        } catch let e as ImportError { throw fail(e) }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import shapefiles (or GeoJSON) into one layer of a GridGeo database, in one transaction.",
        discussion: """
            Encoding: --encoding > .cpg > DBF language driver > detection (strict UTF-8, else GB18030).
            CRS: --s-srs > .prj identified by PROJ at ≥ 70 % whose magnitudes fit; never assumed.
            Everything is stored in CGCS2000 (EPSG:4490). On any error the database is unchanged.
            Exit codes: 64 usage, 65 data, 66 missing input, 73 layer not empty, 74 I/O.
            """)

    @Argument(help: "Shapefiles, GeoJSON files, or folders of them.") var inputs: [String]
    @Option(help: "The GridGeo database (SpatiaLite); created if missing.") var db: String
    @Option(help: "The layer: \(LayerName.allCases.map(\.rawValue).joined(separator: "|")).") var layer: String
    @Option(name: .customLong("class"), help: "Component minor class for --layer components, e.g. 0203.") var componentClass: String?
    @Option(name: .customLong("s-srs"), help: "Source CRS: EPSG:NNNN, GCJ02 or BD09 (overrides the .prj).") var sourceSRS: String?
    @Option(help: "DBF encoding (UTF-8, GBK, GB18030 …), overriding .cpg and the language driver.") var encoding: String?
    @Option(name: .customLong("field"), help: "ROLE=FIELD: which field holds a role (name, code, address, kind, className).")
    var fields: [String] = []
    @Flag(help: "Replace the layer's rows.") var overwrite = false
    @Flag(help: "Add to the layer's rows.") var append = false
    @Flag(help: "Run everything, write only the report.") var dryRun = false
    @Flag(help: "Skip features that fail, listing them in the report, instead of stopping.") var skipFailures = false
    @Flag(help: "Repair invalid polygons with GEOS MakeValid, recording the area before and after.") var makeValid = false
    @Option(help: "Write the JSON report here.") var report: String?
    @Flag(name: .shortAndLong, help: "No progress on stderr.") var quiet = false

    func validate() throws {
        if overwrite && append { throw ValidationError("--overwrite and --append exclude each other") }
        guard LayerName(rawValue: layer) != nil else {
            throw ValidationError("--layer \(layer): one of \(LayerName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let s = sourceSRS, CRS(s) == nil { throw ValidationError("--s-srs \(s): not a CRS (EPSG:NNNN, GCJ02, BD09)") }
        for f in fields {
            let parts = f.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, FieldRole(rawValue: String(parts[0])) != nil else {
                throw ValidationError("--field \(f): expected ROLE=FIELD with ROLE one of \(FieldRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        var options = ImportOptions(layer: LayerName(rawValue: layer)!)
        options.componentClass = componentClass
        options.sourceCRS = sourceSRS.flatMap(CRS.init)
        options.encoding = try parseEncoding(encoding)
        for f in fields {
            let parts = f.split(separator: "=", maxSplits: 1).map(String.init)
            options.fields[FieldRole(rawValue: parts[0])!] = parts[1]
        }
        options.mode = overwrite ? .overwrite : append ? .append : .create
        options.dryRun = dryRun
        options.skipFailures = skipFailures
        options.makeValid = makeValid

        let store: GridStore
        do { store = try GridStore(path: db) } catch { throw fail(.io("\(db): \(error)")) }
        var progress: ProgressReporter?
        do {
            let importer = try Importer(store: store, options: options)
            importer.progress = { done, total in
                if progress == nil { progress = ProgressReporter("import \(layer)", total: total, quiet: quiet) }
                progress?.advance()
            }
            let result = try importer.run(paths: inputs)
            progress?.finish()
            if let report {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                do { try encoder.encode(result).write(to: URL(fileURLWithPath: report)) }
                catch { throw ImportError.io("\(report): cannot write the report (the import itself was written): \(error)") }
            }
            for f in result.files {
                print("\(f.file): read \(f.featuresRead), written \(f.featuresWritten), repaired \(f.repaired.count), "
                      + "skipped \(f.skipped.count); encoding \(f.encoding) (\(f.encodingSource)); CRS \(f.crs) (\(f.crsSource)"
                      + (f.crsConfidence.map { ", \($0) %" } ?? "") + ")")
                for w in f.warnings { print("  warning: \(w)") }
            }
            if dryRun { print("dry run: nothing written to \(db)") }
        } catch let e as ImportError {
            progress?.finish()
            throw fail(e)
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a layer as RFC 7946 GeoJSON.")

    @Option(help: "The GridGeo database.") var db: String
    @Option(help: "The layer: \(GeoJSONExport.layers.joined(separator: "|")).") var layer: String
    @Option(help: "Output format (geojson).") var format = "geojson"
    @Option(name: .shortAndLong, help: "Output file (default stdout).") var output: String?

    func validate() throws {
        guard format == "geojson" else { throw ValidationError("--format \(format): only geojson is supported") }
    }

    func run() throws {
        // A missing database is missing input (66), not a usage error; opening must not create it.
        guard FileManager.default.fileExists(atPath: db) else { throw fail(.missingInput("--db \(db): no such file")) }
        do {
            let store = try GridStore(path: db)
            let data = try GeoJSONExport.export(store, layer: layer)
            if let output { try data.write(to: URL(fileURLWithPath: output)) }
            else { FileHandle.standardOutput.write(data); print() }
        } catch let e as ImportError {
            throw fail(e)
        } catch {
            throw fail(.io("\(output ?? "stdout"): cannot export layer \(layer) of \(db): \(error)"))
        }
    }
}
