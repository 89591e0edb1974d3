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
            let word = l.cells[iy * l.raster.columns + ix]
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
