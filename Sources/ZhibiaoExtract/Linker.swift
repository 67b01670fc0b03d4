import ZhibiaoCore
import ZhibiaoGrammar

/// Links each quantity of a sentence to what governs it: the target year or period (in the
/// sentence, else from the enclosing headings), a baseline, accumulation (每年, 累计, 新增),
/// the direction of change, 力争, the metric it measures and its scope, and whether it is a
/// target or a fact.
///
/// Word classes come from the lexicon (`lexicon/words.tsv`, `lexicon/scopes.txt`,
/// `time-words.tsv`); the logic here only decides which of them govern which quantity.
public struct Linker: Sendable {
    public let lexicon: Lexicon
    /// Word classes the linker reads, as sets of class integers (no string hashing per word).
    private let classes: Classes

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.classes = Classes(lexicon)
    }

    private struct Classes: Sendable {
        let changeUp, changeDown, per, verbAction, scope, unit: Int32
        let aspirational, fact, targetCues, governing, governingOrComparator, leading, trailing, stops, verbOrStop,
            targetOrComparator, formula: WordClassSet

        init(_ lexicon: Lexicon) {
            func id(_ name: String) -> Int32 { lexicon.classID(name) ?? -1 }
            func set(_ names: [String]) -> WordClassSet { WordClassSet(names, in: lexicon) }
            changeUp = id("change.up"); changeDown = id("change.down"); per = id("per")
            verbAction = id("verb.action"); scope = id("scope"); unit = id("unit")
            aspirational = set(["aspirational"])
            fact = set(["fact"])
            targetCues = set(["verb.target", "verb.action", "change.up", "change.down", "comparator.prefix"])
            governing = set(Linker.governing)
            governingOrComparator = set(Linker.governing + ["comparator.prefix"])
            leading = set(Linker.leading)
            trailing = set(Linker.trailing)
            stops = set(Linker.stops)
            verbOrStop = set(["verb.action", "metric.stop", "verb.target"])
            targetOrComparator = set(["verb.target", "comparator.prefix"])
            formula = set(["formula"])
        }
    }

    /// Time that headings pass down to their content.
    public struct Context: Sendable {
        public var year: Int?
        public var periodStart: Int?
        public var periodEnd: Int?

        public init() {}
    }

    /// A quantity with what the linker found for it.
    public struct Linked: Sendable {
        public var quantity: QuantityValue
        public var year: Int?
        public var yearSource: YearSource?
        public var baselineYear: Int?
        public var baseline: String?
        public var periodStart: Int?
        public var periodEnd: Int?
        public var accumulation: Accumulation?
        public var change: Change?
        public var aspirational = false
        /// As written (Simplified).
        public var metric: String?
        /// For matching: synonyms applied.
        public var metricKey: String?
        public var scope: String?
        public var role: Role = .target
        /// Why the role was decided.
        public var roleBasis: String?
        /// Time rules whose expressions govern the quantity.
        public var timeRules: [String] = []
    }

    /// The context a heading sentence sets: its year, deadline or period, else the parent's.
    public func context(of lattice: Lattice, inheriting parent: Context) -> Context {
        var context = parent
        for index in times(in: lattice) {
            let time = lattice.times[lattice.tokens[index].payload]
            switch time.kind {
            case .year, .deadline, .date: context.year = time.year
            case .period: context.periodStart = time.start; context.periodEnd = time.end
            default: break
            }
        }
        return context
    }

    private func times(in lattice: Lattice) -> [Int] {
        GrammarEngine.winners(lattice.tokens.indices.filter { lattice.tokens[$0].kind == .time }, in: lattice)
    }

    @inline(__always)
    private static func isMajorBreak(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ";", "；", "。", "!", "?", "！", "？": true
        default: false
        }
    }

    @inline(__always)
    private static func isClauseBreak(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ",", "，", ":", "：", "\t": true
        default: isMajorBreak(c)
        }
    }

    /// Links the quantities (token indices, in order) of one sentence's lattice. `tableCells`
    /// indexes the document's tab and line breaks, so that a quantity in a table row finds the
    /// row's name cell without scanning the document.
    public func link(_ quantities: [Int], in lattice: Lattice, context: Context, tableCells: TableCellIndex? = nil) -> [Linked] {
        let text = lattice.text
        let range = lattice.range
        let timeTokens = times(in: lattice)
        let words = WordIndex(lattice, lexicon: lexicon)
        func hasWord(_ classes: WordClassSet, in span: Range<Int>) -> Bool {
            span.contains { words.starting(at: $0).contains { classes.contains($0.wordClass) && $0.end <= span.upperBound } }
        }
        func firstWord(_ classes: WordClassSet, in span: Range<Int>) -> Range<Int>? {
            for position in span {
                if let word = words.starting(at: position).first(where: { classes.contains($0.wordClass) && $0.end <= span.upperBound }) {
                    return word.start..<word.end
                }
            }
            return nil
        }
        func boundary(before position: Int, _ isBreak: (Unicode.Scalar) -> Bool) -> Int {
            var i = position - 1
            while i >= range.lowerBound && !isBreak(text[i]) { i -= 1 }
            return i + 1
        }
        func boundary(after position: Int, _ isBreak: (Unicode.Scalar) -> Bool) -> Int {
            var i = position
            while i < range.upperBound && !isBreak(text[i]) { i += 1 }
            return i
        }
        let quantityTokens = quantities.map { lattice.tokens[$0] }

        var result: [Linked] = []
        for (position, index) in quantities.enumerated() {
            let token = lattice.tokens[index]
            var linked = Linked(quantity: lattice.quantities[token.payload])
            let s = token.start, e = token.end
            let core = linked.quantity.core.lowerBound  // after a comparator word (达89%)
            let clauseStart = boundary(before: s, Self.isClauseBreak)
            let clauseEnd = boundary(after: e, Self.isClauseBreak)
            let majorStart = boundary(before: s, Self.isMajorBreak)
            // An item ends at 、 and at the bracket a quantity stands in: 预留30%的号源(其中专家号源不低于30%)
            // (a closed bracket before it, 示范村(未来乡村)10个, is part of the metric).
            let itemStart = max(clauseStart, boundary(before: s) { $0 == "、" }, Self.openBracket(before: s, from: clauseStart, in: text))
            let itemEnd = min(clauseEnd, boundary(after: e) { $0 == "、" }, Self.closeBracket(after: e, to: clauseEnd, in: text))

            // Time: the last year, deadline or period before the quantity; else one after it in
            // the clause; else the headings'.
            var timeFound = false
            let before = timeTokens.filter { lattice.tokens[$0].end <= s }
            let after = timeTokens.filter { lattice.tokens[$0].start >= e && lattice.tokens[$0].end <= clauseEnd }
            for candidate in before.reversed() + after {
                let time = lattice.times[lattice.tokens[candidate].payload]
                guard [.year, .deadline, .date, .period].contains(time.kind) else { continue }
                linked.timeRules.append(time.rule)
                if time.kind == .period {
                    linked.periodStart = time.start
                    linked.periodEnd = time.end
                    linked.year = time.end
                } else {
                    linked.year = time.year
                }
                linked.yearSource = .sentence
                timeFound = true
                break
            }
            if !timeFound {
                linked.year = context.year ?? context.periodEnd
                linked.yearSource = context.year != nil ? .heading : (context.periodEnd != nil ? .period : nil)
                linked.periodStart = context.periodStart
                linked.periodEnd = context.periodEnd
            }
            // Baseline and accumulation before the quantity.
            for candidate in before.reversed() {
                let t = lattice.tokens[candidate]
                let time = lattice.times[t.payload]
                if time.kind == .baseline && t.start >= clauseStart && linked.baselineYear == nil && linked.baseline == nil {
                    linked.baselineYear = time.year
                    linked.baseline = time.baseline
                    linked.timeRules.append(time.rule)
                }
                // Accumulation governs its clause; 每年新增 is annual.
                if time.kind == .accumulation && t.start >= clauseStart
                    && (linked.accumulation == nil || (time.accumulation == .annual && linked.accumulation != .annual)) {
                    linked.accumulation = time.accumulation
                    linked.timeRules.append(time.rule)
                }
            }
            // Change: the nearest change word before the quantity in its item.
            var i = s - 1
            while i >= itemStart {
                let here = words.starting(at: i)
                if here.contains(where: { $0.end <= s }) {
                    if here.contains(where: { $0.wordClass == classes.changeUp && $0.end <= s }) { linked.change = .increase; break }
                    if here.contains(where: { $0.wordClass == classes.changeDown && $0.end <= s }) { linked.change = .decrease; break }
                }
                if quantityTokens.contains(where: { $0.end == i + 1 && $0.start != s }) { break }
                i -= 1
            }
            linked.aspirational = hasWord(classes.aspirational, in: majorStart..<s)

            // Metric and scope.
            let (metric, scope, perWord) = metricAndScope(lattice: lattice, quantityStart: s, quantityEnd: e, itemStart: itemStart,
                                                          itemEnd: itemEnd, words: words,
                                                          timeTokens: timeTokens, quantityTokens: quantityTokens)
            linked.metric = metric ?? tableCells?.metric(before: s)
            linked.metricKey = linked.metric.map { lexicon.metricSynonyms[$0] ?? $0 }
            linked.scope = scope
            if let perWord, let denominator = Factor(parsing: perWord["factor"] ?? "") {
                // 每千人…3.8个: a ratio per person.
                linked.quantity.kind = .ratio
                linked.quantity.baseUnit = .ratio
                linked.quantity.factor = Factor(numerator: linked.quantity.factor.numerator,
                                                denominator: linked.quantity.factor.denominator.multiplied(by: denominator.numerator) ?? denominator.numerator)
            }

            // Role.
            let threshold: Bool = {
                // A verb right before the quantity (spaces skipped) governs it.
                var k = s
                while k > range.lowerBound && text[k - 1] == " " { k -= 1 }
                let governed = words.ending(at: k).contains { classes.governing.contains($0.wordClass) }
                // 年产值超5亿元的农业全产业链: a quantity qualifying a noun after 的 is a threshold,
                // unless a verb governs it (安排不少于10%的建设用地指标).
                // (A bare share is no threshold: 100%的社区卫生服务中心完成… is a target.)
                if e < range.upperBound && text[e] == "的" && linked.quantity.comparator != .equal && !governed {
                    return true
                }
                // …人数/辖区内常住人口数×100%: a term of a formula.
                if words.ending(at: k).contains(where: { classes.formula.contains($0.wordClass) }) { return true }
                // 150万元以上行政村占比达到100%: a quantity inside another's metric, with no list
                // separator between them; the later quantity's comparator word counts (its token
                // starts at 达到). Not when a verb governs this one (建设3条年产值超5亿元的…).
                guard !governed else { return false }
                for later in quantityTokens[(position + 1)...] where later.start < clauseEnd {
                    let laterCore = max(later.start, lattice.quantities[later.payload].core.lowerBound)
                    if text[e..<laterCore].contains("、") { break }
                    if hasWord(classes.targetOrComparator, in: e..<laterCore) { return true }
                }
                return false
            }()
            // A plan's quantities are targets unless something says otherwise: a fact word (一般为,
            // 目前), a threshold, a small Chinese count with nothing to govern it (西部五镇), a
            // bare duration (再延长30年).
            let governed = timeFound || linked.quantity.comparator != .equal || linked.accumulation != nil
                || linked.change != nil || linked.aspirational
                || hasWord(classes.targetCues, in: clauseStart..<core)
            let smallChineseCount = linked.quantity.kind == .count && !governed
                && text[s..<e].allSatisfy { !($0.value >= 0x30 && $0.value <= 0x39) }
            let bareDuration = linked.quantity.kind == .duration && !governed && linked.quantity.comparator == .equal
            if threshold {
                linked.role = .fact
                linked.roleBasis = "threshold"
            } else if let word = firstWord(classes.fact, in: clauseStart..<core) {
                linked.role = .fact
                linked.roleBasis = "word:" + lattice.string(word)
            } else if smallChineseCount {
                linked.role = .fact
                linked.roleBasis = "small-count"
            } else if bareDuration {
                linked.role = .fact
                linked.roleBasis = "bare-duration"
            } else {
                linked.role = .target
                linked.roleBasis = governed ? "governed" : "plan"
            }
            // 每万常住人口家庭医生数达到4人以上，到2025年达到4.66人以上: an elided metric is the
            // previous one of the sentence, when the unit agrees.
            if linked.metric == nil, let previous = result.last, let metric = previous.metric,
               previous.quantity.baseUnit == linked.quantity.baseUnit || previous.quantity.kind == .ratio {
                linked.metric = metric
                linked.metricKey = previous.metricKey
                if previous.quantity.kind == .ratio && linked.quantity.kind != .ratio {
                    linked.quantity.kind = .ratio
                    linked.quantity.baseUnit = .ratio
                    linked.quantity.factor = previous.quantity.factor
                }
            }
            result.append(linked)
        }
        return result
    }

    /// Just after the bracket left open before `position` (back to `lower`), or `lower`.
    static func openBracket(before position: Int, from lower: Int, in text: [Unicode.Scalar]) -> Int {
        var depth = 0
        var i = position - 1
        while i >= lower {
            if text[i] == ")" { depth += 1 } else if text[i] == "(" {
                if depth == 0 { return i + 1 }
                depth -= 1
            }
            i -= 1
        }
        return lower
    }

    /// The bracket that closes one open before `position` (up to `upper`), or `upper`.
    static func closeBracket(after position: Int, to upper: Int, in text: [Unicode.Scalar]) -> Int {
        var depth = 0
        var i = position
        while i < upper {
            if text[i] == "(" { depth += 1 } else if text[i] == ")" {
                if depth == 0 { return i }
                depth -= 1
            }
            i += 1
        }
        return upper
    }

    /// Classes of words that govern a quantity right before it (a verb, not a noun it qualifies).
    private static let governing = ["verb.action", "verb.target", "change.up", "change.down", "accumulation",
                                                 "aspirational", "modal"]

    /// Classes stripped from the edges of a metric: they govern it, they do not name it.
    private static let leading = ["scope", "accumulation", "aspirational", "verb.action", "verb.target", "change.up",
                                               "change.down", "comparator.prefix", "fact", "deadline", "baseline.prefix", "relative"]
    private static let trailing = ["verb.target", "verb.action", "change.up", "change.down", "comparator.prefix",
                                                "accumulation", "baseline.prefix", "aspirational", "modal", "fact"]
    private static let stops = ["metric.stop", "verb.target", "verb.action", "change.up", "change.down",
                                             "comparator.suffix", "comparator.prefix"]

    private func metricAndScope(lattice: Lattice, quantityStart s: Int, quantityEnd e: Int, itemStart: Int, itemEnd: Int,
                                words: WordIndex,
                                timeTokens: [Int], quantityTokens: [Token]) -> (String?, String?, WordEntry?) {
        let text = lattice.text
        var scopeParts: [String] = []
        // Left of the quantity: strip governing words from both edges.
        var a = itemStart, b = s
        var changed = true
        while changed && a < b {
            changed = false
            while a < b && (text[a] == " " || text[a] == "的") { a += 1; changed = true }
            if let time = timeTokens.first(where: { lattice.tokens[$0].start == a && lattice.tokens[$0].end <= b }) {
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
            if let longest = here.max(by: { $0.end < $1.end }),
               classes.leading.contains(longest.wordClass) || longest.wordClass == classes.unit,
               let word = here.filter({ classes.leading.contains($0.wordClass) }).max(by: { $0.end < $1.end }) {
                if word.wordClass == classes.scope { scopeParts.append(lattice.string(a..<word.end)) }
                a = word.end
                changed = true
                continue
            }
        }
        changed = true
        while changed && a < b {
            changed = false
            if let time = timeTokens.first(where: { lattice.tokens[$0].end == b && lattice.tokens[$0].start >= a }) {
                b = lattice.tokens[time].start
                changed = true
                continue
            }
            let here = words.ending(at: b).filter { $0.start >= a }
            if let longest = here.min(by: { $0.start < $1.start }),
               classes.trailing.contains(longest.wordClass),
               let word = here.filter({ classes.trailing.contains($0.wordClass) }).min(by: { $0.start < $1.start }) {
                b = word.start
                changed = true
                continue
            }
            if text[b - 1] == "的" || text[b - 1] == " " { b -= 1; changed = true }
        }
        var per: WordEntry?
        if a < b, let perWord = words.starting(at: a).first(where: { $0.wordClass == classes.per }) {
            per = lexicon.words(in: "per").first { String(String.UnicodeScalarView($0.word)) == lattice.string(a..<perWord.end) }
        }
        // 每个片区明确1名…: a distributive phrase is the scope, and the metric follows.
        if b - a >= 2 && text[a] == "每" && per == nil {
            scopeParts.append(lattice.string(a..<b))
            a = b
        }
        // 省市区联动选派科技特派员: the object of the last verb inside is what is counted.
        // (Only when a verb or a stop word comes right before it: 片区建设周期 stays whole.)
        var k = b - 1
        while k > a {
            let here = words.starting(at: k)
            if here.contains(where: { $0.wordClass == classes.verbAction && $0.end < b - 1 }),
               let verb = here.filter({ $0.wordClass == classes.verbAction }).max(by: { $0.end < $1.end }),
               words.ending(at: k).contains(where: { classes.verbOrStop.contains($0.wordClass) }) {
                a = verb.end
                break
            }
            k -= 1
        }
        let scope = scopeParts.isEmpty ? nil : scopeParts.joined()
        // 安排不少于10%的建设用地指标: a governed quantity before 的 measures the noun after it.
        let governedAttribute = e < text.count && text[e] == "的"
            && words.ending(at: s).contains { classes.governingOrComparator.contains($0.wordClass) }
        let han = text[a..<max(a, b)].filter { $0.properties.isIdeographic || $0.properties.isAlphabetic }.count
        if han >= 2 && !governedAttribute {
            return (lattice.string(a..<b), scope, per)
        }
        // Right of the quantity: the noun it counts (建设200个重点村组团片区), past attributes
        // that hold another quantity (3条年产值超5亿元的农业全产业链).
        var c = e, d = itemEnd
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
            if i >= c + 2, words.starting(at: i).contains(where: { classes.stops.contains($0.wordClass) }) { d = i; break }
            i += 1
        }
        if let lastOf = text[c..<max(c, d)].lastIndex(of: "的") { c = lastOf + 1 }
        while c < d && (text[c] == " " || text[c] == "的") { c += 1 }
        let rightHan = text[c..<max(c, d)].filter { $0.properties.isIdeographic }.count
        if rightHan >= 2 {
            return (lattice.string(c..<d), scope, per)
        }
        if han >= 2 { return (lattice.string(a..<b), scope, per) }
        return (nil, scope, per)
    }
}

/// A set of word classes as flags indexed by class integer.
struct WordClassSet: Sendable {
    private var flags: [Bool]

    init(_ names: [String], in lexicon: Lexicon) {
        flags = [Bool](repeating: false, count: lexicon.classNames.count)
        for name in names { if let id = lexicon.classID(name) { flags[Int(id)] = true } }
    }

    @inline(__always)
    func contains(_ wordClass: Int32) -> Bool { wordClass >= 0 && Int(wordClass) < flags.count && flags[Int(wordClass)] }
}

/// The word tokens of a sentence by start and by end offset (flat arrays, no hashing).
struct WordIndex {
    struct Word {
        var wordClass: Int32
        var start: Int
        var end: Int
    }

    private let lower: Int
    private let byStart: [Word]
    private let startFirst: [Int32]
    private let byEnd: [Word]
    private let endFirst: [Int32]

    init(_ lattice: Lattice, lexicon: Lexicon) {
        lower = lattice.range.lowerBound
        let count = lattice.range.count + 1
        var words: [Word] = []
        for token in lattice.tokens where token.kind == .word {
            words.append(Word(wordClass: lexicon.entryClass[lattice.words[token.payload]], start: token.start, end: token.end))
        }
        (byStart, startFirst) = Self.group(words, count: count) { $0.start - lattice.range.lowerBound }
        (byEnd, endFirst) = Self.group(words, count: count) { $0.end - lattice.range.lowerBound }
    }

    /// Counting sort by key (stable: words keep their token order within a key).
    private static func group(_ words: [Word], count: Int, key: (Word) -> Int) -> ([Word], [Int32]) {
        var first = [Int32](repeating: 0, count: count + 1)
        for word in words { first[key(word) + 1] += 1 }
        for r in 0..<count { first[r + 1] += first[r] }
        var next = first
        var sorted = words
        for word in words {
            let k = key(word)
            sorted[Int(next[k])] = word
            next[k] += 1
        }
        return (sorted, first)
    }

    func starting(at offset: Int) -> ArraySlice<Word> {
        let r = offset - lower
        guard r >= 0 && r + 1 < startFirst.count else { return [] }
        return byStart[Int(startFirst[r])..<Int(startFirst[r + 1])]
    }

    func ending(at offset: Int) -> ArraySlice<Word> {
        let r = offset - lower
        guard r >= 0 && r + 1 < endFirst.count else { return [] }
        return byEnd[Int(endFirst[r])..<Int(endFirst[r + 1])]
    }
}
