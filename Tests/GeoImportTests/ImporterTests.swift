import Foundation
import GridGeoCore
import GridGeoGEOS
@testable import GridGeoImport
import GridGeoPROJ
import GridGeoShapefile
import GridGeoStore
import Testing

/// The pipeline as a whole: validity and repair, write modes, dry runs, and the promise that a failed
/// import leaves the database exactly as it was.
@Suite struct ImporterTests {
    // MARK: - Invalid polygons

    @Test func aBowTieStopsTheImportWithGEOSsReasonAndLocation() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 9, bowTie: 4)

        let error = importFailure([shp], into: store, .parcels)
        expect(error, exitCode: 65, mentions: [shp, "feature #4", "Self-intersection", "at or near (",
                                               "--make-valid", "--skip-failures", "Nothing was written"])
        // GEOS reports where the edges cross: (⅔, ⅔) units from the first vertex.
        let corner = Dongcheng.points(9)[4]
        let crossing = String(format: "(%.7f, %.7f)", corner.x + 2 * bowTieUnit / 3, corner.y + 2 * bowTieUnit / 3)
        #expect(error?.description.contains(crossing) == true, "\(String(describing: error)) should name \(crossing)")
        #expect(try store.count(of: .parcels) == 0)
    }

    @Test func makeValidRepairsTheBowTieAndReportsTheAreaBeforeAndAfter() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 9, bowTie: 4)

        let report = try runImport([shp], into: store, .parcels) { $0.makeValid = true }
        let file = try #require(report.files.first)
        let repair = try #require(file.repaired.first)
        #expect(file.repaired.count == 1)
        #expect(repair.feature == 4)
        #expect(repair.reason.contains("Self-intersection"))
        #expect(repair.location != nil)
        // The lobes are ⅓ and 4⁄3 units²: the invalid ring's signed area nets them to 1, the repair adds them to 5⁄3.
        #expect(repair.areaBeforeSquareMetres > 0)
        #expect(abs(repair.areaAfterSquareMetres / repair.areaBeforeSquareMetres - 5.0 / 3.0) < 0.01)
        #expect(file.featuresWritten == 9)

        let parcels = try store.parcels()
        #expect(parcels.count == 9)
        let geos = try GEOSContext()
        #expect(try parcels.allSatisfy { try geos.isValid($0.geometry) })
        #expect(parcels[4].geometry.polygons.count == 2)
    }

    @Test func skipFailuresLeavesTheBowTieOutAndListsItWithItsAttributes() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 9, bowTie: 4)

        let report = try runImport([shp], into: store, .parcels) { $0.skipFailures = true }
        let file = try #require(report.files.first)
        let skipped = try #require(file.skipped.first)
        #expect(file.skipped.count == 1)
        #expect(skipped.feature == 4)
        #expect(skipped.reason.contains("Self-intersection"))
        #expect(skipped.location != nil)
        #expect(skipped.attributes == ["YDLX": .string("居住用地")])
        #expect(file.featuresRead == 9)
        #expect(file.featuresWritten == 8)
        #expect(try store.count(of: .parcels) == 8)

        // The import log keeps the counts and the report with the skipped feature.
        let log = try #require(try store.importLog().last)
        #expect(log.featuresRead == 9)
        #expect(log.featuresInserted == 8)
        #expect(log.featuresRejected == 1)
        #expect(log.reportJSON.contains("Self-intersection"))
    }

    @Test func aNullGeometryIsAFailureUnlessSkipped() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let lines = Dongcheng.lines(3).map { Geometry.lineString($0) as Geometry? }
        let shp = try writeShapefile(ws.file("dlzxx.shp"), kind: .polyline,
                                     fields: [ShapefileField(name: "NAME", type: .string, width: 20)],
                                     records: (lines + [nil]).enumerated().map { i, g in (g, ["NAME": .string("路\(i)")]) })

        expect(importFailure([shp], into: store, .roads), exitCode: 65, mentions: [shp, "feature #3", "null geometry", "--skip-failures"])
        let report = try runImport([shp], into: store, .roads) { $0.skipFailures = true }
        #expect(report.files.first?.skipped.map(\.feature) == [3])
        #expect(try store.count(of: .roads) == 3)
    }

    @Test func anAddressPointWithoutAnAddressIsAFailureUnlessSkipped() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        var texts = addressTexts
        texts[2] = "  "
        let shp = try writeAddresses(ws.file("mpdz.shp"), texts, declaration: .utf8WithCPG)

        expect(importFailure([shp], into: store, .addresses), exitCode: 65, mentions: [shp, "feature #2", "no address", "--skip-failures"])
        let report = try runImport([shp], into: store, .addresses) { $0.skipFailures = true }
        #expect(report.files.first?.skipped.map(\.feature) == [2])
        #expect(report.files.first?.featuresWritten == 3)
        #expect(try store.count(of: .addresses) == 3)
    }

    @Test func aOnePointMultipointIsAPointAndLargerOnesAreFailures() throws {
        let ws = try Workspace()
        let store = try ws.gridStore()
        let points = Dongcheng.points(5)
        let geometries: [Geometry] = [.multiPoint([points[0]]), .multiPoint([points[1]]), .multiPoint([points[2], points[3]]), .multiPoint([points[4]])]
        let shp = try writeShapefile(ws.file("BJ_0203.shp"), kind: .multipoint,
                                     fields: [ShapefileField(name: "ZM", type: .string, width: 20)],
                                     records: geometries.enumerated().map { i, g in (g, ["ZM": .string("站\(i)")]) })

        expect(importFailure([shp], into: store, .components) { $0.componentClass = "0203" }, exitCode: 65,
               mentions: [shp, "feature #2", "multipoint of 2 points", "--skip-failures"])
        let report = try runImport([shp], into: store, .components) {
            $0.componentClass = "0203"
            $0.skipFailures = true
        }
        #expect(report.files.first?.skipped.map(\.feature) == [2])
        #expect(try store.components().map(\.record.location) == [points[0], points[1], points[4]])
    }

    @Test func aLayerOfTheWrongGeometryTypeIsRefused() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeRoads(ws.file("dlzxx.shp"), count: 3)
        expect(importFailure([shp], into: store, .parcels), exitCode: 65, mentions: [shp, "LineString", "parcels", "Polygon"])
    }

    // MARK: - Fields

    @Test func requiredFieldsAreFoundOrNamedWithTheFieldFlag() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeShapefile(ws.file("streets.shp"), kind: .polygon,
                                     fields: [ShapefileField(name: "街道", type: .string, width: 40),
                                              ShapefileField(name: "TJDM", type: .string, width: 9)],
                                     records: Dongcheng.squares(2).enumerated().map { i, p in
                                         (.polygon(p), ["街道": .string(["东华门街道", "景山街道"][i]), "TJDM": .string("11010100\(i + 1)")])
                                     })

        expect(importFailure([shp], into: store, .streets), exitCode: 65, mentions: [shp, "--field name=FIELD"])
        expect(importFailure([shp], into: store, .streets) { $0.fields = [.name: "街道", .code: "NOPE"] }, exitCode: 64,
               mentions: ["--field code=NOPE", "TJDM"])

        try runImport([shp], into: store, .streets) { $0.fields = [.name: "街道", .code: "tjdm"] }
        #expect(try store.streets().map(\.name) == ["东华门街道", "景山街道"])
        #expect(try store.streets().map(\.code) == ["110101001", "110101002"])
    }

    @Test func codesOfTheWrongLengthAreDataErrors() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeStreets(ws.file("streets.shp"), count: 3, codes: ["110101001", "11010102", "110101003"])
        expect(importFailure([shp], into: store, .streets), exitCode: 65, mentions: [shp, "feature #1", "11010102", "9 digits"])
        #expect(try store.count(of: .streets) == 0)
    }

    // MARK: - Components

    @Test func componentsNeedTheirClass() throws {
        let ws = try Workspace()
        let store = try ws.gridStore()
        let shp = try PlausibilityCheckTests.writeParking(ws.file("BJ_0201.shp"), Dongcheng.points(3), prj: PRJ.cgcs2000Geographic)
        expect(importFailure([shp], into: store, .components), exitCode: 64, mentions: ["--class"])
        expect(importFailure([shp], into: store, .components) { $0.componentClass = "201" }, exitCode: 64, mentions: ["--class"])
    }

    @Test func componentsGetUniqueSixteenDigitCodesPerClass() throws {
        let ws = try Workspace()
        let store = try ws.gridStore()
        let parking = try PlausibilityCheckTests.writeParking(ws.file("BJ_0201.shp"), Dongcheng.points(5), prj: PRJ.cgcs2000Geographic)
        let stops = try PlausibilityCheckTests.writeParking(ws.file("BJ_0203.shp"), Dongcheng.points(4), prj: PRJ.cgcs2000Geographic)

        try runImport([parking], into: store, .components) { $0.componentClass = "0201" }
        try runImport([stops], into: store, .components) { $0.componentClass = "0203" }
        // Creating a class that is already filled is refused; other classes are separate layers.
        expect(importFailure([stops], into: store, .components) { $0.componentClass = "0203" }, exitCode: 73,
               mentions: [store.path, "components (class 0203)", "--overwrite", "--append"])
        try runImport([stops], into: store, .components) {
            $0.componentClass = "0203"
            $0.mode = .append
        }

        let codes = try store.components().map(\.code)
        #expect(codes.count == 13)
        #expect(Set(codes).count == 13)
        #expect(codes.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isASCIIDigit) })
        #expect(codes.filter { $0.hasPrefix("1101010201") }.count == 5)
        #expect(codes.filter { $0.hasPrefix("1101010203") }.sorted().last == "1101010203000008")

        // Overwriting one class leaves the other alone, and never reuses a code.
        try runImport([stops], into: store, .components) {
            $0.componentClass = "0203"
            $0.mode = .overwrite
        }
        let after = try store.components().map(\.code)
        #expect(after.filter { $0.hasPrefix("1101010201") }.count == 5)
        #expect(after.filter { $0.hasPrefix("1101010203") }.sorted() == (9...12).map { "11010102030000" + String(format: "%02d", $0) })
    }

    // MARK: - Write modes

    @Test func createRefusesAFilledLayerOverwriteReplacesAppendAdds() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let first = try writeRoads(ws.file("a.shp"), count: 5)
        let second = try writeRoads(ws.file("b.shp"), count: 3) { "东四北大街\($0)" }
        try runImport([first], into: store, .roads)
        let before = try fileBytes(store.path)

        expect(importFailure([second], into: store, .roads), exitCode: 73, mentions: [store.path, "roads", "--overwrite", "--append"])
        #expect(try fileBytes(store.path) == before)

        try runImport([second], into: store, .roads) { $0.mode = .append }
        #expect(try store.count(of: .roads) == 8)

        try runImport([second], into: store, .roads) { $0.mode = .overwrite }
        #expect(try store.roads().map(\.name) == (0..<3).map { "东四北大街\($0)" })
    }

    @Test func aDryRunReportsEverythingAndWritesNothing() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 9, crs: .epsg(4548), prj: PRJ.gaussKruger39(zonePrefixed: false), bowTie: 2)
        let before = try fileBytes(store.path)

        let report = try runImport([shp], into: store, .parcels) {
            $0.dryRun = true
            $0.makeValid = true
        }
        #expect(report.dryRun)
        let file = try #require(report.files.first)
        #expect(file.featuresRead == 9)
        #expect(file.featuresWritten == 0)
        #expect(file.repaired.map(\.feature) == [2])
        #expect(file.crs == "EPSG:4548")
        #expect(file.encoding == "GB18030")
        #expect(try fileBytes(store.path) == before)
        #expect(try store.count(of: .parcels) == 0)
        #expect(try store.importLog().count == 1, "only the district's entry")

        // A dry run still finds what would stop the real one.
        let broken = try writeParcels(ws.file("broken.shp"), count: 3, bowTie: 1)
        expect(importFailure([broken], into: store, .parcels) { $0.dryRun = true }, exitCode: 65, mentions: ["Self-intersection"])
        #expect(try fileBytes(store.path) == before)
    }

    // MARK: - All or nothing

    @Test func aBadFeatureAfterManyGoodOnesLeavesTheDatabaseByteForByteUnchanged() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        try runImport([writeParcels(ws.file("old.shp"), count: 10)], into: store, .parcels)
        let before = try fileBytes(store.path)

        let shp = try writeParcels(ws.file("ydxz.shp"), count: 600, bowTie: 599)
        expect(importFailure([shp], into: store, .parcels) { $0.mode = .overwrite }, exitCode: 65,
               mentions: [shp, "feature #599", "Nothing was written"])
        #expect(try fileBytes(store.path) == before)
        #expect(try store.count(of: .parcels) == 10)
    }

    @Test func aDatabaseRefusalMidWriteRollsEverythingBack() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        try runImport([writeStreets(ws.file("old.shp"), count: 3)], into: store, .streets)
        let before = try fileBytes(store.path)
        let digest = try contentDigest(store)

        // 400 good streets, then a code already used: the UNIQUE constraint fires on the last insert,
        // after the old rows were deleted and 400 new ones inserted in the same transaction.
        let codes = (0..<400).map { String(110_101_001 + $0) } + ["110101001"]
        let shp = try writeStreets(ws.file("streets.shp"), count: 401, codes: codes)
        expect(importFailure([shp], into: store, .streets) { $0.mode = .overwrite }, exitCode: 65,
               mentions: [store.path, "nothing was written", "UNIQUE"])
        #expect(try fileBytes(store.path) == before)
        #expect(try contentDigest(store) == digest)
        #expect(try store.count(of: .streets) == 3)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
