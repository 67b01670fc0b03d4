import ZhibiaoCore

/// Finds the documents a document cites: 《titles》 introduced by a verb of
/// `lexicon/citations.tsv` (根据, 按照, 为贯彻落实, 结合 …), followed by a document number
/// (《…》(国发〔2021〕4号)), or whose title ends with a document type (…促进法, …规划); and document
/// numbers that stand alone (按照国办发〔2019〕4号文件要求).
///
/// - The verb may stand up to 16 characters before the 《 within the clause (根据科技部《…》);
///   titles joined by 、 和 及 与 share it (根据《A》《B》和《C》).
/// - A short name the document defines (《…》(以下简称《若干政策》)) stands for the full title
///   wherever it is used later, and is not itself a citation.
/// - The document's own title (国务院关于印发《…》的通知) and its own document number are not
///   citations; nor is anything in page furniture (noise).
struct CitationExtractor {
    let lexicon: StructureLexicon
    let document: NormalizedDocument
    let lines: [Line]
    let metadata: DocumentMetadata

    /// Longest title read between 《 and 》.
    static let maxTitle = 150
    /// How far before a 《 its verb may stand.
    static let verbWindow = 16

    private var text: [Unicode.Scalar] { document.text }

    /// The brackets a 文号's year opens with (〔2021〕, [2021], (2021), 【2021】, ﹝2021﹞); tested
    /// on every character of the text, so a switch rather than a string search.
    private static func opensDocNumber(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "〔", "[", "(", "【", "﹝": true
        default: false
        }
    }

    func citations() -> [Citation] {
        let text = self.text
        let ownTitle = metadata.title.map { document.map.normalizedSpan(of: $0.span) }
        let ownNumber = metadata.docNumber?.value
        let ownTitleText = metadata.title.map { String($0.value.unicodeScalars.filter { $0 != " " }) }
        var result: [Citation] = []
        var aliases: [String: String] = [:]
        for line in lines where line.noise == nil {
            var i = line.span.start
            let end = line.span.end
            // The end of the last reference and its verb: a title right after shares it.
            var previous: (end: Int, verb: String?)?
            while i < end {
                let c = text[i]
                if c == "《", let reference = reference(at: i, lineEnd: end, aliases: &aliases) {
                    defer { i = reference.end }
                    if let own = ownTitle, own.range.contains(i) { continue }
                    var verb: String?
                    if let previous, Self.onlySeparators(text[previous.end..<i]) {
                        verb = previous.verb
                    } else {
                        verb = self.verb(before: i, lineStart: line.span.start)
                    }
                    previous = (reference.end, verb)
                    var title = reference.title
                    var known = reference.docNumber != nil || verb != nil
                    if let full = aliases[title], !reference.definesAlias {
                        title = full
                        known = true
                    }
                    guard known || endsWithDocumentType(title) else { continue }
                    // The document's own title, and a bare 《办法》 or 《纲要》 no short name defines,
                    // name no other document.
                    if title == ownTitleText || lexicon.documentTypes.contains(where: { $0.elementsEqual(title.unicodeScalars) }) { continue }
                    result.append(Citation(title: title, docNumber: reference.docNumber, verb: verb,
                                           span: document.map.originalSpan(of: NormalizedSpan(start: i, end: reference.end))))
                    continue
                }
                if Self.opensDocNumber(c), var number = DocNumberReader.number(in: text, openAt: i, start: line.span.start, end: end) {
                    // The characters before the bracket may begin with the verb (按照国办发〔2019〕4号).
                    var verb: String?
                    for (word, kind) in lexicon.citationWords where kind != .alias && number.lowerBound + word.count < i
                        && text[number.lowerBound..<(number.lowerBound + word.count)].elementsEqual(word) {
                        verb = String(scalars: word)
                        number = (number.lowerBound + word.count)..<number.upperBound
                        break
                    }
                    let value = String(scalars: text[number])
                    if value != ownNumber {
                        verb = verb ?? self.verb(before: number.lowerBound, lineStart: line.span.start)
                        result.append(Citation(title: nil, docNumber: value, verb: verb,
                                               span: document.map.originalSpan(of: NormalizedSpan(number))))
                    }
                    i = number.upperBound
                    previous = nil
                    continue
                }
                i += 1
            }
        }
        return result
    }

    private struct Reference {
        var title: String
        var docNumber: String?
        /// Where the reference ends: after 》, or after the bracket that follows it.
        var end: Int
        var definesAlias: Bool
    }

    /// The reference opening at `start` (a 《): its title, and the document number and alias in
    /// the bracket right after it. Records an alias the bracket defines.
    private func reference(at start: Int, lineEnd: Int, aliases: inout [String: String]) -> Reference? {
        var depth = 0
        var close = start
        while close < lineEnd && close - start <= Self.maxTitle {
            if text[close] == "《" { depth += 1 }
            if text[close] == "》" { depth -= 1; if depth == 0 { break } }
            close += 1
        }
        guard close < lineEnd, text[close] == "》", close - start >= 3 else { return nil }
        let title = String(scalars: text[(start + 1)..<close].filter { $0 != " " })
        var reference = Reference(title: title, docNumber: nil, end: close + 1, definesAlias: false)
        // A bracket after the title: (国发〔2021〕4号), (以下简称《纲要》), or both.
        var j = close + 1
        while j < lineEnd && text[j] == " " { j += 1 }
        if j < lineEnd, text[j] == "(" {
            var k = j + 1
            var inner = 0
            while k < lineEnd && k - j <= 80 {
                if text[k] == "(" { inner += 1 }
                if text[k] == ")" { if inner == 0 { break }; inner -= 1 }
                k += 1
            }
            if k < lineEnd, text[k] == ")" {
                if let number = DocNumberReader.first(in: text, from: j + 1, to: k) {
                    reference.docNumber = String(scalars: text[number])
                    reference.end = k + 1
                }
                if let alias = alias(in: (j + 1)..<k) {
                    aliases[alias] = aliases[title] ?? title
                    reference.end = k + 1
                }
            }
        }
        if aliases[title] != nil, reference.end == close + 1 {
            // The short name used again: a citation of the full title (handled by the caller).
        }
        return reference
    }

    /// A short name defined in `range`: 以下简称《X》 or 以下简称“X”.
    private func alias(in range: Range<Int>) -> String? {
        for (word, kind) in lexicon.citationWords where kind == .alias {
            var i = range.lowerBound
            while i + word.count <= range.upperBound {
                if text[i..<(i + word.count)].elementsEqual(word) {
                    var a = i + word.count
                    while a < range.upperBound && (text[a] == " " || text[a] == ":") { a += 1 }
                    // 以下简称省《办法》: a few characters may come before the short name's mark.
                    var skipped = 0
                    while a < range.upperBound && skipped < 4 && text[a].properties.isIdeographic { a += 1; skipped += 1 }
                    guard a < range.upperBound, text[a] == "《" || text[a] == "“" || text[a] == "\"" else { return nil }
                    let closer: Unicode.Scalar = text[a] == "《" ? "》" : (text[a] == "“" ? "”" : "\"")
                    var b = a + 1
                    while b < range.upperBound && text[b] != closer { b += 1 }
                    guard b < range.upperBound, b > a + 1 else { return nil }
                    return String(scalars: text[(a + 1)..<b].filter { $0 != " " })
                }
                i += 1
            }
        }
        return nil
    }

    /// The citation word nearest before `position` within its clause and the verb window.
    private func verb(before position: Int, lineStart: Int) -> String? {
        var end = position
        let lower = max(lineStart, position - Self.verbWindow - 8)
        while end > lower && position - end <= Self.verbWindow {
            for (word, kind) in lexicon.citationWords where kind != .alias && word.count <= end - lineStart {
                if text[(end - word.count)..<end].elementsEqual(word) { return String(scalars: word) }
            }
            let c = text[end - 1]
            if c == "，" || c == "," || c == "。" || c == "；" || c == ";" || c == ":" || c == "：" || c == "》" || c == "\t" { return nil }
            end -= 1
        }
        return nil
    }

    /// Between two references: only 、 和 及 与 以及 并 spaces.
    private static func onlySeparators(_ between: ArraySlice<Unicode.Scalar>) -> Bool {
        between.count <= 3 && between.allSatisfy { "、和及与以并 ,，".unicodeScalars.contains($0) }
    }

    /// Whether a title ends with a document type (法, 条例, 实施方案 …), after a final bracketed
    /// remark such as (2021-2025年) or (试行).
    private func endsWithDocumentType(_ title: String) -> Bool {
        var scalars = Array(title.unicodeScalars)
        if scalars.last == ")", let open = scalars.lastIndex(of: "(") { scalars = Array(scalars[..<open]) }
        return lexicon.documentTypes.contains { scalars.count > $0.count && scalars.suffix($0.count).elementsEqual($0) }
    }
}
