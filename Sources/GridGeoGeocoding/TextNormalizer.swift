/// Width and whitespace folding, and number-slot numeral conversion, for typed addresses.
///
/// Two steps, kept apart on purpose:
/// 1. ``fold(_:)`` maps full-width ASCII (`０-９`, `Ａ-Ｚ`, `－`) to half-width, upper-cases Latin
///    letters, maps a few traditional unit characters (號 樓 區 …) to simplified, unifies dashes
///    and drops whitespace. It never changes a Chinese character, so every name survives.
/// 2. ``normalize(_:)`` also writes Chinese numerals as digits, but **only in number slots**: a
///    numeral run directly followed by a unit (号, 号院, 号楼, 栋, 幢, 单元, 层, 室, 户, 弄),
///    optionally after a 甲/乙/丙/丁/附/临 prefix. 九号 → 9号 and 十二单元 → 12单元, while
///    东四十条, 三里屯, 十字坡 and 二环路 stay as written.
///
/// ``AddressParser`` goes further: it converts numerals only inside components it labelled as
/// numbers (see ``ParsedAddress/normalized``), after names have been matched.
public enum TextNormalizer {
    /// `text` with full-width ASCII folded to half-width, Latin letters upper-cased, dashes
    /// unified to `-`, traditional unit characters simplified and whitespace removed.
    ///
    ///     TextNormalizer.fold("珠市口东大街甲１６")   // "珠市口东大街甲16"
    ///     TextNormalizer.fold("４－２２号 附近")      // "4-22号附近"
    public static func fold(_ text: String) -> String {
        let folded = FoldedText(text)
        return String(scalars: folded.scalars[...])
    }

    /// ``fold(_:)`` plus numeral conversion inside number slots.
    ///
    ///     TextNormalizer.normalize("净土胡同九号")   // "净土胡同9号"
    ///     TextNormalizer.normalize("东四十条")       // "东四十条"
    public static func normalize(_ text: String) -> String {
        let folded = FoldedText(text).scalars
        var out: [UInt32] = []
        out.reserveCapacity(folded.count)
        var i = 0
        while i < folded.count {
            // A numeral run starting here, not continuing a run that began earlier.
            if ChineseNumeral.isNumeral(folded[i]), i == 0 || !ChineseNumeral.isNumeral(folded[i - 1]) {
                var j = i
                while j < folded.count, ChineseNumeral.isNumeral(folded[j]) { j += 1 }
                if Vocabulary.numberSlotUnitLength(folded, at: j) > 0,
                   let value = ChineseNumeral.value(folded[i..<j]) {
                    out.append(contentsOf: String(value).unicodeScalars.map(\.value))
                    i = j
                    continue
                }
                out.append(contentsOf: folded[i..<j])
                i = j
                continue
            }
            out.append(folded[i])
            i += 1
        }
        return String(scalars: out[...])
    }

    /// The folded form of one scalar, or `nil` to drop it (whitespace and invisible format marks).
    static func fold(scalar value: UInt32) -> UInt32? {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200D, 0x2028, 0x2029, 0x202F, 0x205F,
             0x2060, 0x3000, 0xFEFF:
            return nil
        case 0xFF01...0xFF5E:                         // full-width ASCII
            return fold(scalar: value - 0xFEE0)
        case 0x61...0x7A:                              // a-z
            return value - 0x20
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63:  // dashes and minus signs
            return 0x2D
        case 0x865F: return 0x53F7                     // 號 → 号
        case 0x6A13: return 0x697C                     // 樓 → 楼
        case 0x5340: return 0x533A                     // 區 → 区
        case 0x7E23: return 0x53BF                     // 縣 → 县
        case 0x55AE: return 0x5355                     // 單 → 单
        case 0x5C64: return 0x5C42                     // 層 → 层
        case 0x68DF: return 0x680B                     // 棟 → 栋
        case 0x93AE: return 0x9547                     // 鎮 → 镇
        case 0x9109: return 0x4E61                     // 鄉 → 乡
        default:
            return value
        }
    }
}

/// A folded address: scalars after ``TextNormalizer/fold(_:)``, each with the offset of the
/// input scalar it came from, and whether whitespace preceded it (a typed boundary hint).
struct FoldedText: Sendable {
    var scalars: [UInt32] = []
    /// `origin[k]` is the offset, in `input.unicodeScalars`, of folded scalar `k`.
    var origin: [Int32] = []
    /// `spaceBefore[k]` is true when whitespace was dropped just before folded scalar `k`.
    var spaceBefore: [Bool] = []
    /// Number of scalars in the input.
    var inputCount = 0
    /// Whether folding replaced any kept scalar (widths, case, dashes, traditional units); when
    /// not, a span without dropped whitespace reads exactly as typed.
    var replacedScalars = false

    init(_ text: String) {
        let approximate = text.utf8.count
        scalars.reserveCapacity(approximate)
        origin.reserveCapacity(approximate)
        spaceBefore.reserveCapacity(approximate)
        var offset = 0
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if let folded = TextNormalizer.fold(scalar: scalar.value) {
                scalars.append(folded)
                if folded != scalar.value { replacedScalars = true }
                origin.append(Int32(offset))
                spaceBefore.append(pendingSpace)
                pendingSpace = false
            } else {
                pendingSpace = true
            }
            offset += 1
        }
        inputCount = offset
    }
}

extension String {
    /// A string from Unicode scalar values; invalid values become U+FFFD.
    init(scalars: ArraySlice<UInt32>) {
        // Encode to UTF-8 in one buffer: much faster than appending scalar by scalar.
        self = String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var count = 0
            for value in scalars {
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                for byte in UTF8.encode(scalar)! {
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }
}
