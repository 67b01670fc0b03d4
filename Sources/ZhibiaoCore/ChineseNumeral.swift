/// Small Chinese numerals as used by section markers and dates: 一 … 九十九 … 九千九百九十九,
/// 两, 〇/零, and digit-by-digit years (二〇二三).
///
/// The indicator extractor has its own parser for quantities (万, 亿, decimals); this one only
/// reads the integers that number sections, months and days.
public enum ChineseNumeral {
    /// The digit a character stands for (〇零一二两三四五六七八九 and financial forms), or nil.
    @inline(__always)
    public static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "〇", "零", "○", "Ｏ": return 0
        case "一", "壹": return 1
        case "二", "两", "贰", "貳", "兩": return 2
        case "三", "叁", "參": return 3
        case "四", "肆": return 4
        case "五", "伍": return 5
        case "六", "陆", "陸": return 6
        case "七", "柒": return 7
        case "八", "捌": return 8
        case "九", "玖": return 9
        default: return nil
        }
    }

    /// The power of ten of a unit character (十 拾 → 10, 百 佰 → 100, 千 仟 → 1000), or nil.
    @inline(__always)
    public static func unit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "十", "拾": return 10
        case "百", "佰": return 100
        case "千", "仟": return 1000
        default: return nil
        }
    }

    public static func isNumeralCharacter(_ scalar: Unicode.Scalar) -> Bool {
        digit(scalar) != nil || unit(scalar) != nil
    }

    /// The value of a whole numeral below 10,000: 十二 → 12, 二十 → 20, 一百零五 → 105,
    /// 一百五 → 150 (a trailing digit after 百 or 千 counts tens or hundreds), 二〇二三 → 2023
    /// (digit by digit). Nil when the characters do not form a numeral.
    public static func value<C: Collection>(_ scalars: C) -> Int? where C.Element == Unicode.Scalar {
        guard !scalars.isEmpty else { return nil }
        if scalars.allSatisfy({ digit($0) != nil }) {
            guard scalars.count <= 4 else { return nil }
            return scalars.reduce(0) { $0 * 10 + digit($1)! }
        }
        var total = 0
        var current: Int?
        var lastUnit = Int.max
        var zero = false
        for scalar in scalars {
            if let d = digit(scalar) {
                if d == 0 {
                    if current != nil { return nil }
                    zero = true
                    continue
                }
                if current != nil { return nil }
                current = d
            } else if let u = unit(scalar) {
                guard u < lastUnit else { return nil }
                // A bare 十 at the start is 10 (十二); anywhere else a unit needs its digit.
                guard let multiplier = current ?? (u == 10 && total == 0 && !zero ? 1 : nil) else { return nil }
                total += multiplier * u
                current = nil
                lastUnit = u
                zero = false
            } else {
                return nil
            }
        }
        if let current {
            if lastUnit == Int.max || lastUnit == 10 || zero {
                total += current
            } else {
                total += current * lastUnit / 10
            }
        }
        return total
    }

    /// Arabic digits (ASCII) as an integer, or nil.
    public static func arabic<C: Collection>(_ scalars: C) -> Int? where C.Element == Unicode.Scalar {
        guard !scalars.isEmpty, scalars.count <= 9 else { return nil }
        var value = 0
        for scalar in scalars {
            guard scalar.value >= 0x30 && scalar.value <= 0x39 else { return nil }
            value = value * 10 + Int(scalar.value - 0x30)
        }
        return value
    }
}
