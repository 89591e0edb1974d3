// Writes the synthetic layers of SampleData/ from its licensed files, deterministically:
//
//   synthetic_roads.geojson    a seeded road net over the district: a jittered lattice of main roads
//                              400–600 m apart plus three diagonals, clipped to the district boundary
//   synthetic_streets.geojson  the 17 streets drafted from the district boundary to their official
//                              areas (street_areas.csv) along those roads (HierarchyDrafter.draftStreets)
//
// Inputs: dongcheng_district.geojson (Apache-2.0), street_areas.csv (checked against divisions.csv). Nothing here is
// real street or road geometry; every feature says so in its properties.
//
//     swift run --package-path scripts/sampledata sampledata        # from the repository root
import Foundation
import GridGeoCore
import GridGeoGEOS
import GridGeoGrids
import GridGeoHierarchy
import GridGeoStore

let sampleData = URL(fileURLWithPath: #filePath)   // scripts/sampledata/Sources/sampledata/main.swift
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SampleData")
let seed: UInt64 = 110_101
let source = "synthetic: made by scripts/sampledata (seed \(seed)) from SampleData/dongcheng_district.geojson"

/// SplitMix64 (Steele, Lea, Flood, OOPSLA 2014), with its own conversion to Double so the output does
/// not depend on how the standard library draws random numbers.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [a, b).
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * Double(next() >> 11) * 0x1p-53 }
    /// Triangular in (-1, 1): small offsets are likelier than large ones.
    mutating func wobble() -> Double { uniform(0, 1) + uniform(0, 1) - 1 }
}

struct RoadProperties: Codable, Hashable, Sendable {
    var name: String
    var `class`: String
    var synthetic = true
    var source: String
}

struct StreetProperties: Codable, Hashable, Sendable {
    var code: String
    var name: String
    var drafted = true
    var synthetic = true
    var official_area_km2: Double
    var drafted_area_km2: Double
    var source: String
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("sampledata: \(message)\n".utf8))
    exit(1)
}

/// One feature per line, so a regenerated file diffs line by line.
@MainActor func write<P: Codable & Hashable & Sendable>(_ features: [Feature<P>], note: String, to name: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let lines = try features.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    let text = "{\"type\":\"FeatureCollection\",\"synthetic\":true,\"note\":\"\(note)\",\"features\":[\n"
        + lines.joined(separator: ",\n") + "\n]}\n"
    try Data(text.utf8).write(to: sampleData.appendingPathComponent(name))
    print("wrote SampleData/\(name): \(features.count) features, \(text.utf8.count) bytes")
}

// The district.
let districtData = try Data(contentsOf: sampleData.appendingPathComponent("dongcheng_district.geojson"))
guard let districtGeometry = try JSONDecoder().decode(FeatureCollection<[String: JSONValue]?>.self, from: districtData)
    .features.first?.geometry?.rfc7946Oriented else { fail("no district polygon") }
let district = DistrictRecord(code: "110101", name: "东城区", geometry: districtGeometry)
let box = districtGeometry.boundingBox
let frame = LocalFrame(around: box)
let geos = try GEOSContext()

// 1. Roads, in metres: a jittered lattice (north–south and east–west roads 400–600 m apart, each
//    wobbling a few metres every 150 m) and three diagonals, then clipped to the district in lon/lat.
var random = Random(state: seed)
let low = frame.toMetres(Coordinate(x: box.minX, y: box.minY)), high = frame.toMetres(Coordinate(x: box.maxX, y: box.maxY))

@MainActor func road(from a: Coordinate, to b: Coordinate) -> LineString {
    let dx = b.x - a.x, dy = b.y - a.y
    let length = (dx * dx + dy * dy).squareRoot()
    let n = max(2, Int(length / 150))
    var offset = 0.0
    return LineString((0...n).map { i in
        let t = Double(i) / Double(n)
        offset = 0.6 * offset + 12 * random.wobble()
        return frame.toLonLat(Coordinate(x: a.x + dx * t - dy / length * offset, y: a.y + dy * t + dx / length * offset))
    })
}

var lattice: [(name: String, roadClass: String, line: LineString)] = []
var x = low.x + random.uniform(150, 350), column = 1
while x < high.x {
    lattice.append(("纵\(column)路", "主干路", road(from: Coordinate(x: x + 60 * random.wobble(), y: low.y - 50),
                                                  to: Coordinate(x: x + 60 * random.wobble(), y: high.y + 50))))
    x += random.uniform(400, 600)
    column += 1
}
var y = high.y - random.uniform(150, 350), row = 1
while y > low.y {
    lattice.append(("横\(row)路", "主干路", road(from: Coordinate(x: low.x - 50, y: y + 60 * random.wobble()),
                                               to: Coordinate(x: high.x + 50, y: y + 60 * random.wobble()))))
    y -= random.uniform(400, 600)
    row += 1
}
for k in 1...3 {
    let start = random.uniform(low.y + 0.2 * (high.y - low.y), high.y - 0.2 * (high.y - low.y))
    let slope = random.uniform(0.4, 1.0) * (k % 2 == 0 ? -1 : 1)
    lattice.append(("斜\(k)路", "次干路", road(from: Coordinate(x: low.x - 50, y: start),
                                            to: Coordinate(x: high.x + 50, y: start + slope * (high.x - low.x)))))
}

var roads: [Feature<RoadProperties>] = []
var roadLines: [LineString] = []
for r in lattice {
    let clipped = try geos.intersection(.lineString(r.line), districtGeometry)
    var pieces: [LineString] = []
    switch clipped {
    case .lineString(let l): pieces = [l]
    case .multiLineString(let ls): pieces = ls
    case .collection(let gs): pieces = gs.compactMap { if case .lineString(let l) = $0 { l } else { nil } }
    default: break
    }
    for piece in pieces {
        // Stubs where a road just grazes the boundary are no roads.
        guard try geos.length(frame.toMetres(.lineString(piece))) >= 30 else { continue }
        let rounded = Geometry.lineString(piece).rounded(toDecimals: 7)
        guard case .lineString(let line) = rounded else { continue }
        roadLines.append(line)
        roads.append(Feature(geometry: rounded, properties: RoadProperties(name: r.name, class: r.roadClass, source: source)))
    }
}

// 2. Streets drafted to their official areas along the roads.
let areas = try StreetAreaList(contentsOfFile: sampleData.appendingPathComponent("street_areas.csv").path)
// Codes and names as the official table (divisions.csv) has them.
let divisions = try String(contentsOf: sampleData.appendingPathComponent("divisions.csv"), encoding: .utf8)
let official = Set(divisions.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    .filter { $0.first == "street" }.map { "\($0[1]) \($0[3])" })
for e in areas.entries where !official.contains("\(e.code) \(e.name)") { fail("street_areas.csv: \(e.code) \(e.name) is not in divisions.csv") }
guard areas.entries.count == official.count else { fail("street_areas.csv lists \(areas.entries.count) streets, divisions.csv \(official.count)") }
let drafted = try HierarchyDrafter.draftStreets(of: district, areas: areas.entries, roads: roadLines)
var streets: [Feature<StreetProperties>] = []
for s in drafted {
    let geometry = s.geometry.rfc7946Oriented.rounded(toDecimals: 7)
    if let problem = try geos.validityProblem(geometry) { fail("street \(s.code) is invalid after rounding: \(problem.reason)") }
    let area = areas.entries.first { $0.code == s.code }!.areaSquareKilometres
    streets.append(Feature(geometry: geometry, properties: StreetProperties(
        code: s.code, name: s.name, official_area_km2: area,
        drafted_area_km2: (s.areaSquareMetres / 1e4).rounded() / 100, source: source)))
}

try write(roads, note: "Synthetic road net, not real roads: " + source, to: "synthetic_roads.geojson")
try write(streets, note: "Synthetic street boundaries drafted to the official street areas, not real boundaries: " + source,
          to: "synthetic_streets.geojson")
