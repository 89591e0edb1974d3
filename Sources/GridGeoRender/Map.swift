public import GridGeoCore
import Foundation  // writing files

/// One thing to draw: a geometry, an optional label, and optionally its own fill colour.
public struct MapFeature: Hashable, Sendable {
    public var geometry: Geometry
    public var label: String?
    /// Where the label is centred; `nil` picks an interior point (see `Geometry.labelPoint(xScale:)`).
    /// A computed label is left out when it does not fit inside its polygon, and any label when it would
    /// overlap a label of a layer drawn above (higher `drawOrder`).
    public var labelPoint: Coordinate?
    /// Overrides the layer's fill colour, as a choropleth does.
    public var fill: Color?

    public init(geometry: Geometry, label: String? = nil, labelPoint: Coordinate? = nil, fill: Color? = nil) {
        self.geometry = geometry
        self.label = label
        self.labelPoint = labelPoint
        self.fill = fill
    }
}

/// How a layer is painted. Lengths are in pixels.
public struct LayerStyle: Hashable, Sendable {
    /// Outline colour of polygons, colour of lines and point outlines; `nil` draws no outline.
    public var stroke: Color?
    public var strokeWidth: Double
    /// Fill of polygons and points, unless a feature brings its own; `nil` leaves them unfilled.
    public var fill: Color?
    /// 0 (transparent) ... 1 (opaque), for layer and feature fills alike.
    public var fillOpacity: Double
    /// Font size of labels; 0 hides them.
    public var labelSize: Double
    /// Label colour; on fills darker than mid-grey labels turn white so they stay readable.
    public var labelColor: Color
    /// A 1.5 px outline around each label's letters, so labels stay readable over other layers' fills
    /// and lines; `nil` for none.
    public var labelHalo: Color?
    /// Radius of the disc drawn for each point.
    public var pointRadius: Double

    public init(stroke: Color? = .black, strokeWidth: Double = 1, fill: Color? = nil, fillOpacity: Double = 1,
                labelSize: Double = 12, labelColor: Color = Color(hex: 0x222222), labelHalo: Color? = nil,
                pointRadius: Double = 3) {
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.fill = fill
        self.fillOpacity = fillOpacity
        self.labelSize = labelSize
        self.labelColor = labelColor
        self.labelHalo = labelHalo
        self.pointRadius = pointRadius
    }

    // Presets for the management hierarchy: coarser levels draw heavier so the nesting reads at a glance.
    // Their labels lie over the grids' fills, hence the halos; grid labels sit on their own fill.

    /// A district (区): heavy dark outline, large label.
    public static let district = LayerStyle(stroke: Color(hex: 0x202020), strokeWidth: 3, labelSize: 22,
                                            labelHalo: .white)
    /// A street (街道): medium outline.
    public static let street = LayerStyle(stroke: Color(hex: 0x3A3A6A), strokeWidth: 2, labelSize: 16,
                                          labelColor: Color(hex: 0x2A2A5A), labelHalo: .white)
    /// A community (社区): thin outline.
    public static let community = LayerStyle(stroke: Color(hex: 0x4F7F5F), strokeWidth: 1.2, labelSize: 12,
                                             labelColor: Color(hex: 0x2F5F3F), labelHalo: .white)
    /// A unit grid (单元网格): hairline outline over a pale fill, small labels.
    public static let grid = LayerStyle(stroke: Color(hex: 0x9A9A9A), strokeWidth: 0.6, fill: Color(hex: 0xF3F1EA),
                                        labelSize: 9, labelColor: Color(hex: 0x555555))
}

/// A named set of features painted in one style.
public struct MapLayer: Hashable, Sendable {
    public var name: String
    public var features: [MapFeature]
    public var style: LayerStyle
    /// Lower orders are drawn first, underneath; equal orders keep their order in `Map.layers`.
    /// Labels of all layers are drawn after all geometry, in the same order.
    public var drawOrder: Int

    public init(name: String, features: [MapFeature], style: LayerStyle = LayerStyle(), drawOrder: Int = 0) {
        self.name = name
        self.features = features
        self.style = style
        self.drawOrder = drawOrder
    }
}

/// One line of a legend: a colour swatch, its meaning, and how many features carry it.
public struct LegendEntry: Hashable, Sendable {
    public var color: Color
    public var label: String
    public var count: Int?

    public init(color: Color, label: String, count: Int? = nil) {
        self.color = color
        self.label = label
        self.count = count
    }
}

/// A legend box, drawn in a column to the right of the map.
public struct Legend: Hashable, Sendable {
    public var title: String?
    public var entries: [LegendEntry]

    public init(title: String? = nil, entries: [LegendEntry]) {
        self.title = title
        self.entries = entries
    }
}

/// The units of the map's coordinates, which decide the projection onto the page and the scale bar.
public enum CoordinateUnits: Hashable, Sendable {
    /// Longitude/latitude in degrees (GridGeo's storage CRS, EPSG:4490).
    case degrees
    /// Projected easting/northing in metres.
    case metres
}

/// A whole picture: layers, title, legend and page size. Render it with `svg()` or `pngData()`.
public struct Map: Hashable, Sendable {
    public var title: String?
    public var layers: [MapLayer]
    public var legend: Legend?
    /// Page size in pixels (at least 1 × 1 is drawn).
    public var width: Int
    public var height: Int
    /// Blank space around the map frame, in pixels.
    public var margin: Double
    public var background: Color
    public var units: CoordinateUnits
    /// The area to show; `nil` fits every feature.
    public var extent: BoundingBox?
    public var showsScaleBar: Bool
    public var showsNorthArrow: Bool

    public init(title: String? = nil, layers: [MapLayer], legend: Legend? = nil, width: Int = 1200, height: Int = 900,
                margin: Double = 24, background: Color = .white, units: CoordinateUnits = .degrees,
                extent: BoundingBox? = nil, showsScaleBar: Bool = true, showsNorthArrow: Bool = true) {
        self.title = title
        self.layers = layers
        self.legend = legend
        self.width = width
        self.height = height
        self.margin = margin
        self.background = background
        self.units = units
        self.extent = extent
        self.showsScaleBar = showsScaleBar
        self.showsNorthArrow = showsNorthArrow
    }
}

/// Why a map could not be written.
public enum RenderError: Error, Hashable, Sendable {
    /// The file name ends neither in `.svg` nor in `.png`.
    case unsupportedFormat(path: String)
}

extension Map {
    /// Writes the map as SVG or PNG, chosen by the file's extension (`.svg`, `.png`, any case).
    /// - Throws: `RenderError.unsupportedFormat` for other extensions; file-system errors from Foundation.
    public func write(toFile path: String) throws {
        let bytes: [UInt8]
        switch (path as NSString).pathExtension.lowercased() {
        case "svg": bytes = Array(svg().utf8)
        case "png": bytes = pngData()
        default: throw RenderError.unsupportedFormat(path: path)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
