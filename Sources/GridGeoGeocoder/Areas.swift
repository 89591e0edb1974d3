import GridGeoCore
import GridGeoIndex
import GridGeoStore

/// A district, street or community as the geocoder places it: its centre and size.
struct Area: Sendable {
    var code: String
    var name: String
    var parentCode: String?
    /// Area-weighted centroid of its polygons (may lie outside a strongly concave area).
    var centre: Point
    /// Square root of its area, metres: the scale of the error of a centre placement.
    var size: Double
}

/// The divisions of a store, by code and by name (full, short form, one edit).
struct Areas: Sendable {
    var districts: [Area] = []
    var streets: [Area] = []
    var communities: [Area] = []
    var districtNames = NameTable<Int32>(kind: .district)
    var streetNames = NameTable<Int32>(kind: .street)
    var communityNames = NameTable<Int32>(kind: .community)
    var districtByCode: [String: Int] = [:]
    var streetByCode: [String: Int] = [:]
    var communityByCode: [String: Int] = [:]
    /// The store's street and community boundaries, for the street of a road and the divisions
    /// of a position no unit grid owns (the index of `GridGeoIndex`, not a second point-in-polygon).
    var streetLocator: GridLocator?
    var communityLocator: GridLocator?

    init(districts: [DistrictRecord], streets: [StreetRecord], communities: [CommunityRecord], frame: MetricFrame) {
        for d in districts {
            districtByCode[d.code] = self.districts.count
            districtNames.add(d.name, Int32(self.districts.count))
            self.districts.append(Self.area(d.code, d.name, nil, d.geometry, frame))
        }
        for s in streets {
            streetByCode[s.code] = self.streets.count
            streetNames.add(s.name, Int32(self.streets.count))
            self.streets.append(Self.area(s.code, s.name, s.districtCode, s.geometry, frame))
        }
        for c in communities {
            communityByCode[c.code] = self.communities.count
            communityNames.add(c.name, Int32(self.communities.count))
            self.communities.append(Self.area(c.code, c.name, c.streetCode, c.geometry, frame))
        }
        // A few large polygons: many raster cells each, so most cells fall wholly inside one.
        if !streets.isEmpty { streetLocator = GridLocator(grids: streets.map(\.geometry.polygons), cellsPerGrid: 400) }
        if !communities.isEmpty { communityLocator = GridLocator(grids: communities.map(\.geometry.polygons), cellsPerGrid: 100) }
    }

    /// The street whose boundary holds `point`.
    func street(at point: Coordinate) -> Int? {
        streetLocator?.locate(point).map { Int($0.grid) }
    }

    /// The community whose boundary holds `point`.
    func community(at point: Coordinate) -> Int? {
        communityLocator?.locate(point).map { Int($0.grid) }
    }

    static func area(_ code: String, _ name: String, _ parent: String?, _ geometry: Geometry, _ frame: MetricFrame) -> Area {
        // Centroid by the shoelace formula over every ring (holes wind the other way once oriented).
        var a = 0.0, cx = 0.0, cy = 0.0
        for polygon in geometry.polygons {
            let oriented = polygon.rfc7946Oriented
            for ring in [oriented.exterior] + oriented.holes {
                let p = ring.coordinates.map(frame.point)
                for (u, v) in zip(p, p.dropFirst()) {
                    let cross = u.x * v.y - v.x * u.y
                    a += cross
                    cx += (u.x + v.x) * cross
                    cy += (u.y + v.y) * cross
                }
            }
        }
        let area = a / 2
        let centre: Point
        if abs(area) > 1 {
            centre = Point(x: cx / (6 * area), y: cy / (6 * area))
        } else {
            let box = geometry.boundingBox
            centre = frame.point(box.center)
        }
        return Area(code: code, name: name, parentCode: parent, centre: centre, size: abs(area).squareRoot())
    }
}
