import GridGeoCore
import Testing
@testable import GridGeoRender

@Test func gridsAreFilledAndHolesStayBackground() throws {
    let map = sampleMap()
    let scene = Scene(map)
    let raster = map.raster()
    let grids = map.layers.first { $0.name == "grids" }!
    // Well inside grid 004 (left column, middle row), off its label: its choropleth colour.
    let inGrid = scene.projection.pixel(for: Coordinate(x: 116.4002, y: 39.9012))
    #expect(raster[Int(inGrid.x), Int(inGrid.y)] == grids.features[3].fill)
    // The middle of grid 005's hole: the page background.
    let inHole = scene.projection.pixel(for: Coordinate(x: 116.4015, y: 39.9015))
    #expect(raster[Int(inHole.x), Int(inHole.y)] == .white)
    // Outside the map, left of the frame.
    #expect(raster[2, map.height / 2] == .white)
}

@Test func asciiLabelsAreDrawnInTheLabelColour() {
    let feature = MapFeature(geometry: .polygon(Polygon(exterior: square(0, 0, 10))), label: "8")
    let style = LayerStyle(stroke: nil, labelSize: 20, labelColor: .black)
    let map = Map(layers: [MapLayer(name: "g", features: [feature], style: style)], width: 100, height: 100,
                  units: .metres, showsScaleBar: false, showsNorthArrow: false)
    let raster = map.raster(font: nil)
    // "8" at scale 2 is 10 × 14 px centred on (50, 50): its middle bar crosses the centre column.
    let column = (40...60).map { raster[50, $0] }
    #expect(column.filter { $0 == .black }.count == 6)  // three bars, two pixels each
}

/// With the system's CJK font, a Chinese label is drawn (about as many ink pixels as the SVG's text
/// would cover); with the bitmap font it is left out.
@Test(.enabled(if: LabelFont.system != nil, "no CJK TrueType font on this machine"))
func chineseLabelsAreDrawnWithTheSystemFont() throws {
    let feature = MapFeature(geometry: .polygon(Polygon(exterior: square(0, 0, 10))), label: "东华门")
    let style = LayerStyle(stroke: nil, labelSize: 24, labelColor: .black)
    let map = Map(layers: [MapLayer(name: "g", features: [feature], style: style)], width: 200, height: 200,
                  units: .metres, showsScaleBar: false, showsNorthArrow: false)
    func ink(_ r: Raster) -> Int { (0..<r.height).reduce(0) { n, y in n + (0..<r.width).count { r[$0, y] != .white } } }
    guard let font = LabelFont.system else { return }
    let outlined = map.raster(font: font)
    // Three 24 px ideographs: strokes cover roughly a fifth to a half of their 24 × 24 boxes.
    #expect((300...1_000).contains(ink(outlined)), "ink pixels: \(ink(outlined))")
    #expect(ink(map.raster(font: nil)) == 0)
    // The ink lies on the label's line: the baseline is 0.35 em below the middle of the map, and
    // ideographs stand on it about an em high.
    let rows = (0..<200).filter { y in (0..<200).contains { outlined[$0, y] != .white } }
    #expect(rows.count > 12 && rows.count <= 28 && rows.first! >= 108 - 24 && rows.last! <= 108 + 6, "\(rows)")
}

@Test func pngDataIsTheEncodedRaster() throws {
    let map = sampleMap(width: 120, height: 90)
    let decoded = try DecodedPNG(map.pngData())
    #expect(decoded.pixels == map.raster().pixels)
}

@Test func aChosenExtentKeepsFeaturesOffTheMargins() {
    let big = MapFeature(geometry: .polygon(Polygon(exterior: square(-50, -50, 200))))
    let style = LayerStyle(stroke: nil, fill: .black)
    let map = Map(layers: [MapLayer(name: "g", features: [big], style: style)], width: 100, height: 100, margin: 10,
                  units: .metres, extent: BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10), showsScaleBar: false,
                  showsNorthArrow: false)
    let raster = map.raster()
    #expect(raster[50, 50] == .black)
    #expect(raster[5, 50] == .white && raster[95, 50] == .white && raster[50, 5] == .white && raster[50, 95] == .white)
}
