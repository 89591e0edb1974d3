/// A door, building, unit, floor or room number as structure, so numbers are compared as values and
/// never as strings.
///
/// | written      | prefix | numbers   | range   | sub | letter | unit |
/// |--------------|--------|-----------|---------|-----|--------|------|
/// | `9号`        |        | [9]       |         |     |        | 号   |
/// | `甲16`       | 甲     | [16]      |         |     |        |      |
/// | `4-22号`     |        | [4, 22]   | 4...22  |     |        | 号   |
/// | `60、76号`   |        | [60, 76]  |         |     |        | 号   |
/// | `12之3号`    |        | [12]      |         | 3   |        | 号   |
/// | `2648-117号` |        | [2648]    |         | 117 |        | 号   |
/// | `35A`        |        | [35]      |         |     | A      |      |
/// | `B座`        |        | []        |         |     | B      | 座   |
/// | `二单元`     |        | [2]       |         |     |        | 单元 |
/// | `地下一层`   | 地下   | [-1]      |         |     |        | 层   |
///
/// `N-M` with M greater than N is read as a range (17-19号: either door); with M not greater, as a
/// sub-number (12-3号 = door 12, sub-number 3), as is `N之M`.
public struct HouseNumber: Sendable, Hashable, CustomStringConvertible {
    /// 甲, 乙, 丙, 丁 (sub-numbers A–D), 附 (annex), 临 (temporary), or 地下/负 for basements.
    public var prefix: String?
    /// The numbers as written: one for `9号`, both endpoints for `4-22号`, every item of a list.
    public var numbers: [Int]
    /// Set for a range such as `4-22号`.
    public var range: ClosedRange<Int>?
    /// The sub-number of `12之3号` or `12-3号`.
    public var sub: Int?
    /// A letter beside the number: `35A`, `B座`, `D7`.
    public var letter: String?
    /// The unit word as written after the number: 号, 号院, 弄, 栋, 单元, 层, 室 …; `nil` when bare.
    public var unit: String?

    public init(prefix: String? = nil, numbers: [Int], range: ClosedRange<Int>? = nil, sub: Int? = nil,
                letter: String? = nil, unit: String? = nil) {
        self.prefix = prefix
        self.numbers = numbers
        self.range = range
        self.sub = sub
        self.letter = letter
        self.unit = unit
    }

    /// Parses a number component such as `甲１６号`, `4-22号`, `60、76号`, `十二单元`, `B座`.
    /// Returns `nil` when the text holds neither a number nor a letter.
    public init?(parsing text: String) {
        let folded = FoldedText(text).scalars
        self.init(scalars: folded[...])
    }

    /// Whether door `number` is covered: inside the range, or equal to one of the numbers.
    public func contains(_ number: Int) -> Bool {
        if let range { return range.contains(number) }
        return numbers.contains(number)
    }

    /// The number with Arabic digits: `甲16号`, `4-22号`, `60、76号`, `12之3号`, `地下-1层`.
    public var description: String {
        var text = prefix ?? ""
        // Basement floors carry their sign in the prefix: 地下1层 is floor -1.
        let basement = prefix == "地下" || prefix == "负"
        if let range {
            text += "\(range.lowerBound)-\(range.upperBound)"
        } else {
            text += numbers.map { String(basement ? abs($0) : $0) }.joined(separator: "、")
        }
        if let sub { text += "之\(sub)" }
        if let letter { text += letter }
        if let unit { text += unit }
        return text
    }

    /// Parses folded scalars; see ``init(parsing:)``.
    init?(scalars: ArraySlice<UInt32>) {
        var i = scalars.startIndex
        let end = scalars.endIndex
        var prefix: String? = nil
        var negative = false

        // Basement floors: 地下一层, 负2楼.
        for (word, key) in Self.basementPrefixes where scalars[i...].starts(with: key) {
            prefix = word
            negative = true
            i += key.count
            break
        }
        if prefix == nil, i < end, Self.prefixScalars.contains(scalars[i]), i + 1 < end,
           Vocabulary.isDigit(scalars[i + 1]) || ChineseNumeral.isNumeral(scalars[i + 1]) {
            prefix = String(scalars: scalars[i...i])
            i += 1
        }

        var numbers: [Int] = []
        var letter: String? = nil
        var range: ClosedRange<Int>? = nil
        var sub: Int? = nil

        /// Reads one number (digits or a Chinese numeral run) at `i`.
        func readNumber() -> Int? {
            var j = i
            if j < end, Vocabulary.isDigit(scalars[j]) {
                var value = 0
                while j < end, Vocabulary.isDigit(scalars[j]) {
                    if value < 100_000_000 { value = value * 10 + Int(scalars[j] - 0x30) }
                    j += 1
                }
                i = j
                return value
            }
            while j < end, ChineseNumeral.isNumeral(scalars[j]) { j += 1 }
            guard j > i, let value = ChineseNumeral.value(scalars[i..<j]) else { return nil }
            i = j
            return value
        }
        /// Reads one Latin letter at `i` (a 35A suffix or a B座 building letter).
        func readLetter() -> String? {
            guard i < end, Vocabulary.isLatin(scalars[i]) else { return nil }
            var j = i
            while j < end, Vocabulary.isLatin(scalars[j]), j - i < 3 { j += 1 }
            let letters = String(scalars: scalars[i..<j])
            i = j
            return letters
        }

        letter = readLetter()
        if let first = readNumber() {
            numbers.append(first)
            if letter == nil { letter = readLetter() }
            // Range or sub-number: 4-22, 12之3, 17~19, 17至19.
            if i + 1 < end, Self.rangeScalars.contains(scalars[i]) {
                let save = i
                let isZhi = scalars[i] == 0x4E4B    // 之
                i += 1
                if let second = readNumber() {
                    if !isZhi, second > first {
                        numbers.append(second)
                        range = first...second
                    } else {
                        sub = second
                    }
                } else {
                    i = save
                }
            }
            // Lists: 60、76号, 13、14、15号.
            while range == nil, sub == nil, i + 1 < end, Self.listScalars.contains(scalars[i]) {
                let save = i
                i += 1
                guard let next = readNumber() else { i = save; break }
                numbers.append(next)
            }
        }
        guard !numbers.isEmpty || letter != nil else { return nil }
        if negative { numbers = numbers.map { -$0 } }
        let unit = i < end ? String(scalars: scalars[i..<end]) : nil
        self.init(prefix: prefix, numbers: numbers, range: range, sub: sub, letter: letter, unit: unit)
    }

    /// Basement prefixes with their scalars.
    static let basementPrefixes: [(word: String, scalars: [UInt32])] = ["地下", "负"].map { ($0, $0.unicodeScalars.map(\.value)) }

    /// 甲 乙 丙 丁 附 临.
    static let prefixScalars = ScalarSet("甲乙丙丁附临")
    /// - 之 ~ 至 到 (after folding, every dash is `-`).
    static let rangeScalars = ScalarSet("-之~至到")
    /// 、 , / and 及 between list items.
    static let listScalars = ScalarSet("、,，/及")
}
