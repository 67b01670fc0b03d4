import ZhibiaoCore

/// Reads calendar dates: 2023年4月11日, 2024 年 3 月 4 日 (spaces from PDFs), 二〇二三年四月十一日,
/// 2024-03-04, 2019.01.24, 2024/3/4.
enum DateReader {
    struct DateMatch {
        var year: Int, month: Int, day: Int
        /// Offsets in the scanned text.
        var range: Range<Int>

        var iso: String {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(year)-\(two(month))-\(two(day))"
        }
    }

    /// The first date starting at or after `start` and before `end`.
    static func first(in text: [Unicode.Scalar], from start: Int, to end: Int) -> DateMatch? {
        var i = start
        while i < end {
            if let match = date(in: text, at: i, end: end) { return match }
            i += 1
        }
        return nil
    }

    /// A date starting exactly at `i`.
    static func date(in text: [Unicode.Scalar], at i: Int, end: Int) -> DateMatch? {
        guard i < end else { return nil }
        if i > 0 && isDigit(text[i - 1]) { return nil }
        // Arabic year.
        if isDigit(text[i]) {
            var j = i
            guard let year = digits(text, &j, end, min: 4, max: 4) else { return nil }
            skipSpaces(text, &j, end)
            guard j < end else { return nil }
            let separator = text[j]
            if separator == "年" {
                j += 1
                skipSpaces(text, &j, end)
                guard let month = digits(text, &j, end, min: 1, max: 2) else { return nil }
                skipSpaces(text, &j, end)
                guard j < end, text[j] == "月" else { return nil }
                j += 1
                skipSpaces(text, &j, end)
                guard let day = digits(text, &j, end, min: 1, max: 2) else { return nil }
                skipSpaces(text, &j, end)
                guard j < end, text[j] == "日" || text[j] == "号" else { return nil }
                return valid(year, month, day, i..<(j + 1))
            }
            if separator == "-" || separator == "." || separator == "/" {
                j += 1
                guard let month = digits(text, &j, end, min: 1, max: 2), j < end, text[j] == separator else { return nil }
                j += 1
                guard let day = digits(text, &j, end, min: 1, max: 2) else { return nil }
                if j < end && isDigit(text[j]) { return nil }
                return valid(year, month, day, i..<j)
            }
            return nil
        }
        // Chinese: 二〇二三年四月十一日.
        guard let first = ChineseNumeral.digit(text[i]) else { return nil }
        _ = first
        var j = i
        while j < end && j - i < 4 && ChineseNumeral.digit(text[j]) != nil { j += 1 }
        guard j - i == 4, j < end, text[j] == "年", let year = ChineseNumeral.value(text[i..<j]) else { return nil }
        j += 1
        let monthStart = j
        while j < end && ChineseNumeral.isNumeralCharacter(text[j]) { j += 1 }
        guard j < end, text[j] == "月", let month = ChineseNumeral.value(text[monthStart..<j]) else { return nil }
        j += 1
        let dayStart = j
        while j < end && ChineseNumeral.isNumeralCharacter(text[j]) { j += 1 }
        guard j < end, text[j] == "日", let day = ChineseNumeral.value(text[dayStart..<j]) else { return nil }
        return valid(year, month, day, i..<(j + 1))
    }

    private static func valid(_ year: Int, _ month: Int, _ day: Int, _ range: Range<Int>) -> DateMatch? {
        guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return DateMatch(year: year, month: month, day: day, range: range)
    }

    private static func digits(_ text: [Unicode.Scalar], _ j: inout Int, _ end: Int, min: Int, max: Int) -> Int? {
        let start = j
        while j < end && j - start < max && isDigit(text[j]) { j += 1 }
        guard j - start >= min else { return nil }
        return ChineseNumeral.arabic(text[start..<j])
    }

    private static func skipSpaces(_ text: [Unicode.Scalar], _ j: inout Int, _ end: Int) {
        while j < end && text[j] == " " { j += 1 }
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
}
