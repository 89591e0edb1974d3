import GridGeoCore

/// How a group of scene items is painted: the attributes of an SVG `<g>`. Text is painted with `fill`,
/// over an outline of `halo` colour if there is one.
struct Paint: Hashable {
    var fill: Color?
    var fillOpacity = 1.0
    var stroke: Color?
    var strokeWidth = 0.0
    var halo: Color?
}

struct TextItem: Hashable {
    enum Anchor: Hashable { case start, middle }
    var text: String
    /// The baseline point: its left end for `.start`, its middle for `.middle`.
    var position: Coordinate
    var size: Double
    var anchor: Anchor
    /// Overrides the group's fill.
    var color: Color?
    var bold = false
}

/// One drawable thing, in pixels (x right, y down).
enum SceneItem: Hashable {
    /// Closed rings are filled together even-odd, so inner rings are holes; open ones are stroked lines.
    case path(rings: [[Coordinate]], closed: Bool, fill: Color?)
    case circle(center: Coordinate, radius: Double, fill: Color?)
    case rect(PixelRect, fill: Color?)
    case text(TextItem)
}

struct SceneGroup: Hashable {
    /// Space-separated words, the SVG group's class: "grids", "grids labels", "scale-bar".
    var name: String
    var paint: Paint
    var items: [SceneItem]
    /// Cut to `Scene.clip`: layers and labels are, the furniture around the map is not.
    var isClipped = false
}

/// A map laid out on the page: everything decided except the file format. SVG and PNG both draw a scene,
/// so the two pictures agree to the pixel about where things are.
struct Scene {
    var width: Int
    var height: Int
    var background: Color
    var title: String?
    /// Where the map itself is drawn: the page minus margins, title, scale-bar band and right-hand column.
    var frame: PixelRect
    /// Where the map's extent lands inside the frame (narrower or lower than the frame when the aspect
    /// ratios differ).
    var content: PixelRect
    /// When the map shows a chosen extent, features reaching beyond it are cut at its edges.
    var clip: PixelRect?
    var projection: MapProjection
    /// In drawing order: layer geometry, labels, then scale bar, north arrow, title and legend.
    var groups: [SceneGroup] = []

    init(_ map: Map) {
        width = max(map.width, 1)  // a raster needs a pixel; the CLI reports bad sizes itself
        height = max(map.height, 1)
        background = map.background
        title = map.title
        let m = map.margin
        // Page layout: title on top, a band for the scale bar below the frame, and a column on the right
        // for the north arrow and legend, so that none of them covers the map.
        let titleHeight = map.title == nil ? 0.0 : 30
        let scaleBand = map.showsScaleBar ? Scene.scaleBand : 0
        let legendSize = map.legend.map(Scene.legendSize) ?? (width: 0, height: 0)
        let hasColumn = map.legend != nil || map.showsNorthArrow
        let columnWidth = hasColumn ? max(legendSize.width, Scene.arrowWidth) + m : 0
        frame = PixelRect(x: m, y: m + titleHeight,
                          width: max(Double(width) - 2 * m - columnWidth, 1),
                          height: max(Double(height) - 2 * m - titleHeight - scaleBand, 1))
        var extent = map.extent ?? map.layers.reduce(BoundingBox.empty) { box, layer in
            layer.features.reduce(box) { $0.union($1.geometry.boundingBox) }
        }
        if extent.isEmpty { extent = BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0) }
        projection = MapProjection(extent: extent, frame: frame, units: map.units)
        let topLeft = projection.pixel(for: Coordinate(x: extent.minX, y: extent.maxY))
        let bottomRight = projection.pixel(for: Coordinate(x: extent.maxX, y: extent.minY))
        content = PixelRect(x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y)
        clip = map.extent == nil ? nil : content
        // The column hugs the map rather than the page edge; map and column then sit centred together.
        let column = Coordinate(x: content.maxX + m, y: frame.y)

        // Stable sort: equal draw orders keep the caller's order.
        let layers = map.layers.enumerated()
            .sorted { ($0.element.drawOrder, $0.offset) < ($1.element.drawOrder, $1.offset) }
            .map(\.element)
        let projected = layers.map { layer in layer.features.map { $0.geometry.mapCoordinates(projection.pixel) } }
        for (layer, geometries) in zip(layers, projected) {
            addGeometry(of: layer, projected: geometries)
        }
        // Labels are placed top layer first, so a district's name wins over the grid codes beneath it,
        // and drawn in layer order like the geometry.
        var taken: [PixelRect] = []
        var labelGroups: [SceneGroup] = []
        for (layer, geometries) in zip(layers, projected).reversed() where layer.style.labelSize > 0 {
            labelGroups.append(labels(of: layer, projected: geometries, avoiding: &taken))
            labelGroups[labelGroups.count - 1].isClipped = true
        }
        groups += labelGroups.reversed()
        if map.showsScaleBar { addScaleBar(at: Coordinate(x: content.x, y: content.maxY)) }
        if map.showsNorthArrow { addNorthArrow(at: column) }
        if let title = map.title {
            groups.append(SceneGroup(name: "title", paint: Paint(fill: Color(hex: 0x202020)), items: [
                .text(TextItem(text: title, position: Coordinate(x: Double(width) / 2, y: m + 20), size: 20,
                               anchor: .middle, bold: true)),
            ]))
        }
        if let legend = map.legend {
            let below = map.showsNorthArrow ? Scene.arrowHeight : 0
            addLegend(legend, at: Coordinate(x: column.x, y: column.y + below), size: legendSize)
        }
    }

    // MARK: Layers

    private mutating func addGeometry(of layer: MapLayer, projected: [Geometry]) {
        let style = layer.style
        var items: [SceneItem] = []
        func add(_ g: Geometry, fill: Color?) {
            switch g {
            case .point(let c):
                items.append(.circle(center: c, radius: style.pointRadius, fill: fill))
            case .multiPoint(let cs):
                for c in cs { items.append(.circle(center: c, radius: style.pointRadius, fill: fill)) }
            case .lineString(let l):
                items.append(.path(rings: [l.coordinates], closed: false, fill: nil))
            case .multiLineString(let ls):
                items.append(.path(rings: ls.map(\.coordinates), closed: false, fill: nil))
            case .polygon, .multiPolygon:
                let rings = g.polygons.flatMap { [$0.exterior.coordinates] + $0.holes.map(\.coordinates) }
                items.append(.path(rings: rings, closed: true, fill: fill))
            case .collection(let members):
                for member in members { add(member, fill: fill) }
            }
        }
        for (feature, geometry) in zip(layer.features, projected) { add(geometry, fill: feature.fill) }
        groups.append(SceneGroup(name: layer.name, paint: Paint(fill: style.fill, fillOpacity: style.fillOpacity,
                                                                stroke: style.stroke, strokeWidth: style.strokeWidth),
                                 items: items, isClipped: true))
    }

    /// The layer's labels that fit, leaving out those that would overlap a box in `taken`, to which the
    /// placed ones are then added. Labels of one layer are not checked against each other: polygon labels
    /// stay inside their own polygon anyway.
    private func labels(of layer: MapLayer, projected: [Geometry], avoiding taken: inout [PixelRect]) -> SceneGroup {
        let style = layer.style
        let size = style.labelSize
        var items: [SceneItem] = []
        var placed: [PixelRect] = []
        for (feature, geometry) in zip(layer.features, projected) {
            guard let label = feature.label, !label.isEmpty else { continue }
            var center: Coordinate
            if let supplied = feature.labelPoint {
                center = projection.pixel(for: supplied)
            } else {
                guard let placement = geometry.labelPlacement() else { continue }
                // A label wider or taller than its polygon would be read as belonging to a neighbour.
                guard Scene.textWidth(label, size: size) <= placement.width, size <= placement.height else { continue }
                center = placement.point
            }
            if case .point = geometry {
                center.y -= style.pointRadius + size * 0.6  // beside the dot, not over it
            }
            let width = Scene.textWidth(label, size: size)
            let box = PixelRect(x: center.x - width / 2 - 1, y: center.y - size / 2 - 1, width: width + 2, height: size + 2)
            guard !taken.contains(where: { $0.intersects(box) }) else { continue }
            placed.append(box)
            var color: Color?
            if let fill = feature.fill ?? style.fill, !geometry.polygons.isEmpty {
                let seen = fill.mixed(with: background, by: 1 - style.fillOpacity)
                if seen.luminance < 0.5 { color = .white }
            }
            items.append(.text(TextItem(text: label, position: Coordinate(x: center.x, y: center.y + size * 0.35),
                                        size: size, anchor: .middle, color: color)))
        }
        taken += placed
        return SceneGroup(name: layer.name + " labels", paint: Paint(fill: style.labelColor, halo: style.labelHalo),
                          items: items)
    }

    // MARK: Furniture

    private static let scaleBand = 30.0
    private static let arrowWidth = 24.0
    private static let arrowHeight = 56.0

    /// A bar of a round length, at most a quarter of the frame wide, hanging below the map's lower-left
    /// corner (`origin`), in two halves so that the half-way mark can be read too.
    private mutating func addScaleBar(at origin: Coordinate) {
        let metresPerPixel = projection.metresPerPixel
        let metres = MapProjection.roundLength(atMost: frame.width / 4 * metresPerPixel)
        guard metres > 0 else { return }
        let length = metres / metresPerPixel
        let x = origin.x, y = frame.maxY + 8
        groups.append(SceneGroup(name: "scale-bar", paint: Paint(fill: .black, stroke: .black, strokeWidth: 1), items: [
            .rect(PixelRect(x: x, y: y, width: length / 2, height: 5), fill: nil),
            .rect(PixelRect(x: x + length / 2, y: y, width: length / 2, height: 5), fill: .white),
            .text(TextItem(text: "0", position: Coordinate(x: x, y: y + 19), size: 11, anchor: .middle)),
            .text(TextItem(text: MapProjection.lengthLabel(metres: metres), position: Coordinate(x: x + length, y: y + 19),
                           size: 11, anchor: .middle)),
        ]))
    }

    /// An arrowhead pointing up (the projection keeps north up) with an N beneath it.
    private mutating func addNorthArrow(at corner: Coordinate) {
        let x = corner.x + Scene.arrowWidth / 2, top = corner.y
        let arrow = [Coordinate(x: x, y: top), Coordinate(x: x + 8, y: top + 24), Coordinate(x: x, y: top + 18),
                     Coordinate(x: x - 8, y: top + 24), Coordinate(x: x, y: top)]
        groups.append(SceneGroup(name: "north-arrow", paint: Paint(fill: Color(hex: 0x202020)), items: [
            .path(rings: [arrow], closed: true, fill: nil),
            .text(TextItem(text: "N", position: Coordinate(x: x, y: top + 40), size: 12, anchor: .middle, bold: true)),
        ]))
    }

    // MARK: Legend

    private static let legendPadding = 10.0
    private static let legendLine = 20.0
    private static let legendTextSize = 12.0
    private static let legendTitleSize = 14.0
    private static let swatch = (width: 18.0, height: 13.0)

    private static func entryText(_ e: LegendEntry) -> String {
        e.count.map { "\(e.label) (\($0))" } ?? e.label
    }

    private static func legendSize(_ legend: Legend) -> (width: Double, height: Double) {
        let texts = legend.entries.map { swatch.width + 8 + textWidth(entryText($0), size: legendTextSize) }
        let title = legend.title.map { textWidth($0, size: legendTitleSize) } ?? 0
        let width = (texts + [title]).max()! + 2 * legendPadding
        let lines = Double(legend.entries.count + (legend.title == nil ? 0 : 1))
        return (width, lines * legendLine + 2 * legendPadding - 4)
    }

    private mutating func addLegend(_ legend: Legend, at origin: Coordinate, size: (width: Double, height: Double)) {
        let p = Scene.legendPadding
        var boxes: [SceneItem] = [.rect(PixelRect(x: origin.x, y: origin.y, width: size.width, height: size.height),
                                        fill: nil)]
        var texts: [SceneItem] = []
        var y = origin.y + p
        if let title = legend.title {
            texts.append(.text(TextItem(text: title, position: Coordinate(x: origin.x + p, y: y + 13),
                                        size: Scene.legendTitleSize, anchor: .start, bold: true)))
            y += Scene.legendLine
        }
        for entry in legend.entries {
            boxes.append(.rect(PixelRect(x: origin.x + p, y: y, width: Scene.swatch.width, height: Scene.swatch.height),
                               fill: entry.color))
            texts.append(.text(TextItem(text: Scene.entryText(entry),
                                        position: Coordinate(x: origin.x + p + Scene.swatch.width + 8, y: y + 11),
                                        size: Scene.legendTextSize, anchor: .start)))
            y += Scene.legendLine
        }
        groups.append(SceneGroup(name: "legend", paint: Paint(fill: .white, stroke: Color(hex: 0x8A8A8A), strokeWidth: 1),
                                 items: boxes))
        groups.append(SceneGroup(name: "legend-text", paint: Paint(fill: Color(hex: 0x202020)), items: texts))
    }

    // MARK: Text

    /// An estimate of the drawn width of `text`, generous enough for both writers: about 0.6 em per Latin
    /// character and 1 em per CJK character in the SVG fonts, or the exact width in the PNG bitmap font.
    static func textWidth(_ text: String, size: Double) -> Double {
        let vector = text.unicodeScalars.reduce(0.0) { $0 + ($1.value < 0x2E80 ? 0.6 : 1.0) } * size
        let bitmap = Double(BitmapFont.width(of: text, scale: BitmapFont.scale(forSize: size)))
        return max(vector, bitmap)
    }
}
