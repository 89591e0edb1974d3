import GridGeoCore
import GridGeoGEOS
import GridGeoGrids
import Testing

// Shared shapes for the GridGeoGrids tests: drawn in metres around a point in Dongcheng, handed
// to the library in lon/lat, as callers do.

let testFrame = LocalFrame(origin: Coordinate(lon: 116.41, lat: 39.91))

func m(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: x, y: y) }

/// A lon/lat polygon from rings drawn in metres.
func polygon(_ exterior: [Coordinate], holes: [[Coordinate]] = []) -> Polygon {
    Polygon(exterior: Ring(exterior.map(testFrame.toLonLat)), holes: holes.map { Ring($0.map(testFrame.toLonLat)) })
}

/// A rectangle in metres, as a lon/lat polygon.
func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
    polygon([m(x0, y0), m(x1, y0), m(x1, y1), m(x0, y1)])
}

/// A road through the given points in metres, as a lon/lat line.
func road(_ points: Coordinate...) -> LineString {
    LineString(points.map(testFrame.toLonLat))
}

/// A 400 m square community crossed by two roads.
let squareCommunity = Community(code: "110101001001", geometry: .polygon(rectangle(0, 0, 400, 400)))
let crossRoads = [road(m(-50, 200), m(450, 200)), road(m(200, -50), m(200, 450))]

/// An L-shaped community: 300 × 300 minus the 150 × 150 north-east quarter, one road.
let lCommunity = Community(code: "110101001002", geometry: .polygon(polygon([
    m(0, 0), m(300, 0), m(300, 150), m(150, 150), m(150, 300), m(0, 300),
])))
let lRoads = [road(m(-20, 75), m(320, 75))]

/// A 300 m square community with a 100 m square hole in the middle.
let holedCommunity = Community(code: "110101001003", geometry: .polygon(polygon(
    [m(0, 0), m(300, 0), m(300, 300), m(0, 300)],
    holes: [[m(100, 100), m(100, 200), m(200, 200), m(200, 100)]])))

/// Two separate 200 × 150 m parts and a 40 × 40 m islet.
let multiPartCommunity = Community(code: "110101001004", geometry: .multiPolygon([
    rectangle(0, 0, 200, 150), rectangle(400, 0, 600, 150), rectangle(250, 300, 290, 340),
]))

/// 60 × 80 m: smaller than one grid.
let tinyCommunity = Community(code: "110101001005", geometry: .polygon(rectangle(0, 0, 60, 80)))

/// Area in the test frame, m².
func areaSquareMetres(_ g: Geometry, _ geos: GEOSContext) throws -> Double {
    try geos.area(testFrame.toMetres(g))
}

/// Checks that the grids tile the community exactly and are valid; returns the grid areas.
@discardableResult
func expectExactTiling(_ grids: [UnitGrid], of community: Community,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> [Double] {
    let geos = try GEOSContext()
    let shapes = grids.map { testFrame.toMetres($0.geometry) }
    for (grid, shape) in zip(grids, shapes) {
        #expect(try geos.validityProblem(shape) == nil, "\(grid.code) invalid", sourceLocation: sourceLocation)
        #expect(try geos.validityProblem(grid.geometry) == nil, "\(grid.code) invalid in lon/lat", sourceLocation: sourceLocation)
    }
    let whole = testFrame.toMetres(community.geometry)
    let union = try geos.union(shapes)
    let communityArea = try geos.area(whole)
    #expect(abs(try geos.area(union) - communityArea) <= 0.01, sourceLocation: sourceLocation)
    #expect(try geos.area(geos.difference(whole, union)) <= 0.01, sourceLocation: sourceLocation)
    #expect(try geos.area(geos.difference(union, whole)) <= 0.01, sourceLocation: sourceLocation)
    for i in shapes.indices {
        for j in shapes.indices where j > i && shapes[i].boundingBox.intersects(shapes[j].boundingBox) {
            let overlap = try geos.area(geos.intersection(shapes[i], shapes[j]))
            #expect(overlap <= 0.01, "\(grids[i].code) overlaps \(grids[j].code) by \(overlap) m²", sourceLocation: sourceLocation)
        }
    }
    let areas = try shapes.map { try geos.area($0) }
    #expect(abs(areas.reduce(0, +) - communityArea) <= 0.01, sourceLocation: sourceLocation)
    return areas
}

/// Checks the codes: 15 digits, the community's prefix, 001, 002, … in order.
func expectCodes(_ grids: [UnitGrid], of community: Community, sourceLocation: SourceLocation = #_sourceLocation) {
    for (i, grid) in grids.enumerated() {
        #expect(grid.code.count == 15 && grid.code.allSatisfy(\.isNumber), sourceLocation: sourceLocation)
        #expect(grid.code.hasPrefix(community.code), sourceLocation: sourceLocation)
        #expect(Int(grid.code.suffix(3)) == i + 1, sourceLocation: sourceLocation)
    }
    #expect(Set(grids.map(\.code)).count == grids.count, sourceLocation: sourceLocation)
}
