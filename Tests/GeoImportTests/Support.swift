import Foundation
import GridGeoCore
import GridGeoGEOS
@testable import GridGeoImport
import GridGeoPROJ
import GridGeoShapefile
import GridGeoSpatiaLite
import GridGeoStore
import Testing

// MARK: - Where things are

enum Locations {
    /// <package>/Tests/GeoImportTests/Support.swift → <package>
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The licensed district boundary users import first (`--layer districts`).
    static let district = packageRoot.appendingPathComponent("SampleData/dongcheng_district.geojson").path
    static let divisions = packageRoot.appendingPathComponent("SampleData/divisions.csv").path

    /// The real delivery: evaluation-only, read in place from `../shared/data` beside the package root,
    /// never copied into the repository.
    static let delivery = packageRoot.appendingPathComponent("../shared/data/dongcheng-caupd/delivery")
        .standardizedFileURL.path
    static let deliveryPresent = FileManager.default.fileExists(atPath: delivery)

    /// The `geo-import` binary built beside this test bundle (`swift build --build-tests` and `swift test`
    /// build every executable product into the same folder as the `.xctest`).
    static let geoImport: String? = {
        let bundleFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [bundleFolder.appendingPathComponent("geo-import").path,
                          packageRoot.appendingPathComponent(".build/debug/geo-import").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}

// MARK: - Temporary files

/// A fresh temporary folder, removed when the value goes away.
final class Workspace {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("gridgeo-import-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// A store in this folder holding the Dongcheng district, imported from SampleData as users do first
    /// (once per test run; each test gets a copy of that file).
    func districtStore(_ name: String = "grid.sqlite") throws -> GridStore {
        let template = try districtTemplate.get()
        try FileManager.default.copyItem(atPath: template, toPath: file(name))
        return try GridStore(path: file(name))
    }
}

/// A database with only the district imported, made once per test process and removed at exit.
private let districtTemplate: Result<String, any Error> = Result {
    let path = templatePath
    let store = try GridStore(path: path)
    try runImport([Locations.district], into: store, .districts)
    try store.close()
    atexit { try? FileManager.default.removeItem(atPath: templatePath) }
    return path
}

private let templatePath = FileManager.default.temporaryDirectory
    .appendingPathComponent("gridgeo-import-district-\(UUID().uuidString).sqlite").path

func fileBytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

// MARK: - Running imports

/// Runs the importer as `geo-import import` would.
@discardableResult
func runImport(_ paths: [String], into store: GridStore, _ layer: LayerName,
               _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportReport {
    var options = ImportOptions(layer: layer)
    configure(&options)
    return try Importer(store: store, options: options).run(paths: paths)
}

/// The `ImportError` an import throws; records an issue when it succeeds or throws something else.
func importFailure(_ paths: [String], into store: GridStore, _ layer: LayerName,
                   _ configure: (inout ImportOptions) -> Void = { _ in },
                   sourceLocation: SourceLocation = #_sourceLocation) -> ImportError? {
    failure(sourceLocation: sourceLocation) { try runImport(paths, into: store, layer, configure) }
}

func failure(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> ImportError? {
    do {
        try body()
        Issue.record("expected an ImportError, but it succeeded", sourceLocation: sourceLocation)
    } catch let error as ImportError {
        return error
    } catch {
        Issue.record("expected an ImportError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Checks the exit code and that the message names what it must (the file, the flag that fixes it).
func expect(_ error: ImportError?, exitCode: Int32, mentions fragments: [String],
            sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error else {
        Issue.record("no error to check", sourceLocation: sourceLocation)
        return
    }
    // `GRIDGEO_SHOW_MESSAGES=1 swift test --filter GeoImportTests` lists every message checked, to read them all at once.
    if ProcessInfo.processInfo.environment["GRIDGEO_SHOW_MESSAGES"] != nil { print("[\(error.exitCode)] \(error)") }
    #expect(error.exitCode == exitCode, "\(error)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(error.description.contains(fragment), "«\(error)» does not mention «\(fragment)»",
                sourceLocation: sourceLocation)
    }
}

// MARK: - Real Dongcheng coordinates

enum Dongcheng {
    /// The district boundary as SampleData has it (WGS 84, which equals CGCS2000 to well under a metre).
    static let boundary: Polygon = {
        let data = FileManager.default.contents(atPath: Locations.district)!
        let collection = try! JSONDecoder().decode(FeatureCollection<[String: JSONValue]?>.self, from: data)
        return collection.features[0].geometry!.polygons[0]
    }()

    /// A box well inside the district: Wangfujing to Dongsi.
    static let centre = BoundingBox(minX: 116.405, minY: 39.905, maxX: 116.425, maxY: 39.935)

    /// `n` points on a grid over `centre`, row by row.
    static func points(_ n: Int, in box: BoundingBox = centre) -> [Coordinate] {
        let columns = max(1, Int(Double(n).squareRoot().rounded(.up)))
        let rows = max(1, (n + columns - 1) / columns)
        return (0..<n).map { i in
            Coordinate(lon: box.minX + (box.maxX - box.minX) * (Double(i % columns) + 0.5) / Double(columns),
                       lat: box.minY + (box.maxY - box.minY) * (Double(i / columns) + 0.5) / Double(rows))
        }
    }

    /// `n` squares of `size` degrees (≈ 40 m by default) centred on the points of `points(n)`.
    static func squares(_ n: Int, size: Double = 0.0004) -> [Polygon] {
        points(n).map { c in
            let h = size / 2
            return Polygon(exterior: Ring([
                Coordinate(x: c.x - h, y: c.y - h), Coordinate(x: c.x + h, y: c.y - h),
                Coordinate(x: c.x + h, y: c.y + h), Coordinate(x: c.x - h, y: c.y + h),
            ]))
        }
    }

    /// `n` short lines (3 vertices, ≈ 60 m) starting at the points of `points(n)`.
    static func lines(_ n: Int) -> [LineString] {
        points(n).map { c in
            LineString([c, Coordinate(x: c.x + 0.0003, y: c.y + 0.0001), Coordinate(x: c.x + 0.0006, y: c.y)])
        }
    }

    /// Points on a grid of `spacing` degrees over the whole district, kept when inside the boundary.
    static func pointsAcrossTheDistrict(spacing: Double) throws -> [Coordinate] {
        let geos = try GEOSContext()
        let district = try geos.prepare(.polygon(boundary))
        let box = boundary.boundingBox
        var out: [Coordinate] = []
        var y = box.minY + spacing / 2
        while y < box.maxY {
            var x = box.minX + spacing / 2
            while x < box.maxX {
                let c = Coordinate(x: x, y: y)
                if try district.covers(c) { out.append(c) }
                x += spacing
            }
            y += spacing
        }
        return out
    }
}

/// The geometry in another CRS, from CGCS2000 lon/lat.
func project(_ geometries: [Geometry], to crs: CRS) throws -> [Geometry] {
    let transformer = try Transformer(from: .cgcs2000, to: crs)
    return try geometries.map { try transformer.transform($0) }
}

/// ESRI WKT as ArcGIS writes it into `.prj` files.
enum PRJ {
    static let cgcs2000Geographic = #"GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#
    static let wgs84 = #"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#

    /// CGCS2000 3° Gauss-Krüger zone 39 (CM 117°E): EPSG:4527 with the zone number in the easting,
    /// EPSG:4548 without.
    static func gaussKruger39(zonePrefixed: Bool) -> String {
        let name = zonePrefixed ? "CGCS2000_3_Degree_GK_Zone_39" : "CGCS2000_3_Degree_GK_CM_117E"
        let falseEasting = zonePrefixed ? "39500000.0" : "500000.0"
        return #"PROJCS[""# + name + #"","# + cgcs2000Geographic
            + #",PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting","# + falseEasting
            + #"],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#
    }
}

// MARK: - Writing fixtures

/// How a fixture's DBF declares its encoding.
struct Declaration {
    var encoding: TextEncoding
    var cpg: String?
    var ldid: UInt8?

    static let utf8WithCPG = Declaration(encoding: .utf8, cpg: "UTF-8")
    static let gbkWithCPG = Declaration(encoding: .gb18030, cpg: "GBK")
    static let gb18030ByLDID = Declaration(encoding: .gb18030, ldid: 0x4D)
    static let undeclaredUTF8 = Declaration(encoding: .utf8)
    static let undeclaredGBK = Declaration(encoding: .gb18030)
}

/// Writes a shapefile and returns the `.shp` path.
@discardableResult
func writeShapefile(_ path: String, kind: ShapeType.Kind, fields: [ShapefileField],
                    records: [(Geometry?, [String: AttributeValue])],
                    declaration: Declaration = .utf8WithCPG, prj: String? = PRJ.cgcs2000Geographic) throws -> String {
    let writer = try ShapefileWriter(path: path, kind: kind, fields: fields, encoding: declaration.encoding,
                                     cpg: declaration.cpg, languageDriver: declaration.ldid, projection: prj)
    for (geometry, attributes) in records { try writer.append(geometry, attributes: attributes) }
    writer.close()
    return writer.path
}

/// Address texts with a rare character (㘵, 䶮: CJK extension A, GB18030 only) in the last.
let addressTexts = ["北京市东城区东华门街道王府井大街1号", "北京市东城区景山街道景山前街4号",
                    "北京市东城区交道口街道南锣鼓巷8号", "北京市东城区东四街道㘵䶮胡同3号"]

/// A point layer of door plates: `名称` and `地址` (Chinese field names, so a wrong decoding loses the
/// field as well as the text), one point per address in the centre of the district.
@discardableResult
func writeAddresses(_ path: String, _ addresses: [String] = addressTexts, declaration: Declaration,
                    prj: String? = PRJ.cgcs2000Geographic) throws -> String {
    let points = Dongcheng.points(addresses.count)
    return try writeShapefile(path, kind: .point,
                              fields: [ShapefileField(name: "名称", type: .string, width: 40),
                                       ShapefileField(name: "地址", type: .string, width: 120)],
                              records: addresses.enumerated().map { i, a in
                                  (.point(points[i]), ["名称": .string("门牌\(i + 1)"), "地址": .string(a)])
                              },
                              declaration: declaration, prj: prj)
}

/// A parcel layer (`YDLX` land use) of `count` squares, optionally projected and with a bow-tie at `bowTie`.
@discardableResult
func writeParcels(_ path: String, count: Int, crs: CRS = .cgcs2000, prj: String? = PRJ.cgcs2000Geographic,
                  bowTie: Int? = nil) throws -> String {
    var geometries = Dongcheng.squares(count).map(Geometry.polygon)
    if let bowTie { geometries[bowTie] = .polygon(GeoImportTests.bowTie(at: Dongcheng.points(count)[bowTie])) }
    if crs != .cgcs2000 { geometries = try project(geometries, to: crs) }
    return try writeShapefile(path, kind: .polygon, fields: [ShapefileField(name: "YDLX", type: .string, width: 40)],
                              records: geometries.enumerated().map { i, g in (g, ["YDLX": .string(i % 2 == 0 ? "居住用地" : "商业服务业设施用地")]) },
                              declaration: .gbkWithCPG, prj: prj)
}

/// The bow-tie unit: 0.0002° (≈ 17 m east-west, 22 m north-south in Beijing).
let bowTieUnit = 0.0002

/// A bow-tie (figure-eight) polygon whose two lobes differ in size, so their signed areas do not
/// cancel: (0,0) → (2,2) → (2,0) → (0,1) → back, in `bowTieUnit`s from `c`. The edges cross at (⅔, ⅔);
/// the lobes have areas ⅓ and 4⁄3.
func bowTie(at c: Coordinate) -> Polygon {
    let u = bowTieUnit
    return Polygon(exterior: Ring([
        Coordinate(x: c.x, y: c.y), Coordinate(x: c.x + 2 * u, y: c.y + 2 * u),
        Coordinate(x: c.x + 2 * u, y: c.y), Coordinate(x: c.x, y: c.y + u),
    ]))
}

/// A road layer (`NAME`) of `count` lines in the centre of the district.
@discardableResult
func writeRoads(_ path: String, count: Int, name: (Int) -> String = { "王府井大街\($0)" }) throws -> String {
    try writeShapefile(path, kind: .polyline, fields: [ShapefileField(name: "NAME", type: .string, width: 60)],
                       records: Dongcheng.lines(count).enumerated().map { i, l in (.lineString(l), ["NAME": .string(name(i))]) })
}

/// A street layer (`JDMC` name, `JDDM` 9-digit code) of `count` squares with codes 110101001….
@discardableResult
func writeStreets(_ path: String, count: Int, codes: [String]? = nil) throws -> String {
    let codes = codes ?? (0..<count).map { String(110_101_001 + $0) }
    return try writeShapefile(path, kind: .polygon,
                              fields: [ShapefileField(name: "JDMC", type: .string, width: 40),
                                       ShapefileField(name: "JDDM", type: .string, width: 9)],
                              records: Dongcheng.squares(count).enumerated().map { i, p in
                                  (.polygon(p), ["JDMC": .string("测试\(i + 1)街道"), "JDDM": .string(codes[i])])
                              })
}

// MARK: - Comparing databases

/// Row count and an order-independent content hash of one table.
struct TableDigest: Hashable, Sendable, CustomStringConvertible {
    var rows: Int
    var hash: UInt64
    var description: String { "\(rows) rows, hash \(String(hash, radix: 16))" }
}

/// Every ordinary table of the database with its rows hashed: equal digests mean equal contents, even
/// when a hot-journal rollback rewrote pages.
func contentDigest(_ store: GridStore) throws -> [String: TableDigest] {
    try store.read { db in
        let tables = try db.query("""
            SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name
            """) { row in try row.column(0, as: String.self) }
        var out: [String: TableDigest] = [:]
        for table in tables {
            let rowHashes = try db.query("SELECT * FROM \"\(table)\"") { row in
                var h = FNV1a()
                for i in 0..<row.count {
                    switch row[i] {
                    case .null: h.add([0])
                    case .integer(let v): h.add([1]); h.add(withUnsafeBytes(of: v.littleEndian, Array.init))
                    case .real(let v): h.add([2]); h.add(withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init))
                    case .text(let v): h.add([3]); h.add(Array(v.utf8)); h.add([0xFF])
                    case .blob(let v): h.add([4]); h.add(v); h.add([0xFF])
                    }
                }
                return h.value
            }
            var h = FNV1a()
            for r in rowHashes.sorted() { h.add(withUnsafeBytes(of: r.littleEndian, Array.init)) }
            out[table] = TableDigest(rows: rowHashes.count, hash: h.value)
        }
        return out
    }
}

struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ bytes: [UInt8]) {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 }
    }
}

// MARK: - Running the binary

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a built binary with `arguments`, output captured through files (no pipe can fill up).
func run(_ binary: String?, _ arguments: [String], in workspace: Workspace) throws -> ProcessResult {
    let binary = try #require(binary)
    let id = UUID().uuidString
    let out = workspace.file("stdout-\(id)"), err = workspace.file("stderr-\(id)")
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    try process.run()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: try fileBytes(out), as: UTF8.self),
                         stderr: String(decoding: try fileBytes(err), as: UTF8.self))
}

/// Runs `geo-import` with `arguments`.
func runGeoImport(_ arguments: [String], in workspace: Workspace) throws -> ProcessResult {
    try run(Locations.geoImport, arguments, in: workspace)
}

/// A `geo-import` run that must fail: its arguments (given the database and workspace paths), the
/// documented exit code and what the message must name.
struct CLIFailure: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: @Sendable (_ db: String, _ ws: String) -> [String]
    var exitCode: Int32
    var fragments: [String]
    var testDescription: String { name }
}

/// Runs each failure in turn: its exit code, the fragments on stderr, nothing on stdout.
func expectEachFails(_ failures: [CLIFailure], db: String, in ws: Workspace) throws {
    for failure in failures {
        let result = try runGeoImport(failure.arguments(db, ws.path), in: ws)
        #expect(result.status == failure.exitCode, "\(failure.name): \(result.stderr)")
        for fragment in failure.fragments {
            #expect(result.stderr.contains(fragment), "\(failure.name): «\(result.stderr)» does not mention «\(fragment)»")
        }
        #expect(result.stdout.isEmpty, "\(failure.name): stdout is for results")
    }
}
