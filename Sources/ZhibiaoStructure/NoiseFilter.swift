import ZhibiaoCore

/// Finds lines that are not part of the document: adverts, share bars, related-article
/// lists, navigation remnants, page footers, the page's own title.
///
/// Decided by features, not by one page's text: phrases of `lexicon/noise.tsv` (strong ones
/// mark a line alone, weak ones only next to noise of the same kind), position (the page title
/// repeats the document title with a site name), and, around an advert, the lines that look
/// like one (duplicated, addressing the reader as 您, short and unpunctuated, no marker).
struct NoiseFilter: Sendable {
    let lexicon: StructureLexicon
    /// Phrases by first scalar, for a single pass over each line.
    private let byFirst: [Unicode.Scalar: [Int]]
    private let starts: ScalarSet

    init(lexicon: StructureLexicon) {
        self.lexicon = lexicon
        var byFirst: [Unicode.Scalar: [Int]] = [:]
        for (index, phrase) in lexicon.noise.enumerated() { byFirst[phrase.phrase[0], default: []].append(index) }
        self.byFirst = byFirst
        self.starts = ScalarSet(byFirst.keys)
    }

    func classify(_ lines: inout [Line], text: [Unicode.Scalar]) {
        var weak = [NoiseReason?](repeating: nil, count: lines.count)
        for index in lines.indices where lines[index].noise == nil {
            let (strong, weakReason) = matches(text[lines[index].span.range])
            if let strong { lines[index].noise = strong }
            weak[index] = weakReason
        }
        markPageTitle(&lines, text: text)
        markTableOfContents(&lines, text: text)
        expandAdverts(&lines, text: text, weak: weak)
        // Weak phrases count next to noise of the same reason.
        for index in lines.indices where lines[index].noise == nil {
            guard let reason = weak[index] else { continue }
            let before = index > 0 ? lines[index - 1].noise : nil
            let after = index + 1 < lines.count ? lines[index + 1].noise : nil
            if before == reason || after == reason { lines[index].noise = reason }
        }
    }

    /// The strongest reason a line's phrases give, and a weak one.
    func matches(_ line: ArraySlice<Unicode.Scalar>) -> (strong: NoiseReason?, weak: NoiseReason?) {
        var trimmed = line
        while let last = trimmed.last, last == ":" || last == " " || last == "：" { trimmed = trimmed.dropLast() }
        var strong: NoiseReason?, weak: NoiseReason?
        func record(_ phrase: StructureLexicon.NoisePhrase) {
            if phrase.strength == .strong { strong = strong ?? phrase.reason } else { weak = weak ?? phrase.reason }
        }
        var i = line.startIndex
        while i < line.endIndex {
            if starts.contains(line[i]), let candidates = byFirst[line[i]] {
                for index in candidates {
                    let phrase = lexicon.noise[index]
                    let p = phrase.phrase
                    guard i + p.count <= line.endIndex, line[i..<(i + p.count)].elementsEqual(p) else { continue }
                    switch phrase.match {
                    case .contains: record(phrase)
                    case .prefix: if i == line.startIndex { record(phrase) }
                    case .line: if i == trimmed.startIndex && i + p.count == trimmed.endIndex { record(phrase) }
                    }
                }
            }
            i += 1
        }
        return (strong, weak)
    }

    /// "云合-浙江关于…实施意见" above "浙江关于…实施意见": a site name joined to the title.
    private func markPageTitle(_ lines: inout [Line], text: [Unicode.Scalar]) {
        let head = Array(lines.indices.prefix(8))
        let separators: Set<Unicode.Scalar> = ["-", "_", "|", "·", "—"]
        for a in head where lines[a].noise == nil {
            let long = text[lines[a].span.range]
            for b in head where b != a && lines[b].span.count >= 6 && lines[b].span.count < long.count {
                let short = text[lines[b].span.range]
                let extra = long.count - short.count
                guard extra <= 16 else { continue }
                if long.suffix(short.count).elementsEqual(short), let separator = long.dropLast(short.count).last,
                   separators.contains(separator) {
                    lines[a].noise = .pageTitle
                } else if long.prefix(short.count).elementsEqual(short), separators.contains(long[long.startIndex + short.count]) {
                    lines[a].noise = .pageTitle
                }
            }
        }
    }

    /// A 目录 line and the heading lines after it, up to the first line of prose or the body's
    /// repeat of the first entry: the headings are read once, from the body.
    private func markTableOfContents(_ lines: inout [Line], text: [Unicode.Scalar]) {
        let limit = max(10, lines.count / 3)
        guard let start = lines.indices.prefix(limit).first(where: { index in
            let compact = text[lines[index].span.range].filter { $0 != " " && $0 != "\t" }
            return compact.starts(with: ["目", "录"]) && compact.count <= 8 && lines[index].noise == nil
        }) else { return }
        var firstEntry: String?
        var end = start + 1
        while end < lines.count, lines[end].noise == nil {
            let scalars = text[lines[end].span.range]
            if scalars.contains(where: { $0 == "。" || $0 == "," || $0 == "，" || $0 == ";" || $0 == "；" }) { break }
            guard let marker = lines[end].marker else { break }
            if let firstEntry, marker.normalized == firstEntry { break }
            if firstEntry == nil { firstEntry = marker.normalized }
            end += 1
        }
        guard end > start + 1 else { return }
        for index in start..<end { lines[index].noise = .tableOfContents }
    }

    /// Grows each advert to the neighbouring lines that look like part of it.
    private func expandAdverts(_ lines: inout [Line], text: [Unicode.Scalar], weak: [NoiseReason?]) {
        let anchors = lines.indices.filter { lines[$0].noise == .advert }
        for anchor in anchors {
            for direction in [-1, 1] {
                var index = anchor + direction
                var steps = 0
                while index >= 0 && index < lines.count && steps < 6 {
                    let line = lines[index]
                    guard line.noise == nil, line.marker == nil else { break }
                    let scalars = text[line.span.range]
                    let duplicate = (index > 0 && text[lines[index - 1].span.range].elementsEqual(scalars))
                        || (index + 1 < lines.count && text[lines[index + 1].span.range].elementsEqual(scalars))
                    let shortTitle = scalars.count <= 24 && !scalars.contains(where: Self.isSentencePunctuation)
                    guard weak[index] == .advert || duplicate || shortTitle else { break }
                    lines[index].noise = .advert
                    index += direction
                    steps += 1
                }
            }
        }
    }

    static func isSentencePunctuation(_ s: Unicode.Scalar) -> Bool {
        s == "。" || s == "," || s == "，" || s == ";" || s == "；" || s == "!" || s == "?" || s == "、"
    }
}
