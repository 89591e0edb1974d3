import Foundation
import GridGeoCore
@testable import GridGeoImport
import GridGeoShapefile
import GridGeoStore
import Testing

/// Opening delivery files: every way a DBF declares (or fails to declare) its encoding, and every way
/// the .shp/.shx/.dbf trio can be incomplete or damaged.
@Suite struct SourceFileTests {
    struct EncodingCase: Sendable, CustomTestStringConvertible {
        var name: String
        var declaration: Declaration
        var encoding: String
        var source: String
        var testDescription: String { name }
    }

    static let encodingCases = [
        EncodingCase(name: "GBK with .cpg", declaration: .gbkWithCPG, encoding: "GB18030", source: "cpg"),
        EncodingCase(name: "GB18030 with only LDID 0x4D", declaration: .gb18030ByLDID, encoding: "GB18030", source: "languageDriver"),
        EncodingCase(name: "UTF-8 with .cpg", declaration: .utf8WithCPG, encoding: "UTF-8", source: "cpg"),
        EncodingCase(name: "UTF-8, undeclared", declaration: .undeclaredUTF8, encoding: "UTF-8", source: "detected"),
        EncodingCase(name: "GBK, undeclared", declaration: .undeclaredGBK, encoding: "GB18030", source: "detected"),
    ]

    @Test(arguments: encodingCases)
    func decodesEveryEncodingPath(_ c: EncodingCase) throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeAddresses(ws.file("门牌.shp"), declaration: c.declaration)

        let report = try runImport([shp], into: store, .addresses)
        let file = try #require(report.files.first)
        #expect(file.encoding == c.encoding)
        #expect(file.encodingSource == c.source)
        #expect(file.encodingNote?.isEmpty == false)
        // The Chinese field names decoded too, or the roles would not have been found.
        #expect(file.fields["address"] == "地址")
        #expect(file.fields["name"] == "名称")
        let stored = try store.addressPoints()
        #expect(stored.map(\.address) == addressTexts)
        #expect(stored.map(\.name) == (1...addressTexts.count).map { "门牌\($0)" })
    }

    @Test func encodingFlagOverridesALyingCPG() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        // GBK bytes, but the .cpg says UTF-8.
        let shp = try writeAddresses(ws.file("mpdz.shp"), declaration: Declaration(encoding: .gb18030, cpg: "UTF-8"))

        let error = importFailure([shp], into: store, .addresses)
        expect(error, exitCode: 65, mentions: [shp, "UTF-8", "--encoding"])
        #expect(try store.count(of: .addresses) == 0)

        let report = try runImport([shp], into: store, .addresses) { $0.encoding = TextEncoding(label: "GBK") }
        let file = try #require(report.files.first)
        #expect(file.encoding == "GB18030")
        #expect(file.encodingSource == "flag")
        #expect(file.encodingNote?.contains(#".cpg "UTF-8""#) == true, "the report keeps the overridden declaration")
        #expect(try store.addressPoints().map(\.address) == addressTexts)
    }

    @Test func cpgWinsOverADisagreeingLanguageDriverAndTheReportSaysSo() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeAddresses(ws.file("mpdz.shp"), declaration: Declaration(encoding: .utf8, cpg: "UTF-8", ldid: 0x4D))

        let report = try runImport([shp], into: store, .addresses)
        let file = try #require(report.files.first)
        #expect(file.encoding == "UTF-8")
        #expect(file.encodingSource == "cpg")
        #expect(file.encodingNote?.contains("LDID 0x4D") == true)
        #expect(try store.addressPoints().map(\.address) == addressTexts)
    }

    // MARK: - Incomplete and damaged files (66 when a part is missing, 65 when it is corrupt)

    @Test(arguments: [".shx", ".dbf"])
    func aMissingPartIsMissingInput(_ ext: String) throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeRoads(ws.file("dlzxx.shp"), count: 5)
        let part = String(shp.dropLast(4)) + ext
        try FileManager.default.removeItem(atPath: part)

        expect(importFailure([shp], into: store, .roads), exitCode: 66, mentions: [part, "missing " + ext])
    }

    @Test func aMissingShapefileIsMissingInput() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = ws.file("nowhere.shp")
        expect(importFailure([shp], into: store, .roads), exitCode: 66, mentions: [shp])
    }

    @Test func aTruncatedShpIsCorrupt() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeRoads(ws.file("dlzxx.shp"), count: 20)
        let bytes = try fileBytes(shp)
        try bytes.prefix(bytes.count - 30).write(to: URL(fileURLWithPath: shp))

        expect(importFailure([shp], into: store, .roads), exitCode: 65, mentions: [shp, "truncated", "ask for the delivery again"])
        #expect(try store.count(of: .roads) == 0)
    }

    @Test func aDBFWithFewerRecordsThanTheShpIsCorrupt() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeRoads(ws.file("dlzxx.shp"), count: 20)
        let shorter = try writeRoads(ws.file("other.shp"), count: 19)
        try FileManager.default.removeItem(atPath: String(shp.dropLast(4)) + ".dbf")
        try FileManager.default.copyItem(atPath: String(shorter.dropLast(4)) + ".dbf", toPath: String(shp.dropLast(4)) + ".dbf")

        expect(importFailure([shp], into: store, .roads), exitCode: 65,
               mentions: [shp, "20 shapes", "19 rows", "ask for the delivery again"])
    }

    @Test func anShxOfAnotherFileIsCorrupt() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeRoads(ws.file("dlzxx.shp"), count: 20)
        // Same record count, longer records: the index points past the end of the .shp.
        let other = try writeShapefile(ws.file("other.shp"), kind: .polyline,
                                       fields: [ShapefileField(name: "NAME", type: .string, width: 60)],
                                       records: Dongcheng.points(20).map { c in
                                           (.lineString(LineString((0..<10).map { Coordinate(x: c.x + Double($0) * 1e-4, y: c.y) })), [:])
                                       })
        try FileManager.default.removeItem(atPath: String(shp.dropLast(4)) + ".shx")
        try FileManager.default.copyItem(atPath: String(other.dropLast(4)) + ".shx", toPath: String(shp.dropLast(4)) + ".shx")

        expect(importFailure([shp], into: store, .roads), exitCode: 65, mentions: [shp, "truncated"])
    }

    @Test(arguments: [".shp", ".dbf"])
    func aPartThatIsNotWhatItClaimsIsCorrupt(_ ext: String) throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeRoads(ws.file("dlzxx.shp"), count: 5)
        let part = String(shp.dropLast(4)) + ext
        try Data((0..<120).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: URL(fileURLWithPath: part))

        expect(importFailure([shp], into: store, .roads), exitCode: 65, mentions: [shp, "ask for the delivery again"])
    }

    @Test func anEmptyFileIsADataError() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeRoads(ws.file("empty.shp"), count: 0)

        expect(importFailure([shp], into: store, .roads), exitCode: 65, mentions: [shp, "no features"])
        #expect(try store.count(of: .roads) == 0)
    }

    @Test func aFolderMeansEveryShapefileInIt() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let folder = ws.file("道路")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try writeRoads(folder + "/b.shp", count: 3)
        try writeRoads(folder + "/a.shp", count: 2)

        let report = try runImport([folder], into: store, .roads)
        #expect(report.files.map { ($0.file as NSString).lastPathComponent } == ["a.shp", "b.shp"])
        #expect(try store.count(of: .roads) == 5)

        let empty = ws.file("empty-folder")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        expect(importFailure([empty], into: store, .roads), exitCode: 66, mentions: [empty, ".shp"])
    }
}
