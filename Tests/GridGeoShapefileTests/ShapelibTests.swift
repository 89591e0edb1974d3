import Foundation
import Testing
@testable import GridGeoShapefile

@Test func resolveIgnoresExtensionCase() throws {
    let dir = try TemporaryDirectory()
    try write([1, 2, 3], to: dir.file("街道边界.DBF"))
    #expect(Shapelib.resolve(dir.file("街道边界.dbf")) == dir.file("街道边界.DBF"))
    #expect(Shapelib.resolve(dir.file("街道边界.DBF")) == dir.file("街道边界.DBF"))
    #expect(Shapelib.resolve(dir.file("其他.dbf")) == nil)
    #expect(Shapelib.resolve(dir.path + "/no-such-dir/a.dbf") == nil)
}

@Test func fileHelpers() throws {
    let dir = try TemporaryDirectory()
    let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }
    #expect(Shapelib.write(big, to: dir.file("big")))
    #expect(Shapelib.contents(of: dir.file("big")) == big)
    #expect(Shapelib.size(of: dir.file("big")) == big.count)
    #expect(Shapelib.contents(of: dir.file("none")) == nil)
    #expect(Shapelib.size(of: dir.file("none")) == nil)
}

@Test func errorsAreCapturedPerCallAndThread() async throws {
    // Readers on many tasks at once each see only their own shapelib messages.
    let dir = try TemporaryDirectory()
    for i in 0..<8 {
        try writeNames(in: dir, as: "f\(i)", encoding: .utf8)
        try write(Array(repeating: 0x41, count: 40), to: dir.file("f\(i).shx"))
    }
    let paths = (0..<8).map { dir.file("f\($0)") }
    let messages = await withTaskGroup(of: String.self) { group in
        for path in paths {
            group.addTask {
                do { _ = try ShapefileReader(path: path); return "opened" }
                catch let ShapefileError.openFailed(_, message) { return message }
                catch { return "\(error)" }
            }
        }
        return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(messages.count == 8)
    for message in messages {
        #expect(message.components(separatedBy: "; ").count == 1, "one call, one message: \(message)")
    }
}
