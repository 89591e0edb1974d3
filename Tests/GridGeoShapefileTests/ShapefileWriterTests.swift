import Foundation
import GridGeoCore
import Testing
import GridGeoShapefile

@Test func declarationsLandOnDisk() throws {
    let dir = try TemporaryDirectory()
    try writeNames(in: dir, as: "a.shp", encoding: .gb18030, cpg: "GBK", ldid: 0x4D)
    #expect(try bytes(of: dir.file("a.dbf"))[29] == 0x4D)
    #expect(try bytes(of: dir.file("a.cpg")) == Array("GBK".utf8))

    try writeNames(in: dir, as: "b", encoding: .utf8)
    #expect(try bytes(of: dir.file("b.dbf"))[29] == 0)
    #expect(!FileManager.default.fileExists(atPath: dir.file("b.cpg")))
}

@Test func textIsWrittenInTheChosenEncoding() throws {
    let dir = try TemporaryDirectory()
    try writeNames(["街道"], in: dir, as: "gbk", encoding: .gb18030, fieldName: "NAME")
    try writeNames(["街道"], in: dir, as: "utf8", encoding: .utf8, fieldName: "NAME")
    let gbk = try bytes(of: dir.file("gbk.dbf")), utf8 = try bytes(of: dir.file("utf8.dbf"))
    #expect(gbk.firstRange(of: [0xBD, 0xD6, 0xB5, 0xC0]) != nil)
    #expect(utf8.firstRange(of: Array("街道".utf8)) != nil)
}

@Test func fieldNamesMustFitTenBytes() throws {
    let dir = try TemporaryDirectory()
    // 街道名称 is 8 bytes in GBK but 12 in UTF-8.
    #expect(throws: ShapefileError.self) {
        try ShapefileWriter(path: dir.file("x"), kind: .point,
                            fields: [ShapefileField(name: "街道名称", type: .string, width: 10)], encoding: .utf8)
    }
    _ = try ShapefileWriter(path: dir.file("y"), kind: .point,
                            fields: [ShapefileField(name: "街道名称", type: .string, width: 10)], encoding: .gb18030)
}

@Test func rejectsWhatTheFileCannotHold() throws {
    let dir = try TemporaryDirectory()
    let gbk = try #require(TextEncoding(iconvName: "GBK"))
    let writer = try ShapefileWriter(path: dir.file("p"), kind: .point,
                                     fields: [ShapefileField(name: "NAME", type: .string, width: 4),
                                              ShapefileField(name: "N", type: .integer, width: 3)],
                                     encoding: gbk)
    let here = Geometry.point(Coordinate(x: 1, y: 2))
    #expect(throws: ShapefileError.unencodableText(encoding: "GBK", text: "㘵")) {
        try writer.append(here, attributes: ["NAME": .string("㘵")])
    }
    #expect(throws: ShapefileError.self) { try writer.append(.lineString(LineString([])), attributes: [:]) }
    #expect(throws: ShapefileError.self) { try writer.append(here, attributes: ["NOPE": .integer(1)]) }
    #expect(throws: ShapefileError.self) { try writer.append(here, attributes: ["N": .string("x")]) }
    #expect(throws: ShapefileError.self) { try writer.append(here, attributes: ["NAME": .string("too long")]) }
    // Failed appends before the shape is written leave the files in step.
    try writer.append(here, attributes: ["NAME": .string("胡同"), "N": .integer(7)])
    writer.close()
    #expect(throws: ShapefileError.writeFailed(message: "the writer is closed")) { try writer.append(here) }

    let reader = try ShapefileReader(path: dir.file("p.shp"), encoding: .gb18030)
    #expect(reader.recordCount == 1)
    #expect(try reader.record(at: 0).attributes == ["NAME": .string("胡同"), "N": .integer(7)])
}

@Test func everyKindRoundTrips() throws {
    let dir = try TemporaryDirectory()
    let fields = [ShapefileField(name: "S", type: .string, width: 20), ShapefileField(name: "I", type: .integer, width: 12),
                  ShapefileField(name: "D", type: .double, width: 19, decimals: 6), ShapefileField(name: "L", type: .logical, width: 1),
                  ShapefileField(name: "T", type: .date, width: 8)]
    let attributes: [String: AttributeValue] = ["S": .string("前门街道"), "I": .integer(3_000_000_000), "D": .double(116.397128),
                                                "L": .logical(true), "T": .date(year: 2020, month: 10, day: 25)]
    let line = LineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)])
    let polygon = Polygon(exterior: square(0, 0, 10), holes: [square(2, 2, 2, counterClockwise: true)])
    let cases: [(ShapeType.Kind, Geometry)] = [
        (.point, .point(Coordinate(x: 116.4, y: 39.9))),
        (.multipoint, .multiPoint([Coordinate(x: 1, y: 2), Coordinate(x: 3, y: 4)])),
        (.polyline, .lineString(line)),
        (.polyline, .multiLineString([line, LineString([Coordinate(x: 5, y: 5), Coordinate(x: 6, y: 5)])])),
        (.polygon, .polygon(polygon)),
        (.polygon, .multiPolygon([polygon, Polygon(exterior: square(20, 0, 5))])),
    ]
    for (i, (kind, geometry)) in cases.enumerated() {
        let writer = try ShapefileWriter(path: dir.file("k\(i)"), kind: kind, fields: fields, encoding: .utf8, cpg: "UTF-8")
        try writer.append(geometry, attributes: attributes)
        try writer.append(nil)
        writer.close()
        let reader = try ShapefileReader(path: dir.file("k\(i)"))
        #expect(reader.shapeType == ShapeType(kind: kind))
        #expect(reader.fields == fields)
        let records = try reader.records()
        #expect(records.map(\.geometry) == [geometry, nil])
        #expect(records[0].attributes == attributes)
        #expect(records[1].attributes.values.allSatisfy { $0 == .null })
    }
}

@Test func polygonsAreWrittenClockwise() throws {
    let dir = try TemporaryDirectory()
    let rfc7946 = Polygon(exterior: square(0, 0, 10, counterClockwise: true), holes: [square(2, 2, 2)])
    let writer = try ShapefileWriter(path: dir.file("o"), kind: .polygon, fields: [])
    try writer.append(.polygon(rfc7946))
    writer.close()
    let record = try ShapefileReader(path: dir.file("o")).record(at: 0)
    #expect(record.ringCorrections.isEmpty)
    #expect(record.geometry == .polygon(Polygon(exterior: square(0, 0, 10), holes: [square(2, 2, 2, counterClockwise: true)])))
}

@Test func fileWithoutFieldsGetsFID() throws {
    let dir = try TemporaryDirectory()
    let writer = try ShapefileWriter(path: dir.file("nofields"), kind: .point, fields: [])
    #expect(writer.fields == [ShapefileWriter.fid])
    try writer.append(.point(Coordinate(x: 1, y: 1)))
    try writer.append(.point(Coordinate(x: 2, y: 2)))
    writer.close()
    let reader = try ShapefileReader(path: dir.file("nofields"))
    #expect(try reader.records().map(\.attributes) == [["FID": .integer(0)], ["FID": .integer(1)]])
}

@Test func projectionFile() throws {
    let dir = try TemporaryDirectory()
    let wkt = #"GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#
    let writer = try ShapefileWriter(path: dir.file("prj"), kind: .point, fields: [], projection: wkt)
    writer.close()
    #expect(try ShapefileReader(path: dir.file("prj")).projection == wkt)
    #expect(try ShapefileReader(path: dir.file("prj")).recordCount == 0)
}
