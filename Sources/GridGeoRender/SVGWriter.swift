import GridGeoCore

extension Map {
    /// The font list for labels: the CJK fonts Debian ships (fonts-noto-cjk, fonts-wqy-microhei) before the
    /// generic fallback, so Chinese names never come out as boxes.
    public static let svgFontFamily = "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"

    /// The map as an SVG 1.1 document.
    ///
    /// Each layer is a `<g>` of `<path>`s (polygons with their holes as one path, `fill-rule="evenodd"`;
    /// lines) and `<circle>`s (points); labels are `<text>` centred on their label points and drawn above all
    /// geometry. Coordinates are rounded to 0.1 px. The output depends only on the map, so the same map
    /// always gives byte-identical files.
    public func svg() -> String {
        SVGWriter(scene: Scene(self)).document()
    }
}

/// Serialises a `Scene` as SVG text.
private struct SVGWriter {
    let scene: Scene
    private var out = ""

    init(scene: Scene) { self.scene = scene }

    consuming func document() -> String {
        let w = scene.width, h = scene.height
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(w)\" height=\"\(h)\" "
        out += "viewBox=\"0 0 \(w) \(h)\" font-family=\"\(Map.svgFontFamily)\">\n"
        if let title = scene.title { out += "<title>\(escaped(title))</title>\n" }
        out += "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"\(scene.background.hexString)\"/>\n"
        if let clip = scene.clip {
            out += "<defs><clipPath id=\"map-extent\"><rect x=\"\(pixels(clip.x))\" y=\"\(pixels(clip.y))\" "
            out += "width=\"\(pixels(clip.width))\" height=\"\(pixels(clip.height))\"/></clipPath></defs>\n"
        }
        for group in scene.groups { write(group) }
        out += "</svg>\n"
        return out
    }

    private mutating func write(_ group: SceneGroup) {
        if let halo = group.paint.halo {
            // SVG 1.1 has no paint-order, so the halo is a stroked copy of the text underneath.
            let outline = group.items.map { item -> SceneItem in
                guard case .text(var t) = item else { return item }
                t.color = nil
                return .text(t)
            }
            write(SceneGroup(name: group.name + " halo", paint: Paint(fill: halo, stroke: halo, strokeWidth: 3),
                             items: outline, isClipped: group.isClipped))
        }
        let p = group.paint
        out += "<g class=\"\(escaped(group.name))\" fill=\"\(p.fill?.hexString ?? "none")\""
        if p.fill != nil, p.fillOpacity < 1 { out += " fill-opacity=\"\(formatNumber(p.fillOpacity))\"" }
        if let stroke = p.stroke, p.strokeWidth > 0 {
            out += " stroke=\"\(stroke.hexString)\" stroke-width=\"\(formatNumber(p.strokeWidth))\" stroke-linejoin=\"round\""
            out += " stroke-linecap=\"round\""
        }
        if group.isClipped, scene.clip != nil { out += " clip-path=\"url(#map-extent)\"" }
        out += " fill-rule=\"evenodd\">\n"
        for item in group.items { write(item) }
        out += "</g>\n"
    }

    private mutating func write(_ item: SceneItem) {
        switch item {
        case .path(let rings, let closed, let fill):
            let d = pathData(rings, closed: closed)
            guard !d.isEmpty else { return }
            out += "<path"
            if !closed { out += " fill=\"none\"" } else if let fill { out += " fill=\"\(fill.hexString)\"" }
            out += " d=\"\(d)\"/>\n"
        case .circle(let c, let r, let fill):
            out += "<circle cx=\"\(pixels(c.x))\" cy=\"\(pixels(c.y))\" r=\"\(pixels(r))\""
            if let fill { out += " fill=\"\(fill.hexString)\"" }
            out += "/>\n"
        case .rect(let r, let fill):
            out += "<rect x=\"\(pixels(r.x))\" y=\"\(pixels(r.y))\" width=\"\(pixels(r.width))\" "
            out += "height=\"\(pixels(r.height))\""
            if let fill { out += " fill=\"\(fill.hexString)\"" }
            out += "/>\n"
        case .text(let t):
            out += "<text x=\"\(pixels(t.position.x))\" y=\"\(pixels(t.position.y))\" font-size=\"\(formatNumber(t.size))\""
            out += t.anchor == .middle ? " text-anchor=\"middle\"" : ""
            if t.bold { out += " font-weight=\"bold\"" }
            if let color = t.color { out += " fill=\"\(color.hexString)\"" }
            out += ">\(escaped(t.text))</text>\n"
        }
    }

    /// `M x,y L x,y … Z` per ring, dropping points that round onto the previous one.
    private func pathData(_ rings: [[Coordinate]], closed: Bool) -> String {
        var d = ""
        for ring in rings {
            var previous = ""
            var count = 0
            for c in ring {
                let point = "\(pixels(c.x)),\(pixels(c.y))"
                if point == previous { continue }
                d += (count == 0 ? (d.isEmpty ? "M" : " M") : "L") + point
                previous = point
                count += 1
            }
            if closed, count > 0 { d += "Z" }
        }
        return d
    }
}

/// A pixel value rounded to 0.1, without a trailing ".0" and never "-0". Wild values (a feature in the
/// wrong CRS, NaN) are pinned far off the page rather than trapping the conversion to `Int`.
private func pixels(_ v: Double) -> String {
    let tenths = v.isNaN ? 0 : Int((min(max(v, -1e9), 1e9) * 10).rounded())
    let a = abs(tenths)
    let sign = tenths < 0 ? "-" : ""
    return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
}

/// Text safe inside XML content and attribute values. Control characters other than tab and newline are not
/// allowed in XML 1.0 at all, so they are dropped rather than escaped.
func escaped(_ text: String) -> String {
    var s = ""
    s.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": s += "&amp;"
        case "<": s += "&lt;"
        case ">": s += "&gt;"
        case "\"": s += "&quot;"
        case "'": s += "&apos;"
        case "\t", "\n": s.unicodeScalars.append(scalar)
        case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
        default: s.unicodeScalars.append(scalar)
        }
    }
    return s
}
