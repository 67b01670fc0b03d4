import ZhibiaoCore
import ZhibiaoGrammar

/// The noun phrase a quantity measures.
///
/// Left of the quantity, in its item: words that govern it (达到, 建设, 全省, 到2025年, 每年…) are
/// stripped from both edges (`strip-leading`, `strip-trailing` in `linker.tsv`); scope words
/// stripped from the start are kept for ``ScopeFinder``; a distributive phrase (每个片区) is a
/// scope too. Inside what is left, the object of the last verb is what is counted (省市区联动
/// 选派科技特派员 → 科技特派员). With fewer than two characters left, or when a governed quantity
/// stands before 的 (安排不少于10%的建设用地指标), the metric is the noun after the quantity
/// (建设200个重点村组团片区), past attributes that hold another quantity (3条年产值超5亿元的…).
struct MetricFinder {
    struct Phrase {
        /// The metric's span in the normalized text.
        var metric: Range<Int>?
        /// Scope words stripped from the metric's start, and a distributive phrase (每个片区).
        var scopes: [Range<Int>] = []
        /// The per-phrase the metric starts with (每千人), a lexicon entry.
        var per: Int?
    }

    let classes: LinkerClasses

    func find(quantity: Range<Int>, item: Range<Int>, in lattice: Lattice, words: WordIndex, times: [Int], quantityTokens: [Token]) -> Phrase {
        let text = lattice.text
        let s = quantity.lowerBound, e = quantity.upperBound
        var phrase = Phrase()
        var (a, b) = strip(item.lowerBound..<s, in: lattice, words: words, times: times, quantityTokens: quantityTokens, scopes: &phrase.scopes)
        if a < b, let perWord = words.starting(at: a).first(where: { classes.per.contains($0.wordClass) }) {
            phrase.per = perWord.entry
        }
        // 每个片区明确1名…: a distributive phrase is the scope, and the metric follows.
        if b - a >= 2 && text[a] == "每" && phrase.per == nil {
            phrase.scopes.append(a..<b)
            a = b
        }
        a = objectStart(a..<b, text: text, words: words)
        // 安排不少于10%的建设用地指标: a governed quantity before 的 measures the noun after it.
        let governedAttribute = e < text.count && text[e] == "的" && words.endsAt(s, classes.governsAttribute)
        let han = text[a..<max(a, b)].filter { $0.properties.isIdeographic || $0.properties.isAlphabetic }.count
        if han >= 2 && !governedAttribute {
            phrase.metric = a..<b
            return phrase
        }
        if let right = nounAfter(quantity, itemEnd: item.upperBound, text: text, words: words, quantityTokens: quantityTokens) {
            phrase.metric = right
        } else if han >= 2 {
            phrase.metric = a..<b
        }
        return phrase
    }

    /// `span` without the governing words at both edges; scope words stripped from the start
    /// are appended to `scopes`.
    private func strip(_ span: Range<Int>, in lattice: Lattice, words: WordIndex, times: [Int], quantityTokens: [Token],
                       scopes: inout [Range<Int>]) -> (Int, Int) {
        let text = lattice.text
        var a = span.lowerBound, b = span.upperBound
        var changed = true
        while changed && a < b {
            changed = false
            while a < b && (text[a] == " " || text[a] == "的") { a += 1; changed = true }
            if let time = times.first(where: { lattice.tokens[$0].start == a && lattice.tokens[$0].end <= b }) {
                a = lattice.tokens[time].end
                changed = true
                continue
            }
            if let other = quantityTokens.first(where: { $0.start == a && $0.end <= b }) {
                a = other.end
                changed = true
                continue
            }
            let here = words.starting(at: a).filter { $0.end <= b }
            if let longest = here.max(by: { $0.end < $1.end }), !classes.metricWord.contains(longest.wordClass),
               classes.stripLeading.contains(longest.wordClass) || classes.unit.contains(longest.wordClass),
               let word = here.filter({ classes.stripLeading.contains($0.wordClass) }).max(by: { $0.end < $1.end }) {
                if classes.scope.contains(word.wordClass) { scopes.append(a..<word.end) }
                a = word.end
                changed = true
                continue
            }
        }
        changed = true
        while changed && a < b {
            changed = false
            if let time = times.first(where: { lattice.tokens[$0].end == b && lattice.tokens[$0].start >= a }) {
                b = lattice.tokens[time].start
                changed = true
                continue
            }
            let here = words.ending(at: b).filter { $0.start >= a }
            if let longest = here.min(by: { $0.start < $1.start }),
               classes.stripTrailing.contains(longest.wordClass),
               let word = here.filter({ classes.stripTrailing.contains($0.wordClass) }).min(by: { $0.start < $1.start }) {
                b = word.start
                changed = true
                continue
            }
            if text[b - 1] == "的" || text[b - 1] == " " { b -= 1; changed = true }
        }
        return (a, b)
    }

    /// 省市区联动选派科技特派员: the object of the last verb inside is what is counted (only when
    /// a verb or a stop word comes right before that verb: 片区建设周期 stays whole).
    private func objectStart(_ span: Range<Int>, text: [Unicode.Scalar], words: WordIndex) -> Int {
        let a = span.lowerBound, b = span.upperBound
        var k = b - 1
        while k > a {
            let here = words.starting(at: k)
            if here.contains(where: { classes.objectVerb.contains($0.wordClass) && $0.end < b - 1 }),
               let verb = here.filter({ classes.objectVerb.contains($0.wordClass) }).max(by: { $0.end < $1.end }),
               words.endsAt(k, classes.beforeObjectVerb) {
                return verb.end
            }
            k -= 1
        }
        return a
    }

    /// The noun a quantity counts, after it in its item (建设200个重点村组团片区), past attributes
    /// that hold another quantity, up to a bracket, another quantity or a word that ends a metric.
    private func nounAfter(_ quantity: Range<Int>, itemEnd: Int, text: [Unicode.Scalar], words: WordIndex, quantityTokens: [Token]) -> Range<Int>? {
        var c = quantity.upperBound, d = itemEnd
        while c < d && (text[c] == " " || text[c] == "的") { c += 1 }
        var i = c
        while i < d {
            // A bracket after the noun is an aside: 号源(其中专家号源…).
            if text[i] == "(" && i > c { d = i; break }
            if let other = quantityTokens.first(where: { $0.start == i }) {
                if other.end < text.count && text[other.end] == "的" {
                    c = other.end + 1
                    i = c
                    continue
                }
                d = i
                break
            }
            if i >= c + 2, words.starting(at: i).contains(where: { classes.metricEnd.contains($0.wordClass) }) { d = i; break }
            i += 1
        }
        if let lastOf = text[c..<max(c, d)].lastIndex(of: "的") { c = lastOf + 1 }
        while c < d && (text[c] == " " || text[c] == "的") { c += 1 }
        let rightHan = text[c..<max(c, d)].filter { $0.properties.isIdeographic }.count
        return rightHan >= 2 ? c..<d : nil
    }
}
