import Foundation
import Testing
@testable import GridGeoGeocoding

@Suite struct GazetteerChinaTests {
    let china = Gazetteer.china

    @Test func bundledTablesLoad() {
        // 31 + 342 + 2,978 + 41,352 rows.
        #expect(china.count == 31 + 342 + 2978 + 41352)
        #expect(china.entry(code: "110101")?.name == "东城区")
        #expect(china.entry(code: "110101004")?.name == "安定门街道")
    }

    @Test func municipalitiesAreCities() throws {
        let beijing = china.entries(named: "北京市")
        #expect(Set(beijing.map(\.entry.level)) == [.province, .city])
        let city = try #require(china.entry(code: "1101"))
        #expect(city.name == "北京市")
        let dongcheng = try #require(china.entry(code: "110101"))
        #expect(china.contains(city, dongcheng))
    }

    @Test func genericNamesAreNotIndexed() {
        #expect(china.entries(named: "市辖区").isEmpty)
        #expect(china.entries(named: "城区").isEmpty)
        #expect(china.entries(named: "街道").isEmpty)
        #expect(china.entries(named: "经济开发区").isEmpty)
    }

    @Test(arguments: [("崇文区", "110101"), ("宣武区", "110102"), ("闸北区", "310106"), ("襄樊市", "4206"), ("下城区", "330105")])
    func formerNamesPointAtSuccessors(_ former: String, _ successor: String) {
        #expect(china.entries(named: former).contains { $0.entry.code == successor && $0.form == .alias })
    }

    @Test func everyFormerNameResolves() {
        for (former, _, successors) in Gazetteer.formerNames {
            #expect(china.entries(named: former).count >= successors.count, "\(former)")
        }
    }

    @Test func countyVariants() {
        // 玉环县 became 玉环市 (2017); 富阳市 became 富阳区 (2014).
        #expect(china.entries(named: "玉环县").contains { $0.entry.name == "玉环市" })
        #expect(china.entries(named: "富阳市").contains { $0.entry.name == "富阳区" })
        #expect(china.entries(named: "广西省").contains { $0.entry.name == "广西壮族自治区" })
    }

    @Test func ambiguousShortNamesKeepEveryEntry() {
        let chaoyang = china.entries(named: "朝阳")
        #expect(chaoyang.contains { $0.entry.code == "110105" })   // 北京市朝阳区
        #expect(chaoyang.contains { $0.entry.code == "2113" })     // 辽宁省朝阳市
    }

    @Test func csvReader() {
        let rows = CSV.rows(Data("code,name\n11,\"北京市\"\r\n12,天津市".utf8))
        #expect(rows == [["code", "name"], ["11", "北京市"], ["12", "天津市"]])
    }

    @Test func malformedTablesThrow() {
        #expect(throws: Gazetteer.LoadError.malformedRow(file: "cities.csv", line: 2)) {
            try Gazetteer.loadDivisions(provinces: [["code", "name"]], cities: [["code", "name", "p"], ["1101"]],
                                        areas: [], streets: [])
        }
    }
}
