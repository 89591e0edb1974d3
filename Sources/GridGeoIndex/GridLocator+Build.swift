import Dispatch
import GridGeoCore

extension GridLocator {
    /// Flattens the grids and builds the raster in four passes (no sorting), the raster's rows split
    /// into bands that are built in parallel:
    /// 1. each cell's reference owner: every grid tests the cell centres inside its box exactly;
    /// 2. count, per cell, the edges touching it and the grids they belong to;
    /// 3. lay out one record per crossed cell (cells with no edge get their tagged owner instead);
    /// 4. fill the records, the reference owner's edges first. Grids are visited in id order, so each
    ///    record is grouped by grid without sorting.
    struct Builder {
        let xy: HugePageBuffer<Double>
        let ringStarts: [UInt32]
        let gridRings: [UInt32]
        let gridBoxes: [Double]
        let bounds: BoundingBox
        let raster: Raster
        var cells: [UInt32] = []
        var records = HugePageBuffer<UInt32>([])
        var tree: PackedRTree

        init(grids: [[Polygon]], cellsPerGrid: Double) {
            precondition(grids.count < Int(GridLocator.referenceFlag), "too many grids")
            precondition(cellsPerGrid > 0)
            // Flatten every ring (of four or more vertices) into one coordinate array: lay out the
            // rings first, then copy the vertices and find the grids' boxes in parallel chunks.
            var ringStarts: [UInt32] = [0], gridRings: [UInt32] = [0]
            gridRings.reserveCapacity(grids.count + 1)
            ringStarts.reserveCapacity(grids.count + 1)
            var vertexCount = 0
            for polygons in grids {
                for polygon in polygons {
                    Self.forEachRing(of: polygon) { ring in
                        vertexCount += ring.count
                        precondition(vertexCount < Int(GridLocator.mask), "too many vertices")
                        ringStarts.append(UInt32(vertexCount))
                    }
                }
                gridRings.append(UInt32(ringStarts.count - 1))
            }
            let boxes = SharedBuffer<Double>(count: 4 * grids.count)
            defer { boxes.free() }
            let chunkSize = 4096
            let firstRing = gridRings, ringStart = ringStarts   // constants for the parallel chunks
            xy = HugePageBuffer(count: 2 * vertexCount) { xy in
                let out = SharedBuffer(base: xy.baseAddress!)   // never nil: even 0 elements get an allocation
                DispatchQueue.concurrentPerform(iterations: (grids.count + chunkSize - 1) / chunkSize) { chunk in
                    for g in chunk * chunkSize..<min(grids.count, (chunk + 1) * chunkSize) {
                        var n = 2 * Int(ringStart[Int(firstRing[g])])
                        var box = BoundingBox.empty
                        for polygon in grids[g] {
                            Self.forEachRing(of: polygon) { ring in
                                for c in ring {
                                    precondition(c.isFinite, "coordinates must be finite")
                                    out[n] = c.x
                                    out[n + 1] = c.y
                                    n += 2
                                    box.expand(toInclude: c)
                                }
                            }
                        }
                        boxes[4 * g] = box.minX
                        boxes[4 * g + 1] = box.minY
                        boxes[4 * g + 2] = box.maxX
                        boxes[4 * g + 3] = box.maxY
                    }
                }
            }
            let gridBoxes = Array(UnsafeBufferPointer(start: boxes.base, count: 4 * grids.count))
            var bounds = BoundingBox.empty
            for g in 0..<grids.count where gridBoxes[4 * g] <= gridBoxes[4 * g + 2] {
                bounds = bounds.union(BoundingBox(minX: gridBoxes[4 * g], minY: gridBoxes[4 * g + 1],
                                                  maxX: gridBoxes[4 * g + 2], maxY: gridBoxes[4 * g + 3]))
            }
            self.ringStarts = ringStarts
            self.gridRings = gridRings
            self.gridBoxes = gridBoxes
            self.bounds = bounds
            tree = PackedRTree(leaves: gridBoxes, bounds: bounds)
            raster = Raster(bounds: bounds, cellCount: Int(cellsPerGrid * Double(max(grids.count, 1))))
            buildCells()
        }

        /// Calls `body` with the coordinates of each ring the locator keeps: those closed with at
        /// least three distinct vertices.
        @inline(__always)
        static func forEachRing(of polygon: Polygon, _ body: ([Coordinate]) -> Void) {
            if polygon.exterior.coordinates.count >= 4 { body(polygon.exterior.coordinates) }
            for hole in polygon.holes where hole.coordinates.count >= 4 { body(hole.coordinates) }
        }

        /// The raster rows of band `b` of `bands`: bands are built in parallel, and no two write one cell.
        /// Row y lies in band ⌊y · bands / rows⌋.
        func rows(ofBand b: Int, _ bands: Int) -> ClosedRange<Int> {
            ((b * raster.rows + bands - 1) / bands)...(((b + 1) * raster.rows + bands - 1) / bands - 1)
        }

        @inline(__always)
        func column(_ x: Double) -> Int {
            min(max(Int(((x - raster.minX) * raster.inverseWidth).rounded(.down)), 0), raster.columns - 1)
        }

        @inline(__always)
        func row(_ y: Double) -> Int {
            min(max(Int(((y - raster.minY) * raster.inverseHeight).rounded(.down)), 0), raster.rows - 1)
        }

        /// The grids whose box, grown by `margin`, reaches into each band, in id order.
        func gridsByBand(_ bands: Int, margin m: Double) -> [[UInt32]] {
            var lists = [[UInt32]](repeating: [], count: bands)
            for g in 0..<(gridRings.count - 1) where gridBoxes[4 * g] <= gridBoxes[4 * g + 2] {
                let first = row(gridBoxes[4 * g + 1] - m) * bands / raster.rows
                let last = row(gridBoxes[4 * g + 3] + m) * bands / raster.rows
                for b in first...last { lists[b].append(UInt32(g)) }
            }
            return lists
        }

        /// Calls `body(g, v)` for every edge (v → v + 1) of the given grids, in their order.
        @inline(__always)
        func forEachEdge(of grids: [UInt32], _ body: (UInt32, Int) -> Void) {
            for g in grids {
                for r in Int(gridRings[Int(g)])..<Int(gridRings[Int(g) + 1]) {
                    for v in Int(ringStarts[r])..<(Int(ringStarts[r + 1]) - 1) { body(g, v) }
                }
            }
        }

        /// Calls `body(cell)` for every cell in `rows` whose closed box, grown by `margin`, the edge
        /// v → v + 1 may touch. The margin absorbs the rounding of `Raster.cell`, so a point mapped to a
        /// cell always lies in the grown box, and so does the segment from the cell's centre to it.
        @inline(__always)
        func forEachCell(ofEdge v: Int, _ xy: UnsafeBufferPointer<Double>, margin m: Double,
                         rows: ClosedRange<Int>, _ body: (Int) -> Void) {
            let ax = xy[2 * v], ay = xy[2 * v + 1], bx = xy[2 * v + 2], by = xy[2 * v + 3]
            let r = raster
            let x0 = column(min(ax, bx) - m), x1 = column(max(ax, bx) + m)
            let y0 = row(min(ay, by) - m), y1 = row(max(ay, by) + m)
            let strip = x0 == x1 || y0 == y1   // every cell of a one-cell-wide strip is crossed
            let ex = bx - ax, ey = by - ay
            let from = max(y0, rows.lowerBound), to = min(y1, rows.upperBound)
            guard from <= to else { return }
            for iy in from...to {
                for ix in x0...x1 {
                    if !strip {
                        // Skip the cell when all four corners of its grown box lie strictly on one side.
                        let cx0 = r.minX + Double(ix) * r.cellWidth - m - ax, cx1 = cx0 + r.cellWidth + 2 * m
                        let cy0 = r.minY + Double(iy) * r.cellHeight - m - ay, cy1 = cy0 + r.cellHeight + 2 * m
                        let f00 = ex * cy0 - ey * cx0, f10 = ex * cy0 - ey * cx1
                        let f01 = ex * cy1 - ey * cx0, f11 = ex * cy1 - ey * cx1
                        if (f00 > 0 && f10 > 0 && f01 > 0 && f11 > 0) || (f00 < 0 && f10 < 0 && f01 < 0 && f11 < 0) {
                            continue
                        }
                    }
                    body(iy * r.columns + ix)
                }
            }
        }

        /// Whether grid g owns the point p + ε, by the half-open crossing-number test over all its rings.
        func owns(_ g: Int, _ px: Double, _ py: Double, _ xy: UnsafeBufferPointer<Double>) -> Bool {
            var odd = false
            for r in Int(gridRings[g])..<Int(gridRings[g + 1]) {
                for v in Int(ringStarts[r])..<(Int(ringStarts[r + 1]) - 1)
                where rayCrosses(xy[2 * v], xy[2 * v + 1], xy[2 * v + 2], xy[2 * v + 3], px, py) {
                    odd.toggle()
                }
            }
            return odd
        }

        mutating func buildCells() {
            let r = raster
            let cellCount = r.columns * r.rows
            let none = GridLocator.none, tag = GridLocator.tag
            let m = 1e-9 * max(bounds.width, bounds.height, 1e-300)
            // Set per band, in parallel.
            let owner = SharedBuffer<UInt32>(count: cellCount)
            let words = SharedBuffer<UInt32>(count: cellCount)        // then: cursor of other groups
            let ownerWords = SharedBuffer<UInt32>(count: cellCount)   // then: cursor of the owner's group
            let lastGrid = SharedBuffer<UInt32>(count: cellCount)     // then: last header written
            defer { owner.free(); words.free(); ownerWords.free(); lastGrid.free() }
            let bands = min(r.rows, 16)
            let me = self
            let gridsOfBand = gridsByBand(bands, margin: m)

            DispatchQueue.concurrentPerform(iterations: bands) { b in
                let rows = me.rows(ofBand: b, bands)
                let xy = me.xy.buffer
                let first = rows.lowerBound * r.columns, count = rows.count * r.columns
                (owner.base + first).initialize(repeating: none, count: count)
                (words.base + first).initialize(repeating: 0, count: count)
                (ownerWords.base + first).initialize(repeating: 0, count: count)
                (lastGrid.base + first).initialize(repeating: none, count: count)
                // 1. Reference owners: each grid tests the centres inside its box.
                for g in gridsOfBand[b].lazy.map(Int.init) {
                    let bx0 = me.gridBoxes[4 * g], by0 = me.gridBoxes[4 * g + 1]
                    let bx1 = me.gridBoxes[4 * g + 2], by1 = me.gridBoxes[4 * g + 3]
                    guard bx0 <= bx1 else { continue }
                    let iy0 = max(Int(((by0 - r.minY) * r.inverseHeight - 0.5).rounded(.down)), rows.lowerBound)
                    let iy1 = min(Int(((by1 - r.minY) * r.inverseHeight - 0.5).rounded(.down)) + 1, rows.upperBound)
                    guard iy0 <= iy1 else { continue }
                    let ix0 = max(Int(((bx0 - r.minX) * r.inverseWidth - 0.5).rounded(.down)), 0)
                    let ix1 = min(Int(((bx1 - r.minX) * r.inverseWidth - 0.5).rounded(.down)) + 1, r.columns - 1)
                    guard ix0 <= ix1 else { continue }
                    for iy in iy0...iy1 {
                        let py = r.reference(ix0, iy).1
                        guard py >= by0 && py <= by1 else { continue }
                        // The edges straddling this row of centres (half-open in y), found once per row.
                        var straddling = InlineArray<64, Int>(repeating: 0)
                        var n = 0
                        for ring in Int(me.gridRings[g])..<Int(me.gridRings[g + 1]) {
                            for v in Int(me.ringStarts[ring])..<(Int(me.ringStarts[ring + 1]) - 1)
                            where (xy[2 * v + 1] > py) != (xy[2 * v + 3] > py) {
                                if n < 64 { straddling[n] = v }
                                n += 1
                            }
                        }
                        for ix in ix0...ix1 {
                            let px = r.reference(ix, iy).0
                            guard px >= bx0 && px <= bx1 else { continue }
                            var odd = false
                            if n <= 64 {
                                for k in 0..<n {
                                    let v = straddling[k]
                                    if rayCrosses(xy[2 * v], xy[2 * v + 1], xy[2 * v + 2], xy[2 * v + 3], px, py) { odd.toggle() }
                                }
                            } else {
                                odd = me.owns(g, px, py, xy)
                            }
                            if odd { owner[iy * r.columns + ix] = UInt32(g) }
                        }
                    }
                }
                // 2. Count words per cell: one per edge plus one header per grid; and those of the
                //    reference owner's group, which goes first.
                me.forEachEdge(of: gridsOfBand[b]) { g, v in
                    me.forEachCell(ofEdge: v, xy, margin: m, rows: rows) { c in
                        let n: UInt32 = lastGrid[c] != g ? 2 : 1
                        lastGrid[c] = g
                        words[c] += n
                        if g == owner[c] { ownerWords[c] += n }
                    }
                }
            }

            // 3. Lay out the records in cell order; cells without edges get their tagged owner.
            var total = 0
            cells = [UInt32](unsafeUninitializedCapacity: cellCount) { buf, done in
                for c in 0..<cellCount {
                    if words[c] == 0 {
                        buf[c] = tag | owner[c]
                    } else {
                        buf[c] = UInt32(total)
                        let n = Int(words[c])
                        words[c] = UInt32(total) + ownerWords[c]
                        total += n
                        precondition(total < Int(tag), "too many cell records")
                    }
                }
                done = cellCount
            }

            // 4. Fill: [the reference owner's group] [other groups…], a group being [grid] [vertex
            //    indices…]; the owner's header carries `referenceFlag`, the last edge of a group and
            //    the header of the last group carry `tag`.
            let referenceFlag = GridLocator.referenceFlag
            let cursor = words, ownerCursor = ownerWords, header = lastGrid
            let cells = self.cells
            records = HugePageBuffer(count: total) { buf in
                guard let base = buf.baseAddress else { return }
                let rec = SharedBuffer(base: base)   // every slot is written below
                DispatchQueue.concurrentPerform(iterations: bands) { b in
                    let rows = me.rows(ofBand: b, bands)
                    let bandCells = rows.lowerBound * r.columns..<(rows.upperBound + 1) * r.columns
                    for c in bandCells where cells[c] & tag == 0 {
                        let at = Int(cells[c])
                        if ownerCursor[c] > 0 { rec[at] = owner[c] | referenceFlag }
                        ownerCursor[c] = UInt32(at + 1)
                        header[c] = none
                    }
                    let xy = me.xy.buffer
                    me.forEachEdge(of: gridsOfBand[b]) { g, v in
                        me.forEachCell(ofEdge: v, xy, margin: m, rows: rows) { c in
                            if g == owner[c] {
                                rec[Int(ownerCursor[c])] = UInt32(v)
                                ownerCursor[c] += 1
                                return
                            }
                            var at = Int(cursor[c])
                            if header[c] == none || rec[Int(header[c])] != g {
                                if header[c] != none { rec[at - 1] |= tag }   // last edge of the previous grid
                                rec[at] = g
                                header[c] = UInt32(at)
                                at += 1
                            }
                            rec[at] = UInt32(v)
                            cursor[c] = UInt32(at + 1)
                        }
                    }
                    for c in bandCells where cells[c] & tag == 0 {
                        let at = Int(cells[c])
                        if Int(ownerCursor[c]) > at + 1 {
                            rec[Int(ownerCursor[c]) - 1] |= tag   // last edge of the owner's group
                        }
                        if header[c] != none {
                            rec[Int(cursor[c]) - 1] |= tag        // last edge of the last grid
                            rec[Int(header[c])] |= tag            // last grid of the record
                        } else {
                            rec[at] |= tag                        // the owner's group is the only one
                        }
                    }
                }
            }
        }
    }
}

extension GridLocator.Builder {
    /// The 64-bit cell words of `GridLocator.cells`: uniform cells as they are; each crossed cell
    /// with the grid owning its centre and its sub-cells answered by the word alone. A sub-cell
    /// qualifies when no edge of the cell's record touches its box grown by the build's margin (so
    /// every point mapped to it is interior to one grid, or outside all) and that grid is the centre's;
    /// the grid is found by the lookup's own rule, the parity of the record's edges crossed by the
    /// segment from the cell's centre. Parallel over bands of rows.
    func widenedCells() -> (HugePageBuffer<UInt64>, recordMask: UInt64) {
        let r = raster
        let count = cells.count
        let tag = GridLocator.tag, none = GridLocator.none
        let recordMask: UInt64 = (1 << GridLocator.ownerShift) - 1
        let subcells = gridRings.count - 1 < Int(GridLocator.subcellNone) && records.count <= Int(recordMask)
        let m = 1e-9 * max(bounds.width, bounds.height, 1e-300)
        let bands = min(r.rows, 16)
        let me = self
        let words = HugePageBuffer(count: count) { (buf: UnsafeMutableBufferPointer<UInt64>) in
            guard let base = buf.baseAddress else { return }
            let out = SharedBuffer(base: base)
            DispatchQueue.concurrentPerform(iterations: bands) { b in
                let rows = me.rows(ofBand: b, bands)
                let rec = me.records.buffer
                let v = me.xy.buffer
                for c in rows.lowerBound * r.columns..<(rows.upperBound + 1) * r.columns {
                    let w = me.cells[c]
                    if w & tag != 0 {
                        (out.base + c).initialize(to: GridLocator.cellTag | UInt64(w == none ? none : w & GridLocator.mask))
                    } else {
                        let word = subcells ? me.crossedWord(record: Int(w), cell: c, rec, v, margin: m) : UInt64(w)
                        (out.base + c).initialize(to: word)
                    }
                }
            }
        }
        return (words, subcells ? recordMask : UInt64(GridLocator.mask))
    }

    /// The word of a crossed cell: its record offset, the centre's owner and the sub-cell bits.
    ///
    /// 1. Mark the sub-cells some edge of the record touches (box overlap, then the corner test of
    ///    `forEachCell`), each edge once.
    /// 2. Untouched sub-cells that share a side lie in one grid (or outside all). The four middle
    ///    sub-cells each hold r on a corner: flood the untouched ones from those, without any test.
    /// 3. Each other group of untouched sub-cells gets the owner of one sub-cell centre q by the
    ///    lookup's rule (per grid, the parity of its edges crossed by r → q), and joins if it is r's.
    func crossedWord(record at: Int, cell c: Int, _ rec: UnsafeBufferPointer<UInt32>, _ v: UnsafeBufferPointer<Double>,
                     margin m: Double) -> UInt64 {
        let r = raster
        let n = GridLocator.subdivisions
        let mask = GridLocator.mask
        let ix = c % r.columns, iy = c / r.columns
        let (rx, ry) = r.reference(ix, iy)
        let reference = rec[at] & GridLocator.referenceFlag != 0
            ? UInt64(rec[at] & GridLocator.gridMask) : GridLocator.subcellNone
        let x0 = r.minX + Double(ix) * r.cellWidth, y0 = r.minY + Double(iy) * r.cellHeight
        // Sub-cell k spans [lo[k], hi[k]] in x (k = 0…3) and [lo[4 + k], hi[4 + k]] in y, grown by m.
        var lo = InlineArray<8, Double>(repeating: 0), hi = InlineArray<8, Double>(repeating: 0)
        for k in 0..<n {
            lo[k] = x0 + Double(k) * r.cellWidth / Double(n) - m
            hi[k] = x0 + Double(k + 1) * r.cellWidth / Double(n) + m
            lo[n + k] = y0 + Double(k) * r.cellHeight / Double(n) - m
            hi[n + k] = y0 + Double(k + 1) * r.cellHeight / Double(n) + m
        }

        // 1. Touched sub-cells.
        var touched = 0
        for group in RecordGroups(rec, from: at) {
            for t in group.entries {
                let k = 2 * Int(rec[t] & mask)
                let ax = v[k], ay = v[k + 1], bx = v[k + 2], by = v[k + 3]
                let ex = bx - ax, ey = by - ay
                for sy in 0..<n where !(max(ay, by) < lo[n + sy] || min(ay, by) > hi[n + sy]) {
                    for sx in 0..<n where touched & (1 << (sy * n + sx)) == 0
                        && !(max(ax, bx) < lo[sx] || min(ax, bx) > hi[sx]) {
                        let f00 = ex * (lo[n + sy] - ay) - ey * (lo[sx] - ax), f10 = ex * (lo[n + sy] - ay) - ey * (hi[sx] - ax)
                        let f01 = ex * (hi[n + sy] - ay) - ey * (lo[sx] - ax), f11 = ex * (hi[n + sy] - ay) - ey * (hi[sx] - ax)
                        if !((f00 > 0 && f10 > 0 && f01 > 0 && f11 > 0) || (f00 < 0 && f10 < 0 && f01 < 0 && f11 < 0)) {
                            touched |= 1 << (sy * n + sx)
                        }
                    }
                }
            }
        }
        var untouched = ~touched & 0xFFFF

        // 2. Flood from the middle sub-cells (5, 6, 9, 10), whose closed boxes hold r.
        var bits = 0
        for s in [5, 6, 9, 10] where untouched & (1 << s) != 0 {
            let group = flood(from: s, within: untouched)
            bits |= group
            untouched &= ~group
        }
        // 3. The other groups of untouched sub-cells.
        while untouched != 0 {
            let s = untouched.trailingZeroBitCount
            let group = flood(from: s, within: untouched)
            untouched &= ~group
            let qx = (lo[s % n] + hi[s % n]) / 2, qy = (lo[n + s / n] + hi[n + s / n]) / 2
            let loX = min(rx, qx), hiX = max(rx, qx), loY = min(ry, qy), hiY = max(ry, qy)
            var owner = GridLocator.subcellNone
            for group in RecordGroups(rec, from: at) {
                var odd = false
                for t in group.entries {
                    let k = 2 * Int(rec[t] & mask)
                    let ax = v[k], ay = v[k + 1], bx = v[k + 2], by = v[k + 3]
                    if !(max(ax, bx) <= loX || min(ax, bx) > hiX || max(ay, by) <= loY || min(ay, by) > hiY)
                        && segmentCrosses(ax, ay, bx, by, rx, ry, qx, qy) {
                        odd.toggle()
                    }
                }
                if (group.header & GridLocator.referenceFlag != 0) != odd {
                    owner = UInt64(group.header & GridLocator.gridMask)
                    break
                }
            }
            if owner == reference { bits |= group }
        }
        return UInt64(at) | reference << GridLocator.ownerShift | UInt64(bits) << GridLocator.subcellShift
    }

    /// The sub-cells of `within` (a 16-bit set over the 4 × 4 split) reachable from `s` through shared sides.
    func flood(from s: Int, within: Int) -> Int {
        var group = 1 << s
        while true {
            // Neighbours west, east (not across the split's columns), south and north.
            let west = (group >> 1) & 0x7777, east = (group << 1) & 0xEEEE
            let grown = (group | west | east | group >> 4 | group << 4) & within
            if grown == group { return group }
            group = grown
        }
    }
}

/// The groups of a cell record, in order: each grid's header word and the positions of its edge
/// entries (the last one tagged), up to the group whose header is tagged.
struct RecordGroups: Sequence, IteratorProtocol {
    private let rec: UnsafeBufferPointer<UInt32>
    private var i: Int
    private var done = false

    init(_ rec: UnsafeBufferPointer<UInt32>, from record: Int) {
        self.rec = rec
        i = record
    }

    mutating func next() -> (header: UInt32, entries: Range<Int>)? {
        guard !done else { return nil }
        let header = rec[i], first = i + 1
        i = first
        while rec[i] & GridLocator.tag == 0 { i += 1 }
        i += 1
        done = header & GridLocator.tag != 0
        return (header, first..<i)
    }
}
