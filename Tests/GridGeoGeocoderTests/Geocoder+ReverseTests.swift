import GridGeoCore
@testable import GridGeoGeocoder
import Testing

@Suite struct GeocoderReverseTests {
    let geocoder = fixtureGeocoder

    @Test func aPointByAPlateGetsItsAddressAndGrid() throws {
        let p = Coordinate(lon: 116.40452, lat: 39.94512)   // a few metres from 9号
        let r = geocoder.reverse(p)
        #expect(r.status == .address)
        #expect(r.address == "北京市东城区安定门街道净土胡同9号")
        #expect(r.road == "净土胡同" && r.number == "9号")
        #expect(try #require(r.distanceMetres) < 5)
        #expect(r.hierarchy?.grid == "110101004001001" && r.hierarchy?.community?.name == "国子监社区")
    }

    @Test func aPointOnARoadWithoutPlatesGetsTheRoad() throws {
        let r = geocoder.reverse(Coordinate(lon: 116.409, lat: 39.9471), withinMetres: 50)
        #expect(r.status == .road && r.road == "国子监街")
        #expect(r.address == "北京市东城区安定门街道国子监街")
        #expect(try #require(r.distanceMetres) < 15)
    }

    @Test func aPointOnAPlatedRoadGetsAnEstimatedNumberOfItsSide() throws {
        // On 净土胡同 at door 7's position (north, odd side), farther than 5 m from every plate.
        let p = Coordinate(lon: 116.4035, lat: 39.94509)
        let r = geocoder.reverse(p, withinMetres: 30)
        #expect(r.status == .road && r.road == "净土胡同")
        #expect(r.number == "7号", "\(r.number ?? "nil")")
    }

    @Test func aPointInAGridFarFromEverythingGetsItsDivisions() {
        let r = geocoder.reverse(Coordinate(lon: 116.415, lat: 39.935), withinMetres: 50)
        #expect(r.status == .area && r.address == "北京市东城区安定门街道")
        #expect(r.hierarchy?.grid == "110101004001002")
    }

    @Test func aPointOutsideTheDataIsSaidToBeOutside() {
        let r = geocoder.reverse(Coordinate(lon: 116.5, lat: 40.1))
        #expect(r.status == .outside && r.address == nil && r.hierarchy == nil)
        #expect(r.message?.contains("outside") == true)
    }

    @Test(arguments: [Coordinate(lon: .nan, lat: 39.9), Coordinate(lon: 200, lat: 39.9), Coordinate(lon: 116.4, lat: .infinity)])
    func impossiblePositionsAreInvalid(_ p: Coordinate) {
        #expect(geocoder.reverse(p).status == .invalidInput)
    }

    @Test func batchesAnswerInOrder() {
        let points = (0..<200).map { Coordinate(lon: 116.39 + Double($0) * 0.0002, lat: 39.945) }
        #expect(geocoder.reverse(points) == points.map { geocoder.reverse($0) })
    }
}
