import Foundation
import GridGeoCore
import GridGeoImport
import GridGeoStore
import Testing

/// `geo-import export`: a layer as strict RFC 7946 GeoJSON.
@Suite struct ExportTests {
    @Test func exportsALayerAsRFC7946() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        // Projected parcels: the stored lon/lat carry many decimals, and the shapefile rings are clockwise.
        try runImport([writeParcels(ws.file("ydxz.shp"), count: 5, crs: .epsg(4548), prj: PRJ.gaussKruger39(zonePrefixed: false))],
                      into: store, .parcels)

        let data = try GeoJSONExport.export(store, layer: "parcels")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["type"] as? String == "FeatureCollection")
        #expect(object["crs"] == nil)
        #expect(!String(decoding: data, as: UTF8.self).contains("\"crs\""))

        let collection = try JSONDecoder().decode(FeatureCollection<[String: JSONValue]>.self, from: data)
        #expect(collection.features.count == 5)
        #expect(collection.features.map { $0.properties["land_use"] } == (0..<5).map { .string($0 % 2 == 0 ? "居住用地" : "商业服务业设施用地") })
        #expect(collection.features.allSatisfy { $0.properties["geometry"] == nil })
        for feature in collection.features {
            let geometry = try #require(feature.geometry)
            #expect(geometry.typeName == "MULTIPOLYGON")
            for polygon in geometry.polygons {
                #expect(polygon.exterior.isCounterClockwise)
                #expect(polygon.holes.allSatisfy { !$0.isCounterClockwise })
            }
            // At most 7 decimals (≈ 1 cm).
            #expect(geometry.allCoordinates.allSatisfy { c in
                [c.x, c.y].allSatisfy { abs(($0 * 1e7).rounded() - $0 * 1e7) < 1e-6 }
            })
        }
        // Still where they were imported: within a centimetre of the original squares.
        let original = Dongcheng.squares(5).map { Geometry.polygon($0).allCoordinates }
        for (feature, o) in zip(collection.features, original) {
            #expect(sameVertices(feature.geometry?.allCoordinates ?? [], o, within: 1e-7))
        }
    }

    @Test func exportsAddressesUnderTheirLayerName() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        try runImport([writeAddresses(ws.file("mpdz.shp"), declaration: .utf8WithCPG)], into: store, .addresses)

        let collection = try JSONDecoder().decode(FeatureCollection<[String: JSONValue]>.self,
                                                  from: GeoJSONExport.export(store, layer: "addresses"))
        #expect(collection.features.compactMap { $0.properties["address"] } == addressTexts.map(JSONValue.string))
        #expect(collection.features.allSatisfy { $0.geometry?.typeName == "POINT" })

        let grids = try JSONDecoder().decode(FeatureCollection<[String: JSONValue]>.self,
                                             from: GeoJSONExport.export(store, layer: "grids"))
        #expect(grids.features.isEmpty)
    }

    @Test func anUnknownLayerIsAUsageError() throws {
        let ws = try Workspace()
        let store = try ws.districtStore()
        expect(failure { _ = try GeoJSONExport.export(store, layer: "buildings") }, exitCode: 64,
               mentions: ["--layer buildings", "districts", "components"])
    }
}
