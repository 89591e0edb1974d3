/// The rules that propose candidate spans. Scores are hand-set: about 3–5 for a span with strong
/// evidence (a full gazetteer name, a number with its unit), 1–2 for weaker evidence (a short
/// name, a POI ending), and negative for fallback spans that only fill gaps.
extension ParseSession {
    // MARK: Gazetteer names

    mutating func proposePlaces() {
        for (index, hit) in hits.enumerated() {
            let start = Int(hit.start)
            let end = Int(hit.end)
            var score = Self.placeScore(level: hit.level, form: hit.bestForm) + 0.1 * Float(end - start)
                + supportBonus(hit)
            if hit.bestForm == .short {
                // A short name followed by its own level suffix: the suffixed span is the mention.
                // Followed by another level's suffix (宜宾 + 县): a different, unknown unit.
                if followedByOwnSuffix(hit) {
                    score -= 2.5
                } else if end < count, Vocabulary.adminSuffixScalars.contains(text[end]) || text[end] == 0x65D7 {
                    score -= 2.0
                }
                // An unsupported short county name outside the home region is weak evidence: it
                // more often starts a road or POI name (凤凰山脚路, 柯桥联合市场).
                if hit.level == .district, !hit.parentSupport, !hit.childSupport, !endsAdminMention(end) {
                    score -= inHomeRegion(hit) ? 0.5 : 2.2
                }
                // A short name right before a road or POI ending is usually part of that name (北京路).
                let next = categories(at: end)
                if next.contains(.roadSuffix) || (end + 1 < count && Vocabulary.directionScalars.contains(text[end])
                                                  && categories(at: end + 1).contains(.roadSuffix)) { score -= 2.0 }
                if hit.duplicate, !hit.redundantPreferred, !endsAdminMention(end) { score -= 2.0 }
                // A place name right before a zone word names the zone (德清 + 经济开发区).
                if next.contains(.devzoneSuffix) { score -= 2.5 }
                if next.contains(.poiKeyword) { score -= 0.8 }
                // An unsupported short township or community name is more often part of a POI name.
                if !hit.parentSupport, !hit.childSupport, hit.level >= .devzone { score -= 2.0 }
                // A short township name right before a POI ending is the start of that POI (东方 + 景园).
                if hit.level >= .devzone, end + 1 <= count,
                   (end + 1...min(count, end + 3)).contains(where: { hasPOIEnding(at: $0) }) {
                    score -= 1.5
                }
            }
            switch hit.level {
            case .city:
                // A municipality named once is labelled as the city (北京市东城区 → city 北京市).
                let municipality = table[hit.surfaceRange].contains { $0.isMunicipalCity }
                add(start, end, .city, score + (municipality ? 0.3 : 0), .gazetteer, hit: index)
            case .road:
                add(start, end, .road, score, .gazetteer, hit: index)
                add(start, end, .subroad, score - 0.8, .gazetteer, hit: index)
            case .poi:
                add(start, end, .poi, score, .gazetteer, hit: index)
                add(start, end, .subpoi, score - 0.6, .gazetteer, hit: index)
                add(start, end, .person, score - 1.0, .gazetteer, hit: index)
            default:
                add(start, end, hit.level.label, score, .gazetteer, hit: index)
            }
            if hit.duplicate, hit.bestForm != .short || endsAdminMention(end) {
                // The second mention of a unit is noise: as attractive as the label itself when
                // preferred, clearly less otherwise.
                add(start, end, .redundant, score - (hit.redundantPreferred ? 0.5 : 2.5), .gazetteer, hit: index)
            } else if hit.level <= .district, hit.bestForm != .short {
                // A second, different unit of a level already named (温州 … 广州市): one is noise.
                add(start, end, .redundant, score - 4.0, .gazetteer, hit: index)
            }
        }
    }

    /// Bonus for a hit whose parent or child division is also mentioned.
    func supportBonus(_ hit: PlaceHit) -> Float {
        var bonus: Float = 0
        if hit.parentSupport { bonus += hit.bestForm == .short ? 2.0 : 1.0 }
        if hit.childSupport { bonus += hit.bestForm == .short ? 1.5 : 0.8 }
        return bonus
    }

    /// Whether a POI keyword of two or more characters ends exactly at `end`.
    func hasPOIEnding(at end: Int) -> Bool {
        let from = max(0, end - 4)
        for match in lex[Int(lexFirst[from])..<Int(lexFirst[min(end, count)])]
        where Int(match.end) == end && match.end - match.start >= 2 && match.categories.contains(.poiKeyword) {
            return true
        }
        return false
    }

    /// Whether one of the hit's entries lies in the configured home region.
    func inHomeRegion(_ hit: PlaceHit) -> Bool {
        table[hit.surfaceRange].contains { home[Int($0.entry)] }
    }

    /// Whether an administrative mention ending at `end` is followed by the end of the text, a
    /// separator or another administrative name: a short name used as a name, not as the first
    /// word of a POI (宁波 + 书城).
    func endsAdminMention(_ end: Int) -> Bool {
        if end >= count || isSeparator(end) || folded.spaceBefore[end] { return true }
        return hits.contains { Int($0.start) == end && $0.level <= .town && ($0.bestForm != .short || $0.level <= .district) }
    }

    /// Whether the text right after `hit` is a suffix of the hit's own level (递铺 + 镇).
    func followedByOwnSuffix(_ hit: PlaceHit) -> Bool {
        let end = Int(hit.end)
        guard end < count else { return false }
        let next = categories(at: end)
        switch hit.level {
        case .province: return text[end] == 0x7701 || text[end] == 0x5E02                      // 省 市
        case .city: return text[end] == 0x5E02 || text[end] == 0x5DDE || text[end] == 0x76DF    // 市 州 盟
        case .district: return next.contains(.districtSuffix) || text[end] == 0x5E02
        case .town: return next.contains(.townSuffix)
        case .community: return next.contains(.communitySuffix)
        case .devzone: return next.contains(.devzoneSuffix)
        case .road, .poi: return false
        }
    }

    /// The hit of `level` covering exactly `start..<end`, if any.
    func hit(_ level: GazetteerLevel, from start: Int, to end: Int) -> Int? {
        hits.firstIndex { $0.level == level && Int($0.start) == start && Int($0.end) == end }
    }

    static func placeScore(level: GazetteerLevel, form: Gazetteer.NameForm) -> Float {
        switch (level, form) {
        case (.province, .full), (.city, .full), (.district, .full): 5
        case (.province, .alias), (.city, .alias), (.district, .alias): 4.5
        case (.province, .short), (.city, .short): 3.5
        case (.district, .short): 2.8
        case (.devzone, .full): 4
        case (.devzone, _): 2
        case (.town, .full): 4
        case (.town, .alias): 3.5
        case (.town, .short): 1.2
        case (.community, .full): 3.5
        case (.community, _): 1.5
        case (.road, .full), (.poi, .full): 4
        case (.road, _), (.poi, _): 3.5
        }
    }

    // MARK: Unknown administrative names

    mutating func proposeAdminSuffixes() {
        let adminSuffixes: Vocabulary.Category = [.townSuffix, .communitySuffix, .districtSuffix, .devzoneSuffix]
        for match in lex where !match.categories.isDisjoint(with: adminSuffixes) {
            let k = Int(match.start)
            let j = Int(match.end)
            let cats = match.categories
            if cats.contains(.townSuffix) {
                for stem in 2...5 where k - stem >= 0 && hanStem(k - stem, k) {
                    proposeSuffixed(k - stem, k, j, .town, 2.2 - 0.3 * Float(max(0, stem - 3)))
                }
            }
            if cats.contains(.communitySuffix) {
                let isNewVillage = j - k == 1 && k > 0 && text[k - 1] == 0x65B0   // 新村: a housing estate
                for stem in 2...5 where k - stem >= 0 && hanStem(k - stem, k) {
                    proposeSuffixed(k - stem, k, j, .community, (isNewVillage ? 0.3 : 1.8) - 0.3 * Float(max(0, stem - 3)))
                }
                // One-character villages: 南村, 沙村.
                if j - k == 1, text[k] == 0x6751, k >= 1, isHan(k - 1), !isNewVillage,
                   !Vocabulary.adminSuffixScalars.contains(text[k - 1]) {
                    add(k - 1, j, .community, 0.8, .suffix)
                }
            }
            if cats.contains(.districtSuffix), k >= 2, !ChineseNumeral.isNumeral(text[k - 1]) {
                if text[k - 1] == 0x65B0, j - k == 1 {
                    // 新区: a new district (浦东新区, 临城新区) or a zone (杭州湾新区).
                    for stem in 2...4 where k - 1 - stem >= 0 && hanStem(k - 1 - stem, k - 1) {
                        add(k - 1 - stem, j, .district, 1.5, .suffix)
                        add(k - 1 - stem, j, .devzone, 1.5, .suffix)
                    }
                } else if !Self.notDistrictBefore.contains(text[k - 1]) {
                    for stem in 2...3 where k - stem >= 0 && hanStem(k - stem, k) && text[k - stem] != 0x5E02 {
                        // A known name of another level before the suffix (宜宾 + 县): an unlisted county.
                        // (市辖区 is a category, hence no stem starting with 市.)
                        let known = hits.contains { Int($0.start) == k - stem && Int($0.end) == k && $0.level <= .town }
                        add(k - stem, j, .district, known ? 2.5 : 0.3, .suffix)
                    }
                }
            }
            if cats.contains(.devzoneSuffix) {
                // The bare word names the local zone: 经济开发区.
                add(k, j, .devzone, 1.5, .suffix)
                // A stem must not cut a longer zone word ending here (济 + 开发区 inside 经济开发区).
                let longest = lex.lazy.filter { Int($0.end) == j && $0.categories.contains(.devzoneSuffix) }
                    .map { Int($0.start) }.min() ?? k
                for stem in 1...8 where k - stem >= 0 && (k - stem <= longest || k == longest) && plainStem(k - stem, k)
                    && !Vocabulary.adminSuffixScalars.contains(text[k - stem]) {
                    // 经济 + 开发区 is no name; 余杭 + 经济开发区 is (a place name before the suffix).
                    if Self.isGenericDevzoneStem(text[(k - stem)..<k]) { continue }
                    let named = hits.contains { Int($0.start) == k - stem && $0.level <= .town }
                    add(k - stem, j, .devzone, 3.2 + (named ? 1.0 : 0) - 0.15 * Float(max(0, stem - 4)), .suffix)
                }
            }
        }
    }

    /// A name `start..<stemEnd` with its level suffix up to `end`. When the stem is a known short
    /// name of that level (递铺 + 镇), the span takes the name's entries and support.
    mutating func proposeSuffixed(_ start: Int, _ stemEnd: Int, _ end: Int, _ level: GazetteerLevel, _ score: Float) {
        if let known = hit(level, from: start, to: stemEnd) {
            add(start, end, level.label, max(score, 3.0) + supportBonus(hits[known]), .gazetteer, hit: known)
        } else {
            add(start, end, level.label, score, .suffix)
        }
    }

    /// Words that qualify a development zone without naming it.
    static let genericDevzoneStems = ["经济", "经济技术", "技术", "高新", "高新技术", "高新技术产业", "工业", "产业",
                                      "科技", "出口", "综合", "旅游"]
    static let genericDevzoneStemScalars = genericDevzoneStems.map { $0.unicodeScalars.map(\.value) }

    /// Whether `stem` is one of ``genericDevzoneStems`` under `String` equality. Scalars of the
    /// CJK Unified Ideographs block never decompose, so for them comparing scalars is exact; anything
    /// else (a compatibility ideograph such as U+F983 旅) takes the string comparison.
    static func isGenericDevzoneStem(_ stem: ArraySlice<UInt32>) -> Bool {
        if stem.allSatisfy({ (0x4E00...0x9FFF).contains($0) }) {
            return genericDevzoneStemScalars.contains { $0.elementsEqual(stem) }
        }
        return genericDevzoneStems.contains(String(scalars: stem))
    }

    /// Characters before 区/县 that make a non-district word: 小区, 园区, 工业区, 景区, 社区 …
    static let notDistrictBefore = ScalarSet("小园业景城社校厂片街商宅活能厦场期苑院矿军营发")

    /// `start..<end` is all Han characters (no digits, letters or separators).
    func hanStem(_ start: Int, _ end: Int) -> Bool {
        for i in start..<end where !isHan(i) { return false }
        return true
    }

    /// `start..<end` holds no separator (digits and letters allowed).
    func plainStem(_ start: Int, _ end: Int) -> Bool {
        for i in start..<end where isSeparator(i) { return false }
        return true
    }

    // MARK: Roads

    /// Named village groups (村民小组): 田陀组, 公鸡岭组. Numbered ones (5组) come with the numbers.
    mutating func proposeVillageGroups() {
        for match in lex where match.categories.contains(.groupUnit) {
            let k = Int(match.start)
            guard k > 0, text[Int(match.end) - 1] == 0x7EC4, isHan(k - 1), !ChineseNumeral.isNumeral(text[k - 1]) else { continue }   // …组
            for stem in 1...3 where k - stem >= 0 && hanStem(k - stem, k) {
                add(k - stem, Int(match.end), .road, 1.8 - 0.2 * Float(stem - 1), .suffix)
            }
        }
    }

    mutating func proposeRoads() {
        // Longest administrative name starting at each position (its end), for road stems.
        placeStart = [Int](filled: 0, count: count + 1)
        for hit in hits where hit.level <= .community
            && (hit.level <= .district || hit.bestForm != .short || hit.parentSupport || hit.childSupport) {
            placeStart[Int(hit.start)] = max(placeStart[Int(hit.start)], Int(hit.end))
        }
        for match in lex where !match.categories.isDisjoint(with: [.roadSuffix, .weakRoadSuffix]) {
            let k = Int(match.start)
            let j = Int(match.end)
            guard k > 0 else { continue }
            let suffix = text[k..<j]
            let strong = match.categories.contains(.roadSuffix)
            var base: Float = strong ? 3.0 : 1.0
            var minimumStem = 1
            var numberedRoad = false   // 国道 and friends take digit stems: 320国道, G104
            switch Self.roadSuffixKind(suffix) {
            case .major: base = 3.2
            case .street:
                if j < count, text[j] == 0x9053 { continue }   // 街道 is a township
                base = 2.5
            case .lane: base = 2.8
            case .numbered: numberedRoad = true
            case .way:
                if text[k - 1] == 0x8857 || text[k - 1] == 0x5927 { continue }   // 街道, 大道
                base = 1.2
            case .alley:
                if Vocabulary.isDigit(text[k - 1]) || ChineseNumeral.isNumeral(text[k - 1]) { continue }
                base = 1.5
            case .series:
                // Beijing hutong series: 东四十条, 北新桥三条, 头条.
                guard ChineseNumeral.isNumeral(text[k - 1]) || text[k - 1] == 0x5934 else { continue }
                base = 2.6
                minimumStem = 2
            case .section:
                // A section of a named road: 人民路一段.
                guard k >= 3, ChineseNumeral.isNumeral(text[k - 1]),
                      Self.roadEndScalars.contains(text[k - 2]) else { continue }
                base = 3.0
                minimumStem = 3
            case .li: base = 0.8
            case .line: base = 1.0
            case .other: base = strong ? 3.0 : 0.5
            }
            for stem in minimumStem...8 {
                let i = k - stem
                guard i >= 0 else { break }
                if isSeparator(i) { break }
                // A numbered lane right after a road is that road's side lane: 银兴路 + 五巷, 林南路 + 一巷.
                if stem <= 3, i > 0, Self.roadEndScalars.contains(text[i - 1]),
                   (i..<k).allSatisfy({ Vocabulary.isDigit(text[$0]) || ChineseNumeral.isNumeral(text[$0]) }) {
                    add(i, j, .subroad, 3.2, .suffix)
                    add(i, j, .road, 1.5, .suffix)
                    continue
                }
                guard var penalty = roadStemPenalty(i, k, numbered: numberedRoad) else { continue }
                // A long stem that starts with a place name (下沙 + 月雅路) is a place and a road.
                if stem >= 4, placeStart[i] > i + 1, placeStart[i] <= k - 2 { penalty += 1.0 }
                let score = base + Self.roadLengthPrior(stem) - penalty
                add(i, j, .road, score, .suffix)
                add(i, j, .subroad, score - 1.0, .suffix)
            }
        }
    }

    /// The road suffixes with rules of their own.
    enum RoadSuffixKind {
        case other, major, street, lane, numbered, way, alley, series, section, li, line
    }

    /// The suffixes with rules of their own, as scalars.
    static let roadSuffixKinds: [(word: [UInt32], kind: RoadSuffixKind)] = {
        let kinds: [(String, RoadSuffixKind)] = [
            ("大街", .major), ("大道", .major), ("胡同", .major), ("国道", .numbered), ("省道", .numbered),
            ("县道", .numbered), ("乡道", .numbered), ("高速", .numbered), ("高速公路", .numbered),
        ]
        return kinds.map { ($0.0.unicodeScalars.map(\.value), $0.1) }
    }()

    /// The kind of a road suffix matched by the lexicon (so its scalars are exactly a lexicon
    /// word's: comparing scalars is comparing strings).
    static func roadSuffixKind(_ suffix: ArraySlice<UInt32>) -> RoadSuffixKind {
        if suffix.count == 1 {
            switch suffix.first! {
            case 0x8857: return .street    // 街
            case 0x5DF7: return .lane      // 巷
            case 0x9053: return .way       // 道
            case 0x5F04: return .alley     // 弄
            case 0x6761: return .series    // 条
            case 0x6BB5: return .section   // 段
            case 0x91CC: return .li        // 里
            case 0x7EBF: return .line      // 线
            default: return .other
            }
        }
        return roadSuffixKinds.first { $0.word.elementsEqual(suffix) }?.kind ?? .other
    }

    /// 路 街 道 巷: the end of a road name, before a section number.
    static let roadEndScalars = ScalarSet("路街道巷")

    static func roadLengthPrior(_ stem: Int) -> Float {
        switch stem {
        case 1: -0.6
        case 2, 3: 0.3
        case 4: -0.1
        case 5: -0.5
        default: -1.0 - 0.5 * Float(stem - 6)
        }
    }

    /// Penalty for a road stem `start..<end`, or nil when it cannot be a road name.
    func roadStemPenalty(_ start: Int, _ end: Int, numbered: Bool) -> Float? {
        var penalty: Float = 0
        var hasNameCharacter = false
        for i in start..<end {
            let s = text[i]
            if Vocabulary.separatorScalars.contains(s) { return nil }
            if s == 0x53F7 {
                // 号 belongs to a door number, except in numbered streets: 12号大街, 128号路.
                guard i == end - 1, i > start, (start..<i).allSatisfy({ Vocabulary.isDigit(text[$0]) }) else { return nil }
                return penalty
            }
            if Vocabulary.isHan(s) {
                if !Vocabulary.directionScalars.contains(s), !ChineseNumeral.isNumeral(s) { hasNameCharacter = true }
                if Vocabulary.adminSuffixScalars.contains(s) { penalty += i == start && s == 0x5E02 ? 0.3 : 1.2 }
                if Self.roadEndScalars.contains(s), i < end - 1 { penalty += 0.8 }
            } else if !Vocabulary.isAlphanumeric(s) {
                return nil
            }
        }
        if numbered { return penalty }
        if !hasNameCharacter {
            // 北路, 三路 alone are not names; a numeral series needs two characters (东四 + 十条).
            guard end - start >= 2, Vocabulary.isHan(text[start]) else { return nil }
            penalty += 0.5
        }
        if Vocabulary.isDigit(text[start]) { penalty += 1.0 }
        return penalty
    }

    // MARK: Numbers

    mutating func proposeNumbers() {
        var i = 0
        while i < count {
            let s = text[i]
            if Vocabulary.isAlphanumeric(s), i == 0 || !isAlnum(i - 1) {
                var r = i
                while r < count, isAlnum(r) { r += 1 }
                proposeNumber(start: i, coreEnd: r, chinese: false)
                i = r
                continue
            }
            if ChineseNumeral.isNumeral(s), i == 0 || !ChineseNumeral.isNumeral(text[i - 1]) {
                var r = i
                while r < count, ChineseNumeral.isNumeral(text[r]) { r += 1 }
                if ChineseNumeral.value(text[i..<r]) != nil {
                    proposeNumber(start: i, coreEnd: r, chinese: true)
                }
                i = r
                continue
            }
            i += 1
        }
        proposeBasements()
    }

    /// Candidates for the number core `start..<coreEnd` (an ASCII run or a numeral run), with
    /// and without a unit, a prefix (甲) and a range or list continuation.
    mutating func proposeNumber(start: Int, coreEnd: Int, chinese: Bool) {
        let prefixed = start > 0 && HouseNumber.prefixScalars.contains(text[start - 1])
        // Each core is proposed as soon as it is found (no list of cores to allocate).
        proposeNumberCore(start: start, end: coreEnd, chinese: chinese, joint: false, prefixed: prefixed)
        var coreCount = 1
        // Range or list: 4-22, 12之3, 60、76、78.
        var end = coreEnd
        while end + 1 < count, HouseNumber.rangeScalars.contains(text[end]) || HouseNumber.listScalars.contains(text[end]) {
            var next = end + 1
            if chinese {
                while next < count, ChineseNumeral.isNumeral(text[next]) { next += 1 }
            } else {
                while next < count, Vocabulary.isDigit(text[next]) { next += 1 }
                if next < count, isAlnum(next) { break }
            }
            guard next > end + 1 else { break }
            // A dash joins a range (4-22号: the second number is larger). 922-4号 is a door and a
            // sub-number, two components (NCAP writes roadno 922, houseno 4号); 之 always joins.
            if text[end] == 0x2D, coreCount == 1, !chinese,
               let first = Self.digitValue(text[start..<coreEnd]), let second = Self.digitValue(text[(end + 1)..<next]),
               second <= first { break }
            end = next
            proposeNumberCore(start: start, end: end, chinese: chinese, joint: true, prefixed: prefixed)
            coreCount += 1
            if coreCount > 6 { break }
        }
    }

    /// The number `start..<end` bare and with each unit that follows it; `joint`: the end of a
    /// range or list.
    mutating func proposeNumberCore(start: Int, end: Int, chinese: Bool, joint: Bool, prefixed: Bool) {
        if !chinese, !joint {
            proposeBareNumber(start: start, end: end, prefixed: prefixed)
        }
        for unit in lexMatches(at: end) where !unit.categories.isDisjoint(with: Vocabulary.Category.numberUnits) {
            proposeUnit(start: start, coreEnd: end, unit: unit, chinese: chinese, joint: joint, prefixed: prefixed)
        }
    }

    /// The value of a run of ASCII digits (letters make it nil).
    static func digitValue(_ scalars: ArraySlice<UInt32>) -> Int? {
        guard !scalars.isEmpty, scalars.count <= 9 else { return nil }
        var value = 0
        for scalar in scalars {
            guard Vocabulary.isDigit(scalar) else { return nil }
            value = value * 10 + Int(scalar - 0x30)
        }
        return value
    }

    mutating func proposeBareNumber(start: Int, end: Int, prefixed: Bool) {
        var digits = 0
        var letters = 0
        for i in start..<end { if Vocabulary.isDigit(text[i]) { digits += 1 } else { letters += 1 } }
        if letters == 0 {
            add(start, end, .roadno, 0.3, .number)
            add(start, end, .houseno, 0.4, .number)
            add(start, end, .cellno, 0.1, .number)
            add(start, end, .roomno, digits >= 3 ? 1.0 : 0.5, .number)
            add(start, end, .subroadno, -0.5, .number)
            if prefixed { add(start - 1, end, .roadno, 1.8, .number) }
        } else if digits == 0 {
            if letters <= 2 {
                add(start, end, .houseno, 0.6, .number)
                add(start, end, .cellno, 0.0, .number)
                add(start, end, .roomno, -0.3, .number)
            }
        } else {
            add(start, end, .houseno, 0.5, .number)
            add(start, end, .roomno, 0.5, .number)
        }
    }

    mutating func proposeUnit(start: Int, coreEnd: Int, unit: LexMatch, chinese: Bool, joint: Bool, prefixed: Bool) {
        let end = Int(unit.end)
        let cats = unit.categories
        let adjust: Float = (chinese ? -0.2 : 0) + (joint ? 0.4 : 0)
        func propose(_ label: AddressLabel, _ score: Float) {
            add(start, end, label, score + adjust, .number)
            if prefixed { add(start - 1, end, label, score + adjust + 0.3, .number) }
        }
        if cats.contains(.roadNumberUnit) {
            if end - coreEnd == 1 {   // 号
                let short = coreEnd - start <= 2
                propose(.roadno, 2.4)
                propose(.subroadno, 1.4)
                propose(.houseno, 1.3)
                propose(.cellno, short ? 1.0 : 0.8)
                propose(.roomno, short ? 1.1 : 1.3)
            } else {                  // 号院, 号门
                propose(.roadno, 2.8)
                propose(.houseno, 1.0)
            }
        }
        if cats.contains(.laneUnit) { propose(.roadno, 2.6) }
        if cats.contains(.buildingUnit) { propose(.houseno, 3.2) }
        if cats.contains(.entranceUnit) {
            // 单元 (unit) is certain; 梯 (stair) and 门 (entrance) less so.
            let first = text[coreEnd]
            propose(.cellno, first == 0x5355 ? 3.5 : first == 0x68AF ? 1.5 : 1.2)
        }
        if cats.contains(.floorUnit) { propose(.floorno, 3.2) }
        if cats.contains(.ambiguousUnit) {
            propose(.floorno, 2.2)
            propose(.houseno, 1.8)
        }
        if cats.contains(.roomUnit) { propose(.roomno, 3.2) }
        if cats.contains(.groupUnit) { propose(.road, 2.6) }
        if cats.contains(.zoneUnit) {
            propose(.subpoi, 2.0)
            propose(.poi, 0.8)
        }
        if cats.contains(.phaseUnit) {
            propose(.subpoi, 1.2)
            propose(.poi, 0.5)
        }
        if cats.contains(.distanceUnit) {
            propose(.assist, 2.0)
            // 向东150米, 往北50米: the direction and the distance are one position phrase.
            for match in lex where Int(match.end) == start && match.categories.contains(.assistWord) {
                add(Int(match.start), end, .assist, 4.0, .number)
            }
        }
    }

    /// 地下一层, 负2楼, B1层: basement floors.
    mutating func proposeBasements() {
        for match in lex where match.categories.contains(.floorPrefix) {
            let k = Int(match.start)
            var r = Int(match.end)
            let numberStart = r
            while r < count, Vocabulary.isDigit(text[r]) || ChineseNumeral.isNumeral(text[r]) { r += 1 }
            guard r > numberStart else { continue }
            for unit in lexMatches(at: r) where !unit.categories.isDisjoint(with: [.floorUnit, .ambiguousUnit]) {
                add(k, Int(unit.end), .floorno, 3.4, .number)
            }
        }
    }

    // MARK: Keywords

    /// Marks positions that unknown names do not run across: the start of a number with its
    /// unit (6楼, 二十三号, 200米) and of a position or noise word of two characters or more.
    mutating func markBarriers() {
        barrier = [Bool](filled: false, count: count + 1)
        for match in lex where match.end - match.start >= 2
            && !match.categories.isDisjoint(with: [.assistWord, .noiseWord, .crossing]) {
            barrier[Int(match.start)] = true
        }
        var i = 0
        while i < count {
            let digit = Vocabulary.isDigit(text[i])
            guard digit || ChineseNumeral.isNumeral(text[i]) else { i += 1; continue }
            var r = i
            while r < count, digit ? Vocabulary.isDigit(text[r]) : ChineseNumeral.isNumeral(text[r]) { r += 1 }
            if r < count, !categories(at: r).isDisjoint(with: Vocabulary.Category.numberUnits),
               digit || ChineseNumeral.value(text[i..<r]) != nil {
                barrier[i] = true
            }
            i = r
        }
    }

    mutating func proposeKeywords() {
        for match in lex {
            let k = Int(match.start)
            let j = Int(match.end)
            let cats = match.categories
            let length = j - k
            if cats.contains(.country) { add(k, j, .country, 4.0, .keyword) }
            if cats.contains(.noiseWord) { add(k, j, .redundant, 2.0, .keyword) }
            if cats.contains(.assistWord) {
                add(k, j, .assist, length >= 2 ? 1.4 + 0.2 * Float(min(length, 4) - 2) : 0.3, .keyword)
            }
            if cats.contains(.weakAssistWord) { add(k, j, .assist, -1.0, .keyword) }
            // 东单元, 西单元: an entrance named by its side.
            if cats.contains(.entranceUnit), k > 0, text[k] == 0x5355, Vocabulary.directionScalars.contains(text[k - 1]) {
                add(k - 1, j, .cellno, 3.0, .number)
            }
            if cats.contains(.connector) { add(k, j, .assist, 0.2, .keyword) }
            if cats.contains(.crossing) { add(k, j, .assist, 1.5, .keyword) }
            if cats.contains(.subpoiWord) {
                add(k, j, .subpoi, 1.8, .keyword)
                add(k, j, .person, 0.3, .keyword)
            }
            if cats.contains(.organisation), length >= 2 { add(k, j, .person, 0.5, .keyword) }
            if !cats.isDisjoint(with: [.poiKeyword, .weakPoiKeyword]) {
                proposeNamedPlace(keywordStart: k, end: j, strong: cats.contains(.poiKeyword),
                                  organisation: cats.contains(.organisation))
            }
        }
        // 一 typed as a dash between digits: 3一12一1101.
        for i in 1..<max(1, count - 1) where text[i] == 0x4E00 && Vocabulary.isDigit(text[i - 1]) && Vocabulary.isDigit(text[i + 1]) {
            add(i, i + 1, .redundant, 1.0, .keyword)
        }
        // Separator runs.
        var i = 0
        while i < count {
            if isSeparator(i) {
                var r = i
                while r < count, isSeparator(r) { r += 1 }
                add(i, r, .redundant, 0.3, .keyword)
                i = r
            } else {
                i += 1
            }
        }
    }

    /// POI spans ending in a keyword (…大厦, …小区), optionally followed by a bracketed branch name.
    mutating func proposeNamedPlace(keywordStart k: Int, end j: Int, strong: Bool, organisation: Bool) {
        var bracketEnd: Int? = nil
        if j < count, text[j] == 0x28 || text[j] == 0xFF08 {   // ( （
            var close = j + 1
            while close < count, close - j < 14, text[close] != 0x29, text[close] != 0xFF09 { close += 1 }
            if close < count, close - j < 14 { bracketEnd = close + 1 }
        }
        let base: Float = strong ? 1.6 : 0.5
        for stem in 1...10 {
            let i = k - stem
            guard i >= 0, !isSeparator(i) else { break }
            // Names do not run across a number with its unit (200米, 6楼) or a position word (旁边).
            if i + 1 < k, barrier[i + 1] { break }
            // Two-character names on a one-character ending (花 + 园) are rare.
            var prior: Float = stem == 1 ? (j - k == 1 ? -1.5 : -0.5) : stem <= 6 ? 0 : -0.1 * Float(stem - 6)
            if Vocabulary.isDigit(text[i]) { prior -= 1.0 }
            // The keyword's end, then the bracket's (no array of ends to allocate).
            var end = j
            while true {
                let score = base + prior + (end > j ? 0.3 : 0)
                add(i, end, .poi, score, .keyword)
                add(i, end, .subpoi, score - 1.2, .keyword)
                if organisation { add(i, end, .person, score - 0.4, .keyword) }
                guard end == j, let next = bracketEnd else { break }
                end = next
            }
        }
    }

    // MARK: Fallback

    /// Low-scored spans so that any text has a reading: unknown names as poi, subpoi or person;
    /// separators as redundant; symbols (emoji, marks) as otherinfo.
    ///
    /// With `restricted` (the first try), a fallback span starts only where some other candidate
    /// ends (or at the start) and ends only where a word, name, number or likely road starts (or
    /// at the end, or at its longest): between those points nothing else could begin anyway, and
    /// it keeps the lattice small. If that leaves the text uncovered, the parse is redone without
    /// the restriction.
    mutating func proposeFallbacks(restricted: Bool) {
        var leftAnchor = [Bool](filled: !restricted, count: count + 1)
        var rightAnchor = [Bool](filled: !restricted, count: count + 1)
        if restricted {
            leftAnchor[0] = true
            rightAnchor[count] = true
            for candidate in candidates {
                leftAnchor[Int(candidate.end)] = true
                // Flexible starts (roads, POI stems) only anchor where the name is short.
                let start = Int(candidate.start)
                switch candidate.evidence {
                case .gazetteer, .number: rightAnchor[start] = true
                case .suffix where candidate.label == AddressLabel.road.index:
                    if let k = roadSuffixStart(candidate), (2...3).contains(k - start) { rightAnchor[start] = true }
                default: break
                }
            }
            // Words that begin a component (not suffixes and keywords, which end names).
            let beginners: Vocabulary.Category = [.assistWord, .weakAssistWord, .noiseWord, .country, .subpoiWord,
                                                  .connector, .crossing, .numberPrefix, .floorPrefix, .organisation]
            for match in lex where !match.categories.isDisjoint(with: beginners) { rightAnchor[Int(match.start)] = true }
            for i in 0..<count where isSeparator(i) || folded.spaceBefore[i] || !(isHan(i) || isAlnum(i)) {
                rightAnchor[i] = true
                leftAnchor[i] = true
                leftAnchor[i + 1] = true
            }
        }
        for i in 0..<count {
            if isSeparator(i) {
                add(i, i + 1, .redundant, -0.2, .context)
                continue
            }
            if !isHan(i), !isAlnum(i) {
                var r = i
                while r < count, !isHan(r), !isAlnum(r), !isSeparator(r) { r += 1 }
                add(i, r, .otherinfo, 0, .context)
                add(i, i + 1, .otherinfo, -0.5, .context)
                continue
            }
            if i > 0, isAlnum(i - 1), isAlnum(i) { continue }
            guard leftAnchor[i] else { continue }
            var j = i
            while j < count, j - i < 10 {
                if isSeparator(j) || (!isHan(j) && !isAlnum(j)) || (j > i && barrier[j]) { break }
                j += 1
                if j < count, isAlnum(j - 1), isAlnum(j) { continue }
                let longest = j - i == 10
                if !rightAnchor[j], !longest { continue }
                if longest { leftAnchor[j] = true }   // a long gap continues from here
                addFallbackSpan(i, j)
            }
            // An ASCII run longer than the window still needs a reading.
            if isAlnum(i), j - i >= 10 {
                var r = i
                while r < count, isAlnum(r) { r += 1 }
                add(i, r, .otherinfo, -1.0, .context)
                leftAnchor[r] = true
            }
        }
    }

    /// Where the suffix of a road candidate begins: the last road-suffix word ending at its end.
    func roadSuffixStart(_ candidate: Candidate) -> Int? {
        let end = Int(candidate.end)
        var best: Int? = nil
        for match in lex where Int(match.end) == end
            && !match.categories.isDisjoint(with: [.roadSuffix, .weakRoadSuffix]) {
            best = max(best ?? 0, Int(match.start))
        }
        return best
    }
}
