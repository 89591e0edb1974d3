import GridGeoCore

// Shared shapes for the GridGeoGEOS tests.

func c(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: x, y: y) }

/// An axis-aligned rectangle polygon, counter-clockwise.
func rectangle(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) -> Polygon {
    Polygon(exterior: Ring([c(minX, minY), c(maxX, minY), c(maxX, maxY), c(minX, maxY)]))
}

/// The 10 × 10 square at the origin.
let square = Geometry.polygon(rectangle(0, 0, 10, 10))

/// A "ring" of two equal positions, which GEOS refuses to build.
let brokenRing = Geometry.polygon(Polygon(exterior: Ring([c(0, 0), c(0, 0)])))

/// POLYGON((0 0,10 10,10 0,0 10,0 0)): two triangles meeting at (5, 5), invalid.
let bowTie = Geometry.polygon(Polygon(exterior: Ring([c(0, 0), c(10, 10), c(10, 0), c(0, 10), c(0, 0)])))
