import ZhibiaoCore

/// Recognizes a section marker at the start of a normalized line.
///
/// Accepted forms (after NFKC, so full-width punctuation is already ASCII):
/// `第X编/部分/篇/章/节/条` (X Chinese or Arabic), `一、` `一.`, `(一)`, `1.` `1、` (not `1.5`),
/// `(1)`, `1)`, `①`–`⑳` `㉑`–`㊿` `❶`–`➓`. Markdown heading marks (`## 第一章`) are skipped.
enum MarkerLexer {
    static func marker(in text: [Unicode.Scalar], line: NormalizedSpan) -> Marker? {
        var i = line.start
        let end = line.end
        // Markdown headings and bold: "## 第一章 总则", "**第一条**".
        while i < end && (text[i] == "#" || text[i] == "*") { i += 1 }
        while i < end && text[i] == " " { i += 1 }
        let start = i
        guard i < end else { return nil }
        let first = text[i]

        func finish(_ style: Marker.Style, _ number: Int, _ normalized: String, _ after: Int) -> Marker? {
            var j = after
            while j < end && (text[j] == " " || text[j] == "*") { j += 1 }
            return Marker(style: style, number: number, normalized: normalized, length: j - line.start)
        }

        // 第X章 …
        if first == "第" {
            var j = i + 1
            while j < end && (ChineseNumeral.isNumeralCharacter(text[j]) || isDigit(text[j])) { j += 1 }
            guard j > i + 1, j < end else { return nil }
            let digits = text[(i + 1)..<j]
            guard let number = ChineseNumeral.value(digits) ?? ChineseNumeral.arabic(digits) else { return nil }
            let styles: [(String, Marker.Style)] = [("部分", .part), ("编", .part), ("篇", .part), ("章", .chapter), ("节", .section), ("条", .article)]
            for (word, style) in styles {
                let w = Array(word.unicodeScalars)
                if j + w.count <= end && Array(text[j..<(j + w.count)]) == w {
                    // "第一条" must be followed by a space or the text; "第一章第二节" nests.
                    return finish(style, number, String(scalars: text[start..<(j + w.count)]), j + w.count)
                }
            }
            return nil
        }
        // (一) (1)
        if first == "(" {
            var j = i + 1
            while j < end && j - i <= 4 && text[j] != ")" { j += 1 }
            guard j < end, text[j] == ")", j > i + 1 else { return nil }
            let inner = text[(i + 1)..<j]
            if let number = ChineseNumeral.value(inner), inner.allSatisfy(ChineseNumeral.isNumeralCharacter) {
                return finish(.parenCN, number, "(" + String(scalars: inner) + ")", j + 1)
            }
            if let number = ChineseNumeral.arabic(inner), inner.count <= 3 {
                return finish(.parenArabic, number, "(\(number))", j + 1)
            }
            return nil
        }
        // ① ㉑ ❶
        let v = first.value
        if (0x2460...0x2473).contains(v) { return finish(.circled, Int(v - 0x2460) + 1, String(first), i + 1) }
        if (0x3251...0x325F).contains(v) { return finish(.circled, Int(v - 0x3251) + 21, String(first), i + 1) }
        if (0x32B1...0x32BF).contains(v) { return finish(.circled, Int(v - 0x32B1) + 36, String(first), i + 1) }
        if (0x2776...0x277F).contains(v) { return finish(.circled, Int(v - 0x2776) + 1, String(first), i + 1) }
        // 一、 一.
        if ChineseNumeral.isNumeralCharacter(first) {
            var j = i
            while j < end && j - i < 4 && ChineseNumeral.isNumeralCharacter(text[j]) { j += 1 }
            guard j < end, text[j] == "、" || (text[j] == "." && !(j + 1 < end && isDigit(text[j + 1]))),
                  let number = ChineseNumeral.value(text[i..<j]) else { return nil }
            return finish(.cn, number, String(scalars: text[i..<j]), j + 1)
        }
        // 1. 1、 1)
        if isDigit(first) {
            var j = i
            while j < end && j - i < 3 && isDigit(text[j]) { j += 1 }
            guard j < end, let number = ChineseNumeral.arabic(text[i..<j]) else { return nil }
            let next = j + 1 < end ? text[j + 1] : " "
            if text[j] == "、" || (text[j] == "." && !isDigit(next) && next != ".") {
                return finish(.arabic, number, String(number), j + 1)
            }
            if text[j] == ")" { return finish(.arabicParen, number, "\(number))", j + 1) }
            return nil
        }
        return nil
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
}
