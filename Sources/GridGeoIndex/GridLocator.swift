public import GridGeoCore

/// The grid that owns a point, and whether the point lies on that grid's boundary.
public struct GridHit: Hashable, Sendable {
    /// Where the point lies in its owner.
    public enum Position: UInt8, Hashable, Sendable {
        /// In the interior of the grid.
        case inside
        /// Exactly on an edge (or vertex) of the grid.
        case boundary
    }

    /// The grid's position in the array the locator was built from.
    public var grid: UInt32
    public var position: Position

    @inlinable public init(grid: UInt32, position: Position) {
        self.grid = grid
        self.position = position
    }
}

/// An immutable index that answers "which unit grid owns this lon/lat point?".
///
/// ## Boundary rule (half-open, like S2's semi-open vertex model)
/// A point p is owned by the grid that contains p + (δ, δ²) for an infinitesimal δ > 0. In words:
/// a point on an edge belongs to the grid on the edge's +x (east) side; a point on a horizontal edge
/// to the grid above (north); a point on a vertex to the grid that holds the region just east of it,
/// nudged north. It is the crossing-number test with the half-open convention: an edge counts when
/// `(a.y > p.y) != (b.y > p.y)` and p lies strictly left of it. So every point of a coverage whose
/// grids share identical edge vertices has exactly one owner, whichever way each grid orients its rings,
/// and each grid owns, like a half-open box [minX, maxX) × [minY, maxY), its west and south edges.
///
/// Points on the outer boundary of the covered area own no grid under this rule; they are still
/// answered: `locate` returns a grid whose edge holds the point (the lowest such id within the cell)
/// with position `.boundary`. Position `.boundary` always means the point lies exactly on an edge of
/// the returned grid. All orientation tests are exact.
///
/// ## How it works
/// Vertices of every ring live in one interleaved `[Double]`. A uniform raster over the bounding box
/// stores for each cell one 64-bit word: either a tagged grid id ("wholly inside grid k" or "outside
/// everything") or the offset of the cell's record: for each grid with an edge touching the cell, a
/// header word and the vertex indices of those edges, the group of the grid owning the cell's centre r
/// first (found at build time by an exact full test). Inside such a cell the owner of p follows from
/// the owner of r and the parity, per grid, of its edges crossed by the segment r → p under the same
/// perturbation: no ray runs beyond the cell. Most points stay in r's owner and need only its edges.
///
/// A crossed cell's word also names r's owner and marks which of the cell's 4 × 4 sub-cells no edge
/// touches and lie in that owner: a point in such a sub-cell is answered from the word alone. A random
/// lookup is bound by memory latency, and this spares more than half of the points in crossed cells
/// the two dependent loads (record, then vertices) that dominate it.
///
/// Results are defined for a valid coverage: grids that do not overlap (overlapping grids give one of
/// the grids covering the point, or nil). Coordinates are planar (lon, lat in degrees here; any
/// planar coordinates work). A locator is immutable and safe to share across threads.
public final class GridLocator: Sendable {
    /// The number of grids; ids run from 0 to `gridCount − 1`.
    public let gridCount: Int
    /// The box covering every vertex.
    public let bounds: BoundingBox

    /// x0, y0, x1, y1, … of every ring, each ring closed (first vertex repeated at its end).
    let xy: HugePageBuffer<Double>
    /// Ring r holds vertices `ringStarts[r] ..< ringStarts[r + 1]`.
    let ringStarts: [UInt32]
    /// Grid g holds rings `gridRings[g] ..< gridRings[g + 1]`.
    let gridRings: [UInt32]
    let raster: Raster
    /// Per cell, 64 bits. A cell wholly inside one grid, or outside all: `cellTag | grid` (or
    /// `cellTag | none`). A cell crossed by edges: bits 0–25 the offset of its record; bits 26–46 the
    /// grid owning its centre (`subcellNone`: none); bits 47–62 one per sub-cell of a 4 × 4 split of
    /// the cell, set when no edge touches the sub-cell and its owner is the centre's: a point there
    /// is answered from this word alone, without loading the record or any vertex. Locators too large
    /// for these fields (2²¹ − 1 grids, 2²⁶ record words) set no sub-cell bits and use bits 0–30
    /// for the offset.
    let cells: HugePageBuffer<UInt64>
    /// Cell records: per grid [grid (flags: last group, owns the centre)] [vertex index (flag: last edge)]…,
    /// the group of the centre's owner first.
    let records: HugePageBuffer<UInt32>
    /// Grid boxes, for `nearest`.
    let tree: PackedRTree
    /// The scratch buffers of the last batch call, for the next one.
    let batchBuffers = Locked<BatchBuffers?>(nil)

    static let tag: UInt32 = 1 << 31
    static let mask: UInt32 = tag - 1
    static let none: UInt32 = .max
    /// Marks, in a record, the header of the group of the grid that owns the cell's centre.
    static let referenceFlag: UInt32 = 1 << 30
    static let gridMask: UInt32 = referenceFlag - 1
    /// Marks a cell word as uniform (wholly inside one grid or outside all).
    static let cellTag: UInt64 = 1 << 63
    /// The owner field of a crossed cell's word: 21 bits, all ones for "no grid". Locators of more
    /// grids set no sub-cell bits.
    static let subcellNone: UInt64 = (1 << 21) - 1
    static let ownerShift: UInt64 = 26
    static let subcellShift: UInt64 = 47
    /// Sub-cells per side of a crossed cell.
    static let subdivisions = 4
    /// The record offset of a crossed cell's word: `(1 << 26) − 1` with sub-cells, else `mask`.
    let recordMask: UInt64

    /// A cell's word in the 32-bit form the build uses: `tag | grid`, `tag | none`, or the record offset.
    func word(_ c: Int) -> UInt32 {
        let w = cells[c]
        return w & Self.cellTag != 0 ? Self.tag | UInt32(truncatingIfNeeded: w) : UInt32(w & recordMask)
    }

    /// Builds the locator.
    ///
    /// - Parameters:
    ///   - grids: each grid as one or more polygons (a multipolygon grid); a grid's id is its position.
    ///   - cellsPerGrid: raster cells per grid on average. More cells mean more cells wholly inside one
    ///     grid (one load, no geometry) at the cost of memory: on ~20-vertex grids, 11 keeps the index
    ///     at ~0.99× the coordinates' memory, 12 at ~1.03×, 16 at ~1.15×.
    /// - Complexity: O(v + c) for v vertices and c cells.
    public init(grids: [[Polygon]], cellsPerGrid: Double = 11) {
        let b = Builder(grids: grids, cellsPerGrid: cellsPerGrid)
        gridCount = grids.count
        bounds = b.bounds
        xy = b.xy
        ringStarts = b.ringStarts
        gridRings = b.gridRings
        raster = b.raster
        (cells, recordMask) = b.widenedCells()
        records = b.records
        tree = b.tree
    }

    /// Builds a locator where each polygon is one grid.
    public convenience init(polygons: [Polygon], cellsPerGrid: Double = 11) {
        self.init(grids: polygons.map { [$0] }, cellsPerGrid: cellsPerGrid)
    }

    /// The grid that owns `p` under the half-open rule, or nil when `p` lies outside every grid.
    ///
    /// Allocates nothing.
    /// - Complexity: O(1) for a cell wholly inside a grid; otherwise O(e) for the e edges in the cell.
    public func locate(_ p: Coordinate) -> GridHit? {
        switch probe(p.x, p.y) {
        case .answered(let hit): return hit
        case .crossed(let record, let ix, let iy): return locate(p.x, p.y, record: record, ix, iy)
        }
    }

    /// What a point's cell word says of it.
    enum Probe {
        /// Outside the bounds, in a uniform cell, or in a sub-cell the word marks: the answer.
        case answered(GridHit?)
        /// In a crossed cell: the offset of its record, and the cell.
        case crossed(record: Int, ix: Int, iy: Int)
    }

    /// The answer the cell word of (px, py) gives, or the record its crossed cell needs.
    @inline(__always)
    func probe(_ px: Double, _ py: Double) -> Probe {
        // Also rejects NaN.
        guard px >= bounds.minX && px <= bounds.maxX && py >= bounds.minY && py <= bounds.maxY else { return .answered(nil) }
        let (ix, iy, sub) = raster.cellAndSubcell(px, py)
        let word = cells[iy &* raster.columns &+ ix]
        if word & Self.cellTag != 0 {
            let g = UInt32(truncatingIfNeeded: word)
            return .answered(g == Self.none ? nil : GridHit(grid: g, position: .inside))
        }
        if word >> (Self.subcellShift &+ UInt64(sub)) & 1 != 0 {
            let owner = word >> Self.ownerShift & Self.subcellNone
            return .answered(owner == Self.subcellNone ? nil : GridHit(grid: UInt32(owner), position: .inside))
        }
        return .crossed(record: Int(word & recordMask), ix: ix, iy: iy)
    }

    /// Resolves a point in a cell crossed by edges (see the type's documentation).
    func locate(_ px: Double, _ py: Double, record: Int, _ ix: Int, _ iy: Int) -> GridHit? {
        let (rx, ry) = raster.reference(ix, iy)
        let rec = records.buffer, v = xy.buffer
        // Touch every edge first: these loads are independent, so their cache misses overlap,
        // while in the loop below each mispredicted loop exit would serialise them.
        var touched = 0.0
        var t = record
        while true {
            let header = rec[t]
            t += 1
            while true {
                let e = rec[t]
                t += 1
                touched += v[2 &* Int(e & Self.mask)]
                if e & Self.tag != 0 { break }
            }
            if header & Self.tag != 0 { break }
        }
        if touched.isNaN { return nil }   // never: coordinates are finite; keeps the loads alive

        // Per grid, p is inside iff r is inside XOR the segment crosses an odd number of its
        // edges. The centre's owner comes first: if p is still inside it, no other grid can
        // hold p (grids do not overlap), so the other groups are skipped. Every edge is tested,
        // with no box test first: `crossing` has no data-dependent branch, a box test would.
        var i = record
        while true {
            let header = rec[i]
            i += 1
            let first = i
            var odd = false, maybeOnEdge = false
            while true {
                let e = rec[i]
                i += 1
                let k = 2 &* Int(e & Self.mask)
                let c = crossing(v[k], v[k + 1], v[k + 2], v[k + 3], rx, ry, px, py)
                odd = odd != c.crosses
                maybeOnEdge = maybeOnEdge || c.maybeOnLine
                if e & Self.tag != 0 { break }
            }
            if (header & Self.referenceFlag != 0) != odd {
                let onEdge = maybeOnEdge && Self.touchesEdge(rec, v, from: first, px, py)
                return GridHit(grid: header & Self.gridMask, position: onEdge ? .boundary : .inside)
            }
            if header & Self.tag != 0 { break }
        }
        // No owner: p may still lie on the outer boundary of the coverage.
        i = record
        while true {
            let header = rec[i]
            if Self.touchesEdge(rec, v, from: i + 1, px, py) {
                return GridHit(grid: header & Self.gridMask, position: .boundary)
            }
            if header & Self.tag != 0 { return nil }
            i += 1
            while rec[i] & Self.tag == 0 { i += 1 }
            i += 1
        }
    }

    /// Every grid whose closed region holds `p`, as GEOS `covers` decides: the owner first, then,
    /// for a point on a boundary, every other grid with an edge through it. Empty outside every grid.
    ///
    /// For the rare answer on a boundary (`position == .boundary`), where a dispatcher may want
    /// all the grids that share the point; it allocates its array, `locate` does not.
    public func covering(_ p: Coordinate) -> [UInt32] {
        guard let hit = locate(p) else { return [] }
        // Only a crossed cell's record holds edges: elsewhere p is inside its owner alone.
        guard hit.position == .boundary, case .crossed(let record, _, _) = probe(p.x, p.y) else { return [hit.grid] }
        let rec = records.buffer, v = xy.buffer
        var grids = [hit.grid]
        for group in RecordGroups(rec, from: record) where group.header & Self.gridMask != hit.grid
            && Self.touchesEdge(rec, v, from: group.entries.lowerBound, p.x, p.y) {
            grids.append(group.header & Self.gridMask)
        }
        return grids
    }

    /// True when p lies exactly on one of the edges of the group starting at `first`.
    @inline(__always)
    static func touchesEdge(_ rec: UnsafeBufferPointer<UInt32>, _ v: UnsafeBufferPointer<Double>,
                            from first: Int, _ px: Double, _ py: Double) -> Bool {
        var i = first
        while true {
            let e = rec[i]
            let k = 2 &* Int(e & mask)
            if isOnSegment(v[k], v[k + 1], v[k + 2], v[k + 3], px, py) { return true }
            if e & tag != 0 { return false }
            i += 1
        }
    }

    /// Memory held by the locator, in bytes.
    public struct Memory: Hashable, Sendable {
        /// The vertex coordinates.
        public var coordinates: Int
        /// Everything else: ring and grid offsets, raster, cell records, the R-tree of grid boxes.
        public var index: Int
    }

    /// Memory held by the locator's arrays.
    public var memory: Memory {
        Memory(coordinates: xy.count * 8,
               index: (ringStarts.count + gridRings.count + records.count) * 4 + cells.count * 8 + tree.memoryBytes)
    }

    /// Raster size and how many cells lie wholly inside one grid or outside all grids.
    public var rasterStatistics: (columns: Int, rows: Int, uniformCells: Int) {
        (raster.columns, raster.rows, cells.buffer.count { $0 & Self.cellTag != 0 })
    }

    /// Of the crossed cells' sub-cells (16 per cell), how many are answered from the cell word alone.
    public var subcellStatistics: (subcells: Int, answeredByWord: Int) {
        var n = 0, set = 0
        for w in cells.buffer where w & Self.cellTag == 0 {
            n += Self.subdivisions * Self.subdivisions
            set += (w >> Self.subcellShift & (1 << UInt64(Self.subdivisions * Self.subdivisions) - 1)).nonzeroBitCount
        }
        return (n, set)
    }
}

/// A uniform raster over a box: maps points to cells and gives each cell its reference point.
struct Raster: Sendable {
    let minX: Double, minY: Double
    let cellWidth: Double, cellHeight: Double
    let inverseWidth: Double, inverseHeight: Double
    let columns: Int, rows: Int

    init(bounds: BoundingBox, cellCount: Int) {
        let w = bounds.width, h = bounds.height
        var nx = 1, ny = 1
        if w > 0 && h > 0 {
            let side = (w * h / Double(max(cellCount, 1))).squareRoot()
            nx = max(1, Int((w / side).rounded(.up)))
            ny = max(1, Int((h / side).rounded(.up)))
        } else if w > 0 {
            nx = max(1, cellCount)
        } else if h > 0 {
            ny = max(1, cellCount)
        }
        precondition(nx * ny < Int(GridLocator.tag), "too many raster cells")
        minX = bounds.minX
        minY = bounds.minY
        columns = nx
        rows = ny
        cellWidth = w > 0 ? w / Double(nx) : 1
        cellHeight = h > 0 ? h / Double(ny) : 1
        inverseWidth = 1 / cellWidth
        inverseHeight = 1 / cellHeight
    }

    /// The cell of a point inside the bounds (the last row and column are closed above).
    @inline(__always)
    func cell(_ x: Double, _ y: Double) -> (Int, Int) {
        (min(Int((x - minX) * inverseWidth), columns - 1), min(Int((y - minY) * inverseHeight), rows - 1))
    }

    /// The cell of a point inside the bounds, as `cell`, and its sub-cell 0…15 (row-major, 4 × 4,
    /// the split `GridLocator.Builder.crossedWord` marks).
    @inline(__always)
    func cellAndSubcell(_ x: Double, _ y: Double) -> (Int, Int, Int) {
        let n = GridLocator.subdivisions
        let fx = (x - minX) * inverseWidth, fy = (y - minY) * inverseHeight
        let ix = min(Int(fx), columns - 1), iy = min(Int(fy), rows - 1)
        let sx = min(Int((fx - Double(ix)) * Double(n)), n - 1), sy = min(Int((fy - Double(iy)) * Double(n)), n - 1)
        return (ix, iy, sy &* n &+ sx)
    }

    /// The centre of a cell: its reference point. Build and query compute it by this one expression.
    @inline(__always)
    func reference(_ ix: Int, _ iy: Int) -> (Double, Double) {
        (minX + (Double(ix) + 0.5) * cellWidth, minY + (Double(iy) + 0.5) * cellHeight)
    }
}
