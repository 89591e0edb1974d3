import GridGeoCore
import Testing
@testable import GridGeoRender

private func texts(in scene: Scene, group name: String) -> [TextItem] {
    scene.groups.filter { $0.name == name }.flatMap(\.items).compactMap {
        if case .text(let t) = $0 { return t } else { return nil }
    }
}

private func layer(_ name: String, _ features: [MapFeature], order: Int = 0, labelSize: Double = 10) -> MapLayer {
    MapLayer(name: name, features: features, style: LayerStyle(labelSize: labelSize), drawOrder: order)
}

@Test func layersAreDrawnByDrawOrderThenListOrder() {
    let f = [MapFeature(geometry: .polygon(Polygon(exterior: square(0, 0, 1))))]
    let map = Map(layers: [layer("a", f, order: 2), layer("b", f, order: 1), layer("c", f, order: 2)],
                  units: .metres, showsScaleBar: false, showsNorthArrow: false)
    #expect(Scene(map).groups.map(\.name) == ["b", "a", "c", "b labels", "a labels", "c labels"])
}

@Test func labelsThatDoNotFitTheirPolygonAreLeftOut() {
    // Two squares, about 380 px and 11 px wide on a 400 px page: "007" fits the first only.
    let big = MapFeature(geometry: .polygon(Polygon(exterior: square(0, 0, 100))), label: "007")
    let small = MapFeature(geometry: .polygon(Polygon(exterior: square(100, 0, 3))), label: "008")
    let supplied = MapFeature(geometry: .polygon(Polygon(exterior: square(100, 10, 5))), label: "009",
                              labelPoint: Coordinate(x: 102.5, y: 12.5))
    let map = Map(layers: [layer("grids", [big, small, supplied])], width: 400, height: 400, margin: 0, units: .metres,
                  showsScaleBar: false, showsNorthArrow: false)
    #expect(texts(in: Scene(map), group: "grids labels").map(\.text) == ["007", "009"])
}

@Test func labelsOfLowerLayersGiveWayToThoseAbove() {
    let block = MapFeature(geometry: .polygon(Polygon(exterior: square(0, 0, 100))), label: "DISTRICT")
    let grid = MapFeature(geometry: .polygon(Polygon(exterior: square(40, 40, 20))), label: "001")
    let corner = MapFeature(geometry: .polygon(Polygon(exterior: square(0, 0, 20))), label: "002")
    let map = Map(layers: [layer("grids", [grid, corner]), layer("district", [block], order: 1, labelSize: 20)],
                  width: 400, height: 400, margin: 0, units: .metres, showsScaleBar: false, showsNorthArrow: false)
    let scene = Scene(map)
    #expect(texts(in: scene, group: "district labels").map(\.text) == ["DISTRICT"])
    #expect(texts(in: scene, group: "grids labels").map(\.text) == ["002"])
    #expect(scene.groups.map(\.name).suffix(2) == ["grids labels", "district labels"], "still drawn in layer order")
}

@Test func labelsOnDarkFillsTurnWhite() {
    let dark = MapFeature(geometry: .polygon(Polygon(exterior: square(0, 0, 10))), label: "1", fill: Color(hex: 0x8C0A22))
    let light = MapFeature(geometry: .polygon(Polygon(exterior: square(10, 0, 10))), label: "2", fill: Color(hex: 0xFFF5C0))
    let map = Map(layers: [layer("grids", [dark, light])], units: .metres)
    #expect(texts(in: Scene(map), group: "grids labels").map(\.color) == [.white, nil])
}

@Test func legendScaleBarAndArrowStayOffTheMap() {
    let scene = Scene(sampleMap())
    let map = scene.content
    #expect(map.maxX < scene.frame.maxX, "the sample is narrower than its frame")
    for name in ["legend", "scale-bar", "north-arrow"] {
        let group = scene.groups.first { $0.name == name }!
        for item in group.items {
            switch item {
            case .rect(let r, _): #expect(r.x >= map.maxX || r.y >= map.maxY, "\(name) overlaps the map")
            case .path(let rings, _, _): #expect(rings.joined().allSatisfy { $0.x >= map.maxX }, "\(name) overlaps")
            default: break
            }
        }
    }
    #expect(texts(in: scene, group: "legend-text").map(\.text).first == "Events")
    #expect(texts(in: scene, group: "scale-bar").map(\.text) == ["0", "100 m"])
    if case .rect(let box, _) = scene.groups.first(where: { $0.name == "legend" })!.items[0] {
        #expect(box.x == map.maxX + 24, "the column hugs the map, a margin away")
    } else {
        Issue.record("the legend starts with its box")
    }
}

@Test func legendEntriesShowTheirCounts() {
    let legend = Legend(title: nil, entries: [LegendEntry(color: .black, label: "1–2", count: 4)])
    let map = Map(layers: [], legend: legend)
    #expect(texts(in: Scene(map), group: "legend-text").map(\.text) == ["1–2 (4)"])
}

@Test func anEmptyMapStillLaysOut() {
    let scene = Scene(Map(layers: []))
    #expect(scene.frame.width > 0 && scene.frame.height > 0)
}

@Test func textWidthsAllowForWideCJKCharacters() {
    #expect(Scene.textWidth("东华门", size: 10) == 30)
    #expect(Scene.textWidth("001", size: 10) >= 17, "at least the bitmap font's width")
}
