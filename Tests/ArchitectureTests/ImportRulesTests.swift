import Foundation
import Testing

/// The module rules of docs/architecture.md, checked on the sources themselves.
private let sources = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources")

private func imports(ofModule module: String) throws -> Set<String> {
    let dir = sources.appendingPathComponent(module)
    var found: Set<String> = []
    let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?
        .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
    for file in files {
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
            let words = line.split(separator: " ")
            guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                  words[..<i].allSatisfy({ ["public", "internal", "package", "private", "fileprivate", "@_exported"].contains($0) })
            else { continue }
            found.insert(String(words[i + 1]))
        }
    }
    return found
}

private func modules() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { !$0.hasPrefix(".") }.sorted()
}

@Test func onlyTheWrapperImportsItsCLibrary() throws {
    let owners = ["CGEOS": "GridGeoGEOS", "CPROJ": "GridGeoPROJ", "CSpatiaLite": "GridGeoSpatiaLite", "CShapelib": "GridGeoShapefile"]
    for module in try modules() {
        for imported in try imports(ofModule: module) {
            if let owner = owners[imported] {
                #expect(module == owner, "\(module) imports \(imported); only \(owner) may")
            }
        }
    }
}

@Test func coreAndIndexStayPureSwift() throws {
    for module in ["GridGeoCore", "GridGeoIndex"] where FileManager.default.fileExists(atPath: sources.appendingPathComponent(module).path) {
        let found = try imports(ofModule: module)
        // Glibc: only `mmap`/`madvise` for the index's huge-page buffers, at build time, and the
        // pthread mutex of `Locked` (version swaps), which the thread sanitizer can see.
        let allowed: Set<String> = ["GridGeoCore", "Synchronization", "Dispatch", "Glibc"]
        #expect(found.subtracting(allowed).isEmpty, "\(module) imports \(found.subtracting(allowed))")
    }
}

@Test func nothingImportsAnExecutable() throws {
    let executables: Set<String> = ["gridgeo", "geo_import"]
    for module in try modules() {
        #expect(try imports(ofModule: module).isDisjoint(with: executables), "\(module) imports an executable target")
    }
}

/// The grid algorithm stays free of the database; the module that runs it on a store imports only
/// what docs/architecture.md lists for it.
@Test func gridBuildingLayersStayApart() throws {
    let database: Set<String> = ["GridGeoStore", "GridGeoSpatiaLite", "CSpatiaLite"]
    #expect(try imports(ofModule: "GridGeoGrids").isDisjoint(with: database), "GridGeoGrids imports the database")
    let allowed: Set<String> = ["Foundation", "GridGeoCore", "GridGeoGEOS", "GridGeoGrids", "GridGeoStore"]
    let found = try imports(ofModule: "GridGeoHierarchy")
    #expect(found.subtracting(allowed).isEmpty, "GridGeoHierarchy imports \(found.subtracting(allowed))")
}
