import ArgumentParser
import Foundation
import GridGeoCLI
import GridGeoCore
import GridGeoLookup
import GridGeoPROJ
import GridGeoStore

/// `gridgeo lookup`: the grid, community, street and district of each point of a CSV.
struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the unit grid, community, street and district of each lon,lat point.",
        discussion: """
            Input: one point per line, `lon,lat[,id]` (x,y for a projected --crs); an optional header line, \
            blank lines ignored. Without an id, the line number is the id.

            Output: one line per good point, in input order. CSV columns: id, grid, community_code, \
            community, street_code, street, district_code, district, position (inside|boundary|outside), \
            distance_m (to the nearest grid, for an outside point with --nearest), version, shared_with \
            (for a point on a boundary, the other grids whose edge or vertex it lies on, separated by ;). \
            --json: one JSON object per line.

            Boundary rule: a point on an edge shared by two grids belongs to the grid east of it (north \
            of a horizontal edge); a point on the outer boundary of the grids is answered with its grid.

            A bad line is reported on stderr with its line number and skipped; the exit code is then 65, \
            after every good line has been answered.

            Exit codes: 64 usage, 65 bad lines or no grids in the store, 66 missing database or input, 74 I/O.
            """)

    @Option(help: "The GridGeo database (built with geo-import build-grids).") var db: String
    @Option(name: [.short, .customLong("input")], help: "The points file; - for stdin.") var input = "-"
    @Option(help: "CRS of the input: EPSG:4490 (CGCS2000, the default), EPSG:4326, GCJ02, BD09 or EPSG:nnnn.")
    var crs = "EPSG:4490"
    @Option(help: "Answer from the grid version valid on this date, YYYY-MM-DD (default: the current one).")
    var date: String?
    @Option(help: "For a point outside every grid, give the nearest grid within this many metres.")
    var nearest: Double = 0
    @Flag(help: "Print one JSON object per line instead of CSV.") var json = false

    func validate() throws {
        guard CRS(crs) != nil, !crs.contains("[") else {
            throw ValidationError("--crs \(crs): expected EPSG:4490, EPSG:4326, GCJ02, BD09 or EPSG:nnnn")
        }
        if let date, LocalDate(date) == nil { throw ValidationError("--date \(date): expected YYYY-MM-DD") }
        if !(nearest >= 0 && nearest.isFinite) { throw ValidationError("--nearest \(nearest): expected metres ≥ 0") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw failure(.noInput, "no database at \(db)") }
        let directory: GridDirectory
        do {
            let store = try GridStore(path: db)
            defer { try? store.close() }
            directory = try GridDirectory(store: store, on: date.flatMap(LocalDate.init))
        } catch let e as LookupError {
            throw failure(.dataError, e.description)
        } catch {
            throw failure(.ioError, "cannot read \(db): \(error)")
        }
        let source = CRS(crs)!
        var transformer: Transformer?
        if source != .cgcs2000 {
            do { transformer = try Transformer(from: source, to: .cgcs2000) } catch {
                throw failure(.usage, "--crs \(crs): \(error)")
            }
        }
        guard let reader = LineReader(path: input) else { throw failure(.noInput, "cannot open \(input)") }

        var bad = 0
        var lines: [String] = []
        lines.reserveCapacity(Self.batchSize)
        var lineNumber = 0
        var seenData = false
        // Lines are read in batches; each batch is parsed on every core, then checked in order
        // (header, bad lines), looked up and written.
        func flush() {
            let first = lineNumber - lines.count + 1, all = lines, chunk = 4096
            let parsed = parallelMap((all.count + chunk - 1) / chunk) { c in
                (c * chunk..<min(all.count, (c + 1) * chunk)).map { i -> Result<PointLine, PointLine.Problem>? in
                    let text = trimmingWhiteSpace(all[i][...])
                    return text.isEmpty ? nil : PointLine.parse(text, number: first + i)
                }
            }
            var batch: [PointLine] = []
            batch.reserveCapacity(all.count)
            for (i, result) in parsed.joined().enumerated() {
                switch result {
                case nil: continue   // a blank line
                case .success(let point)?:
                    seenData = true
                    batch.append(point)
                case .failure(let reason)?:
                    // The first non-blank line may be a header.
                    if !seenData && reason == .notNumbers { seenData = true; continue }
                    seenData = true
                    report(line: first + i, reason.description, String(trimmingWhiteSpace(all[i][...])))
                    bad += 1
                }
            }
            bad += answer(batch, directory, transformer)
            lines.removeAll(keepingCapacity: true)
        }
        if !json { Output.write(Self.csvHeader + "\n") }
        while let line = reader.next() {
            lineNumber += 1
            lines.append(line)
            if lines.count == Self.batchSize { flush() }
        }
        flush()
        if reader.failed { throw failure(.ioError, "error reading \(input)") }
        if bad > 0 {
            Output.error("\(bad) bad line\(bad == 1 ? "" : "s") skipped\n")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
    }

    /// Points per batch: large enough for the batch lookup's Hilbert sort and all cores, small enough
    /// to stream.
    static let batchSize = 1 << 16
    static let csvHeader = "id,grid,community_code,community,street_code,street,district_code,district,position,distance_m,version,shared_with"

    /// Transforms, looks up and writes one batch; returns how many points could not be transformed.
    private func answer(_ batch: [PointLine], _ directory: GridDirectory, _ transformer: Transformer?) -> Int {
        guard !batch.isEmpty else { return 0 }
        var points = batch.map(\.coordinate)
        var failed = [Bool](repeating: false, count: batch.count)
        if let transformer {
            do { points = try transformer.transform(points) } catch {
                // One point failed the batch (e.g. latitude beyond ±90°): transform one by one.
                for i in points.indices {
                    do { points[i] = try transformer.transform(batch[i].coordinate) } catch {
                        failed[i] = true
                    }
                }
            }
        }
        let answers = directory.locate(points, nearestWithinMetres: nearest)
        // Points exactly on a boundary are rare: their other grids are found one by one.
        var shared: [Int: [String]] = [:]
        for i in answers.indices where answers[i].position == .boundary {
            shared[i] = Array(directory.gridsCovering(points[i]).dropFirst())
        }
        var bad = 0
        for (i, line) in batch.enumerated() where failed[i] {
            report(line: line.number, "cannot transform from \(crs)", line.text)
            bad += 1
        }
        // Formatted on every core, a chunk of lines each, then written in order.
        let chunk = 4096, json = self.json, failures = failed, sharedWith = shared
        let texts = parallelMap((batch.count + chunk - 1) / chunk) { c in
            var out = ""
            out.reserveCapacity(chunk * 120)
            for i in c * chunk..<min(batch.count, (c + 1) * chunk) where !failures[i] {
                let others = sharedWith[i] ?? []
                if json {
                    Output.appendJSON(answers[i], batch[i], sharedWith: others, to: &out)
                } else {
                    Output.appendCSV(answers[i], batch[i], sharedWith: others, to: &out)
                }
            }
            return out
        }
        Output.write(texts.joined())
        return bad
    }

    private func report(line: Int, _ reason: String, _ text: String) {
        Output.error("\(input == "-" ? "stdin" : input):\(line): \(reason): \(text)\n")
    }
}

/// One parsed input line.
struct PointLine {
    var coordinate: Coordinate
    var id: String
    var number: Int
    var text: String

    enum Problem: Error, Equatable, CustomStringConvertible {
        case fieldCount(Int)
        case notNumbers
        case notFinite

        var description: String {
            switch self {
            case .fieldCount(let n): "expected lon,lat[,id], found \(n) field\(n == 1 ? "" : "s")"
            case .notNumbers: "lon and lat must be numbers"
            case .notFinite: "lon and lat must be finite"
            }
        }
    }

    init(_ text: Substring, number: Int, coordinate: Coordinate, id: String) {
        self.text = String(text)
        self.number = number
        self.coordinate = coordinate
        self.id = id
    }
}

extension PointLine {
    /// Parses `lon,lat[,id]` (white space around fields ignored; the id is the line number when
    /// absent). Works on the UTF-8 bytes: a comma is one byte, never part of another character.
    static func parse(_ text: Substring, number: Int) -> Result<PointLine, Problem> {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(of: UInt8(ascii: ",")) else { return .failure(.fieldCount(1)) }
        let latStart = utf8.index(after: first)
        let second = utf8[latStart...].firstIndex(of: UInt8(ascii: ","))
        guard let x = Double(trimmingWhiteSpace(text[..<first])),
              let y = Double(trimmingWhiteSpace(text[latStart..<(second ?? text.endIndex)])) else {
            return .failure(.notNumbers)
        }
        guard x.isFinite && y.isFinite else { return .failure(.notFinite) }
        let id = second.map { String(trimmingWhiteSpace(text[utf8.index(after: $0)...])) } ?? String(number)
        return .success(PointLine(text, number: number, coordinate: Coordinate(x: x, y: y), id: id))
    }
}

/// `text` without leading and trailing white space (Unicode's White_Space: spaces, tabs, line
/// breaks, the no-break and ideographic spaces). ASCII is decided without a property look-up.
func trimmingWhiteSpace(_ text: Substring) -> Substring {
    func isSpace(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? u == " " || (u.value >= 0x09 && u.value <= 0x0D) : u.properties.isWhitespace
    }
    let scalars = text.unicodeScalars
    guard let start = scalars.firstIndex(where: { !isSpace($0) }),
          let last = scalars.lastIndex(where: { !isSpace($0) }) else { return text[text.endIndex...] }
    return text[start...last]
}

/// Formatting and writing; stdout carries only results, stderr everything else.
enum Output {
    static func write(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }
    static func error(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }

    static func appendCSV(_ a: GridAnswer, _ line: PointLine, sharedWith: [String], to out: inout String) {
        appendCSVField(line.id, to: &out)
        for field in [a.grid, a.community?.code, a.community?.name, a.street?.code, a.street?.name,
                      a.district?.code, a.district?.name] {
            out += ","
            if let field { appendCSVField(field, to: &out) }
        }
        out += ",\(a.position.rawValue),\(a.distanceMetres.map(metres) ?? ""),\(a.version),"
        appendCSVField(sharedWith.joined(separator: ";"), to: &out)
        out += "\n"
    }

    static func appendJSON(_ a: GridAnswer, _ line: PointLine, sharedWith: [String], to out: inout String) {
        func division(_ d: Division?) -> String {
            d.map { "{\"code\":\(jsonString($0.code)),\"name\":\(jsonString($0.name))}" } ?? "null"
        }
        out += "{\"id\":\(jsonString(line.id)),\"lon\":\(line.coordinate.x),\"lat\":\(line.coordinate.y)"
        out += ",\"grid\":\(a.grid.map(jsonString) ?? "null"),\"community\":\(division(a.community))"
        out += ",\"street\":\(division(a.street)),\"district\":\(division(a.district))"
        out += ",\"position\":\"\(a.position.rawValue)\",\"distance_m\":\(a.distanceMetres.map(metres) ?? "null")"
        out += ",\"version\":\(a.version),\"shared_with\":[\(sharedWith.map(jsonString).joined(separator: ","))]}\n"
    }

    /// Distances to the centimetre.
    static func metres(_ d: Double) -> String { String(format: "%.2f", d) }

    /// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. (Bytes are
    /// checked: those four are ASCII, never part of another character's UTF-8.)
    static func appendCSVField(_ s: String, to out: inout String) {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            out += s
            return
        }
        out += "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func jsonString(_ s: String) -> String {
        // Nearly every string needs no escape: no control character, quote or backslash.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) { return "\"" + s + "\"" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
