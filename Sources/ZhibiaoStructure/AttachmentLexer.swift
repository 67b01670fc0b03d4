import ZhibiaoCore

/// Recognizes a line that starts what follows a document's body: an attachment (附件1, 附件 2,
/// 附表, 附录), a glossary (名词解释), or the distribution lines (抄送：…, …印发).
///
/// Such a line ends the body's last section and starts a top-level node of kind `attachment`,
/// so that a target in an attachment says so. The list of attachments inside the notice
/// (附件：1.…  2.…) is not one: a colon after 附件 introduces a list.
enum AttachmentLexer {
    /// Words that start an attachment, with the number that may follow them.
    private static let numbered: [[Unicode.Scalar]] = ["附件", "附表", "附录"].map { Array($0.unicodeScalars) }
    /// Words that start an attachment on a line of their own (or with a title after a space).
    private static let alone: [[Unicode.Scalar]] = ["名词解释"].map { Array($0.unicodeScalars) }
    /// Words that start the distribution lines.
    private static let closing: [[Unicode.Scalar]] = ["抄送", "印发"].map { Array($0.unicodeScalars) }

    static func marker(in text: [Unicode.Scalar], line: NormalizedSpan) -> Marker? {
        let start = line.start, end = line.end
        func has(_ word: [Unicode.Scalar], at i: Int) -> Bool { i + word.count <= end && Array(text[i..<(i + word.count)]) == word }
        func finish(_ normalized: String, _ number: Int, _ after: Int) -> Marker {
            var j = after
            while j < end && (text[j] == " " || text[j] == ":" || text[j] == "：") { j += 1 }
            return Marker(style: .attachment, number: number, normalized: normalized, length: j - start)
        }
        for word in numbered where has(word, at: start) {
            var j = start + word.count
            while j < end && text[j] == " " { j += 1 }
            let digits = j
            while j < end && (MarkerLexer.isDigit(text[j]) || ChineseNumeral.isNumeralCharacter(text[j])) && j - digits < 3 { j += 1 }
            let number = j > digits ? (ChineseNumeral.arabic(text[digits..<j]) ?? ChineseNumeral.value(text[digits..<j])) : nil
            if j > digits && number == nil { return nil }
            // 附件：1.… is the notice's list of attachments; 附件2 名词解释 or 附件1 alone starts one.
            if j == digits && j < end && (text[j] == ":" || text[j] == "：") { return nil }
            if j < end && (text[j] == ":" || text[j] == "：") && j + 1 < end { return nil }
            if j < end && text[j] != " " && text[j] != ":" && text[j] != "：" && j == digits { return nil }
            let name = String(scalars: word[...]) + (number.map(String.init) ?? "")
            return finish(name, number ?? 1, j)
        }
        for word in alone where has(word, at: start) {
            let after = start + word.count
            guard after == end || text[after] == " " || text[after] == ":" || text[after] == "：" else { return nil }
            return finish(String(scalars: word[...]), 1, after)
        }
        for word in closing where has(word, at: start) {
            let after = start + word.count
            guard after < end, text[after] == ":" || text[after] == "：" else { return nil }
            return finish(String(scalars: word[...]), 1, after)
        }
        // …办公室 2023年10月19日印发: the printing line.
        if end - start <= 40, end - start > 3, has(closing[1], at: end - closing[1].count), text[end - closing[1].count - 1] == "日" {
            return Marker(style: .attachment, number: 1, normalized: "印发", length: 0)
        }
        return nil
    }
}
