import Testing
@testable import GridGeoGeocoding

@Suite struct GazetteerTests {
    /// A small hand-made gazetteer: Beijing, Dongcheng, one street, one community, one road.
    private func sample() -> Gazetteer {
        var gazetteer = Gazetteer()
        gazetteer.add(name: "北京市", level: .province, code: "11")
        gazetteer.add(name: "北京市", level: .city, code: "1101", parentCode: "11")
        gazetteer.add(name: "东城区", level: .district, code: "110101", parentCode: "1101")
        gazetteer.add(name: "安定门街道", level: .town, code: "110101004", parentCode: "110101")
        gazetteer.add(name: "交道口社区", level: .community, code: "C-17", parentCode: "110101004")
        gazetteer.add(name: "净土胡同", level: .road, code: "R-1", parentCode: "110101004")
        return gazetteer
    }

    @Test func fullAndShortForms() {
        let gazetteer = sample()
        #expect(gazetteer.count == 6)
        #expect(gazetteer.entries(named: "东城区").map(\.form) == [.full])
        #expect(gazetteer.entries(named: "东城").map(\.form) == [.short])
        #expect(gazetteer.entries(named: "安定门").first?.entry.name == "安定门街道")
        #expect(gazetteer.entries(named: "交道口").first?.entry.level == .community)
        // Roads keep their full name only.
        #expect(gazetteer.entries(named: "净土").isEmpty)
        // Width-folded lookup.
        #expect(!gazetteer.entries(named: " 东城 ").isEmpty)
    }

    @Test func hierarchyByCodesAndParents() throws {
        let gazetteer = sample()
        let province = try #require(gazetteer.entry(code: "11"))
        let district = try #require(gazetteer.entry(code: "110101"))
        let street = try #require(gazetteer.entry(code: "110101004"))
        let community = try #require(gazetteer.entry(code: "C-17"))
        #expect(gazetteer.contains(province, street))
        #expect(gazetteer.contains(district, street))
        #expect(gazetteer.contains(street, community))      // through its parent's code
        #expect(gazetteer.contains(district, community))
        #expect(!gazetteer.contains(street, district))
        #expect(gazetteer.parent(of: street)?.code == "110101")
        #expect(gazetteer.ancestors(of: street).map(\.code) == ["110101", "1101", "11"])
    }

    @Test func aliasesPointAtTheirEntry() throws {
        var gazetteer = sample()
        let district = try #require(gazetteer.entry(code: "110101"))
        gazetteer.addAlias("崇文区", for: district)
        #expect(gazetteer.entries(named: "崇文区").map(\.entry.code) == ["110101"])
        #expect(gazetteer.entries(named: "崇文区").map(\.form) == [.alias])
    }

    @Test func valueSemantics() {
        let original = sample()
        var copy = original
        copy.add(name: "东方广场", level: .poi)
        #expect(copy.entries(named: "东方广场").count == 1)
        #expect(original.entries(named: "东方广场").isEmpty)
    }

    @Test(arguments: [
        ("广西壮族自治区", GazetteerLevel.province, ["广西"]),
        ("北京市", .province, ["北京"]),
        ("恩施土家族苗族自治州", .city, ["恩施", "恩施州"]),
        ("大兴安岭地区", .city, ["大兴安岭"]),
        ("隆林各族自治县", .district, ["隆林"]),
        ("浦东新区", .district, ["浦东"]),
        ("安定门街道", .town, ["安定门"]),
        ("南磨房地区", .town, ["南磨房"]),
        ("交道口社区居委会", .community, ["交道口"]),
        ("县", .district, []),
        ("赵县", .district, []),         // one character would remain
        ("净土胡同", .road, []),
    ])
    func shortForms(_ name: String, _ level: GazetteerLevel, _ expected: [String]) {
        #expect(Gazetteer.shortForms(of: name, level: level) == expected)
    }

    @Test func levelsAreOrdered() {
        #expect(GazetteerLevel.province < .city)
        #expect(GazetteerLevel.town < .community)
        #expect(GazetteerLevel.allCases.sorted() == GazetteerLevel.allCases)
        #expect(GazetteerLevel.town.label == .town)
        #expect(GazetteerLevel.province.label == .prov)
    }
}
