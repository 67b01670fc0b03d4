import ZhibiaoCore
import ZhibiaoGrammar

/// Whether the text around a quantity looks back (a result, a statistic) or ahead (a
/// commitment): the evidence the role decision weighs after its local tests.
///
/// - A section's heading sets a frame for everything under it: 2025年工作回顾 and 发展成就 look
///   back, 2026年工作安排, 主要目标任务 and 十五五 look ahead (words of `heading.review` and
///   `heading.plan`; years and periods compared with the document's year). A heading that says
///   both (十四五时期发展成就和十五五时期主要目标) sets no frame.
/// - In the sentence, the nearest cue before the quantity: an aspect word (已, 已经, 累计完成,
///   增长了), a modal word (将, 拟, 要, 确保, 预计), a time frame (去年, 过去五年, 五年来, 今年,
///   未来5年, 截至), or the quantity's own year (2025年 in a 2026 report is past; 到2027年 ahead).
struct FrameDecision {
    /// A piece of evidence, with the text a researcher sees in `roleBasis`.
    struct Cue {
        var frame: TimeFrame
        /// `aspect:已`, `modal:将`, `frame:去年`, `frame:到2027年`, `section:回顾`.
        var basis: String
        /// Whether the cue is a time (a frame, a year, a deadline) rather than a word of aspect
        /// or modality.
        var isTime: Bool
        /// The time rule behind it, if any.
        var rule: String?
    }

    let classes: LinkerClasses

    /// The frame a heading sets, or nil when it says nothing about time (or both directions).
    /// `said` is false when the heading has no cue at all (the parent's frame then holds).
    func sectionFrame(of lattice: Lattice, words: WordIndex, documentYear: Int?) -> (cue: Cue?, said: Bool) {
        var cues: [Cue] = []
        for position in lattice.range {
            for word in words.starting(at: position) {
                if classes.sectionReview.contains(word.wordClass) {
                    cues.append(Cue(frame: .past, basis: "section:" + lattice.string(word.start..<word.end), isTime: false))
                } else if classes.sectionPlan.contains(word.wordClass) {
                    cues.append(Cue(frame: .future, basis: "section:" + lattice.string(word.start..<word.end), isTime: false))
                }
            }
        }
        for index in TimeLink.times(in: lattice) {
            if let cue = timeCue(index, in: lattice, documentYear: documentYear, prefix: "section:") { cues.append(cue) }
        }
        guard !cues.isEmpty else { return (nil, false) }
        let looksBack = cues.contains { $0.frame == .past }, looksAhead = cues.contains { $0.frame != .past }
        if looksBack && looksAhead { return (nil, true) }
        // The word is the clearer basis (回顾 rather than 2025年).
        return (cues.first { !$0.isTime } ?? cues[0], true)
    }

    /// The nearest cue before the quantity in its sentence (the quantity's own time after it in
    /// its clause counts too).
    /// `timesEndingAt` maps an offset to the time expression that ends there (built once per
    /// sentence).
    func nearestCue(before core: Int, clause: Range<Int>, in lattice: Lattice, words: WordIndex, times: [Int], timesEndingAt: [Int: Int],
                    documentYear: Int?) -> Cue? {
        let clauseEnd = clause.upperBound
        // The sets the scans test, taken out of `classes` once (a debug build copies the whole
        // struct at every access).
        let pastCue = classes.pastCue, futureCue = classes.futureCue, from = classes.from, hidesCues = classes.hidesCues
        var position = core
        while position > lattice.range.lowerBound {
            // 由1985年的12%提高到14%: a year after 由/从 dates the starting value, not the target.
            if let index = timesEndingAt[position], !words.endsAt(lattice.tokens[index].start, from),
               let cue = timeCue(index, in: lattice, documentYear: documentYear, prefix: "frame:") {
                return cue
            }
            // Only cue words matter; whether a longer word hides one is asked of those alone
            // (the scan runs back to the sentence's start for every quantity without a cue).
            for word in words.ending(at: position)
            where (pastCue.contains(word.wordClass) || futureCue.contains(word.wordClass))
                && !words.isHidden(word, by: hidesCues) {
                if pastCue.contains(word.wordClass) {
                    // A fact word (目前, 估计) says what is; an aspect word (已, 了) what was done.
                    // A fact word governs its own clause (周期一般为2至3年), or the sentence when it
                    // is a clause of its own (目前，…).
                    let isFact = classes.fact.contains(word.wordClass)
                    if isFact && word.start < clause.lowerBound && !(word.end < lattice.range.upperBound && Punctuation.isClauseBreak(lattice.text[word.end])) {
                        continue
                    }
                    let prefix = isFact ? "word:" : "aspect:"
                    return Cue(frame: .past, basis: prefix + lattice.string(word.start..<word.end), isTime: false)
                }
                if futureCue.contains(word.wordClass) {
                    return Cue(frame: .future, basis: "modal:" + lattice.string(word.start..<word.end), isTime: false)
                }
            }
            position -= 1
        }
        // …达到85%以上，2025年: a year after the quantity in its clause.
        for index in times where lattice.tokens[index].start >= core && lattice.tokens[index].end <= clauseEnd {
            if let cue = timeCue(index, in: lattice, documentYear: documentYear, prefix: "frame:") { return cue }
        }
        // 23 300个单位将于2015-2016年度落成, 1 200张服务券已全数发出: aspect or modality after it.
        for position in core..<clauseEnd {
            // …5000个已建成自然村的设施: a relative clause before 的 tells nothing of the quantity.
            if lattice.text[position] == "的" { break }
            for word in words.starting(at: position) where word.end <= clauseEnd
                && (pastCue.contains(word.wordClass) || futureCue.contains(word.wordClass))
                && !classes.fact.contains(word.wordClass) && !words.isHidden(word, by: hidesCues) {
                if pastCue.contains(word.wordClass) {
                    return Cue(frame: .past, basis: "aspect:" + lattice.string(word.start..<word.end), isTime: false)
                }
                if futureCue.contains(word.wordClass) {
                    return Cue(frame: .future, basis: "modal:" + lattice.string(word.start..<word.end), isTime: false)
                }
            }
        }
        return nil
    }

    /// What a time expression says about the frame: a frame word (去年, 未来5年); a year, date
    /// or period compared with the document's year; a deadline (到2027年) looks ahead unless its
    /// year is past.
    private func timeCue(_ index: Int, in lattice: Lattice, documentYear: Int?, prefix: String) -> Cue? {
        let token = lattice.tokens[index]
        let time = lattice.times[token.payload]
        let text = prefix + lattice.string(token.start..<token.end)
        func compare(_ year: Int) -> TimeFrame? {
            guard let documentYear else { return nil }
            return year < documentYear ? .past : (year == documentYear ? .current : .future)
        }
        let frame: TimeFrame?
        switch time.kind {
        case .frame:
            frame = time.frame
        case .year, .date:
            frame = time.year.flatMap(compare)
        case .deadline:
            frame = time.year.flatMap(compare) ?? time.frame ?? .future
        case .period:
            guard let start = time.start, let end = time.end, let documentYear else { frame = nil; break }
            frame = end < documentYear ? .past : (start > documentYear ? .future : .current)
        case .baseline, .accumulation, .edition:
            frame = nil
        }
        return frame.map { Cue(frame: $0, basis: text, isTime: true, rule: time.rule) }
    }

    /// The year a document speaks from: its date, else a year in its title, else the start of
    /// its plan period, else the latest plain year in its top headings (2024年工作回顾, 2025年
    /// 政府工作任务 → 2025). Years after 到 or before 底/前 are deadlines, not the present.
    static func documentYear(of tree: DocumentTree, text: [Unicode.Scalar], map: OffsetMap) -> Int? {
        if let date = tree.metadata.date?.value, let year = Int(date.prefix(4)) { return year }
        if let title = tree.metadata.title, tree.metadata.period == nil, let year = plainYears(in: Array(title.value.unicodeScalars)).first {
            return year
        }
        if let period = tree.metadata.period?.value.split(separator: "-").first, let year = Int(period) { return year }
        for level in 1...2 {
            let years = tree.nodes.filter { $0.level == level }.compactMap(\.heading).flatMap { plainYears(in: Array($0.unicodeScalars)) }
            if let latest = years.max() { return latest }
        }
        // A speech with no date, title or dated heading (a policy address as Hansard prints it)
        // speaks from the latest month it dates (截至2014年12月底 → 2014): a plan's deadlines
        // (2027年6月底前, 到2026年3月) are no such dates.
        return datedYears(in: text).max()
    }

    /// Years of dates to the month (2014年12月), not deadlines: none after 到, none before 前 or
    /// 底前.
    static func datedYears(in text: [Unicode.Scalar]) -> [Int] {
        var years: [Int] = []
        var i = 0
        while i + 6 < text.count {
            guard text[i + 4] == "年", text[i..<(i + 4)].allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }),
                  i == 0 || !(text[i - 1].value >= 0x30 && text[i - 1].value <= 0x39) else { i += 1; continue }
            var j = i + 5
            while j < text.count && j < i + 7 && text[j].value >= 0x30 && text[j].value <= 0x39 { j += 1 }
            if j > i + 5, j < text.count, text[j] == "月", i == 0 || text[i - 1] != "到" {
                // 6月30日前, 12月底前, 3月中旬前: a deadline.
                var k = j + 1
                while k < text.count && k < j + 7 && (text[k].value >= 0x30 && text[k].value <= 0x39 || "日号底末初中上下旬".unicodeScalars.contains(text[k])) { k += 1 }
                let deadline = k < text.count && (text[k] == "前" || text[k] == "以" && k + 1 < text.count && text[k + 1] == "前")
                if !deadline, let year = Int(String(String.UnicodeScalarView(text[i..<(i + 4)]))), (1950...2100).contains(year) {
                    years.append(year)
                }
            }
            i = j
        }
        return years
    }

    /// Four-digit years followed by 年 that are not deadlines.
    static func plainYears(in text: [Unicode.Scalar]) -> [Int] {
        var years: [Int] = []
        var i = 0
        while i + 4 < text.count {
            let digits = text[i..<(i + 4)]
            if digits.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }), text[i + 4] == "年",
               i == 0 || !(text[i - 1].value >= 0x30 && text[i - 1].value <= 0x39) {
                let before = i > 0 ? text[i - 1] : " "
                let after = i + 5 < text.count ? text[i + 5] : " "
                if !["到", "至", "-", "~"].contains(before) && !["底", "前", "末"].contains(after),
                   let year = Int(String(String.UnicodeScalarView(digits))), (1950...2100).contains(year) {
                    years.append(year)
                }
                i += 5
            } else {
                i += 1
            }
        }
        return years
    }
}
