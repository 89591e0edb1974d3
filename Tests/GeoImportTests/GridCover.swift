import Foundation
import GridGeoCore
import GridGeoIndex
import GridGeoStore

/// Unit grids for tests that import components (components are placed in grids when imported): a
/// regular lattice of rectangles published as one grid version, each grid in a drafted community.
/// Neighbours share their edges exactly (each lattice line is computed once).
struct GridCover {
    struct Cell {
        var code: String
        var column: Int
        var row: Int
        var polygon: Polygon
    }

    let xs: [Double]
    let ys: [Double]   // north to south
    private(set) var cells: [Cell] = []
    private var byPosition: [Int: Int] = [:]

    init(box: BoundingBox, columns: Int, rows: Int) {
        xs = (0...columns).map { box.minX + (box.maxX - box.minX) * Double($0) / Double(columns) }
        ys = (0...rows).map { box.maxY - (box.maxY - box.minY) * Double($0) / Double(rows) }
    }

    func polygon(column c: Int, row r: Int) -> Polygon {
        Polygon(exterior: Ring([Coordinate(x: xs[c], y: ys[r + 1]), Coordinate(x: xs[c + 1], y: ys[r + 1]),
                                Coordinate(x: xs[c + 1], y: ys[r]), Coordinate(x: xs[c], y: ys[r])]))
    }

    mutating func add(code: String, column: Int, row: Int) {
        byPosition[row * xs.count + column] = cells.count
        cells.append(Cell(code: code, column: column, row: row, polygon: polygon(column: column, row: row)))
    }

    /// The cells whose closed rectangle may hold `p` (the one it falls in and its neighbours).
    func candidates(_ p: Coordinate) -> [Cell] {
        guard let c = xs.firstIndex(where: { $0 > p.x }), let r = ys.firstIndex(where: { $0 < p.y }) else { return [] }
        var out: [Cell] = []
        for row in (r - 2)...r {
            for column in (c - 2)...c { if let i = byPosition[row * xs.count + column] { out.append(cells[i]) } }
        }
        return out
    }

    /// Publishes the cells as a grid version from 2020-01-01, with a drafted community per 999 cells of
    /// a street (its bounding box as boundary: the tests never use community outlines).
    func publish(_ store: GridStore) throws {
        let byCommunity = Dictionary(grouping: cells) { String($0.code.prefix(12)) }
        try store.insert(byCommunity.keys.sorted().map { code in
            let box = byCommunity[code]!.reduce(BoundingBox.empty) { $0.union($1.polygon.boundingBox) }
            return CommunityRecord(code: code, name: "草拟社区\(code.suffix(6))", streetCode: String(code.prefix(9)),
                                   geometry: .polygon(Polygon(exterior: Ring([
                                       Coordinate(x: box.minX, y: box.minY), Coordinate(x: box.maxX, y: box.minY),
                                       Coordinate(x: box.maxX, y: box.maxY), Coordinate(x: box.minX, y: box.maxY)]))),
                                   drafted: true)
        })
        try store.publishGridVersion(cells.map { UnitGridRecord(code: $0.code, geometry: .polygon($0.polygon)) },
                                     startDate: LocalDate("2020-01-01")!)
    }

    /// 30 × 30 rectangles (≈ 230 × 440 m) over the district's bounding box, all in street 110101001 —
    /// enough for tests whose points are anywhere in the district.
    static func district(_ store: GridStore) throws -> GridCover {
        let box = Dongcheng.boundary.boundingBox
        var cover = GridCover(box: BoundingBox(minX: box.minX - 0.002, minY: box.minY - 0.002, maxX: box.maxX + 0.002, maxY: box.maxY + 0.002),
                              columns: 30, rows: 30)
        var n = 0
        for r in 0..<30 {
            for c in 0..<30 {
                n += 1
                cover.add(code: "110101001" + String(format: "%03d%03d", 1 + (n - 1) / 999, 1 + (n - 1) % 999), column: c, row: r)
            }
        }
        try store.insert([StreetRecord(code: "110101001", name: "东华门街道", districtCode: "110101", geometry: .polygon(Dongcheng.boundary))])
        try cover.publish(store)
        return cover
    }

    /// About 100 m squares over the store's streets and 500 m around them, each given to the street that
    /// holds its centre (else the nearest), numbered per street west → east, north → south, 999 per
    /// drafted community. Not the road-following grids of GridGeoGrids: a simple cover of the district
    /// that every delivered component falls in (they stand up to ~100 m outside the district boundary).
    static func streets(_ store: GridStore, cellMetres: Double = 100, marginMetres: Double = 500) throws -> GridCover {
        let streets = try store.streets()
        let locator = GridLocator(grids: streets.map(\.geometry.polygons))
        let bounds = streets.reduce(BoundingBox.empty) { $0.union($1.geometry.boundingBox) }
        let dy = cellMetres / 111_200, dx = cellMetres / (111_320 * cos(bounds.minY * .pi / 180 + (bounds.height / 2) * .pi / 180))
        let padX = marginMetres / cellMetres * dx, padY = marginMetres / cellMetres * dy
        let columns = Int(((bounds.width + 2 * padX) / dx).rounded(.up)), rows = Int(((bounds.height + 2 * padY) / dy).rounded(.up))
        var cover = GridCover(box: BoundingBox(minX: bounds.minX - padX, minY: bounds.maxY + padY - Double(rows) * dy,
                                               maxX: bounds.minX - padX + Double(columns) * dx, maxY: bounds.maxY + padY),
                              columns: columns, rows: rows)
        var count: [String: Int] = [:]
        for r in 0..<rows {
            for c in 0..<columns {
                let centre = Coordinate(x: (cover.xs[c] + cover.xs[c + 1]) / 2, y: (cover.ys[r] + cover.ys[r + 1]) / 2)
                guard let owner = locator.locate(centre)?.grid ?? locator.nearest(to: centre, maxDistanceMetres: marginMetres)?.grid else { continue }
                let street = streets[Int(owner)].code
                let n = count[street, default: 0] + 1
                count[street] = n
                cover.add(code: street + String(format: "%03d%03d", 1 + (n - 1) / 999, 1 + (n - 1) % 999), column: c, row: r)
            }
        }
        try cover.publish(store)
        return cover
    }
}

extension Workspace {
    /// A district store with `GridCover.district` published (made once per test run, then copied).
    func gridStore(_ name: String = "grid.sqlite") throws -> GridStore {
        let store = try districtStore(name)
        _ = try GridCover.district(store)
        return store
    }
}
