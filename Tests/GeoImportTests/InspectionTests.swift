import Foundation
import GridGeoCore
import GridGeoImport
import GridGeoShapefile
import Testing

/// `geo-import inspect`: what a file holds and declares, before anything is imported.
@Suite struct InspectionTests {
    @Test func reportsShapeCountExtentFieldsAndTheCPG() throws {
        let ws = try Workspace()
        let shp = try writeAddresses(ws.file("门牌.shp"), declaration: .gbkWithCPG)
        let inspection = try FileInspection(path: shp)

        #expect(inspection.geometryType == "Point")
        #expect(!inspection.hasZ && !inspection.hasM)
        #expect(inspection.featureCount == addressTexts.count)
        #expect(Dongcheng.centre.contains(inspection.extent))
        #expect(inspection.fields.map(\.name) == ["名称", "地址"])
        #expect(inspection.fields.map(\.type) == ["String", "String"])
        #expect(inspection.cpg == "GBK")
        #expect(inspection.languageDriver == "none (0x00)")
        #expect(inspection.encoding == "GB18030")
        #expect(inspection.encodingSource == "cpg")
        #expect(inspection.encodingDisagreement == nil)
        #expect(inspection.crsCandidates.first?.epsg == 4490)
        #expect(inspection.magnitudeProblem == nil)

        let text = inspection.text
        #expect(text.contains("Feature count: 4"))
        #expect(text.contains("  .cpg: GBK"))
        #expect(text.contains("EPSG:4490"))
        #expect(text.contains("Coordinate magnitude: fits the CRS"))
        #expect(text.contains("  地址: String (120)"))
    }

    @Test func reportsTheLanguageDriverAndADisagreementWithTheCPG() throws {
        let ws = try Workspace()
        let byLDID = try FileInspection(path: writeAddresses(ws.file("a.shp"), declaration: .gb18030ByLDID))
        #expect(byLDID.cpg == nil)
        #expect(byLDID.languageDriver == "0x4D (code page 936)")
        #expect(byLDID.encodingSource == "languageDriver")

        let both = try FileInspection(path: writeAddresses(ws.file("b.shp"), declaration: Declaration(encoding: .utf8, cpg: "UTF-8", ldid: 0x4D)))
        #expect(both.encoding == "UTF-8")
        #expect(both.encodingDisagreement?.contains("LDID 0x4D") == true)
        #expect(both.text.contains("disagreement:"))

        let undeclared = try FileInspection(path: writeAddresses(ws.file("c.shp"), declaration: .undeclaredGBK))
        #expect(undeclared.encodingSource == "detected")
        #expect(undeclared.encoding == "GB18030")

        let overridden = try FileInspection(path: writeAddresses(ws.file("d.shp"), declaration: .undeclaredGBK), encoding: .gb18030)
        #expect(overridden.encodingSource == "flag")
    }

    @Test func checksTheEastingsAgainstTheIdentifiedCRS() throws {
        let ws = try Workspace()
        let right = try FileInspection(path: writeParcels(ws.file("right.shp"), count: 3, crs: .epsg(4527),
                                                         prj: PRJ.gaussKruger39(zonePrefixed: true)))
        #expect(right.crsCandidates.first?.epsg == 4527)
        #expect((right.crsCandidates.first?.confidence ?? 0) >= 70)
        #expect(right.magnitudeProblem == nil)

        let mislabelled = try FileInspection(path: writeParcels(ws.file("wrong.shp"), count: 3, crs: .epsg(4527),
                                                               prj: PRJ.gaussKruger39(zonePrefixed: false)))
        #expect(mislabelled.crsCandidates.first?.epsg == 4548)
        #expect(mislabelled.magnitudeProblem?.contains("--s-srs EPSG:4527") == true)
        #expect(mislabelled.text.contains("--s-srs EPSG:4527"))

        let bare = try FileInspection(path: writeParcels(ws.file("bare.shp"), count: 3, crs: .epsg(4548), prj: nil))
        #expect(bare.prj == nil)
        #expect(bare.crsCandidates.isEmpty)
        #expect(bare.text.contains("no .prj — the import will need --s-srs"))
    }

    @Test func roundTripsThroughJSON() throws {
        let ws = try Workspace()
        let inspection = try FileInspection(path: writeParcels(ws.file("ydxz.shp"), count: 3))
        let decoded = try JSONDecoder().decode(FileInspection.self, from: JSONEncoder().encode(inspection))
        #expect(decoded == inspection)
    }

    @Test func missingAndDamagedFilesGiveTheImportsCodes() throws {
        let ws = try Workspace()
        let shp = try writeRoads(ws.file("dlzxx.shp"), count: 4)
        let bytes = try fileBytes(shp)
        try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: shp))
        expect(failure { _ = try FileInspection(path: shp) }, exitCode: 65, mentions: [shp, "truncated"])

        try FileManager.default.removeItem(atPath: String(shp.dropLast(4)) + ".dbf")
        expect(failure { _ = try FileInspection(path: shp) }, exitCode: 66, mentions: ["dlzxx.dbf"])
    }
}

extension BoundingBox {
    fileprivate func contains(_ other: BoundingBox) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }
}
