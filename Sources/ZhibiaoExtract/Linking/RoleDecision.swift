import ZhibiaoCore
import ZhibiaoGrammar

/// Whether a quantity is a target or a fact, and why (`roleBasis`).
///
/// A plan's quantities are targets unless something says otherwise, in this order:
/// - `threshold`: a quantity inside another's metric. Before 的 with a comparator and no verb
///   governing it (年产值超5亿元的农业全产业链); a term of a formula (…×100%); or followed in its
///   clause, with no 、 between, by a later quantity's comparator word (150万元以上行政村占比达到
///   100%; 从518家增加到731家).
/// - `word:W`: a fact word in its clause before it (一般为, 目前, 可选择).
/// - `small-count`: a small Chinese count with nothing to govern it (西部五镇).
/// - `bare-duration`: a duration with nothing to govern it (再延长30年).
/// - `speech`: in a speech that reports as well as plans (a policy address), nothing places it ahead.
/// - otherwise a target: `governed` (a year, comparator, accumulation, change, 力争 or a verb in
///   its clause governs it) or `plan`.
struct RoleDecision {
    var role: Role
    var basis: String
    /// The time rule whose frame decided it, if any.
    var rule: String?

    struct Inputs {
        var quantity: Range<Int>
        /// Index of the quantity among the sentence's quantities.
        var position: Int
        var value: QuantityValue
        var bounds: ClauseBounds
        var timeInSentence: Bool
        var accumulation: Accumulation?
        var change: Change?
        var aspirational: Bool
        /// The nearest cue of aspect, modality or time before it in its sentence.
        var cue: FrameDecision.Cue?
        /// The frame of its section (past: a review of results), with the basis.
        var section: (frame: TimeFrame, basis: String)?
        /// The document is a speech that reports as well as plans (``Linker/Context/isSpeech``).
        var speech = false
    }

    init(_ inputs: Inputs, in lattice: Lattice, words: WordIndex, classes: LinkerClasses, quantityTokens: [Token]) {
        let text = lattice.text
        let s = inputs.quantity.lowerBound
        let core = inputs.value.core.lowerBound  // after a comparator word (达89%)
        let clause = inputs.bounds.clause
        // 建设“20分钟便民服务圈”: the radius of a quoted standard is the commitment.
        if MetricFinder.quotedStandard(around: inputs.quantity, in: text, within: inputs.bounds.item) != nil {
            (role, basis) = (.target, "standard")
            return
        }
        if let reason = Self.startingValueOrList(inputs, in: lattice, words: words, classes: classes) {
            (role, basis) = (.fact, reason)
            return
        }
        if Self.isThreshold(inputs, in: lattice, words: words, classes: classes, quantityTokens: quantityTokens) {
            (role, basis) = (.fact, "threshold")
            return
        }
        if let word = words.first(classes.fact, in: clause.lowerBound..<core, unlessHiddenBy: classes.hidesCues) {
            (role, basis) = (.fact, "word:" + lattice.string(word))
            return
        }
        let governed = inputs.timeInSentence || inputs.value.comparator != .equal || inputs.accumulation != nil
            || inputs.change != nil || inputs.aspirational
            || words.contains(classes.targetCue, in: clause.lowerBound..<core)
        let e = inputs.quantity.upperBound
        // 办好十件民生实事: a verb right before a Chinese count governs it (西部五镇 has none).
        let verbRightBefore = words.endsAt(Self.skippingSpaces(before: s, in: lattice), classes.objectVerb)
        if inputs.value.kind == .count && !governed && !verbRightBefore && text[s..<e].allSatisfy({ !($0.value >= 0x30 && $0.value <= 0x39) }) {
            (role, basis) = (.fact, "small-count")
            return
        }
        if inputs.value.kind == .duration && !governed && inputs.value.comparator == .equal {
            (role, basis) = (.fact, "bare-duration")
            return
        }
        // A review section's quantities are results, unless a time ahead governs one.
        if let section = inputs.section, section.frame == .past {
            if let cue = inputs.cue, cue.isTime, cue.frame == .future {
                (role, basis, rule) = (.target, cue.basis, cue.rule)
            } else {
                (role, basis) = (.fact, section.basis)
            }
            return
        }
        // Money set aside (政府已预留约8亿元) is a commitment, however it is told.
        if let cue = inputs.cue, cue.frame == .past, !cue.isTime, words.endsAt(Self.skippingSpaces(before: s, in: lattice), classes.budget) {
            (role, basis) = (.target, "budget")
            return
        }
        if let cue = inputs.cue {
            (role, basis, rule) = (cue.frame == .past ? .fact : .target, cue.basis, cue.rule)
            return
        }
        if let section = inputs.section {
            (role, basis) = (.target, section.basis)
            return
        }
        // 我们在国外共有11个经济贸易办事处: what there is, with nothing to say it will change.
        let before = Self.skippingSpaces(before: inputs.value.core.lowerBound, in: lattice)
        if let word = words.ending(at: before).first(where: { classes.existential.contains($0.wordClass) })
            ?? words.ending(at: Self.skippingSpaces(before: s, in: lattice)).first(where: { classes.existential.contains($0.wordClass) }) {
            (role, basis) = (.fact, "word:" + lattice.string(word.start..<word.end))
            return
        }
        // 服务业占本地生产总值超过90% in a policy address: what a speech states with nothing to
        // place it ahead is how things are.
        if inputs.speech {
            (role, basis) = (.fact, "speech")
            return
        }
        (role, basis) = (.target, governed ? "governed" : "plan")
    }

    /// A starting value (从209元、280元提高到217元、290元 → `from:从`), the count of a list
    /// (重点把握好5个方面 → `list:方面`), or an age that qualifies a noun (3岁以下婴幼儿 →
    /// `threshold`).
    private static func startingValueOrList(_ inputs: Inputs, in lattice: Lattice, words: WordIndex, classes: LinkerClasses) -> String? {
        let text = lattice.text
        let s = inputs.quantity.lowerBound, e = inputs.quantity.upperBound
        let clause = inputs.bounds.clause
        if let from = words.first(classes.from, in: clause.lowerBound..<s), words.contains(classes.changeTo, in: e..<clause.upperBound) {
            return "from:" + lattice.string(from)
        }
        if let list = words.starting(at: e).first(where: { classes.listCount.contains($0.wordClass) }) {
            return "list:" + lattice.string(list.start..<list.end)
        }
        // 提供5个策略环境，包括…: a count whose items follow is the count of a list.
        let next = clause.upperBound < lattice.range.upperBound && text[clause.upperBound] != "。" ? clause.upperBound + 1 : nil
        if let next, let intro = words.starting(at: next).first(where: { classes.listIntro.contains($0.wordClass) }),
           inputs.value.kind == .count,
           !(e..<clause.upperBound).contains(where: { k in lattice.tokens.contains { $0.kind == .quantity && $0.start == k } }) {
            return "list:" + lattice.string(intro.start..<intro.end)
        }
        // An age or a class before the noun it qualifies: 3岁以下婴幼儿, 30万吨级码头.
        let qualifies = inputs.value.unitSpan.map { unit in words.starting(at: unit.lowerBound).contains { classes.qualifierUnit.contains($0.wordClass) } } ?? false
            || words.ending(at: e).contains { classes.qualifierUnit.contains($0.wordClass) }
        if qualifies, e < lattice.range.upperBound, text[e].properties.isIdeographic, text[e] != "的" {
            return "threshold"
        }
        return nil
    }

    /// The offset before the spaces that end just before `position`.
    static func skippingSpaces(before position: Int, in lattice: Lattice) -> Int {
        var k = position
        while k > lattice.range.lowerBound && lattice.text[k - 1] == " " { k -= 1 }
        return k
    }

    /// Whether the quantity qualifies another's metric rather than stating a target.
    private static func isThreshold(_ inputs: Inputs, in lattice: Lattice, words: WordIndex, classes: LinkerClasses,
                                    quantityTokens: [Token]) -> Bool {
        let text = lattice.text
        let s = inputs.quantity.lowerBound, e = inputs.quantity.upperBound
        // A verb right before the quantity (spaces skipped) governs it.
        var k = s
        while k > lattice.range.lowerBound && text[k - 1] == " " { k -= 1 }
        let governed = words.endsAt(k, classes.governs)
        // 年产值超5亿元的农业全产业链: a quantity qualifying a noun after 的 is a threshold, unless a
        // verb governs it (安排不少于10%的建设用地指标). A bare share is none: 100%的社区卫生服务中心完成….
        if e < lattice.range.upperBound && text[e] == "的" && inputs.value.comparator != .equal && !governed { return true }
        // …人数/辖区内常住人口数×100%: a term of a formula.
        if words.endsAt(k, classes.formula) { return true }
        // 150万元以上行政村占比达到100%: inside another's metric, with no list separator between
        // them; the later quantity's comparator word counts (its token starts at 达到). Not when a
        // verb governs this one (建设3条年产值超5亿元的…).
        guard !governed else { return false }
        for later in quantityTokens[(inputs.position + 1)...] where later.start < inputs.bounds.clause.upperBound {
            let laterCore = max(later.start, lattice.quantities[later.payload].core.lowerBound)
            // A list item or an aside in brackets is not inside another's metric.
            if text[e..<laterCore].contains(where: { $0 == "、" || $0 == "(" }) || words.contains(classes.coordinates, in: e..<laterCore) { break }
            if words.contains(classes.laterComparator, in: e..<laterCore) { return true }
        }
        return false
    }
}
