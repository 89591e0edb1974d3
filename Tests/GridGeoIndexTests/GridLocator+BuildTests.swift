import GridGeoCore
@testable import GridGeoIndex
import Testing

/// Walks every cell record and checks the layout the lookup relies on.
@Test(arguments: [1.0, 12])
func cellRecordsAreWellFormed(cellsPerGrid: Double) {
    let l = GridLocator(grids: partition.grids, cellsPerGrid: cellsPerGrid)
    let ringEnds = Set(l.ringStarts.dropFirst().map { Int($0) - 1 })
    let vertexCount = l.xy.count / 2
    var mixed = 0
    for iy in 0..<l.raster.rows {
        for ix in 0..<l.raster.columns {
            let word = l.word(iy * l.raster.columns + ix)
            let (rx, ry) = l.raster.reference(ix, iy)
            let centreOwners = brute.owners(Coordinate(x: rx, y: ry))
            if word & GridLocator.tag != 0 {
                // A uniform cell holds its centre's owner.
                #expect(word == GridLocator.none ? centreOwners.isEmpty : centreOwners == [Int(word & GridLocator.mask)])
                continue
            }
            mixed += 1
            var i = Int(word), seen = Set<UInt32>(), first = true
            while true {
                let header = l.records[i]
                let g = header & GridLocator.gridMask
                #expect(seen.insert(g).inserted, "a grid appears twice in one record")
                if header & GridLocator.referenceFlag != 0 {
                    #expect(first, "only the first group may own the centre")
                    #expect(centreOwners == [Int(g)])
                } else if first {
                    #expect(centreOwners.isEmpty || !centreOwners.contains(Int(g)))
                }
                first = false
                i += 1
                while true {
                    let v = Int(l.records[i] & GridLocator.mask)
                    #expect(v < vertexCount - 1 && !ringEnds.contains(v), "not an edge")
                    i += 1
                    if l.records[i - 1] & GridLocator.tag != 0 { break }
                }
                if header & GridLocator.tag != 0 { break }
            }
        }
    }
    #expect(mixed > 0)
}

@Test func rasterSizeFollowsCellsPerGrid() {
    for cellsPerGrid in [1.0, 12, 40] {
        let s = GridLocator(grids: partition.grids, cellsPerGrid: cellsPerGrid).rasterStatistics
        let perGrid = Double(s.columns * s.rows) / Double(partition.grids.count)
        #expect(perGrid >= cellsPerGrid && perGrid < cellsPerGrid * 1.2 + 2)
    }
}

/// A sub-cell answered by its cell's word holds, everywhere, that word's grid and no edge: checked at
/// its corners and centre against brute force.
@Test func subcellsAnsweredByTheWordAreWhollyInsideTheirGrid() {
    let l = GridLocator(grids: partition.grids, cellsPerGrid: 4)
    let r = l.raster
    var checked = 0
    for c in 0..<l.cells.count where l.cells[c] & GridLocator.cellTag == 0 {
        let w = l.cells[c]
        let owner = w >> GridLocator.ownerShift & GridLocator.subcellNone
        let n = GridLocator.subdivisions
        let x0 = r.minX + Double(c % r.columns) * r.cellWidth, y0 = r.minY + Double(c / r.columns) * r.cellHeight
        for s in 0..<n * n where w >> (GridLocator.subcellShift + UInt64(s)) & 1 != 0 {
            let sx = Double(s % n), sy = Double(s / n)
            for (fx, fy) in [(0.0, 0.0), (1, 0), (0, 1), (1, 1), (0.5, 0.5)] {
                let p = Coordinate(x: x0 + (sx + fx) * r.cellWidth / Double(n), y: y0 + (sy + fy) * r.cellHeight / Double(n))
                let covering = brute.covering(p)
                #expect(covering == (owner == GridLocator.subcellNone ? [] : [Int(owner)]), "\(p)")
                checked += 1
            }
        }
    }
    #expect(checked > 1_000)
    let s = l.subcellStatistics
    #expect(s.answeredByWord > s.subcells / 5)
}
