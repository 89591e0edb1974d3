import Foundation
import GridGeoCore
import Testing
@testable import GridGeoRender

private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("gridgeo-render-\(UUID().uuidString)-\(name)").path
}

@Test func writesSVGOrPNGByExtension() throws {
    let map = sampleMap()
    let svgPath = temporaryPath("map.svg"), pngPath = temporaryPath("map.PNG")
    defer {
        try? FileManager.default.removeItem(atPath: svgPath)
        try? FileManager.default.removeItem(atPath: pngPath)
    }
    try map.write(toFile: svgPath)
    try map.write(toFile: pngPath)
    #expect(try String(contentsOfFile: svgPath, encoding: .utf8) == map.svg())
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: pngPath))) == map.pngData())
}

/// Writes docs/render-sample.png and .svg when GRIDGEO_RENDER_SAMPLE_DIR names a folder.
@Test(.enabled(if: ProcessInfo.processInfo.environment["GRIDGEO_RENDER_SAMPLE_DIR"] != nil))
func writesTheDocsSample() throws {
    let folder = ProcessInfo.processInfo.environment["GRIDGEO_RENDER_SAMPLE_DIR"]!
    try docsSampleMap().write(toFile: folder + "/render-sample.png")
    try docsSampleMap().write(toFile: folder + "/render-sample.svg")
}

@Test func refusesOtherExtensions() {
    #expect(throws: RenderError.unsupportedFormat(path: "map.jpg")) { try sampleMap().write(toFile: "map.jpg") }
}

@Test func hierarchyPresetsDrawCoarserLevelsHeavier() {
    let widths = [LayerStyle.district, .street, .community, .grid].map(\.strokeWidth)
    #expect(widths == widths.sorted(by: >))
    let sizes = [LayerStyle.district, .street, .community, .grid].map(\.labelSize)
    #expect(sizes == sizes.sorted(by: >))
}
