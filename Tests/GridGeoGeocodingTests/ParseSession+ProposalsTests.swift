import Testing
@testable import GridGeoGeocoding

/// The rules, seen through whole parses: `label=text` for every component.
@Suite struct ParseSessionProposalsTests {
    let parser = sharedParser

    private func labels(_ text: String) -> String {
        parser.parse(text).components.map { "\($0.label.rawValue)=\($0.text)" }.joined(separator: " ")
    }

    @Test(arguments: [
        ("净土胡同9号", "road=净土胡同 roadno=9号"),
        ("东四十条甲１２号", "road=东四十条 roadno=甲１２号"),
        ("北新桥三条5号", "road=北新桥三条 roadno=5号"),
        ("东三环中路", "road=东三环中路"),
        ("人民路二段8号", "road=人民路二段 roadno=8号"),
        ("320国道", "road=320国道"),
        ("下沙12号大街", "town=下沙 road=12号大街"),
    ])
    func roads(_ text: String, _ expected: String) {
        #expect(labels(text) == expected)
    }

    @Test(arguments: [
        ("三里屯路19号院3号楼2单元301", "road=三里屯路 roadno=19号院 houseno=3号楼 cellno=2单元 roomno=301"),
        ("金地花园5幢二单元1102室", "poi=金地花园 houseno=5幢 cellno=二单元 roomno=1102室"),
        ("金地花园12-3-1001", "poi=金地花园 houseno=12 redundant=- cellno=3 redundant=- roomno=1001"),
        ("东环广场B座5层", "poi=东环广场 houseno=B座 floorno=5层"),
        ("东环广场地下一层", "poi=东环广场 floorno=地下一层"),
        ("沿山村5组6号", "community=沿山村 road=5组 roadno=6号"),
    ])
    func numbersAndUnits(_ text: String, _ expected: String) {
        #expect(labels(text) == expected)
    }

    @Test(arguments: [
        ("文三路华远大厦西单元1041", "road=文三路 poi=华远大厦 cellno=西单元 roomno=1041"),
        ("人民路8号万达广场东门附近", "road=人民路 roadno=8号 poi=万达广场 subpoi=东门 assist=附近"),
        ("文二路与学院路交叉口", "road=文二路 assist=与 subroad=学院路 assist=交叉口"),
        ("良渚街道沈港路11号2楼常春藤公司", "town=良渚街道 road=沈港路 roadno=11号 floorno=2楼 person=常春藤公司"),
        ("中国浙江省杭州市", "country=中国 prov=浙江省 city=杭州市"),
        ("人民路8号电联", "road=人民路 roadno=8号 redundant=电联"),
    ])
    func keywords(_ text: String, _ expected: String) {
        #expect(labels(text) == expected)
    }

    @Test(arguments: [
        ("龙山镇海丰北路602号", "town=龙山镇 road=海丰北路 roadno=602号"),
        ("张庆乡北胡乔村", "town=张庆乡 community=北胡乔村"),
        ("余杭经济开发区五洲路", "devzone=余杭经济开发区 road=五洲路"),
        ("顾家桥社区河西北9号", "community=顾家桥社区 road=河西北 roadno=9号"),
    ])
    func unknownNamesBySuffix(_ text: String, _ expected: String) {
        let parsed = labels(text)
        // The last example is a road without a suffix: only its first part is certain.
        if text.hasPrefix("顾家桥") {
            #expect(parsed.hasPrefix("community=顾家桥社区"))
        } else {
            #expect(parsed == expected)
        }
    }
}
