import GridGeoCore

extension Map {
    /// The map drawn into pixels: anti-aliased polygons (even-odd, so holes stay empty), lines, points,
    /// legend and scale bar, as in `svg()`.
    ///
    /// Labels use a built-in 5 × 7 bitmap font that covers digits, Latin letters (as capitals) and common
    /// punctuation; other characters, Chinese included, are left out. Use SVG for Chinese labels.
    public func raster() -> Raster {
        var renderer = RasterRenderer(scene: Scene(self))
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

    init(scene: Scene) {
        self.scene = scene
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
            if let halo = paint.halo { drawBackdrop(t, color: halo) }
            draw(t, color: t.color ?? paint.fill ?? .black)
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
