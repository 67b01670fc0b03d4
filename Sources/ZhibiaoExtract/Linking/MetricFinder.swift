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
        /// An attribute before the quantity that belongs to the noun after it (打造具有推广效应的
        /// 100个算法产品 → 具有推广效应的 + 算法产品).
        var attribute: Range<Int>?
        /// The per-phrase the metric starts with (每千人), a lexicon entry.
        var per: Int?
        /// The verb of a verb–object target (培育20家领军企业, 培育领军企业20家 → 培育).
        var action: Range<Int>?
        /// The metric is one of a list that 分别 pairs with a list of quantities: the item and
        /// the head noun they share (水果、蔬菜、茶叶产量分别达… → 蔬菜 + 产量).
        var listItem: (item: Range<Int>, head: Range<Int>?)?
        /// The place a quantity of a 分别 series applies to, from a list of places earlier in the
        /// sentence with as many names (黄埔区、番禺区、南沙区…分别为2413元、2512元、2121元).
        var respectivePlace: Range<Int>?
    }

    let classes: LinkerClasses

    func find(quantity: Range<Int>, kind: QuantityKind, item: Range<Int>, clause: Range<Int>, in lattice: Lattice, words: WordIndex,
              times: [Int], quantityTokens: [Token]) -> Phrase {
        let text = lattice.text
        let s = quantity.lowerBound, e = quantity.upperBound
        var phrase = Phrase()
        // 建设“20分钟便民服务圈”: in a quoted standard, the metric is the rest of the quote.
        if let quote = Self.quotedStandard(around: quantity, in: text, within: item) {
            phrase.metric = quote
            return phrase
        }
        // 水果、蔬菜、茶叶产量分别达2050万吨、4200万吨、19万吨: the quantities of a list after 分别
        // (or 依次) pair with the items before it.
        let respective = respectiveWord(before: s, clause: clause, text: text, words: words, quantityTokens: quantityTokens)
        var leadingVerbs: [Range<Int>] = [], trailingVerbs: [Range<Int>] = []
        let span = respective.map { clause.lowerBound..<$0.lowerBound } ?? item.lowerBound..<s
        var (a, b) = strip(span, in: lattice, words: words, times: times, quantityTokens: quantityTokens, scopes: &phrase.scopes,
                           leadingVerbs: &leadingVerbs, trailingVerbs: &trailingVerbs)
        // …从每人每月1536元提高到1567元: the metric ends before 从.
        if let from = words.first(classes.from, in: a..<b), from.lowerBound > a,
           quantityTokens.contains(where: { $0.start >= from.upperBound && $0.end <= b }) {
            b = from.lowerBound
            while b > a && (text[b - 1] == " " || text[b - 1] == "的") { b -= 1 }
        }
        // 最低生活保障边缘家庭认定标准按最低生活保障标准的1.5倍确定: the metric is what comes before 按.
        if let cut = words.first(classes.metricCut, in: a..<b), cut.lowerBound > a + 1 {
            b = cut.lowerBound
            // 赤字率拟|按4%左右安排: what governs the metric before the cut goes too.
            while let word = words.ending(at: b).filter({ classes.stripTrailing.contains($0.wordClass) && $0.start >= a }).min(by: { $0.start < $1.start }) {
                b = word.start
            }
        }
        if let respective {
            phrase.listItem = listItem(of: quantity, list: a..<b, after: respective.upperBound, clause: clause, in: lattice, words: words,
                                       quantityTokens: quantityTokens)
            let series = quantityTokens.filter { $0.start >= respective.upperBound && $0.end <= clause.upperBound }
            let places = PlaceList(classes: classes).lastList(in: lattice.range.lowerBound..<respective.lowerBound, text: text, words: words)
            if let index = series.firstIndex(where: { $0.start == s }), places.count == series.count, places.count >= 2 {
                phrase.respectivePlace = places[index]
            }
        }
        // 越秀区、海珠区…增城区的城乡特困人员基本生活标准: places before 的 are the scope.
        if let places = PlaceList(classes: classes).before(a, upTo: b, clauseStart: clause.lowerBound, text: text, words: words) {
            phrase.scopes.append(places.list)
            a = places.after
        }
        if a < b, let perWord = words.starting(at: a).first(where: { classes.per.contains($0.wordClass) }) {
            phrase.per = perWord.entry
        }
        // 每个片区明确1名…: a distributive phrase is the scope, and the metric follows.
        // It ends at a verb or 分别 (每个分别给予40万元: 每个).
        if b - a >= 2 && text[a] == "每" && phrase.per == nil {
            var end = b
            for k in (a + 1)..<b where words.starting(at: k).contains(where: {
                classes.objectVerb.contains($0.wordClass) || classes.respectively.contains($0.wordClass) || classes.governs.contains($0.wordClass)
            }) {
                end = k
                break
            }
            phrase.scopes.append(a..<end)
            a = end
        }
        let objectAt = objectStart(a..<b, text: text, words: words)
        let innerVerb = objectAt > a ? verb(endingAt: objectAt, from: a, words: words) : nil
        a = objectAt
        // The action: the verb right before the quantity (高质量建好15个), else the one the metric
        // follows (培育领军企业20家), else the one inside it (选派科技特派员).
        phrase.action = Self.run(trailingVerbs) ?? innerVerb ?? Self.run(leadingVerbs)
        // 安排不少于10%的建设用地指标: a governed quantity before 的 measures the noun after it.
        let governedAttribute = e < text.count && text[e] == "的" && words.endsAt(s, classes.governsAttribute)
        let han = text[a..<max(a, b)].filter { $0.properties.isIdeographic || $0.properties.isAlphabetic }.count
        let right = nounAfter(quantity, itemEnd: item.upperBound, clauseEnd: clause.upperBound, text: text, words: words,
                              quantityTokens: quantityTokens)
        // A count between a verb and a noun counts the noun (抓好550个省重大项目, 预计共有77 100个
        // 公屋单位落成), unless the verb's object comes before it (改造农村公路危旧桥梁180座); a
        // measure does when a verb comes right before it (提供约6 400平方米商业楼面面积).
        let physical: Set<QuantityKind> = [.area, .length, .mass, .volume, .power, .energy, .computing, .data]
        var beforeQuantity = s
        while beforeQuantity > a && text[beforeQuantity - 1] == " " { beforeQuantity -= 1 }
        let attributive = right != nil && beforeQuantity > a && text[beforeQuantity - 1] == "的" && han >= 2
        let objectBefore = !leadingVerbs.isEmpty && han >= 2 && !attributive
        let verbObject = right != nil && phrase.listItem == nil
            && ((kind == .count && !objectBefore) || (physical.contains(kind) && (han < 2 || !trailingVerbs.isEmpty)))
        if han >= 2 && !governedAttribute && !verbObject {
            phrase.metric = a..<b
            return phrase
        }
        if let right {
            phrase.metric = right
            if attributive && kind == .count { phrase.attribute = a..<beforeQuantity }
        } else if han >= 2 {
            phrase.metric = a..<b
        } else if phrase.listItem == nil {
            phrase.action = nil
        }
        return phrase
    }

    /// The rest of the quotation a quantity opens (“20分钟便民服务圈” → 便民服务圈), if it stands
    /// right after an opening quotation mark whose closing one follows in its item.
    static func quotedStandard(around quantity: Range<Int>, in text: [Unicode.Scalar], within item: Range<Int>) -> Range<Int>? {
        guard quantity.lowerBound > item.lowerBound, text[quantity.lowerBound - 1] == "“" else { return nil }
        var k = quantity.upperBound
        while k < item.upperBound && text[k] != "”" && text[k] != "“" { k += 1 }
        guard k < item.upperBound, text[k] == "”", k - quantity.upperBound >= 2 else { return nil }
        return quantity.upperBound..<k
    }

    /// One range over a run of adjacent words (培育 + 推广), or nil.
    private static func run(_ ranges: [Range<Int>]) -> Range<Int>? {
        guard let first = ranges.map(\.lowerBound).min(), let last = ranges.map(\.upperBound).max() else { return nil }
        return first..<last
    }

    /// The verb words that end at `end` (not before `start`): 开发储备, 培育推广.
    private func verb(endingAt end: Int, from start: Int, words: WordIndex) -> Range<Int>? {
        var lower = end
        while lower > start, let word = words.ending(at: lower).filter({ classes.objectVerb.contains($0.wordClass) && $0.start >= start })
                .min(by: { $0.start < $1.start }) {
            lower = word.start
        }
        return lower < end ? lower..<end : nil
    }

    /// The 分别 (or 依次) that pairs a list of quantities, this one among them, with the items
    /// before it: only quantities, 、 and comparator words between it and this quantity.
    private func respectiveWord(before s: Int, clause: Range<Int>, text: [Unicode.Scalar], words: WordIndex, quantityTokens: [Token]) -> Range<Int>? {
        for position in stride(from: s, through: clause.lowerBound, by: -1) {
            guard let word = words.ending(at: position).first(where: { classes.respectively.contains($0.wordClass) }) else { continue }
            var k = word.end
            while k < s {
                if let token = quantityTokens.first(where: { $0.start == k }) { k = token.end; continue }
                if text[k] == "、" || text[k] == " " { k += 1; continue }
                if let w = words.starting(at: k).max(by: { $0.end < $1.end }), w.end <= s, !classes.objectVerb.contains(w.wordClass) {
                    k = w.end
                    continue
                }
                return nil
            }
            return word.start..<word.end
        }
        return nil
    }

    /// The item of the list before 分别 that pairs with this quantity, and the head noun the items
    /// share (the last item's tail beyond the length of the first: 茶叶产量 − 水果 → 产量).
    private func listItem(of quantity: Range<Int>, list: Range<Int>, after: Int, clause: Range<Int>, in lattice: Lattice, words: WordIndex,
                          quantityTokens: [Token]) -> (item: Range<Int>, head: Range<Int>?)? {
        let text = lattice.text
        var items: [Range<Int>] = []
        var start = list.lowerBound
        for k in list {
            if text[k] == "、" || words.starting(at: k).contains(where: { classes.coordinates.contains($0.wordClass) && $0.end - $0.start == 1 }) {
                if k > start { items.append(start..<k) }
                start = k + 1
            }
        }
        if start < list.upperBound { items.append(start..<list.upperBound) }
        let series = quantityTokens.filter { $0.start >= after && $0.end <= clause.upperBound }
        guard items.count >= 2, let index = series.firstIndex(where: { $0.start == quantity.lowerBound }), index < items.count,
              series.count >= items.count else { return nil }
        let first = items[0], last = items[items.count - 1]
        var head: Range<Int>?
        if last.count > first.count { head = (last.lowerBound + first.count)..<last.upperBound }
        var item = items[index]
        if index == items.count - 1, head != nil { item = last.lowerBound..<(last.lowerBound + first.count) }
        return (item, head)
    }

    /// `span` without the governing words at both edges; scope words stripped from the start
    /// are appended to `scopes`.
    private func strip(_ span: Range<Int>, in lattice: Lattice, words: WordIndex, times: [Int], quantityTokens: [Token],
                       scopes: inout [Range<Int>], leadingVerbs verbs: inout [Range<Int>], trailingVerbs: inout [Range<Int>]) -> (Int, Int) {
        let text = lattice.text
        var a = span.lowerBound, b = span.upperBound
        var changed = true
        while changed && a < b {
            changed = false
            while a < b && (text[a] == " " || text[a] == "的" || text[a] == "”") { a += 1; changed = true }
            // An opening quotation mark whose closing one is not in the metric: 片区“|20分钟….
            if a < b && text[a] == "“" && !text[a..<b].contains("”") { a += 1; changed = true }
            // A section marker that opens the sentence: (三)特困人员…, 2.签约….
            if let marker = Self.markerLength(at: a, upTo: b, in: text) { a += marker; changed = true; continue }
            if let time = times.first(where: { lattice.tokens[$0].start == a && lattice.tokens[$0].end <= b }) {
                // 新建 is a time word (an increment) and the verb of the target.
                if words.starting(at: a).contains(where: { classes.objectVerb.contains($0.wordClass) && $0.end == lattice.tokens[time].end }) {
                    verbs.append(a..<lattice.tokens[time].end)
                }
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
                if classes.objectVerb.contains(word.wordClass) {
                    // Only a run of verbs: 培育推广; a verb after other words starts again.
                    if let last = verbs.last, last.upperBound != a { verbs.removeAll() }
                    verbs.append(a..<word.end)
                }
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
                if classes.objectVerb.contains(word.wordClass) {
                    if let first = trailingVerbs.first, first.lowerBound != word.end { trailingVerbs.removeAll() }
                    trailingVerbs.insert(word.start..<word.end, at: 0)
                }
                b = word.start
                changed = true
                continue
            }
            if text[b - 1] == "的" || text[b - 1] == " " || text[b - 1] == "“" { b -= 1; changed = true }
            else if text[b - 1] == "”" && !text[a..<(b - 1)].contains("“") { b -= 1; changed = true }
        }
        return (a, b)
    }

    /// The length of a section marker at `a`: (三), (3), 三、, 3. or 3、 (NFKC gives ASCII brackets).
    static func markerLength(at a: Int, upTo b: Int, in text: [Unicode.Scalar]) -> Int? {
        func isNumeral(_ c: Unicode.Scalar) -> Bool { (c.value >= 0x30 && c.value <= 0x39) || ChineseNumeral.isNumeralCharacter(c) }
        if text[a] == "(" {
            var k = a + 1
            while k < b && k - a <= 4 && isNumeral(text[k]) { k += 1 }
            return k > a + 1 && k < b && text[k] == ")" ? k + 1 - a : nil
        }
        var k = a
        while k < b && k - a < 3 && isNumeral(text[k]) { k += 1 }
        guard k > a, k < b, text[k] == "、" || (text[k] == "." && !(k + 1 < b && isNumeral(text[k + 1]))) else { return nil }
        return k + 1 - a
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
    private func nounAfter(_ quantity: Range<Int>, itemEnd: Int, clauseEnd: Int, text: [Unicode.Scalar], words: WordIndex,
                           quantityTokens: [Token]) -> Range<Int>? {
        var c = quantity.upperBound, d = itemEnd
        // 形成50个人工智能通用、垂直领域大模型产品: a 、 inside the noun, when no quantity follows.
        if d < clauseEnd && text[d] == "、" && !quantityTokens.contains(where: { $0.start >= d && $0.start < clauseEnd }) { d = clauseEnd }
        while c < d && (text[c] == " " || text[c] == "的") { c += 1 }
        // 180座(含“渡改桥”工程): an aside right after the quantity is not what it counts.
        if c < d && text[c] == "(" {
            var depth = 0
            while c < d {
                if text[c] == "(" { depth += 1 } else if text[c] == ")" { depth -= 1; if depth == 0 { c += 1; break } }
                c += 1
            }
            while c < d && (text[c] == " " || text[c] == "的") { c += 1 }
        }
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
            // A word that ends a metric, unless a longer word holds it (孵化 in 孵化器).
            if i >= c + 2, let longest = words.starting(at: i).max(by: { $0.end < $1.end }), classes.metricEnd.contains(longest.wordClass) {
                d = i
                break
            }
            i += 1
        }
        if let lastOf = text[c..<max(c, d)].lastIndex(of: "的") { c = lastOf + 1 }
        while c < d && (text[c] == " " || text[c] == "的") { c += 1 }
        let rightHan = text[c..<max(c, d)].filter { $0.properties.isIdeographic }.count
        return rightHan >= 2 ? c..<d : nil
    }
}
