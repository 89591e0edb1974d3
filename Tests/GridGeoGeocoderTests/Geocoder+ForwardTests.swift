import Foundation
import GridGeoCore
@testable import GridGeoGeocoder
import GridGeoLookup
import Testing

/// One geocoder over the fixture for the whole suite (building it loads the national divisions).
let fixtureGeocoder = Geocoder(districts: [Fixture.district], streets: Fixture.streets, communities: Fixture.communities,
                               roads: Fixture.roads, addressPoints: Fixture.addressPoints, directory: Fixture.directory)

func metresBetween(_ a: Coordinate, _ b: Coordinate) -> Double {
    MetricFrame(origin: a).distance(a, b)
}

@Suite struct GeocoderForwardTests {
    let geocoder = fixtureGeocoder

    @Test func exactDoorPlateCarriesTheGridAndHierarchy() throws {
        let r = geocoder.geocode("北京市东城区安定门街道净土胡同9号")
        #expect(r.status == .matched)
        let m = try #require(r.match)
        #expect(m.level == .doorPlate && m.confidence >= 0.9)
        #expect(metresBetween(m.position, Fixture.plate(9)) < 1)
        #expect(m.hierarchy.grid == "110101004001001" && m.hierarchy.source == .grid && m.hierarchy.gridVersion == 1)
        #expect(m.hierarchy.community?.name == "国子监社区" && m.hierarchy.street?.code == "110101004")
        #expect(m.hierarchy.district?.name == "东城区" && m.hierarchy.province == "北京市")
        #expect(m.address == "北京市东城区安定门街道净土胡同9号")
    }

    @Test(arguments: ["净土胡同九号", "净土胡同９号", "东城区净土胡同9号", "安定门净土胡同9号", "净土胡同9号院"])
    func writingVariantsFindTheSamePlate(_ text: String) throws {
        let m = try #require(geocoder.geocode(text).match)
        #expect(m.level == .doorPlate, "\(text): \(m.level)")
        #expect(metresBetween(m.position, Fixture.plate(9)) < 1)
    }

    @Test func doorsBetweenKnownPlatesAreInterpolatedOnTheirSide() throws {
        // 7号: between 3号 and 9号 on the odd (north) side.
        let m = try #require(geocoder.geocode("净土胡同7号").match)
        #expect(m.level == .interpolated)
        #expect(metresBetween(m.position, Fixture.plate(7)) < 2)
        #expect(m.detail?.contains("same side") == true)
        // 6号: between 4号 and 10号 on the even (south) side.
        let even = try #require(geocoder.geocode("净土胡同6号").match)
        #expect(metresBetween(even.position, Fixture.plate(6)) < 2)
        #expect(m.confidence < 0.9 && m.confidence >= 0.75)
    }

    @Test func doorsBeyondTheLastPlateFollowTheRoad() throws {
        let m = try #require(geocoder.geocode("净土胡同15号").match)
        #expect(m.level == .interpolated)
        #expect(metresBetween(m.position, Fixture.plate(15)) < 15)
        #expect(m.detail?.contains("beyond") == true)
    }

    @Test func aRoadWithoutPlatesIsPlacedOnTheRoad() throws {
        let m = try #require(geocoder.geocode("北京市东城区国子监街20号").match)
        #expect(m.level == .road && m.road == "国子监街")
        #expect(abs(m.position.lat - 39.947) < 1e-6 && (116.405...116.410).contains(m.position.lon))
        #expect(m.detail?.contains("cannot be placed") == true)
        #expect((0.45..<0.6).contains(m.confidence))
    }

    @Test func divisionsAloneGiveTheirLevel() throws {
        let community = try #require(geocoder.geocode("东城区国子监社区").match)
        #expect(community.level == .community && community.hierarchy.community?.code == "110101004001")
        let street = try #require(geocoder.geocode("北京市东城区安定门街道").match)
        #expect(street.level == .street)
        let short = try #require(geocoder.geocode("东城区安定门").match)
        #expect(short.level == .street && short.hierarchy.street?.name == "安定门街道")
        let district = try #require(geocoder.geocode("北京市东城区").match)
        #expect(district.level == .district)
    }

    @Test func confidenceSortsLikeTheLevels() throws {
        let texts = ["净土胡同9号", "净土胡同7号", "国子监街", "国子监社区", "安定门街道", "北京市东城区"]
        let confidences = try texts.map { try #require(geocoder.geocode($0).match).confidence }
        #expect(confidences == confidences.sorted(by: >), "\(confidences)")
    }

    @Test func aMisspeltRoadIsFoundOneEditAway() throws {
        let m = try #require(geocoder.geocode("东皇城根南街48号").match)
        #expect(m.level == .doorPlate && m.road == "东黄城根南街")
        #expect(m.names.contains { $0.level == "road" && $0.match == .oneEdit && $0.written == "东皇城根南街" })
        let exact = try #require(geocoder.geocode("东黄城根南街48号").match)
        #expect(m.confidence < exact.confidence)
    }

    @Test func aNameUsedTwiceIsAmbiguousUnlessTheStreetSays() throws {
        let r = geocoder.geocode("北街")
        #expect(r.status == .ambiguous)
        #expect(r.alternatives.count == 1 && r.match?.level == .road)
        #expect(r.message?.contains("2 places") == true)
        let inStreet = geocoder.geocode("安定门街道北街")
        #expect(inStreet.status == .matched)
        #expect(inStreet.match?.hierarchy.street?.name == "安定门街道")
        #expect(try #require(inStreet.match).confidence > (r.match?.confidence ?? 1))
    }

    @Test func placesOfTheAddressPointsAreFound() throws {
        let m = try #require(geocoder.geocode("劳动人民文化宫").match)
        #expect(m.level == .place && m.place == "劳动人民文化宫")
        #expect(metresBetween(m.position, Coordinate(lon: 116.4081, lat: 39.9111)) < 30)
    }

    @Test func anotherDistrictIsOutsideTheData() {
        let r = geocoder.geocode("北京市西城区金融街街道四道弯胡同5号")
        #expect(r.status == .outsideData && r.match == nil)
        #expect(r.message?.contains("西城区") == true && r.message?.contains("东城区") == true)
    }

    @Test func nothingKnownIsNotFoundAndEmptyIsInvalid() {
        #expect(geocoder.geocode("xyz").status == .notFound)
        #expect(geocoder.geocode("").status == .invalidInput)
        #expect(geocoder.geocode("  \t ").status == .invalidInput)
    }

    @Test func batchesAnswerInOrderLikeSingleCalls() {
        let texts = (0..<300).map { ["净土胡同\($0 % 20 + 1)号", "国子监街", "", "北街", "劳动人民文化宫"][$0 % 5] }
        let batch = geocoder.geocode(texts)
        #expect(batch == texts.map(geocoder.geocode))
    }

    @Test func leavingAPlateOutInterpolatesIt() throws {
        // Without 9号 (index 2), 9号 falls between 3号 and 13号.
        let without = geocoder.excluding(addressPoints: [2])
        let m = try #require(without.geocode("净土胡同9号").match)
        #expect(m.level == .interpolated)
        #expect(metresBetween(m.position, Fixture.plate(9)) < 2)
    }

    @Test func aStoreFileGivesTheSameAnswers() throws {
        let workspace = try Workspace()
        try Fixture.writeStore(at: workspace.file("city.sqlite"))
        let store = try GridGeoStore.GridStore(path: workspace.file("city.sqlite"))
        let fromStore = try Geocoder(store: store)
        try store.close()
        #expect(fromStore.directory?.gridCount == 4)
        for text in ["净土胡同9号", "净土胡同7号", "北街", "国子监社区"] {
            #expect(fromStore.geocode(text) == geocoder.geocode(text), "\(text)")
        }
    }
}

import GridGeoStore
