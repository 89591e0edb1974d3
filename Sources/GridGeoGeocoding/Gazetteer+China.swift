import Foundation

extension Gazetteer {
    /// The national divisions shipped with the module: 31 provinces, 342 prefectures, 2,978
    /// counties and 41,352 townships (NBS statistical division codes as of 2022-10-31, from
    /// modood/Administrative-divisions-of-China, WTFPL), plus former names of renamed units.
    ///
    /// Loaded once, on first use (about 0.1 s in a release build).
    public static let china: Gazetteer = {
        do {
            return try loadBundledDivisions()
        } catch {
            fatalError("GridGeoGeocoding: the bundled division tables cannot be read: \(error)")
        }
    }()

    /// Errors while reading division tables.
    public enum LoadError: Error, Sendable, Equatable {
        /// A table is missing from the module's resources.
        case missingResource(String)
        /// A row has too few columns.
        case malformedRow(file: String, line: Int)
    }

    /// Reads `provinces.csv`, `cities.csv`, `areas.csv` and `streets.csv` from the module's
    /// resources; see ``china``.
    public static func loadBundledDivisions() throws -> Gazetteer {
        func table(_ name: String) throws -> [[String]] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "AdminDivisions"),
                  let data = try? Data(contentsOf: url)
            else { throw LoadError.missingResource("\(name).csv") }
            return CSV.rows(data)
        }
        return try loadDivisions(provinces: table("provinces"), cities: table("cities"),
                                 areas: table("areas"), streets: table("streets"))
    }

    /// Builds a gazetteer from division tables in the column layout of the bundled CSVs (header
    /// rows included): provinces `code,name`; cities `code,name,provinceCode`; areas
    /// `code,name,cityCode,provinceCode`; streets `code,name,areaCode,provinceCode,cityCode`.
    public static func loadDivisions(provinces: [[String]], cities: [[String]], areas: [[String]],
                                     streets: [[String]]) throws -> Gazetteer {
        var gazetteer = Gazetteer()
        var provinceName: [String: String] = [:]
        for (line, row) in provinces.enumerated().dropFirst() {
            guard row.count >= 2 else { throw LoadError.malformedRow(file: "provinces.csv", line: line + 1) }
            provinceName[row[0]] = row[1]
            gazetteer.add(name: row[1], level: .province, code: row[0], parentCode: nil, indexed: true)
        }
        for (line, row) in cities.enumerated().dropFirst() {
            guard row.count >= 3 else { throw LoadError.malformedRow(file: "cities.csv", line: line + 1) }
            let (code, name, parent) = (row[0], row[1], row[2])
            if Self.municipalities.contains(parent), let province = provinceName[parent] {
                // 直辖市: the 市辖区 (and Chongqing's 县) rows stand for the city itself: 北京市 as a city.
                gazetteer.add(name: province, level: .city, code: code, parentCode: parent, indexed: true)
            } else {
                let generic = Self.genericNames.contains(name)
                gazetteer.add(name: name, level: .city, code: code, parentCode: parent, indexed: !generic)
            }
        }
        for (line, row) in areas.enumerated().dropFirst() {
            guard row.count >= 3 else { throw LoadError.malformedRow(file: "areas.csv", line: line + 1) }
            let generic = Self.genericNames.contains(row[1])
            gazetteer.add(name: row[1], level: .district, code: row[0], parentCode: row[2], indexed: !generic)
        }
        for (line, row) in streets.enumerated().dropFirst() {
            guard row.count >= 3 else { throw LoadError.malformedRow(file: "streets.csv", line: line + 1) }
            let name = row[1]
            let level: GazetteerLevel = Self.devzoneEndings.contains(where: { name.hasSuffix($0) }) ? .devzone : .town
            gazetteer.add(name: name, level: level, code: row[0], parentCode: row[2], indexed: !Self.isGeneric(name))
        }
        gazetteer.addCountyVariants()
        gazetteer.addFormerNames()
        return gazetteer
    }

    /// The four municipalities (直辖市) by province code: Beijing, Tianjin, Shanghai, Chongqing.
    static let municipalities: Set<String> = ["11", "12", "31", "50"]

    /// Names that are categories, not places; never matched as names (`geocoding.md` §3.3).
    static let genericNames: Set<String> = ["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划",
                                            "城区", "郊区", "矿区", "东区", "西区", "新区", "开发区", "市区",
                                            "高新区", "经济开发区", "工业园区", "林区", "街道", "街道办事处",
                                            "办事处", "地区办事处", "镇", "乡"]

    /// Whether a township-level name is only a category: 街道, 开发区, 县经济开发区.
    static func isGeneric(_ name: String) -> Bool {
        if genericNames.contains(name) || Vocabulary.devzoneSuffixes.contains(name) { return true }
        guard let first = name.first, "省市县区".contains(first) else { return false }
        return Vocabulary.devzoneSuffixes.contains(String(name.dropFirst()))
    }

    /// Township-level rows that are development zones, not townships.
    static let devzoneEndings = ["开发区", "园区", "工业园", "高新区", "新区", "保税区", "示范区", "试验区",
                                 "产业园", "集聚区", "工业区", "度假区"]

    /// Renamed and merged units (general administrative history): former name, the code of the
    /// city (or province) it lay in, and the current units that took it over.
    static let formerNames: [(former: String, within: String, successors: [String])] = [
        ("崇文区", "1101", ["东城区"]), ("宣武区", "1101", ["西城区"]),                       // 2010
        ("塘沽区", "1201", ["滨海新区"]), ("汉沽区", "1201", ["滨海新区"]), ("大港区", "1201", ["滨海新区"]), // 2009
        ("南汇区", "3101", ["浦东新区"]), ("卢湾区", "3101", ["黄浦区"]), ("闸北区", "3101", ["静安区"]),
        ("江干区", "3301", ["上城区", "钱塘区"]), ("下城区", "3301", ["拱墅区"]),            // 2021
        ("萧山市", "3301", ["萧山区"]), ("余杭市", "3301", ["余杭区", "临平区"]),
        ("富阳市", "3301", ["富阳区"]), ("临安市", "3301", ["临安区"]),
        ("鄞县", "3302", ["鄞州区"]), ("江东区", "3302", ["鄞州区"]), ("奉化市", "3302", ["奉化区"]),
        ("洞头县", "3303", ["洞头区"]), ("秀城区", "3304", ["南湖区"]),
        ("绍兴县", "3306", ["柯桥区"]), ("上虞市", "3306", ["上虞区"]), ("金华县", "3307", ["婺城区", "金东区"]),
        ("衢县", "3308", ["衢江区"]), ("黄岩市", "3310", ["黄岩区"]), ("椒江市", "3310", ["椒江区"]),
        ("白下区", "3201", ["秦淮区"]), ("下关区", "3201", ["鼓楼区"]), ("溧水县", "3201", ["溧水区"]),
        ("高淳县", "3201", ["高淳区"]), ("铜山县", "3203", ["铜山区"]), ("金坛市", "3204", ["金坛区"]),
        ("戚墅堰区", "3204", ["武进区"]), ("吴江市", "3205", ["吴江区"]), ("沧浪区", "3205", ["姑苏区"]),
        ("平江区", "3205", ["姑苏区"]), ("金阊区", "3205", ["姑苏区"]), ("楚州区", "3208", ["淮安区"]),
        ("大丰市", "3209", ["大丰区"]), ("江都市", "3210", ["江都区"]), ("姜堰市", "3212", ["姜堰区"]),
        ("东山区", "4401", ["越秀区"]), ("芳村区", "4401", ["荔湾区"]), ("萝岗区", "4401", ["黄埔区"]),
        ("从化市", "4401", ["从化区"]), ("增城市", "4401", ["增城区"]),
        ("莱芜市", "3701", ["莱芜区", "钢城区"]), ("襄樊市", "42", ["襄阳市"]), ("思茅市", "53", ["普洱市"]),
    ]

    /// Indexes ``formerNames`` (and their short forms) as aliases of their successors.
    mutating func addFormerNames() {
        for (former, within, successors) in Self.formerNames {
            for successor in successors {
                for (entry, form) in entries(named: successor) where form == .full {
                    guard let code = entry.code, code.hasPrefix(within) else { continue }
                    addAlias(former, for: entry)
                    for short in Self.shortForms(of: former, level: entry.level) {
                        index(short, entry: Int32(entry.id), form: .short)
                    }
                }
            }
        }
    }

    /// County-level units change their suffix when upgraded (撤县设市, 撤县设区: 玉环县 → 玉环市,
    /// 富阳市 → 富阳区). Every county-level name is also indexed, as an alias, with the suffixes it
    /// may have had before (县 for a 市; 县 and 市 for a 区), so older addresses still match.
    mutating func addCountyVariants() {
        for entry in entries where entry.level == .province {
            // 广西省, 新疆省: autonomous regions written like provinces.
            for short in Self.shortForms(of: entry.name, level: .province) where entry.name.hasSuffix("自治区") {
                addAlias(short + "省", for: entry)
            }
        }
        for entry in entries where entry.level == .district {
            guard let last = entry.name.last, "县市区".contains(last), entry.name.count >= 3,
                  !entry.name.hasSuffix("新区") else { continue }
            // Autonomous counties are written with their short stem: 隆林各族自治县 → 隆林县.
            let stem = entry.name.hasSuffix("自治县")
                ? (Self.shortForms(of: entry.name, level: .district).first ?? String(entry.name.dropLast()))
                : String(entry.name.dropLast())
            // Upgrades only run 县 → 市 → 区, so the former suffix is one before the current one.
            let formerSuffixes: [String] = entry.name.hasSuffix("自治县") ? ["县"]
                : last == "区" ? ["县", "市"] : last == "市" ? ["县"] : []
            for suffix in formerSuffixes {
                let variant = stem + suffix
                if variant.hasSuffix("城市") || variant.hasSuffix("城县") && stem.count < 2 { continue }
                // Keep real units of that name (朝阳县 and 朝阳区 are both real) as they are.
                if self.entries(named: variant).contains(where: { $0.form == .full }) { continue }
                addAlias(variant, for: entry)
            }
        }
    }

    // MARK: Short forms

    /// Level suffixes, longest first so that 街道办事处 is stripped before 办事处.
    static let levelSuffixes: [GazetteerLevel: [String]] = [
        .province: ["特别行政区", "自治区", "省", "市"],
        .city: ["自治州", "地区", "盟", "市"],
        .district: ["自治县", "自治旗", "新区", "林区", "特区", "区", "县", "市", "旗"],
        .town: ["街道办事处", "地区办事处", "民族乡", "办事处", "街道", "地区", "苏木", "镇", "乡"],
        .devzone: ["经济技术开发区", "高新技术产业开发区", "开发区", "高新区"],
        .community: ["社区居委会", "村民委员会", "居民委员会", "居委会", "村委会", "社区", "村", "嘎查"],
    ]

    /// The 55 ethnic minorities as they appear inside autonomous-area names (without 族).
    static let ethnicGroups = ["蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶",
                               "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜",
                               "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗",
                               "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
                               "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春",
                               "赫哲", "门巴", "珞巴", "基诺"]

    /// Short forms of `name` at `level`: the name without its level suffix (and, for autonomous
    /// areas, without the ethnic names before it), when at least two characters remain. Autonomous
    /// prefectures also get the everyday 州 form (恩施土家族苗族自治州 → 恩施, 恩施州).
    static func shortForms(of name: String, level: GazetteerLevel) -> [String] {
        guard let suffixes = levelSuffixes[level] else { return [] }
        guard let suffix = suffixes.first(where: { name.hasSuffix($0) && name.count > $0.count }) else { return [] }
        var stem = String(name.dropLast(suffix.count))
        if suffix.hasPrefix("自治") || suffix == "民族乡" {
            stem = stripEthnicGroups(stem)
        }
        guard stem.count >= 2, !genericNames.contains(stem),
              !levelSuffixes.values.contains(where: { $0.contains(stem) }) else { return [] }
        var forms = [stem]
        if suffix == "自治州" { forms.append(stem + "州") }
        return forms
    }

    /// 土家族苗族 and 壮族 endings removed: 恩施土家族苗族 → 恩施, 巴音郭楞蒙古 → 巴音郭楞.
    static func stripEthnicGroups(_ stem: String) -> String {
        var stem = stem
        var changed = true
        while changed {
            changed = false
            if stem.hasSuffix("族") && stem.count > 1 { stem.removeLast(); changed = true }
            for group in ethnicGroups.sorted(by: { $0.count > $1.count })
            where stem.hasSuffix(group) && stem.count > group.count + 1 {
                stem.removeLast(group.count)
                changed = true
                break
            }
            if stem.hasSuffix("各") && stem.count > 2 { stem.removeLast(); changed = true }   // 各族
        }
        return stem
    }
}

/// A minimal CSV reader for the division tables: comma-separated fields, optional double quotes,
/// no embedded newlines. Works on bytes, so the 1.6 MB street table loads quickly even unoptimised.
enum CSV {
    static func rows(_ data: Data) -> [[String]] {
        var rows: [[String]] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var fields: [String] = []
            var fieldStart = 0
            var quoted = false
            var i = 0
            func field(_ end: Int) -> String {
                var start = fieldStart
                var stop = end
                if stop > start, bytes[start] == 0x22 { start += 1 }
                if stop > start, bytes[stop - 1] == 0x22 { stop -= 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
            }
            while i <= bytes.count {
                let byte: UInt8 = i < bytes.count ? bytes[i] : 0x0A
                switch byte {
                case 0x22:
                    quoted.toggle()
                case 0x2C where !quoted:
                    fields.append(field(i))
                    fieldStart = i + 1
                case 0x0A, 0x0D:
                    if i > fieldStart || !fields.isEmpty {
                        fields.append(field(i))
                        rows.append(fields)
                    }
                    fields = []
                    fieldStart = i + 1
                    quoted = false
                default:
                    break
                }
                i += 1
            }
        }
        return rows
    }
}
