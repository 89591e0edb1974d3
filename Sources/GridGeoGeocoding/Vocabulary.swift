/// A set of Unicode scalars as a bitmap over the Basic Multilingual Plane (8 KB): membership is one
/// load and one bit test, where a `Set<UInt32>` would hash. Scalars outside the BMP are never members.
struct ScalarSet: Sendable {
    private var words = [UInt64](repeating: 0, count: 1024)

    init(_ members: String) {
        for scalar in members.unicodeScalars where scalar.value < 0x10000 {
            words[Int(scalar.value >> 6)] |= 1 << UInt64(scalar.value & 63)
        }
    }

    @inline(__always)
    func contains(_ scalar: UInt32) -> Bool {
        scalar < 0x10000 && words[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0
    }
}

/// The closed-class words of Chinese addresses: level suffixes, unit words, POI keywords,
/// relative-position words and noise. Written from general knowledge of Chinese address usage
/// (GB/T 23705 and GB/T 37149 address composition, NBS division names, everyday postal
/// practice); nothing here is extracted from a corpus.
enum Vocabulary {
    /// What a vocabulary word can be. A word may have several categories.
    struct Category: OptionSet, Sendable, Hashable {
        let rawValue: UInt64

        static let roadSuffix = Category(rawValue: 1 << 0)
        static let weakRoadSuffix = Category(rawValue: 1 << 1)
        static let townSuffix = Category(rawValue: 1 << 2)
        static let communitySuffix = Category(rawValue: 1 << 3)
        static let districtSuffix = Category(rawValue: 1 << 4)
        static let devzoneSuffix = Category(rawValue: 1 << 5)
        static let poiKeyword = Category(rawValue: 1 << 6)
        static let weakPoiKeyword = Category(rawValue: 1 << 7)
        static let organisation = Category(rawValue: 1 << 8)
        static let subpoiWord = Category(rawValue: 1 << 9)
        static let assistWord = Category(rawValue: 1 << 10)
        static let weakAssistWord = Category(rawValue: 1 << 11)
        static let noiseWord = Category(rawValue: 1 << 12)
        static let country = Category(rawValue: 1 << 13)
        static let roadNumberUnit = Category(rawValue: 1 << 14)
        static let buildingUnit = Category(rawValue: 1 << 15)
        static let entranceUnit = Category(rawValue: 1 << 16)
        static let floorUnit = Category(rawValue: 1 << 17)
        static let roomUnit = Category(rawValue: 1 << 18)
        static let groupUnit = Category(rawValue: 1 << 19)
        static let zoneUnit = Category(rawValue: 1 << 20)
        static let distanceUnit = Category(rawValue: 1 << 21)
        static let numberPrefix = Category(rawValue: 1 << 22)
        static let floorPrefix = Category(rawValue: 1 << 23)
        static let ambiguousUnit = Category(rawValue: 1 << 24)   // 楼: floor or building
        static let laneUnit = Category(rawValue: 1 << 25)        // 弄: Shanghai lane number
        static let connector = Category(rawValue: 1 << 26)       // 与, 和: between two roads
        static let crossing = Category(rawValue: 1 << 27)        // 路口, 交叉口
        static let phaseUnit = Category(rawValue: 1 << 28)       // 期

        /// Any unit that may follow a number.
        static let numberUnits: Category = [.roadNumberUnit, .buildingUnit, .entranceUnit, .floorUnit,
                                            .roomUnit, .groupUnit, .zoneUnit, .distanceUnit,
                                            .ambiguousUnit, .laneUnit, .phaseUnit]
    }

    // MARK: Word lists

    /// Road and lane suffixes. Direction and section words (东路, 中路, 一段) belong to the name.
    static let roadSuffixes = ["路", "大街", "大道", "胡同", "巷", "环路", "公路", "国道", "省道", "县道",
                               "乡道", "高速", "高速公路", "快速路", "街"]
    /// Suffixes that also end ordinary words; they need more support (道 ends 街道, 里 ends 这里).
    static let weakRoadSuffixes = ["道", "弄", "条", "里", "线", "段", "桥", "堤", "坊", "埭", "路口"]

    static let townSuffixes = ["街道", "镇", "乡", "街道办事处", "街道办", "办事处", "苏木", "民族乡", "地区办事处"]
    static let communitySuffixes = ["社区", "村", "居委会", "村委会", "社区居委会", "村民委员会", "居民委员会",
                                    "嘎查", "行政村", "自然村", "居委"]
    static let districtSuffixes = ["区", "县", "旗", "自治县", "自治旗"]
    /// Statutory zone types. Industrial estates (工业园区, 科技园区) are named like POIs and
    /// handled as POI endings.
    static let devzoneSuffixes = ["开发区", "经济开发区", "经济技术开发区", "技术开发区", "高新区",
                                  "高新技术产业开发区", "高新技术开发区", "保税区", "出口加工区", "综合保税区",
                                  "经济区", "度假区", "旅游度假区", "试验区", "示范区", "产业集聚区", "工业集聚区"]

    /// Words that end a POI name with high confidence.
    static let poiKeywords = ["大厦", "广场", "小区", "花园", "公寓", "家园", "中心", "医院", "学校", "小学",
                              "中学", "大学", "学院", "幼儿园", "市场", "商场", "商城", "超市", "酒店", "宾馆",
                              "饭店", "公司", "集团", "银行", "工业区", "工业园", "科技园", "产业园", "创业园",
                              "物流园", "写字楼", "大楼", "新村", "山庄", "商厦", "百货", "公园", "派出所",
                              "加油站", "车站", "营业厅", "卫生院", "诊所", "园区", "大酒店", "苑", "花苑",
                              "名苑", "雅苑", "嘉园", "新苑", "华庭", "名都", "大院", "宿舍", "别墅",
                              "城", "新城", "商业街", "步行街", "批发市场", "农贸市场", "菜场", "菜市场",
                              "厂区", "校区", "院区", "园", "府", "工业园区", "科技园区", "产业园区", "邸", "公馆", "湾", "庭", "苑区", "里",
                              "小镇", "综合体", "楼宇", "广场店", "专卖店", "总部", "大市场", "仓库", "基地",
                              "物流", "机场", "码头", "火车站", "汽车站", "客运站", "地铁站", "公交站",
                              "政府", "委员会", "法院", "检察院", "税务局", "管委会", "服务中心", "村委",
                              "寺", "庙", "宫", "塔", "景区", "体育馆", "图书馆", "博物馆", "影院",
                              "电影院", "剧院", "会所", "俱乐部", "酒楼", "茶楼", "宿舍楼", "教学楼",
                              "办公楼", "综合楼", "厂房", "市场部", "分公司", "有限公司", "工作室"]
    /// Endings that often close a POI name but also occur inside other words.
    static let weakPoiKeywords = ["居", "轩", "阁", "坊", "厂", "店", "馆", "站", "局", "所", "院", "部", "行",
                                  "楼", "厅", "社", "铺", "房", "室", "科", "处", "团", "庄", "堂", "场", "屋",
                                  "舍", "苑", "湾", "岛", "谷", "港", "汇", "府"]
    /// Organisations and shops, typical of a company inside a building.
    static let organisations = ["公司", "有限公司", "分公司", "集团", "店", "专卖店", "门市部", "经营部",
                                "营业部", "办事处", "工作室", "事务所", "研究所", "厂", "行", "部", "中心",
                                "科", "处", "室", "柜", "台", "厅", "馆", "社", "所", "总部", "商行",
                                "快递柜", "丰巢", "前台", "收发室", "传达室", "门卫", "仓库", "超市"]
    /// Parts of a POI: gates, zones, reception.
    static let subpoiWords = ["东门", "西门", "南门", "北门", "正门", "大门", "侧门", "后门", "前门", "东区",
                              "西区", "南区", "北区", "中区", "东苑", "西苑", "南苑", "北苑", "东院", "西院",
                              "南院", "北院", "收发室", "传达室", "门卫", "门卫室", "保安室", "物业",
                              "物业管理处", "服务台", "前台", "东大门", "西大门", "南大门", "北大门",
                              "一区", "二区", "三区", "四区", "五区", "六区", "七区", "八区", "九区"]

    /// Relative-position words (GB/T 23705 辅助定位词).
    static let assistWords = ["附近", "旁边", "旁", "对面", "斜对面", "正对面", "门口", "路口", "交叉口",
                              "交叉路口", "十字路口", "交界处", "交汇处", "交界", "东侧", "西侧", "南侧",
                              "北侧", "东面", "西面", "南面", "北面", "东边", "西边", "南边", "北边", "隔壁",
                              "楼下", "楼上", "边上", "里面", "内", "后面", "前面", "背后", "往东", "往西",
                              "往南", "往北", "向东", "向西", "向南", "向北", "东北角", "西北角", "东南角",
                              "西南角", "一带", "周边", "之间", "底下", "下面", "上面", "到底", "尽头",
                              "对过", "斜对过", "旁边的", "往里", "往前", "往东走", "往西走", "往南走", "往北走",
                              "东首", "西首", "南首", "北首", "口", "侧", "后", "边", "处", "近",
                              "以东", "以西", "以南", "以北", "往里走", "进去", "进门", "右转", "左转",
                              "右边", "左边", "右侧", "左侧", "正门口", "大门口", "门前", "后门口",
                              "东北侧", "西北侧", "东南侧", "西南侧", "东北面", "西北面", "东南面", "西南面",
                              "左右", "附近的", "斜对门", "对门",
                              "交口", "转角", "拐角", "出口", "入口", "路边", "道口", "桥下", "桥头"]
    /// Single direction characters: assist only when nothing better explains them.
    static let weakAssistWords = ["东", "西", "南", "北", "东南", "东北", "西南", "西北", "中"]
    static let connectors = ["与", "和", "及", "跟", "同"]
    static let crossings = ["路口", "交叉口", "交叉路口", "十字路口", "交界处", "交汇处", "交口", "道口", "口"]

    /// Delivery instructions and other noise.
    static let noiseWords = ["电联", "先电联", "请电联", "电话联系", "打电话", "来电", "代收", "转交",
                             "收件", "谢谢", "请送", "送货上门", "自提", "自取", "本人签收", "NULL", "商铺",
                             "店面", "店铺", "地址", "详细地址", "收货地址"]
    static let countryWords = ["中国", "中华人民共和国"]

    /// Units after a door number: 号, 号院, 弄.
    static let roadNumberUnits = ["号", "号院", "号大院", "号门", "支弄"]
    static let laneUnits = ["弄"]
    static let buildingUnits = ["号楼", "栋", "幢", "座", "号馆", "排", "号厂房", "号仓库", "号公寓", "号宿舍",
                                "栋楼", "幢楼", "座楼", "号楼座"]
    static let entranceUnits = ["单元", "门", "梯", "号门", "单元门"]
    static let floorUnits = ["层", "F", "楼层", "层楼"]
    static let ambiguousUnits = ["楼"]
    static let roomUnits = ["室", "房", "户", "号房", "号室", "铺", "号铺", "间", "档",
                            "号档", "号店", "号摊位", "摊位", "号柜", "库"]
    static let groupUnits = ["组", "队", "社", "村民小组", "小组", "生产队"]
    static let zoneUnits = ["区", "号区", "片区", "街区"]
    static let phaseUnits = ["期"]
    static let distanceUnits = ["米", "公里", "M"]
    /// Door-number prefixes: 甲乙丙丁 sub-numbers, 附 annex, 临 temporary.
    static let numberPrefixes = ["甲", "乙", "丙", "丁", "附", "临", "之"]
    /// Floor prefixes for basements.
    static let floorPrefixes = ["地下", "负", "B", "-"]

    /// Units after which a numeral run is a number slot for ``TextNormalizer/normalize(_:)``:
    /// unambiguous ones only (楼, 座, 门, 组 also end names: 五楼村, 三门峡).
    static let numberSlotUnits = ["号", "号院", "号楼", "栋", "幢", "单元", "层", "室", "户", "弄"]

    /// Direction and position characters that do not make a road name on their own (北路, 中路).
    static let directionScalars = ScalarSet("东西南北中上下前后内外左右大小新老")

    /// Characters that end administrative names; inside a road stem they suggest a missed boundary.
    static let adminSuffixScalars = ScalarSet("省市区县镇乡村")

    /// Separators typed between components.
    static let separatorScalars = ScalarSet("-_/\\|,，.。;；:：、·•~～?？!！*#＃()（）[]【】<>《》\"'“”‘’`+=&@^$%")

    // MARK: Lexicon

    /// Every word above in one trie, with its categories.
    struct Lexicon: Sendable {
        var trie = NameTrie()
        var categories: [Category] = []
        var maxLength = 0

        mutating func add(_ words: [String], _ category: Category) {
            for word in words {
                let key = word.unicodeScalars.map(\.value)
                if let existing = trie.value(for: key) {
                    categories[Int(existing)].insert(category)
                } else {
                    trie.insert(key, value: Int32(categories.count))
                    categories.append(category)
                }
                maxLength = max(maxLength, key.count)
            }
        }
    }

    static let lexicon: Lexicon = {
        var lexicon = Lexicon()
        lexicon.add(roadSuffixes, .roadSuffix)
        lexicon.add(weakRoadSuffixes, .weakRoadSuffix)
        lexicon.add(townSuffixes, .townSuffix)
        lexicon.add(communitySuffixes, .communitySuffix)
        lexicon.add(districtSuffixes, .districtSuffix)
        lexicon.add(devzoneSuffixes, .devzoneSuffix)
        lexicon.add(poiKeywords, .poiKeyword)
        lexicon.add(weakPoiKeywords, .weakPoiKeyword)
        lexicon.add(organisations, .organisation)
        lexicon.add(subpoiWords, .subpoiWord)
        lexicon.add(assistWords, .assistWord)
        lexicon.add(weakAssistWords, .weakAssistWord)
        lexicon.add(connectors, .connector)
        lexicon.add(crossings, .crossing)
        lexicon.add(noiseWords, .noiseWord)
        lexicon.add(countryWords, .country)
        lexicon.add(roadNumberUnits, .roadNumberUnit)
        lexicon.add(laneUnits, .laneUnit)
        lexicon.add(buildingUnits, .buildingUnit)
        lexicon.add(entranceUnits, .entranceUnit)
        lexicon.add(floorUnits, .floorUnit)
        lexicon.add(ambiguousUnits, .ambiguousUnit)
        lexicon.add(roomUnits, .roomUnit)
        lexicon.add(groupUnits, .groupUnit)
        lexicon.add(zoneUnits, .zoneUnit)
        lexicon.add(phaseUnits, .phaseUnit)
        lexicon.add(distanceUnits, .distanceUnit)
        lexicon.add(numberPrefixes, .numberPrefix)
        lexicon.add(floorPrefixes, .floorPrefix)
        return lexicon
    }()

    private static let slotUnits: NameTrie = {
        var trie = NameTrie()
        for unit in numberSlotUnits { trie.insert(unit.unicodeScalars.map(\.value), value: 1) }
        return trie
    }()

    /// Length of the longest number-slot unit starting at `index`, or 0.
    static func numberSlotUnitLength(_ text: [UInt32], at index: Int) -> Int {
        var length = 0
        text.withUnsafeBufferPointer { buffer in
            slotUnits.forEachMatch(in: buffer, from: index, maxLength: 4) { end, _ in length = end - index }
        }
        return length
    }

    // MARK: Character classes

    @inline(__always) static func isHan(_ s: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(s) || (0x3400...0x4DBF).contains(s) || (0x20000...0x3134F).contains(s)
            || (0xF900...0xFAFF).contains(s)
    }
    @inline(__always) static func isDigit(_ s: UInt32) -> Bool { s >= 0x30 && s <= 0x39 }
    @inline(__always) static func isLatin(_ s: UInt32) -> Bool { (s >= 0x41 && s <= 0x5A) || (s >= 0x61 && s <= 0x7A) }
    @inline(__always) static func isAlphanumeric(_ s: UInt32) -> Bool { isDigit(s) || isLatin(s) }
}
