import Foundation
import Testing
@testable import GridGeoGeocoding

@Suite struct AddressParserTests {
    let parser = sharedParser

    private func labels(_ text: String) -> String {
        parser.parse(text).components.map { "\($0.label.rawValue)=\($0.text)" }.joined(separator: " ")
    }

    // MARK: The dispatch-centre examples

    @Test func fullBeijingAddress() throws {
        let address = parser.parse("北京市东城区安定门街道净土胡同9号")
        #expect(labels("北京市东城区安定门街道净土胡同9号")
                == "city=北京市 district=东城区 town=安定门街道 road=净土胡同 roadno=9号")
        #expect(address.divisions.province?.entry.code == "11")
        #expect(address.divisions.province?.isExplicit == false)
        #expect(address.divisions.city?.entry.code == "1101")
        #expect(address.divisions.district?.entry.code == "110101")
        #expect(address.divisions.town?.entry.code == "110101004")
        #expect(address.divisions.town?.isAmbiguous == false)
    }

    @Test func fullWidthDoorNumberWithPrefix() throws {
        let address = parser.parse("珠市口东大街甲１６")
        #expect(labels("珠市口东大街甲１６") == "road=珠市口东大街 roadno=甲１６")
        let number = try #require(address.first(.roadno)?.number)
        #expect(number.prefix == "甲")
        #expect(number.numbers == [16])
        #expect(address.normalized == "珠市口东大街甲16")
    }

    @Test func listOfDoorNumbers() throws {
        let number = try #require(parser.parse("美术馆后街60、76号").first(.roadno)?.number)
        #expect(number.numbers == [60, 76])
        #expect(number.unit == "号")
        #expect(parser.parse("美术馆后街60、76号")[.road] == "美术馆后街")
    }

    @Test func rangeOfDoorNumbersNearby() throws {
        let address = parser.parse("东四十条４－２２号附近")
        #expect(labels("东四十条４－２２号附近") == "road=东四十条 roadno=４－２２号 assist=附近")
        let number = try #require(address.first(.roadno)?.number)
        #expect(number.range == 4...22)
        #expect(address.normalized == "东四十条4-22号附近")
    }

    @Test(arguments: [("乙3号", "乙"), ("附12号", "附"), ("甲１２号", "甲")])
    func doorNumberPrefixes(_ door: String, _ prefix: String) {
        let number = parser.parse("东四十条" + door).first(.roadno)?.number
        #expect(number?.prefix == prefix)
    }

    // MARK: Numerals

    @Test func namesKeepTheirNumerals() {
        for name in ["东四十条", "三里屯路", "十字坡", "二环路", "北新桥三条"] {
            let address = parser.parse(name + "九号")
            #expect(address.normalized == name + "9号", "\(name)")
        }
    }

    @Test func numeralsConvertedOnlyInNumberComponents() {
        let address = parser.parse("北京市东城区安定门街道净土胡同九号")
        #expect(address.normalized == "北京市东城区安定门街道净土胡同9号")
        #expect(parser.normalize("金地花园二十三号楼二单元一〇五室") == "金地花园23号楼2单元105室")
    }

    // MARK: Municipalities, renamed and ambiguous names

    @Test func municipalityWithLane() throws {
        let address = parser.parse("上海市黄浦区瞿溪路1032弄3号103")
        #expect(labels("上海市黄浦区瞿溪路1032弄3号103")
                == "city=上海市 district=黄浦区 road=瞿溪路 roadno=1032弄 houseno=3号 roomno=103")
        #expect(address.divisions.district?.entry.code == "310101")
        #expect(address.divisions.province?.entry.code == "31")
    }

    @Test func streetNamedAfterAProvince() {
        // 陕西南路 is a road in Shanghai, not the province 陕西 (users.md P11).
        #expect(labels("上海徐汇区陕西南路666弄") == "city=上海 district=徐汇区 road=陕西南路 roadno=666弄")
    }

    @Test func renamedDistricts() {
        let chongwen = parser.parse("崇文区东花市北里")
        #expect(chongwen.first(.district)?.place?.entry.code == "110101")
        #expect(chongwen.first(.district)?.place?.form == .alias)
        let dagang = parser.parse("天津市大港区")
        #expect(dagang.divisions.district?.entry.name == "滨海新区")
    }

    @Test func dongchengResolvedByItsParent() {
        // 东城 is a Beijing district and a township in 台州 黄岩区 and in 东莞.
        #expect(parser.parse("北京东城三里屯路19号").first(.district)?.place?.entry.code == "110101")
        let taizhou = parser.parse("台州市黄岩区东城开发大道")
        #expect(taizhou.first(.town)?.text == "东城")
        #expect(taizhou.first(.town)?.place?.entry.code == "331003001")
        #expect(parser.parse("东莞市东城街道").divisions.town?.entry.code == "441900003")
        // Alone, the short name goes to the home region (Beijing) and is a district.
        #expect(parser.parse("东城福新东路245号").divisions.district?.entry.code == "110101")
    }

    @Test func chaoyangByHierarchy() {
        #expect(parser.parse("北京市朝阳区望京街道").divisions.district?.entry.code == "110105")
        let liaoning = parser.parse("辽宁省朝阳市双塔区")
        #expect(liaoning.divisions.city?.entry.code == "2113")
        #expect(liaoning.divisions.district?.entry.code == "211302")
    }

    @Test func homeRegionDecidesTies() {
        let noHome = AddressParser(gazetteer: .china, options: .init(homeRegion: nil))
        let beijing = parser.parse("朝阳区")
        // Several 朝阳区 exist; the home region (Beijing) settles it, without it the pick is flagged.
        #expect(beijing.divisions.district?.entry.code == "110105")
        #expect(beijing.divisions.district?.isAmbiguous == false)
        #expect(noHome.parse("朝阳区").divisions.district?.isAmbiguous == true)
        #expect(noHome.parse("朝阳区").first(.district)?.place?.alternatives.isEmpty == false)
    }

    @Test func runtimeGazetteerEntries() throws {
        var gazetteer = Gazetteer.china
        let street = try #require(gazetteer.entry(code: "110101004"))
        gazetteer.add(name: "国子监街", level: .road, code: "R-77", parentCode: street.code)
        gazetteer.add(name: "国子监社区", level: .community, code: "C-3", parentCode: street.code)
        gazetteer.add(name: "孔庙", level: .poi, code: "P-1", parentCode: street.code)
        let custom = AddressParser(gazetteer: gazetteer)
        let address = custom.parse("安定门国子监孔庙东侧")
        #expect(address[.town] == "安定门")
        #expect(address[.community] == "国子监")
        #expect(address.first(.community)?.place?.entry.code == "C-3")
        #expect(address[.poi] == "孔庙")
        #expect(address[.assist] == "东侧")
    }

    @Test func typedSpacesHelp() {
        #expect(labels("北京市 东城区 交道口 南锣鼓巷")
                == "city=北京市 district=东城区 town=交道口 road=南锣鼓巷")
    }

    // MARK: Hostile input

    @Test func emptyAndBlank() {
        #expect(parser.parse("").components.isEmpty)
        #expect(parser.parse("   \t\n").components.isEmpty)
        #expect(parser.parse("").normalized == "")
    }

    @Test func onlyDigitsOrPunctuation() {
        let digits = parser.parse("1234567890")
        #expect(digits.components.count == 1)
        #expect(digits.components[0].label.isNumber)
        let punctuation = parser.parse("，。！？-_/（）【】")
        #expect(!punctuation.components.isEmpty)
        #expect(punctuation.components.allSatisfy { $0.label == .redundant || $0.label == .otherinfo })
    }

    @Test func emojiAndCombiningMarks() {
        let input = "北京市👨‍👩‍👧东城区e\u{301}\u{302}😀净土胡同9号🙂"
        let address = parser.parse(input)
        #expect(address[.district] == "东城区")
        #expect(address.first(.roadno)?.number?.numbers == [9])
        #expect(address.components.contains { $0.label == .otherinfo })
    }

    @Test func longInputIsCutWithAClearMark() {
        let long = String(repeating: "北京市东城区净土胡同9号", count: 900)   // about 10 KB of UTF-8
        #expect(long.utf8.count > 10_000)
        let clock = ContinuousClock()
        var address: ParsedAddress? = nil
        let elapsed = clock.measure { address = parser.parse(long) }
        #expect(elapsed < .seconds(5))
        #expect(address?.isTruncated == true)
        #expect(address?.components.last?.label == .otherinfo)
        #expect(address?.components.last?.range.upperBound == long.unicodeScalars.count)
    }

    @Test func randomInputNeverCrashesAndStaysBounded() {
        // Seeded xorshift: the same strings every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let pools: [[UInt32]] = [
            Array(0x4E00...0x4E40), Array(0x30...0x39), Array(0x41...0x5A), Array(0xFF10...0xFF19),
            "号楼栋单元层室路街区市省县镇乡村甲乙附-、，。 ".unicodeScalars.map(\.value),
            [0x1F600, 0x1F469, 0x200D, 0x301, 0xFE0F, 0x0, 0x7F, 0xFFFD, 0x3000],
        ]
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<400 {
                var scalars = String.UnicodeScalarView()
                for _ in 0..<Int(next() % 60) {
                    let pool = pools[Int(next() % UInt64(pools.count))]
                    if let scalar = Unicode.Scalar(pool[Int(next() % UInt64(pool.count))]) { scalars.append(scalar) }
                }
                let text = String(scalars)
                let address = parser.parse(text)
                // Every component lies inside the input, in order, and the input is covered.
                var position = 0
                for component in address.components {
                    #expect(component.range.lowerBound >= position)
                    #expect(component.range.upperBound <= text.unicodeScalars.count)
                    position = component.range.upperBound
                }
                let visible = text.unicodeScalars.filter { TextNormalizer.fold(scalar: $0.value) != nil }.count
                let covered = address.components.reduce(0) { $0 + $1.text.unicodeScalars.filter { TextNormalizer.fold(scalar: $0.value) != nil }.count }
                #expect(covered == visible, "\(text.debugDescription)")
            }
        }
        #expect(elapsed < .seconds(20))
    }
}
