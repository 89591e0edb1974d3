import Testing
@testable import GridGeoGeocoding

@Suite struct AddressLabelTests {
    @Test func corpusSpellingsReadCaseInsensitively() {
        #expect(AddressLabel(corpusName: "devZone") == .devzone)
        #expect(AddressLabel(corpusName: "subRoadno") == .subroadno)
        #expect(AddressLabel(corpusName: "poi") == .poi)
        #expect(AddressLabel(corpusName: "street") == nil)
    }

    @Test func twentyOneLabelsInCorpusOrder() {
        #expect(AddressLabel.allCases.count == 21)
        #expect(AddressLabel.allCases.first == .country)
        #expect(AddressLabel.allCases.last == .otherinfo)
        for (position, label) in AddressLabel.allCases.enumerated() {
            #expect(label.index == position)
        }
    }

    @Test func orderFollowsTheGuideline() {
        let ordered: [AddressLabel] = [.prov, .city, .district, .town, .community, .road, .roadno, .poi,
                                       .houseno, .cellno, .floorno, .roomno]
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            #expect(a.rank! < b.rank!, "\(a) before \(b)")
        }
        #expect(AddressLabel.assist.rank == nil)
        #expect(AddressLabel.redundant.rank == nil)
    }

    @Test func groups() {
        #expect(AddressLabel.town.isAdministrative)
        #expect(!AddressLabel.road.isAdministrative)
        #expect(AddressLabel.roomno.isNumber)
        #expect(!AddressLabel.poi.isNumber)
    }
}
