import ZhibiaoCore
import ZhibiaoGrammar

/// Links each quantity of a sentence to what governs it: time, change, metric, scope and role.
///
/// Each decision has a file of its own in `Linking/` and examples in `Grammars/linker.examples`;
/// which words play which part is data (`Grammars/linker.tsv` over the word classes of
/// `lexicon/classes.tsv`). This type only runs the decisions in order.
public struct Linker: Sendable {
    public let lexicon: Lexicon
    private let classes: LinkerClasses

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.classes = LinkerClasses(lexicon)
    }

    /// What headings pass down to their content: time, and whether the section reviews
    /// results or plans.
    public struct Context: Sendable {
        public var year: Int?
        public var periodStart: Int?
        public var periodEnd: Int?
        /// The year the document speaks from (its date, title or top headings), for telling a
        /// past year from a coming one.
        public var documentYear: Int?
        /// The frame the first heading above that says one sets: past (2025年工作回顾) or ahead
        /// (2026年工作安排), with its basis (`section:回顾`).
        public var sectionFrame: TimeFrame?
        public var sectionBasis: String?
        /// Set by a lead-in (力争到2027年，…): the quantities after it strive for their targets.
        public var aspirational = false
        /// The document is a speech that reports as well as plans (a policy address opening with
        /// 主席、各位议员): what nothing places ahead is a fact.
        public var isSpeech = false

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
        /// The verb of a verb–object target (培育, 新建).
        public var action: String?
        public var scope: String?
        public var role: Role = .target
        /// Why the role was decided.
        public var roleBasis: String?
        /// Time rules whose expressions govern the quantity.
        public var timeRules: [String] = []
    }

    /// How many characters of a document's opening are searched for a `speech-opening` word.
    static let openingLength = 400

    /// Whether the document's opening addresses an assembly (各位代表, 各位议员): a speech —
    /// unless the opening also names a budget (`speech-veto`: 拨款条例草案), whose measures are
    /// decided plan figures.
    public func isSpeech(_ text: [Unicode.Scalar]) -> Bool {
        var found: [(entry: Int, length: Int)] = []
        var speech = false
        let end = min(text.count, Self.openingLength)
        for i in 0..<end where lexicon.mayStartWord(text[i]) {
            found.removeAll(keepingCapacity: true)
            lexicon.matches(in: text, at: i, end: end, into: &found)
            for match in found {
                let entryClass = lexicon.entryClass[match.entry]
                if classes.speechVeto.contains(entryClass) { return false }
                if classes.speechOpening.contains(entryClass) { speech = true }
            }
        }
        return speech
    }

    /// The context a heading sentence sets: its year, deadline or period, else the parent's;
    /// a section's heading (not the title: `section` false) may also set the section's frame.
    public func context(of lattice: Lattice, inheriting parent: Context, section: Bool = true) -> Context {
        var context = TimeLink.context(of: lattice, inheriting: parent)
        if section && parent.sectionFrame == nil {
            let words = WordIndex(lattice, lexicon: lexicon)
            if let cue = FrameDecision(classes: classes).sectionFrame(of: lattice, words: words, documentYear: parent.documentYear).cue {
                context.sectionFrame = cue.frame
                context.sectionBasis = cue.basis
            }
        }
        return context
    }

    /// The context a lead-in passes to the sentences after it (its paragraph, and the "——"
    /// bullets that follow): its time and 力争, when its first clause holds a deadline, a coming
    /// year or a period (力争到2027年，…。在…取得10项以上…；到2026年，…。⏎——…突破3500PFlops).
    public func leadIn(of lattice: Lattice, inheriting parent: Context) -> Context? {
        LeadIn(classes: classes).context(of: lattice, words: { WordIndex(lattice, lexicon: lexicon) }, inheriting: parent)
    }

    /// Links the quantities (token indices, in order) of one sentence's lattice. `tableCells`
    /// indexes the document's tab and line breaks, so that a quantity in a table row finds the
    /// row's name cell without scanning the document.
    public func link(_ quantities: [Int], in lattice: Lattice, context: Context, tableCells: TableCellIndex? = nil) -> [Linked] {
        let times = TimeLink.times(in: lattice)
        let words = WordIndex(lattice, lexicon: lexicon)
        let quantityTokens = quantities.map { lattice.tokens[$0] }
        let metrics = MetricFinder(classes: classes)
        let frames = FrameDecision(classes: classes)
        var timesEndingAt: [Int: Int] = [:]
        for index in times { timesEndingAt[lattice.tokens[index].end] = index }
        var result: [Linked] = []
        for (position, index) in quantities.enumerated() {
            let token = lattice.tokens[index]
            let span = token.start..<token.end
            var linked = Linked(quantity: lattice.quantities[token.payload])
            let bounds = ClauseBounds(quantity: span, in: lattice.text, sentence: lattice.range)

            // 由1985年的12%提高到14%: the year after 由/从 dates the starting value, not the target.
            let time = TimeLink(quantity: span, clause: bounds.clause, times: times.filter { !words.endsAt(lattice.tokens[$0].start, classes.from) },
                                in: lattice, context: context)
            (linked.year, linked.yearSource, linked.periodStart, linked.periodEnd) = (time.year, time.yearSource, time.periodStart, time.periodEnd)
            (linked.baselineYear, linked.baseline, linked.accumulation) = (time.baselineYear, time.baseline, time.accumulation)
            linked.timeRules = time.rules

            let change = ChangeLink(quantity: span, bounds: bounds, words: words, classes: classes, quantityTokens: quantityTokens)
            (linked.change, linked.aspirational) = (change.change, change.aspirational || (!time.inSentence && context.aspirational))

            let phrase = metrics.find(quantity: span, kind: linked.quantity.kind, item: bounds.item, clause: bounds.clause, in: lattice,
                                      words: words, times: times, quantityTokens: quantityTokens)
            if let (item, head) = phrase.listItem {
                linked.metric = lattice.string(item) + (head.map { lattice.string($0) } ?? "")
            } else {
                linked.metric = phrase.metric.map { (phrase.attribute.map { lattice.string($0) } ?? "") + lattice.string($0) }
                    ?? tableCells?.metric(before: span.lowerBound)
            }
            linked.action = phrase.action.map { lattice.string($0) }
            linked.metricKey = linked.metric.map { lexicon.metricSynonyms[$0] ?? $0 }
            linked.scope = phrase.respectivePlace.map { lattice.string($0) } ?? ScopeFinder().scope(of: phrase, in: lattice)
            if let per = phrase.per { RatioLink.apply(per: lexicon.entry(per), to: &linked.quantity) }

            let cue = frames.nearestCue(before: linked.quantity.core.lowerBound, clause: bounds.clause, in: lattice,
                                        words: words, times: times, timesEndingAt: timesEndingAt, documentYear: context.documentYear)
            let role = RoleDecision(
                .init(quantity: span, position: position, value: linked.quantity, bounds: bounds, timeInSentence: time.inSentence,
                      accumulation: linked.accumulation, change: linked.change, aspirational: linked.aspirational,
                      cue: cue, section: context.sectionFrame.map { ($0, context.sectionBasis ?? "section") }, speech: context.isSpeech),
                in: lattice, words: words, classes: classes, quantityTokens: quantityTokens)
            (linked.role, linked.roleBasis) = (role.role, role.basis)
            // An action belongs to a verb–object target, not to a fact.
            if let rule = role.rule, !linked.timeRules.contains(rule) { linked.timeRules.append(rule) }

            RatioLink.inheritElidedMetric(&linked, from: result.last)
            // 打造10个以上产业集聚区、3个以上示范区: a coordinated item shares the verb before it.
            if linked.action == nil, let previous = result.last, let action = previous.action,
               let end = quantityTokens.last(where: { $0.end <= span.lowerBound })?.end, bounds.item.lowerBound > end,
               lattice.text[bounds.item.lowerBound - 1] == "、", !lattice.text[end..<bounds.item.lowerBound].contains(where: Punctuation.isClauseBreak) {
                linked.action = action
            }
            if linked.role == .fact { linked.action = nil }
            // 每个片区明确1名县级…、1名乡镇…: a coordinated item shares the scope before it.
            if linked.scope == nil, let previous = result.last, let scope = previous.scope,
               let end = quantityTokens.last(where: { $0.end <= span.lowerBound })?.end, bounds.item.lowerBound > end,
               lattice.text[bounds.item.lowerBound - 1] == "、", !lattice.text[end..<bounds.item.lowerBound].contains(where: Punctuation.isClauseBreak) {
                linked.scope = scope
            }
            result.append(linked)
        }
        return result
    }
}
