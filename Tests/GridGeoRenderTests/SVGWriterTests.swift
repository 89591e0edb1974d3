import Foundation
#if canImport(FoundationXML)
import FoundationXML  // XMLParser lives here on Linux
#endif
import GridGeoCore
import Testing
@testable import GridGeoRender

/// Counts elements by name and collects the text of `<text>` elements, failing on malformed XML.
private final class SVGCounter: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var texts: [String] = []
    var rootNamespace: String?
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
        if name == "svg" { rootNamespace = attributes["xmlns"] }
        if name == "text" { inText = true; texts.append("") }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }
}

private func parse(_ svg: String) throws -> SVGCounter {
    let parser = XMLParser(data: Data(svg.utf8))
    let counter = SVGCounter()
    parser.delegate = counter
    #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
    return counter
}

@Test func theSampleIsWellFormedSVG() throws {
    let svg = sampleMap().svg()
    let parsed = try parse(svg)
    #expect(parsed.rootNamespace == "http://www.w3.org/2000/svg")
    #expect(svg.contains("version=\"1.1\""))
    // Nine grids and the street are paths; the north arrow is the only other one.
    #expect(parsed.elements["path"] == 11)
    // Nine grid labels, the street's twice (halo and letters), then title, scale bar, N and legend.
    #expect(parsed.texts.prefix(11) == ["001", "002", "003", "004", "005", "006", "007", "008", "<&>",
                                        "东华门街道", "东华门街道"])
    #expect(parsed.elements["text"] == 11 + 4 + 1 + 5)
    #expect(parsed.texts.contains("Sample 示例"))
}

@Test func labelsAreEscaped() throws {
    let svg = sampleMap().svg()
    #expect(svg.contains(">&lt;&amp;&gt;</text>"))
    #expect(try parse(svg).texts.contains("<&>"))
    #expect(escaped("a\"b'c\u{1}d") == "a&quot;b&apos;cd")
}

@Test func outputIsDeterministic() {
    #expect(sampleMap().svg() == sampleMap().svg())
}

@Test func polygonsWithHolesAreOnePathFilledEvenOdd() {
    let svg = sampleMap().svg()
    let holed = svg.split(separator: "\n").filter { $0.hasPrefix("<path") && $0.components(separatedBy: "M").count == 3 }
    #expect(holed.count == 1)
    #expect(svg.contains("fill-rule=\"evenodd\""))
}

@Test func coordinatesAreRoundedToATenthOfAPixel() throws {
    let svg = sampleMap().svg()
    let numbers = try Regex(#"-?\d+\.(\d+)"#)
    let decimals = svg.matches(of: numbers).map { $0.output[1].substring!.count }
    #expect(decimals.allSatisfy { $0 <= 2 })  // 0.1 px for positions; opacities and widths may have two
    let path = svg.split(separator: "\n").first { $0.hasPrefix("<path fill=\"#") }!
    #expect(path.matches(of: numbers).allSatisfy { $0.output[1].substring!.count == 1 })
}

@Test func aChosenExtentClipsLayersAndLabels() throws {
    var map = sampleMap()
    #expect(!map.svg().contains("clipPath"))
    map.extent = BoundingBox(minX: 116.4005, minY: 39.9005, maxX: 116.4025, maxY: 39.9025)
    let svg = map.svg()
    _ = try parse(svg)
    #expect(svg.contains("<clipPath id=\"map-extent\">"))
    let clipped = svg.split(separator: "\n").filter { $0.contains("clip-path=\"url(#map-extent)\"") }
    #expect(clipped.count == 5, "grids, street, their labels, the street labels' halo")
}

@Test func usesTheCJKFontList() {
    #expect(sampleMap().svg().contains("font-family=\"Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif\""))
}

@Test func linesAndPointsBecomeUnfilledPathsAndCircles() throws {
    let line = MapFeature(geometry: .lineString(LineString([Coordinate(x: 0, y: 0), Coordinate(x: 10, y: 10)])))
    let points = MapFeature(geometry: .multiPoint([Coordinate(x: 0, y: 10), Coordinate(x: 10, y: 0)]))
    let map = Map(layers: [MapLayer(name: "x", features: [line, points])], units: .metres, showsScaleBar: false,
                  showsNorthArrow: false)
    let svg = map.svg()
    let parsed = try parse(svg)
    #expect(parsed.elements["circle"] == 2)
    #expect(parsed.elements["path"] == 1)
    #expect(svg.contains("<path fill=\"none\""))
}

@Test func wildCoordinatesDoNotTrap() throws {
    let wild = MapFeature(geometry: .lineString(LineString([Coordinate(x: 0, y: 0), Coordinate(x: 1e300, y: .nan)])))
    let map = Map(layers: [MapLayer(name: "x", features: [wild])], extent: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
    _ = try parse(map.svg())
    _ = map.raster()
}
