public import GridGeoRender
public import GridGeoStore

/// The picture GIS staff check an import or a grid build against: district, streets, communities
/// and the current unit grids, each labelled, coarsest on top.
public enum StoreMap {
    public static func make(_ store: GridStore, width: Int = 2000, height: Int = 2400, roads: Bool = false) throws -> Map {
        var layers: [MapLayer] = []
        let grids = try store.currentGridVersion().map { try store.unitGrids(version: $0.version) } ?? []
        // Grid labels carry only the 3-digit sequence: the community is already written larger above.
        layers.append(MapLayer(name: "grids", features: grids.map {
            MapFeature(geometry: $0.geometry, label: String($0.code.suffix(3)))
        }, style: .grid, drawOrder: 0))
        if roads {
            layers.append(MapLayer(name: "roads", features: try store.roads().map { MapFeature(geometry: $0.geometry) },
                                   style: LayerStyle(stroke: Color(hex: 0x9A9A9A), strokeWidth: 0.6), drawOrder: 1))
        }
        layers.append(MapLayer(name: "communities", features: try store.communities().map {
            MapFeature(geometry: $0.geometry, label: $0.name)
        }, style: .community, drawOrder: 2))
        layers.append(MapLayer(name: "streets", features: try store.streets().map {
            MapFeature(geometry: $0.geometry, label: $0.name)
        }, style: .street, drawOrder: 3))
        let districts = try store.districts()
        layers.append(MapLayer(name: "district", features: districts.map { MapFeature(geometry: $0.geometry) },
                               style: .district, drawOrder: 4))
        // The codes keep the PNG title meaningful: its bitmap font has no Chinese (SVG draws the names).
        let title = districts.map { "\($0.code) \($0.name)" }.joined(separator: "、")
            + (grids.isEmpty ? "" : " — \(grids.count) unit grids")
        return Map(title: title, layers: layers, width: width, height: height)
    }
}
