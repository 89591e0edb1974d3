import GridGeoComponents
import GridGeoCore
public import GridGeoRender
public import GridGeoStore

/// 评价统计 as a picture: a choropleth of the components in use per grid, community or street.
public enum ComponentMap {
    /// Grids (of the version valid on `date`, or the current one), communities or streets, each filled by
    /// its count of components (of `classCode` when given: a 4-digit minor or 2-digit major class),
    /// with the streets and the district outlined on top and a legend of the classes.
    public static func make(_ store: GridStore, by level: DivisionLevel = .grid, classCode: String? = nil,
                            on date: LocalDate? = nil, width: Int = 2000, height: Int = 2400) throws -> Map {
        var counts: [String: Int] = [:]
        for c in try store.componentCounts(by: level, ComponentFilter(classCode: classCode), on: date) {
            counts[c.divisionCode, default: 0] += c.count
        }
        let areas: [(code: String, geometry: Geometry, label: String?)]
        switch level {
        case .grid:
            let grids = try date.map { try store.unitGrids(on: $0) }
                ?? (try store.currentGridVersion().map { try store.unitGrids(version: $0.version) } ?? [])
            areas = grids.map { ($0.code, $0.geometry, nil) }
        case .community: areas = try store.communities().map { ($0.code, $0.geometry, $0.name) }
        case .street: areas = try store.streets().map { ($0.code, $0.geometry, $0.name) }
        case .district: areas = try store.districts().map { ($0.code, $0.geometry, $0.name) }
        }
        let values = areas.map { Double(counts[$0.code] ?? 0) }
        let classes = Choropleth(values: values)
        var layers = [MapLayer(name: level.rawValue, features: zip(areas, values).map { area, value in
            MapFeature(geometry: area.geometry, label: area.label.map { "\($0) \(Int(value))" }, fill: classes.color(for: value))
        }, style: LayerStyle(stroke: Color(hex: 0x9A9A9A), strokeWidth: level == .grid ? 0.4 : 0.8, fill: nil,
                             labelSize: 12), drawOrder: 0)]
        if level != .street && level != .district {
            layers.append(MapLayer(name: "streets", features: try store.streets().map { MapFeature(geometry: $0.geometry) },
                                   style: .street, drawOrder: 1))
        }
        let districts = try store.districts()
        layers.append(MapLayer(name: "district", features: districts.map { MapFeature(geometry: $0.geometry) },
                               style: .district, drawOrder: 2))
        let className = classCode.flatMap { c in
            ComponentCatalog.standard.componentClasses.first { $0.code == c }?.name
                ?? ComponentCatalog.standard.majorClasses(.component).first { $0.code == c }?.name
        }
        let what = classCode.map { "components \($0)" + (className.map { " \($0)" } ?? "") } ?? "components"
        let total = values.reduce(0, +)
        let title = districts.map(\.name).joined(separator: "、") + " — \(what) per \(level.rawValue)"
            + (date.map { " on \($0)" } ?? "") + " (\(Int(total)))"
        return Map(title: title, layers: layers, legend: classes.legend(title: "Components"), width: width, height: height)
    }
}
