extension GridLocator {
    /// The edges of one crossed cell, laid out for testing many points against them.
    ///
    /// The batch meets the points of a cell one after another (it sorts them), so what a crossing
    /// test does not owe to the point is worked out once per cell: the edges relative to the cell's
    /// reference point r, and the orientation of r against each edge. A point is decided here only
    /// when every orientation it needs is certain by the fast filter and it lies off every tested
    /// edge's line, exactly as `crossing` decides it (same expressions, so the same roundings);
    /// anything else goes to the exact path, `locate(_:_:record:_:_:)`.
    struct CellEdges {
        struct Edge {
            /// a − r, b − r, b − a, a.
            var arx, ary, brx, bry, ex, ey, ax, ay: Double
            /// The determinant of orient(a, b, r), certain by the filter (else the cell is not used).
            var abr: Double
        }

        /// Records with more edges or grids than these are left to the exact path.
        static let edgeCapacity = 128, groupCapacity = 32
        /// The record these edges come from; −1: none yet.
        private(set) var record = -1
        /// False when the record has more edges or grids than the capacities, or r lies too close
        /// to an edge's line for the filter: its points go to the exact path.
        private(set) var usable = false
        private var rx = 0.0, ry = 0.0
        private let edges: UnsafeMutablePointer<Edge>
        /// Per grid group: its record header and the end of its edges.
        private let groups: UnsafeMutablePointer<(header: UInt32, end: Int)>
        private var groupCount = 0

        /// A layout over storage for `edgeCapacity` edges and `groupCapacity` groups.
        init(edges: UnsafeMutablePointer<Edge>, groups: UnsafeMutablePointer<(header: UInt32, end: Int)>) {
            self.edges = edges
            self.groups = groups
        }

        /// Lays out the edges of `record`, the record of cell (ix, iy).
        mutating func load(record: Int, _ ix: Int, _ iy: Int, of locator: GridLocator) {
            self.record = record
            usable = false
            groupCount = 0
            let (rx, ry) = locator.raster.reference(ix, iy)
            self.rx = rx
            self.ry = ry
            let rec = locator.records.buffer, v = locator.xy.buffer
            var n = 0
            for group in RecordGroups(rec, from: record) {
                guard groupCount < Self.groupCapacity, n + group.entries.count <= Self.edgeCapacity else { return }
                for t in group.entries {
                    let k = 2 &* Int(rec[t] & GridLocator.mask)
                    let ax = v[k], ay = v[k + 1], bx = v[k + 2], by = v[k + 3]
                    let l3 = (bx - ax) * (ry - ay), r3 = (by - ay) * (rx - ax)
                    let d3 = l3 - r3
                    guard abs(d3) > orientationErrorBound * (abs(l3) + abs(r3)) else { return }
                    edges[n] = Edge(arx: ax - rx, ary: ay - ry, brx: bx - rx, bry: by - ry,
                                    ex: bx - ax, ey: by - ay, ax: ax, ay: ay, abr: d3)
                    n += 1
                }
                groups[groupCount] = (group.header, n)
                groupCount += 1
            }
            usable = true
        }

        /// The owner of p, decided as `locate(_:_:record:_:_:)` decides it, when the fast filter is
        /// certain of every orientation; nil when it is not (or no group holds p).
        @inline(__always)
        func owner(_ px: Double, _ py: Double) -> GridHit? {
            let dx = px - rx, dy = py - ry
            var e = 0
            for g in 0..<groupCount {
                let (header, end) = groups[g]
                var odd: UInt64 = 0, unsure: UInt64 = 0
                while e < end {
                    let E = edges[e]
                    e += 1
                    // The determinants of orient(r, p, a), orient(r, p, b), orient(a, b, p), as `crossing`.
                    let l1 = dx * E.ary, r1 = dy * E.arx
                    let l2 = dx * E.bry, r2 = dy * E.brx
                    let l4 = E.ex * (py - E.ay), r4 = E.ey * (px - E.ax)
                    let d1 = l1 - r1, d2 = l2 - r2, d4 = l4 - r4
                    unsure |= (abs(d1) > orientationErrorBound * (abs(l1) + abs(r1)) ? 0 : 1)
                        | (abs(d2) > orientationErrorBound * (abs(l2) + abs(r2)) ? 0 : 1)
                        | (abs(d4) > orientationErrorBound * (abs(l4) + abs(r4)) ? 0 : 1)
                    odd ^= (d1.bitPattern ^ d2.bitPattern) & (E.abr.bitPattern ^ d4.bitPattern)
                }
                if unsure != 0 { return nil }
                if (header & GridLocator.referenceFlag != 0) != (odd >> 63 != 0) {
                    return GridHit(grid: header & GridLocator.gridMask, position: .inside)
                }
            }
            return nil
        }
    }
}
