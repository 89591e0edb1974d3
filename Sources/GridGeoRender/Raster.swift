import GridGeoCore
import Foundation  // floor, ceil, hypot, cos, sin

/// An RGB image in memory, what the PNG writer encodes.
public struct Raster: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Three bytes per pixel (red, green, blue), rows top to bottom, each row left to right.
    public internal(set) var pixels: [UInt8]

    /// A raster of `width` × `height` pixels, all `background`.
    public init(width: Int, height: Int, background: Color = .white) {
        precondition(width > 0 && height > 0, "a raster needs at least one pixel")
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        for i in stride(from: 0, to: pixels.count, by: 3) {
            pixels[i] = background.red
            pixels[i + 1] = background.green
            pixels[i + 2] = background.blue
        }
    }

    /// The colour of the pixel in column `x`, row `y` (0, 0 is top left).
    public subscript(x: Int, y: Int) -> Color {
        let i = (y * width + x) * 3
        return Color(red: pixels[i], green: pixels[i + 1], blue: pixels[i + 2])
    }
}

/// Which points a set of rings encloses.
enum FillRule {
    /// Inside where a ray crosses an odd number of edges: holes stay empty whatever their orientation.
    case evenOdd
    /// Inside where the edges wind around the point: overlapping shapes of one orientation merge.
    case nonZero
}

private struct Edge {
    var x0: Double  // x at y0
    var y0: Double  // top, y0 < y1
    var y1: Double
    var slope: Double  // dx/dy
    var winding: Int
}

extension Raster {
    /// Vertical samples per pixel row. Horizontal coverage at span ends is computed exactly, so four
    /// sub-scanlines give smooth edges at a quarter of the cost of 4 × 4 supersampling.
    static let samplesPerRow = 4

    /// Fills the area the rings enclose, blending `color` over what is there with `opacity`, and only
    /// inside `bounds` if given.
    ///
    /// A scanline rasterizer with an active-edge list; rings are closed implicitly and coordinates are
    /// pixels (x right, y down). Each pixel's coverage is the fraction of its four sub-scanlines' spans
    /// that lies within it, so edges are anti-aliased.
    /// - Complexity: O(rows × (active edges + pixels covered)).
    mutating func fill(_ rings: [[Coordinate]], rule: FillRule, color: Color, opacity: Double = 1,
                       within bounds: PixelRect? = nil) {
        guard opacity > 0 else { return }
        let clip = bounds ?? PixelRect(x: 0, y: 0, width: Double(width), height: Double(height))
        var edges: [Edge] = []
        var minY = Double.infinity, maxY = -Double.infinity
        for ring in rings where ring.count > 1 {
            for (a, b) in zip(ring, ring.dropFirst() + [ring[0]]) where a.y != b.y && a.isFinite && b.isFinite {
                let (top, bottom, winding) = a.y < b.y ? (a, b, 1) : (b, a, -1)
                edges.append(Edge(x0: top.x, y0: top.y, y1: bottom.y,
                                  slope: (bottom.x - top.x) / (bottom.y - top.y), winding: winding))
                minY = min(minY, top.y)
                maxY = max(maxY, bottom.y)
            }
        }
        guard !edges.isEmpty else { return }
        let firstRow = max(0, Int(floor(max(minY, clip.y))))
        let lastRow = min(height - 1, Int(ceil(min(maxY, clip.maxY))) - 1)
        guard firstRow <= lastRow else { return }
        edges.sort { $0.y0 < $1.y0 }

        let samples = Raster.samplesPerRow
        let weight = 1 / Float(samples)
        let w = width
        let left = max(clip.x, 0), right = min(clip.maxX, Double(w))
        var coverage = [Float](repeating: 0, count: w + 1)
        var active: [Int] = []
        var nextEdge = 0
        var crossings: [(x: Double, winding: Int)] = []
        let alpha = Float(min(opacity, 1))
        let source = (Float(color.red), Float(color.green), Float(color.blue))

        for row in firstRow...lastRow {
            var lo = w, hi = -1
            for s in 0..<samples {
                // 1. Update the active edges for this sub-scanline.
                let y = Double(row) + (Double(s) + 0.5) / Double(samples)
                guard y >= clip.y, y < clip.maxY else { continue }
                while nextEdge < edges.count, edges[nextEdge].y0 <= y {
                    active.append(nextEdge)
                    nextEdge += 1
                }
                active.removeAll { edges[$0].y1 <= y }
                // 2. Where the edges cross it, left to right.
                crossings.removeAll(keepingCapacity: true)
                for i in active {
                    let e = edges[i]
                    crossings.append((e.x0 + (y - e.y0) * e.slope, e.winding))
                }
                guard crossings.count > 1 else { continue }
                crossings.sort { $0.x < $1.x }
                // 3. Add the inside spans to the row's coverage.
                var winding = 0
                for k in 0..<(crossings.count - 1) {
                    winding += rule == .nonZero ? crossings[k].winding : 1
                    guard rule == .nonZero ? winding != 0 : winding & 1 == 1 else { continue }
                    let xa = max(crossings[k].x, left), xb = min(crossings[k + 1].x, right)
                    guard xb > xa else { continue }
                    let ia = Int(xa), ib = Int(xb)
                    if ia == ib {
                        coverage[ia] += Float(xb - xa) * weight
                    } else {
                        coverage[ia] += Float(Double(ia + 1) - xa) * weight
                        for i in (ia + 1)..<ib { coverage[i] += weight }
                        coverage[ib] += Float(xb - Double(ib)) * weight
                    }
                    lo = min(lo, ia)
                    hi = max(hi, ib)
                }
            }
            // 4. Blend the covered pixels and clear the coverage for the next row.
            guard lo <= hi else { continue }
            let base = row * w * 3
            pixels.withUnsafeMutableBufferPointer { p in
                for x in lo...min(hi, w - 1) {
                    let a = min(coverage[x], 1) * alpha
                    coverage[x] = 0
                    guard a > 0 else { continue }
                    let i = base + x * 3
                    p[i] = UInt8(Float(p[i]) + (source.0 - Float(p[i])) * a + 0.5)
                    p[i + 1] = UInt8(Float(p[i + 1]) + (source.1 - Float(p[i + 1])) * a + 0.5)
                    p[i + 2] = UInt8(Float(p[i + 2]) + (source.2 - Float(p[i + 2])) * a + 0.5)
                }
            }
            coverage[w] = 0
        }
    }

    /// Draws lines `width` pixels wide. Each segment becomes a rectangle and, for lines wider than 1.5 px,
    /// each vertex a disc (round joins and caps); all are filled in one non-zero pass, so overlaps at the
    /// joins are not painted twice and a translucent line stays even.
    mutating func stroke(_ lines: [[Coordinate]], closed: Bool, width: Double, color: Color, opacity: Double = 1,
                         within bounds: PixelRect? = nil) {
        guard width > 0 else { return }
        let r = width / 2
        var shapes: [[Coordinate]] = []
        for line in lines {
            var points = line
            if closed, let first = points.first, points.last != first { points.append(first) }
            for (a, b) in zip(points, points.dropFirst()) {
                let length = hypot(b.x - a.x, b.y - a.y)
                guard length > 0 else { continue }
                let nx = -(b.y - a.y) / length * r, ny = (b.x - a.x) / length * r
                shapes.append([Coordinate(x: a.x + nx, y: a.y + ny), Coordinate(x: b.x + nx, y: b.y + ny),
                               Coordinate(x: b.x - nx, y: b.y - ny), Coordinate(x: a.x - nx, y: a.y - ny)])
            }
            if width > 1.5 { shapes += points.map { Raster.disc(center: $0, radius: r) } }
        }
        fill(shapes, rule: .nonZero, color: color, opacity: opacity, within: bounds)
    }

    /// A polygon approximating a circle, wound the same way as the stroke rectangles (negative shoelace
    /// area) so that their non-zero union never cancels out.
    static func disc(center c: Coordinate, radius r: Double) -> [Coordinate] {
        let n = max(8, min(64, Int(r * 4)))
        return (0..<n).map { k in
            let angle = -2 * Double.pi * Double(k) / Double(n)
            return Coordinate(x: c.x + r * cos(angle), y: c.y + r * sin(angle))
        }
    }

    /// Blends `color` over a single pixel; positions off the raster are ignored.
    mutating func blend(x: Int, y: Int, color: Color, opacity: Double = 1) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y * width + x) * 3
        let a = min(max(opacity, 0), 1)
        for (k, v) in [color.red, color.green, color.blue].enumerated() {
            pixels[i + k] = UInt8((Double(pixels[i + k]) + (Double(v) - Double(pixels[i + k])) * a).rounded())
        }
    }
}
