import Foundation
import GridGeoCore
import Testing
import GridGeoShapefile

/// The decoded values of the text field of every record.
private func names(_ reader: ShapefileReader, field: String = "名称") throws -> [String] {
    try reader.records().map { record in
        guard case .string(let s)? = record.attributes[field] else { return "" }
        return s
    }
}

// MARK: - Encodings

@Test func gbkWithCPG() throws {
    let dir = try TemporaryDirectory()
    // A GB18030 writer labelling its file "GBK", as Chinese tools do: reading GBK as GB18030 keeps 㘵 and 䶮.
    try writeNames(in: dir, as: "gbk", encoding: .gb18030, cpg: "GBK", fieldName: "街道名称")
    let reader = try ShapefileReader(path: dir.file("gbk.shp"))
    #expect(reader.encodingDecision.source == .cpg)
    #expect(reader.encodingDecision.cpgValue == "GBK")
    #expect(reader.encodingDecision.encoding == .gb18030)
    #expect(reader.fields.map(\.name) == ["街道名称", "CODE"])
    #expect(reader.rawFieldNames[0] == [0xBD, 0xD6, 0xB5, 0xC0, 0xC3, 0xFB, 0xB3, 0xC6])
    #expect(try names(reader, field: "街道名称") == streetNames)
}

@Test func gb18030WithOnlyTheLanguageDriver() throws {
    let dir = try TemporaryDirectory()
    try writeNames(in: dir, as: "ldid", encoding: .gb18030, ldid: 0x4D)
    let reader = try ShapefileReader(path: dir.file("ldid"))
    #expect(reader.encodingDecision.source == .languageDriver)
    #expect(reader.encodingDecision.ldidByte == 0x4D)
    #expect(reader.encodingDecision.cpgValue == nil)
    #expect(reader.encodingDecision.encoding == .gb18030)
    #expect(try names(reader) == streetNames)
}

@Test func utf8WithCPG() throws {
    let dir = try TemporaryDirectory()
    try writeNames(in: dir, as: "u", encoding: .utf8, cpg: "UTF-8", fieldName: "街道名")
    let reader = try ShapefileReader(path: dir.file("u.shp"))
    #expect(reader.encodingDecision.source == .cpg)
    #expect(reader.encodingDecision.encoding == .utf8)
    #expect(reader.fields[0].name == "街道名")
    #expect(try names(reader, field: "街道名") == streetNames)
}

@Test func utf8WithoutDeclarationIsDetected() throws {
    let dir = try TemporaryDirectory()
    try writeNames(in: dir, as: "u", encoding: .utf8, fieldName: "名称")
    let reader = try ShapefileReader(path: dir.file("u.shp"))
    #expect(reader.encodingDecision.source == .detected)
    #expect(reader.encodingDecision.encoding == .utf8)
    #expect(reader.encodingDecision.reason.contains("no .cpg; no language driver ID; detected: all 5 non-ASCII values are valid UTF-8"))
    #expect(try names(reader, field: "名称") == streetNames)
}

@Test func gbkWithoutDeclarationIsDetected() throws {
    let dir = try TemporaryDirectory()
    let gbk = try #require(TextEncoding(iconvName: "GBK"))
    let plain = Array(streetNames.dropLast())                 // real GBK cannot hold the rare characters
    try writeNames(plain, in: dir, as: "g", encoding: gbk, fieldName: "街道名称")
    let reader = try ShapefileReader(path: dir.file("g.shp"))
    #expect(reader.encodingDecision.source == .detected)
    #expect(reader.encodingDecision.encoding == .gb18030)
    #expect(reader.encodingDecision.reason.contains("not valid UTF-8"))
    #expect(reader.fields[0].name == "街道名称")
    #expect(try names(reader, field: "街道名称") == plain)
}

@Test func cpgAndLanguageDriverDisagree() throws {
    let dir = try TemporaryDirectory()
    // UTF-8 text, a .cpg saying so, and a stale LDID claiming GBK: the .cpg wins and the conflict is reported.
    try writeNames(in: dir, as: "d", encoding: .utf8, cpg: "UTF-8", ldid: 0x4D, fieldName: "名称")
    let reader = try ShapefileReader(path: dir.file("d.shp"))
    let decision = reader.encodingDecision
    #expect(decision.source == .cpg)
    #expect(decision.encoding == .utf8)
    #expect(decision.ldidByte == 0x4D)
    #expect(decision.disagreement == ".cpg \"UTF-8\" means UTF-8 but LDID 0x4D (code page 936) means GB18030")
    #expect(try names(reader, field: "名称") == streetNames)
}

@Test func overrideBeatsTheFile() throws {
    let dir = try TemporaryDirectory()
    // A .cpg that lies: the bytes are GB18030.
    try writeNames(in: dir, as: "lie", encoding: .gb18030, cpg: "UTF-8")
    #expect(throws: ShapefileError.self) { try ShapefileReader(path: dir.file("lie")) }    // field name is not UTF-8
    let reader = try ShapefileReader(path: dir.file("lie"), encoding: .gb18030)
    #expect(reader.encodingDecision.source == .flag)
    #expect(reader.encodingDecision.disagreement?.contains("overrides .cpg \"UTF-8\"") == true)
    #expect(try names(reader) == streetNames)
}

@Test func undecodableValueNamesItsRecordAndField() throws {
    let dir = try TemporaryDirectory()
    try writeNames(["安定门", "东四"], in: dir, as: "bad", encoding: .gb18030, cpg: "UTF-8", fieldName: "NAME")
    let reader = try ShapefileReader(path: dir.file("bad"))
    #expect(throws: ShapefileError.undecodableText(encoding: "UTF-8", context: "record 0, field NAME")) {
        try reader.record(at: 0)
    }
    #expect(try reader.rawText(record: 1, field: 0) == TextEncoding.gb18030.encode("东四"))
}

// MARK: - Geometry

@Test func polygonWithHoleAndMultiPartPolygon() throws {
    let dir = try TemporaryDirectory()
    let withHole = Polygon(exterior: square(0, 0, 10), holes: [square(2, 2, 2, counterClockwise: true), square(6, 6, 2, counterClockwise: true)])
    let second = Polygon(exterior: square(20, 0, 10), holes: [square(22, 2, 3, counterClockwise: true)])
    let writer = try ShapefileWriter(path: dir.file("poly"), kind: .polygon, fields: [])
    try writer.append(.polygon(withHole))
    try writer.append(.multiPolygon([withHole, second]))
    writer.close()
    let reader = try ShapefileReader(path: dir.file("poly"))
    #expect(reader.bounds == BoundingBox(minX: 0, minY: 0, maxX: 30, maxY: 10))
    let records = try reader.records()
    #expect(records[0].geometry == .polygon(withHole))
    #expect(records[1].geometry == .multiPolygon([withHole, second]))
    #expect(records.allSatisfy { $0.ringCorrections.isEmpty })
}

@Test func bowTiePolygonIsReadAsWritten() throws {
    let dir = try TemporaryDirectory()
    let bowTie = ring([(0, 0), (10, 10), (10, 0), (0, 10)])
    let writer = try ShapefileWriter(path: dir.file("bowtie"), kind: .polygon, fields: [ShapefileField(name: "ID", type: .integer, width: 4)])
    try writer.append(.polygon(Polygon(exterior: bowTie)), attributes: ["ID": .integer(1)])
    writer.close()
    let record = try ShapefileReader(path: dir.file("bowtie")).record(at: 0)
    #expect(record.geometry == .polygon(Polygon(exterior: bowTie)))       // validity is GEOS's job
}

@Test func linesAndPoints() throws {
    let dir = try TemporaryDirectory()
    let a = LineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)]), b = LineString([Coordinate(x: 2, y: 2), Coordinate(x: 3, y: 2)])
    let lines = try ShapefileWriter(path: dir.file("lines"), kind: .polyline, fields: [])
    try lines.append(.multiLineString([a]))                 // one part reads back as a line string
    try lines.append(.multiLineString([a, b]))
    lines.close()
    let reader = try ShapefileReader(path: dir.file("lines"))
    #expect(reader.shapeType.kind == .polyline)
    #expect(try reader.records().map(\.geometry) == [.lineString(a), .multiLineString([a, b])])
}

// MARK: - Broken and odd files

@Test func emptyFileHasNoRecords() throws {
    let dir = try TemporaryDirectory()
    try writeNames([], in: dir, as: "empty", encoding: .utf8, cpg: "UTF-8", fieldName: "NAME")
    let reader = try ShapefileReader(path: dir.file("empty.shp"))
    #expect(reader.recordCount == 0)
    #expect(reader.bounds == .empty)
    #expect(try reader.records().isEmpty)
    #expect(reader.fields.map(\.name) == ["NAME", "CODE"])
    #expect(throws: ShapefileError.recordOutOfRange(index: 0, count: 0)) { try reader.record(at: 0) }
}

@Test func truncatedShp() throws {
    let dir = try TemporaryDirectory()
    let shp = try writeNames(in: dir, as: "t", encoding: .utf8)
    let full = try bytes(of: shp)
    try write(Array(full.prefix(full.count - 10)), to: shp)
    #expect(throws: ShapefileError.truncated(path: shp, expectedBytes: full.count, actualBytes: full.count - 10)) {
        try ShapefileReader(path: shp)
    }
}

@Test func recordWhoseReadFailsCarriesShapelibsMessage() throws {
    let dir = try TemporaryDirectory()
    let shp = try writeNames(in: dir, as: "r", encoding: .utf8)
    // Shrink record 2's length in the .shx to 2 words, too short for a point: open succeeds, reading it fails.
    var shx = try bytes(of: dir.file("r.shx"))
    let entry = 100 + 2 * 8 + 4                                             // big-endian content length, in words
    shx.replaceSubrange(entry..<entry + 4, with: [0x00, 0x00, 0x00, 0x02])
    try write(shx, to: dir.file("r.shx"))
    let reader = try ShapefileReader(path: shp)
    _ = try reader.record(at: 1)
    #expect {
        try reader.record(at: 2)
    } throws: { error in
        // shapelib's own words, e.g. "Corrupted .shp file : shape 2 : nEntitySize = 12".
        guard case ShapefileError.unreadableRecord(2, let message) = error else { return false }
        return message.hasPrefix("Corrupted .shp file")
    }
}

@Test func dbfWithFewerRecordsThanShp() throws {
    let dir = try TemporaryDirectory()
    let shp = try writeNames(in: dir, as: "m", encoding: .utf8)
    try writeNames(Array(streetNames.prefix(2)), in: dir, as: "other", encoding: .utf8)
    try FileManager.default.removeItem(atPath: dir.file("m.dbf"))
    try FileManager.default.copyItem(atPath: dir.file("other.dbf"), toPath: dir.file("m.dbf"))
    #expect(throws: ShapefileError.recordCountMismatch(shapes: 4, attributes: 2)) { try ShapefileReader(path: shp) }
}

@Test func truncatedDbf() throws {
    let dir = try TemporaryDirectory()
    let shp = try writeNames(in: dir, as: "td", encoding: .utf8)
    let dbf = try bytes(of: dir.file("td.dbf"))
    try write(Array(dbf.prefix(dbf.count - 30)), to: dir.file("td.dbf"))
    #expect {
        try ShapefileReader(path: shp)
    } throws: { error in
        guard case ShapefileError.truncated(let path, _, _) = error else { return false }
        return path.hasSuffix("td.dbf")
    }
}

@Test(arguments: [".shx", ".dbf", ".shp"])
func missingComponent(_ ext: String) throws {
    let dir = try TemporaryDirectory()
    try writeNames(in: dir, as: "x", encoding: .utf8)
    try FileManager.default.removeItem(atPath: dir.file("x" + ext))
    #expect(throws: ShapefileError.missingComponent(extension: ext, path: dir.file("x" + ext))) {
        try ShapefileReader(path: dir.file("x.shp"))
    }
}

@Test func notAShapefileGivesShapelibsMessage() throws {
    let dir = try TemporaryDirectory()
    try writeNames(in: dir, as: "junk", encoding: .utf8)
    try write(Array(repeating: 0x41, count: 40), to: dir.file("junk.shx"))
    #expect {
        try ShapefileReader(path: dir.file("junk"))
    } throws: { error in
        guard case ShapefileError.openFailed(_, let message) = error else { return false }
        return message.contains(".shx")
    }
}

@Test func multiPatchIsUnsupported() throws {
    let dir = try TemporaryDirectory()
    let shp = try writeNames(in: dir, as: "patch", encoding: .utf8)
    // shapelib takes the type from the .shx header, which repeats the .shp header: patch both.
    for file in [shp, dir.file("patch.shx")] {
        var content = try bytes(of: file)
        content.replaceSubrange(32..<36, with: [31, 0, 0, 0])              // little-endian shape type
        try write(content, to: file)
    }
    #expect(throws: ShapefileError.unsupportedShapeType(code: 31, name: "MultiPatch")) { try ShapefileReader(path: shp) }
}

@Test func extensionsMatchInAnyCase() throws {
    let dir = try TemporaryDirectory()
    try writeNames(in: dir, as: "Case", encoding: .gb18030, cpg: "GBK")
    for (from, to) in [("Case.shp", "Case.SHP"), ("Case.shx", "Case.Shx"), ("Case.dbf", "Case.DBF"), ("Case.cpg", "Case.CPG")] {
        try FileManager.default.moveItem(atPath: dir.file(from), toPath: dir.file(to))
    }
    for path in [dir.file("Case"), dir.file("Case.shp"), dir.file("Case.SHP")] {
        let reader = try ShapefileReader(path: path)
        #expect(reader.path == dir.file("Case.SHP"))
        #expect(reader.encodingDecision.cpgValue == "GBK")
        #expect(try names(reader) == streetNames)
    }
}

@Test func duplicateDecodedFieldNamesAreMadeUnique() throws {
    let dir = try TemporaryDirectory()
    let writer = try ShapefileWriter(path: dir.file("dup"), kind: .point,
                                     fields: [ShapefileField(name: "社区名", type: .string, width: 4),
                                              ShapefileField(name: "社区名", type: .string, width: 4)], encoding: .gb18030)
    writer.close()
    #expect(try ShapefileReader(path: dir.file("dup")).fields.map(\.name) == ["社区名", "社区名_2"])
}
