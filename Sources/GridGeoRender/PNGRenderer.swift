import Foundation
import GridGeoCore

extension Map {
    /// The map drawn into pixels: anti-aliased polygons (even-odd, so holes stay empty), lines, points,
    /// legend and scale bar, as in `svg()`.
    ///
    /// Labels are drawn with a TrueType font of the system that covers Chinese (`LabelFont.system`:
    /// WenQuanYi Micro Hei or Zen Hei, or the font at `GRIDGEO_FONT`). Without one, a built-in 5 × 7
    /// bitmap font draws digits, Latin letters (as capitals) and common punctuation, and leaves other
    /// characters, Chinese included, out.
    public func raster() -> Raster {
        raster(font: LabelFont.system)
    }

    /// The map drawn with `font` for labels (nil: the bitmap font).
    func raster(font: TrueTypeFont?) -> Raster {
        var renderer = RasterRenderer(scene: Scene(self), font: font)
        renderer.draw()
        return renderer.raster
    }

    /// The map as a PNG file (8-bit RGB): `raster()` encoded by `Raster.pngData()`.
    public func pngData() -> [UInt8] {
        raster().pngData()
    }
}

/// Draws a `Scene` into a `Raster`.
private struct RasterRenderer {
    let scene: Scene
    var raster: Raster
    /// The current group's clip, if it has one.
    private var bounds: PixelRect?
    /// The outline font for labels; nil: the bitmap font.
    private let font: TrueTypeFont?
    /// Outlines by glyph, in font units: labels repeat their characters (社区, 街道, digits).
    private var outlines: [Int: [[(x: Double, y: Double)]]] = [:]

    init(scene: Scene, font: TrueTypeFont?) {
        self.scene = scene
        self.font = font
        raster = Raster(width: scene.width, height: scene.height, background: scene.background)
    }

    mutating func draw() {
        for group in scene.groups {
            bounds = group.isClipped ? scene.clip : nil
            for item in group.items { draw(item, paint: group.paint) }
        }
    }

    private mutating func draw(_ item: SceneItem, paint: Paint) {
        switch item {
        case .path(let rings, let closed, let fill):
            if closed { fillAndStroke(rings, fill: fill, paint: paint) }
            else if let stroke = paint.stroke {
                raster.stroke(rings, closed: false, width: paint.strokeWidth, color: stroke, within: bounds)
            }
        case .circle(let center, let radius, let fill):
            fillAndStroke([Raster.disc(center: center, radius: radius)], fill: fill, paint: paint)
        case .rect(let r, let fill):
            let corners = [Coordinate(x: r.x, y: r.y), Coordinate(x: r.maxX, y: r.y),
                           Coordinate(x: r.maxX, y: r.maxY), Coordinate(x: r.x, y: r.maxY)]
            fillAndStroke([corners], fill: fill, paint: paint)
        case .text(let t):
            if let font {
                drawOutlined(t, font: font, color: t.color ?? paint.fill ?? .black, halo: paint.halo)
            } else {
                if let halo = paint.halo { drawBackdrop(t, color: halo) }
                draw(t, color: t.color ?? paint.fill ?? .black)
            }
        }
    }

    private mutating func fillAndStroke(_ rings: [[Coordinate]], fill: Color?, paint: Paint) {
        if let color = fill ?? paint.fill {
            raster.fill(rings, rule: .evenOdd, color: color, opacity: paint.fillOpacity, within: bounds)
        }
        if let stroke = paint.stroke, paint.strokeWidth > 0 {
            raster.stroke(rings, closed: true, width: paint.strokeWidth, color: stroke, within: bounds)
        }
    }

    /// Text in an outline font: each glyph's contours filled together with the non-zero rule (so
    /// overlapping contours merge), over a 3-pixel outline in the halo colour as in the SVG; bold
    /// adds a thin outline in the text colour. The baseline is at `t.position.y`, the em is `t.size`.
    private mutating func drawOutlined(_ t: TextItem, font: TrueTypeFont, color: Color, halo: Color?) {
        let scale = t.size / Double(font.unitsPerEm)
        let glyphs = t.text.unicodeScalars.map { font.glyph(for: $0) }
        let width = glyphs.reduce(0) { $0 + Double(font.advance(of: $1)) } * scale
        var x = t.anchor == .middle ? t.position.x - width / 2 : t.position.x
        var rings: [[Coordinate]] = []
        for g in glyphs {
            let contours = outlines[g] ?? font.outline(of: g)
            outlines[g] = contours
            for contour in contours {
                rings.append(contour.map { Coordinate(x: x + $0.x * scale, y: t.position.y - $0.y * scale) })
            }
            x += Double(font.advance(of: g)) * scale
        }
        guard !rings.isEmpty else { return }
        if let halo { raster.stroke(rings, closed: true, width: 3, color: halo, within: bounds) }
        raster.fill(rings, rule: .nonZero, color: color, within: bounds)
        if t.bold { raster.stroke(rings, closed: true, width: max(0.6, t.size / 24), color: color, within: bounds) }
    }

    /// Left and top pixel of the text's first glyph, and the font's magnification.
    private func origin(of t: TextItem) -> (left: Int, top: Int, scale: Int) {
        let scale = BitmapFont.scale(forSize: t.size)
        let width = BitmapFont.width(of: t.text, scale: scale)
        let left = Int((t.anchor == .middle ? t.position.x - Double(width) / 2 : t.position.x).rounded())
        return (left, Int(t.position.y.rounded()) - BitmapFont.glyphHeight * scale, scale)
    }

    /// The PNG stand-in for SVG's outline halo: a translucent box behind the text. An outline would fill
    /// the one-pixel counters of the bitmap glyphs (the inside of 0, 8, B) and make them unreadable.
    private mutating func drawBackdrop(_ t: TextItem, color: Color) {
        let width = BitmapFont.width(of: t.text, scale: BitmapFont.scale(forSize: t.size))
        guard width > 0 else { return }
        let (left, top, scale) = origin(of: t)
        let box = PixelRect(x: Double(left - 2), y: Double(top - 2), width: Double(width + 4),
                            height: Double((BitmapFont.glyphHeight + 1) * scale + 3))
        raster.fill([[Coordinate(x: box.x, y: box.y), Coordinate(x: box.maxX, y: box.y),
                      Coordinate(x: box.maxX, y: box.maxY), Coordinate(x: box.x, y: box.maxY)]],
                    rule: .evenOdd, color: color, opacity: 0.75, within: bounds)
    }

    /// Bitmap text with its baseline at the bottom of the glyphs' seventh row; bold is every glyph pixel
    /// drawn one pixel wider.
    private mutating func draw(_ t: TextItem, color: Color) {
        let (left, top, scale) = origin(of: t)
        var x = left
        for glyph in BitmapFont.glyphs(of: t.text) {
            defer { x += BitmapFont.advance * scale }
            guard let glyph else { continue }
            for (row, bits) in glyph.enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> column) != 0 {
                    for dy in 0..<scale {
                        for dx in 0..<(scale + (t.bold ? 1 : 0)) {
                            let px = x + column * scale + dx, py = top + row * scale + dy
                            if let b = bounds, !b.contains(px, py) { continue }
                            raster.blend(x: px, y: py, color: color)
                        }
                    }
                }
            }
        }
    }
}

/// The outline font PNG labels use, when the system has one that covers Chinese.
enum LabelFont {
    /// Where Debian's CJK TrueType fonts live (fonts-wqy-microhei, fonts-wqy-zenhei); `GRIDGEO_FONT`
    /// names another TrueType file (a .ttf, or the first font of a .ttc) and comes first.
    static let candidates = [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ]

    /// The first candidate that loads and maps 社区 (read once: the file is some megabytes).
    static let system: TrueTypeFont? = {
        let paths = (ProcessInfo.processInfo.environment["GRIDGEO_FONT"].map { [$0] } ?? []) + candidates
        return paths.lazy.compactMap { try? TrueTypeFont(path: $0) }
            .first { font in "社区".unicodeScalars.allSatisfy { font.glyph(for: $0) != 0 } }
    }()
}
