import Foundation
import GridGeoCore
@testable import GridGeoImport
import GridGeoPROJ
import GridGeoShapefile
import GridGeoStore
import Testing

/// The source CRS is never assumed: a `.prj` PROJ identifies at ≥ 70 % whose coordinate magnitudes fit
/// it, or `--s-srs`. Fixtures are real Dongcheng lon/lat projected with PROJ into both CGCS2000 3°
/// Gauss-Krüger families of zone 39: EPSG:4548 (CM 117°E, 6-digit eastings) and EPSG:4527 (zone number in
/// front, 8-digit eastings).
@Suite struct CRSDecisionTests {
    static let families: [(epsg: Int, zonePrefixed: Bool, digits: Int)] = [(4548, false, 6), (4527, true, 8)]

    @Test(arguments: families)
    func importsBothGaussKrugerFamilies(_ family: (epsg: Int, zonePrefixed: Bool, digits: Int)) throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 6, crs: .epsg(family.epsg),
                                   prj: PRJ.gaussKruger39(zonePrefixed: family.zonePrefixed))
        let eastings = try ShapefileReader(path: shp).bounds
        #expect(String(Int(eastings.minX)).count == family.digits)
        #expect(String(Int(eastings.maxX)).count == family.digits)

        let report = try runImport([shp], into: store, .parcels)
        let file = try #require(report.files.first)
        #expect(file.crs == "EPSG:\(family.epsg)")
        #expect(file.crsSource == "prj")
        #expect((file.crsConfidence ?? 0) >= 70)

        // Back in CGCS2000 lon/lat where they started, to well under a centimetre.
        let stored = try store.parcels().map(\.geometry.allCoordinates)
        let original = Dongcheng.squares(6).map { Geometry.polygon($0).allCoordinates }
        #expect(stored.count == original.count)
        for (s, o) in zip(stored, original) {
            #expect(sameVertices(s, o, within: 1e-8))
        }
    }

    @Test func zonePrefixedEastingsUnderACentralMeridianPRJSuggestEPSG4527() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 4, crs: .epsg(4527), prj: PRJ.gaussKruger39(zonePrefixed: false))

        expect(importFailure([shp], into: store, .parcels), exitCode: 65,
               mentions: [shp, "zone number 39", "--s-srs EPSG:4527"])
        #expect(try store.count(of: .parcels) == 0)

        let report = try runImport([shp], into: store, .parcels) { $0.sourceCRS = .epsg(4527) }
        #expect(report.files.first?.crsSource == "flag")
        #expect(try store.count(of: .parcels) == 4)
    }

    @Test func plainEastingsUnderAZonePRJSuggestEPSG4548() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 4, crs: .epsg(4548), prj: PRJ.gaussKruger39(zonePrefixed: true))

        expect(importFailure([shp], into: store, .parcels), exitCode: 65, mentions: [shp, "no zone number", "--s-srs EPSG:4548"])

        try runImport([shp], into: store, .parcels) { $0.sourceCRS = .epsg(4548) }
        #expect(try store.count(of: .parcels) == 4)
    }

    @Test func theWrongFamilyGivenAsAFlagIsCaughtToo() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 4, crs: .epsg(4527), prj: nil)

        expect(importFailure([shp], into: store, .parcels) { $0.sourceCRS = .epsg(4548) }, exitCode: 65,
               mentions: [shp, "--s-srs EPSG:4527"])
    }

    @Test func aMissingPRJNeedsTheFlag() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 4, crs: .epsg(4548), prj: nil)

        expect(importFailure([shp], into: store, .parcels), exitCode: 65, mentions: [shp, "no .prj", "--s-srs"])
        #expect(try store.count(of: .parcels) == 0)

        let report = try runImport([shp], into: store, .parcels) { $0.sourceCRS = .epsg(4548) }
        let file = try #require(report.files.first)
        #expect(file.crs == "EPSG:4548")
        #expect(file.crsSource == "flag")
        #expect(try store.count(of: .parcels) == 4)
    }

    @Test func projectedCoordinatesUnderAGeographicPRJAreRefused() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 4, crs: .epsg(4548), prj: PRJ.cgcs2000Geographic)

        expect(importFailure([shp], into: store, .parcels), exitCode: 65, mentions: [shp, "not degrees", "--s-srs"])
    }

    @Test func aPRJPROJCannotIdentifyNeedsTheFlag() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let local = #"PROJCS["Beijing_Local_Grid",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",50000.0],PARAMETER["False_Northing",-4000000.0],PARAMETER["Central_Meridian",116.35],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 4, crs: .epsg(4548), prj: local)

        expect(importFailure([shp], into: store, .parcels), exitCode: 65, mentions: [shp, "70 %", "--s-srs"])
    }

    @Test func lonLatGivenAProjectedFlagLandsOutsideTheDistrict() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 4, prj: nil)

        expect(importFailure([shp], into: store, .parcels) { $0.sourceCRS = .epsg(4548) }, exitCode: 65,
               mentions: [shp, "4 of 4 features fall outside 东城区", "--s-srs"])
    }

    @Test func decidesFromThePRJWithPROJsConfidence() throws {
        let ws = try Workspace()
        let shp = try writeParcels(ws.file("ydxz.shp"), count: 2, crs: .epsg(4527), prj: PRJ.gaussKruger39(zonePrefixed: true))
        let decision = try CRSDecision.decide(for: SourceFile(path: shp, encoding: nil), override: nil)
        #expect(decision.crs == .epsg(4527))
        #expect(decision.source == "prj")
        #expect(decision.confidence == 100)
        #expect(decision.name.contains("Zone 39") || decision.name.contains("zone 39"))

        let flagged = try CRSDecision.decide(for: SourceFile(path: shp, encoding: nil), override: .epsg(4527))
        #expect(flagged.source == "flag")
        #expect(flagged.confidence == nil)
    }
}

/// Whether every vertex of each list lies within `tolerance` degrees of one of the other (rings come
/// back from a shapefile in the specification's orientation, which may reverse them).
func sameVertices(_ a: [Coordinate], _ b: [Coordinate], within tolerance: Double) -> Bool {
    func covered(_ p: [Coordinate], by q: [Coordinate]) -> Bool {
        p.allSatisfy { c in q.contains { abs($0.x - c.x) <= tolerance && abs($0.y - c.y) <= tolerance } }
    }
    return covered(a, by: b) && covered(b, by: a)
}
