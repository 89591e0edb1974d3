import GridGeoCore
@testable import GridGeoIndex
import Testing

@Test func partitionIsDeterministicAndSized() {
    let a = SyntheticPartition(gridCount: 500, seed: 9), b = SyntheticPartition(gridCount: 500, seed: 9)
    #expect(a.grids == b.grids)
    #expect(a.grids != SyntheticPartition(gridCount: 500, seed: 10).grids)
    #expect(abs(partition.grids.count - 2_000) < 40)
    #expect(partition.grids.contains { $0.count == 2 })
    let vertices = partition.grids.reduce(0) { $0 + $1.reduce(0) { $0 + $1.exterior.coordinates.count - 1 } }
    #expect(vertices / partition.grids.count == 20)
}

@Test func gridsTileTheRectangleExactly() {
    // Areas add up to the rectangle.
    let area = partition.grids.reduce(0.0) { $0 + $1.reduce(0) { $0 + $1.planarArea } }
    let box = partition.bounds
    #expect(abs(area - box.width * box.height) < 1e-9 * area)
    // Every edge is shared by two grids in opposite directions, or lies on the rectangle.
    var directed = [[Coordinate]: Int]()
    for g in partition.grids {
        for poly in g {
            let r = poly.exterior.coordinates
            #expect(poly.exterior.isCounterClockwise)
            for (a, b) in zip(r, r.dropFirst()) { directed[[a, b], default: 0] += 1 }
        }
    }
    for (edge, n) in directed {
        #expect(n == 1)
        let (a, b) = (edge[0], edge[1])
        let outer = (a.x == b.x && (a.x == box.minX || a.x == box.maxX)) || (a.y == b.y && (a.y == box.minY || a.y == box.maxY))
        #expect((directed[[b, a]] != nil) != outer)
    }
}

@Test func ringsAreSimple() {
    let small = SyntheticPartition(gridCount: 200, seed: 11)
    for g in small.grids {
        for poly in g {
            let r = poly.exterior.coordinates
            let n = r.count - 1
            for i in 0..<n {
                for j in stride(from: i + 2, to: n, by: 1) where !(i == 0 && j == n - 1) {
                    // Non-adjacent edges must not touch.
                    let o1 = orientation(r[i].x, r[i].y, r[i + 1].x, r[i + 1].y, r[j].x, r[j].y)
                    let o2 = orientation(r[i].x, r[i].y, r[i + 1].x, r[i + 1].y, r[j + 1].x, r[j + 1].y)
                    let o3 = orientation(r[j].x, r[j].y, r[j + 1].x, r[j + 1].y, r[i].x, r[i].y)
                    let o4 = orientation(r[j].x, r[j].y, r[j + 1].x, r[j + 1].y, r[i + 1].x, r[i + 1].y)
                    let touch: Bool
                    if o1 == 0 && o2 == 0 {   // collinear: do the extents overlap?
                        touch = max(r[i].x, r[i + 1].x) >= min(r[j].x, r[j + 1].x) && max(r[j].x, r[j + 1].x) >= min(r[i].x, r[i + 1].x)
                            && max(r[i].y, r[i + 1].y) >= min(r[j].y, r[j + 1].y) && max(r[j].y, r[j + 1].y) >= min(r[i].y, r[i + 1].y)
                    } else {
                        touch = o1 * o2 <= 0 && o3 * o4 <= 0
                    }
                    #expect(!touch, "ring self-intersects")
                }
            }
        }
    }
}
