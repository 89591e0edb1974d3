import ArgumentParser
import Foundation
import GridGeoCore
import GridGeoGeocoder
import GridGeoPROJ

struct Reverse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Positions to addresses: one `LON,LAT` per line in, JSON lines out.",
        discussion: """
            A line holds longitude and latitude, separated by a comma, space or tab. Each output line \
            answers the input line of the same number: status (address: the nearest door plate; road: \
            the nearest road, with a number estimated from its plates when they allow; area: inside a \
            unit grid with nothing near; outside: in no grid and nothing within --within metres; \
            invalid_input), the formatted address 省市区街道 + road + number, the distance and the \
            hierarchy with the unit grid.
            Exit codes: 64 usage, 66 missing database or input, 74 unreadable database.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "Farthest door plate or road to report, in metres.") var within = 100.0
    @Option(name: [.customLong("crs"), .customLong("s-srs")], help: "CRS of the input positions (as gridgeo lookup --crs): CGCS2000 (default, = EPSG:4490), WGS84, GCJ02 or BD09.")
    var sourceSRS = "CGCS2000"
    @OptionGroup var lines: LineOptions

    func validate() throws {
        guard within.isFinite, within >= 0, within <= 5000 else { throw ValidationError("--within \(within): 0 to 5000 metres") }
        guard Self.datums.keys.contains(sourceSRS.uppercased()) else {
            throw ValidationError("--crs \(sourceSRS): one of CGCS2000, EPSG:4490, WGS84, EPSG:4326, GCJ02, BD09")
        }
    }

    /// Input datums to CGCS2000 (WGS-84 and CGCS2000 agree to well under a metre here).
    static let datums: [String: @Sendable (Coordinate) -> Coordinate] = [
        "CGCS2000": { $0 }, "EPSG:4490": { $0 }, "WGS84": { $0 }, "EPSG:4326": { $0 },
        "GCJ02": { GCJ02.toWGS84($0) }, "BD09": { GCJ02.toWGS84(BD09.toGCJ02($0)) },
    ]

    func run() throws {
        let geocoder = try store.geocoder()
        let convert = Self.datums[sourceSRS.uppercased()]!
        let radius = within
        try lines.run { line, text in
            guard let position = Self.position(text) else {
                return jsonLine(ReverseRecord(line: line, input: text, status: .invalidInput,
                                              message: "expected LON,LAT (two numbers, longitude first)"))
            }
            return jsonLine(ReverseRecord(line: line, input: text, result: geocoder.reverse(convert(position), withinMetres: radius)))
        }
    }

    /// `116.40,39.91`, `116.40 39.91` or tab-separated; nil for anything else.
    static func position(_ text: String) -> Coordinate? {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "，" })
        guard parts.count == 2, let lon = Double(parts[0]), let lat = Double(parts[1]), lon.isFinite, lat.isFinite
        else { return nil }
        return Coordinate(lon: lon, lat: lat)
    }
}

/// One reverse-geocoded line.
struct ReverseRecord: Encodable {
    var line: Int
    var input: String
    var status: ReverseResult.Status
    var position: Coordinate?
    var address: String?
    var road: String?
    var number: String?
    var distanceMetres: Double?
    var hierarchy: Hierarchy?
    var message: String?

    init(line: Int, input: String, status: ReverseResult.Status, message: String) {
        self.line = line
        self.input = input
        self.status = status
        self.message = message
    }

    init(line: Int, input: String, result: ReverseResult) {
        self.line = line
        self.input = input
        status = result.status
        position = result.position
        address = result.address
        road = result.road
        number = result.number
        distanceMetres = result.distanceMetres
        hierarchy = result.hierarchy
        message = result.message
    }
}
