import Foundation

/// Evaluation data kept outside the repository, in `../shared/data` next to the package root.
/// Tests that read it are skipped when it is absent; nothing from it is ever copied in.
enum SharedData {
    static let root: URL = URL(fileURLWithPath: #filePath)  // <package>/Tests/GridGeoPROJTests/SharedData.swift
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative).path) }

    static func text(_ relative: String) throws -> String { try String(contentsOf: url(relative), encoding: .utf8) }

    static let delivery = "dongcheng-caupd/delivery"
    static let dongchengWGS84 = "dongcheng/district_visdata_wgs84.geojson"
}
