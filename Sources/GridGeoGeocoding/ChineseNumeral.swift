/// Chinese numerals as written in addresses: 九, 十六, 二十三, 一百零五, 两千, and positional
/// strings such as 一〇五 (= 105) or 二三 (= 23).
///
/// Only the value of a numeral run is computed here. Whether a run *is* a number, rather than part
/// of a name such as 东四十条 or 三里屯, is decided by the caller (number slots only).
public enum ChineseNumeral {
    /// The value of `text`, or `nil` when it is not a well-formed Chinese numeral (empty, a lone
    /// 百 or 千, 十十, or longer than 12 characters).
    ///
    ///     ChineseNumeral.value(of: "二十三")   // 23
    ///     ChineseNumeral.value(of: "一〇五")   // 105
    ///     ChineseNumeral.value(of: "三里")     // nil
    public static func value(of text: some StringProtocol) -> Int? {
        let scalars = text.unicodeScalars.map(\.value)
        return value(scalars[...])
    }

    /// Whether `scalar` can occur in a Chinese numeral.
    static func isNumeral(_ scalar: UInt32) -> Bool {
        digit(scalar) != nil || multiplier(scalar) != nil
    }

    /// The digit value of 〇/零, 一 … 九 and 两 (also the financial forms 壹 … 玖).
    static func digit(_ scalar: UInt32) -> Int? {
        switch scalar {
        case 0x3007, 0x96F6: 0           // 〇 零
        case 0x4E00, 0x58F9: 1           // 一 壹
        case 0x4E8C, 0x4E24, 0x8D30: 2   // 二 两 贰
        case 0x4E09, 0x53C1: 3           // 三 叁
        case 0x56DB, 0x8086: 4           // 四 肆
        case 0x4E94, 0x4F0D: 5           // 五 伍
        case 0x516D, 0x9646: 6           // 六 陆
        case 0x4E03, 0x67D2: 7           // 七 柒
        case 0x516B, 0x634C: 8           // 八 捌
        case 0x4E5D, 0x7396: 9           // 九 玖
        default: nil
        }
    }

    /// The multiplier value of 十, 百, 千 (also 拾, 佰, 仟).
    static func multiplier(_ scalar: UInt32) -> Int? {
        switch scalar {
        case 0x5341, 0x62FE: 10      // 十 拾
        case 0x767E, 0x4F70: 100     // 百 佰
        case 0x5343, 0x4EDF: 1000    // 千 仟
        default: nil
        }
    }

    /// The value of a run of numeral scalars; see ``value(of:)``.
    static func value(_ scalars: ArraySlice<UInt32>) -> Int? {
        guard !scalars.isEmpty, scalars.count <= 12 else { return nil }
        if !scalars.contains(where: { multiplier($0) != nil }) {
            // Positional: every scalar is a digit (一〇五 = 105). 两 only stands alone.
            if scalars.count > 1, scalars.contains(0x4E24) { return nil }
            var value = 0
            for scalar in scalars {
                guard let d = digit(scalar) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        // Multiplicative: (digit? multiplier)* digit?, multipliers strictly decreasing,
        // zeros allowed between sections (一百零五). Only 十 may omit its digit (十二 = 12).
        var total = 0
        var pending: Int? = nil
        var lastMultiplier = Int.max
        var sawZero = false
        for (offset, scalar) in zip(scalars.indices, scalars) {
            if let d = digit(scalar) {
                if d == 0 {
                    if pending != nil { return nil }
                    sawZero = true
                    continue
                }
                if pending != nil { return nil }    // 二三十 is not a number
                pending = d
            } else if let m = multiplier(scalar) {
                guard m < lastMultiplier else { return nil }
                if pending == nil {
                    guard m == 10, offset == scalars.startIndex || sawZero else { return nil }
                    pending = 1
                }
                total += pending! * m
                pending = nil
                lastMultiplier = m
                sawZero = false
            } else {
                return nil
            }
        }
        if let d = pending {
            // A trailing digit counts as units, or as the next lower place after 百/千 without
            // a zero (一百五 = 150, 两千三 = 2300).
            if !sawZero, lastMultiplier >= 100 {
                total += d * (lastMultiplier / 10)
            } else {
                total += d
            }
        }
        return total
    }
}
