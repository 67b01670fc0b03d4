import ZhibiaoCore

/// Runs a grammar over sentences: tokenizes, then applies each stage's rules in turn, each stage
/// seeing the tokens of the tokenizer and of the stages before it.
public struct GrammarEngine: Sendable {
    public let grammar: Grammar
    public let lexicon: Lexicon
    public let tokenizer: Tokenizer
    /// Built once: it holds the lexicon's class tables that the hot loops read.
    private let matcher: Matcher
    private let compiled: [(Stage, [(rule: CompiledRule, first: UInt64)])]
    /// What productions read of each lexicon entry, parsed once.
    private let facts: [EntryFacts]
    private let units: [UnitEntry]

    public init(grammar: Grammar, lexicon: Lexicon) {
        self.grammar = grammar
        self.lexicon = lexicon
        self.tokenizer = Tokenizer(lexicon: lexicon)
        let matcher = Matcher(lexicon: lexicon)
        self.matcher = matcher
        self.compiled = Stage.allCases.map { stage in
            (stage, grammar.rules(in: stage).map {
                let rule = CompiledRule(rule: $0, lexicon: lexicon)
                return (rule, matcher.firstFeatures(of: rule))
            })
        }
        facts = EntryFacts.all(lexicon)
        units = lexicon.units
    }

    /// The lattice of a sentence after every stage.
    public func run(_ text: [Unicode.Scalar], range: Range<Int>, masked: [Range<Int>] = []) -> Lattice {
        var scratch = MatcherScratch()
        return run(text, range: range, masked: masked, scratch: &scratch)
    }

    /// The same, with the engine's working memory kept by the caller across sentences.
    public func run(_ text: [Unicode.Scalar], range: Range<Int>, masked: [Range<Int>] = [], scratch: inout MatcherScratch) -> Lattice {
        var lattice = Lattice(text: text, range: range)
        run(into: &lattice, range: range, masked: masked, scratch: &scratch)
        return lattice
    }

    /// The lattice of `range` (of `lattice.text`) into `lattice`, reusing its storage: a caller
    /// that keeps one lattice and one scratch for a document allocates next to nothing per
    /// sentence.
    public func run(into lattice: inout Lattice, range: Range<Int>, masked: [Range<Int>] = [], scratch: inout MatcherScratch) {
        tokenizer.tokenize(into: &lattice, range: range, masked: masked, scratch: &scratch.tokenizer)
        scratch.index.setCharacters(of: lattice)
        scratch.index.build(lattice, entryClass: matcher.entryClass, unitClass: matcher.unitClass)
        var indexedTokens = lattice.tokens.count
        var hasNumbers = false
        for token in lattice.tokens where token.kind == .number { hasNumbers = true; break }
        var produced: [(Token, QuantityValue?, TimeValue?)] = []
        for (stage, rules) in compiled {
            produced.removeAll(keepingCapacity: true)
            // The index changes only when the stage before added tokens (or claimed numbers).
            if lattice.tokens.count != indexedTokens {
                scratch.index.build(lattice, entryClass: matcher.entryClass, unitClass: matcher.unitClass)
                indexedTokens = lattice.tokens.count
            }
            for (rule, first) in rules {
                if !rule.startsWithLiteral && scratch.index.tokenFeatures & first == 0 { continue }
                if rule.needsNumber && !hasNumbers { continue }
                matcher.matches(of: rule, firstFeatures: first, in: lattice, scratch: &scratch)
                for m in 0..<scratch.matchCount {
                    if let output = produce(rule, scratch.matches[m], scratch.matchCaptures, lattice) { produced.append(output) }
                }
            }
            for (token, quantity, time) in produced {
                var token = token
                if let quantity {
                    lattice.quantities.append(quantity)
                    token.payload = lattice.quantities.count - 1
                } else if let time {
                    lattice.times.append(time)
                    token.payload = lattice.times.count - 1
                }
                lattice.add(token)
            }
            if stage == .time { claimNumbers(&lattice, scratch: &scratch.winners) }
        }
    }

    /// The quantities of a lattice that win over the others (``winners(_:in:)``), in order.
    public func quantities(of lattice: Lattice, scratch: inout MatcherScratch) -> [Int] {
        scratch.winners.candidates.removeAll(keepingCapacity: true)
        for (index, token) in lattice.tokens.enumerated() where token.kind == .quantity { scratch.winners.candidates.append(index) }
        guard !scratch.winners.candidates.isEmpty else { return [] }
        Self.winners(in: lattice, scratch: &scratch.winners)
        return scratch.winners.result
    }

    /// Numbers inside the chosen time expressions are years, not quantities.
    private func claimNumbers(_ lattice: inout Lattice, scratch: inout WinnerScratch) {
        scratch.candidates.removeAll(keepingCapacity: true)
        for (index, token) in lattice.tokens.enumerated() where token.kind == .time { scratch.candidates.append(index) }
        guard !scratch.candidates.isEmpty else { return }
        Self.winners(in: lattice, scratch: &scratch)
        let lower = lattice.range.lowerBound
        scratch.covered.removeAll(keepingCapacity: true)
        scratch.covered.append(contentsOf: repeatElement(false, count: lattice.range.count + 1))
        for t in scratch.result { for offset in lattice.tokens[t].start..<lattice.tokens[t].end { scratch.covered[offset - lower] = true } }
        for index in lattice.tokens.indices where lattice.tokens[index].kind == .number {
            let token = lattice.tokens[index]
            if scratch.covered[token.start - lower] && scratch.covered[token.end - 1 - lower] {
                lattice.tokens[index].claimed = true
            }
        }
    }

    /// The best non-overlapping tokens among `candidates`: longest extent first, then later
    /// stage, then priority, then leftmost.
    public static func winners(_ candidates: [Int], in lattice: Lattice) -> [Int] {
        guard candidates.count > 1 else { return candidates }
        var scratch = WinnerScratch()
        scratch.candidates = candidates
        winners(in: lattice, scratch: &scratch)
        return scratch.result
    }

    /// The same over `scratch.candidates`, into `scratch.result`.
    static func winners(in lattice: Lattice, scratch: inout WinnerScratch) {
        scratch.result.removeAll(keepingCapacity: true)
        guard scratch.candidates.count > 1 else {
            scratch.result.append(contentsOf: scratch.candidates)
            return
        }
        let tokens = lattice.tokens
        scratch.candidates.sort { a, b in
            let x = tokens[a], y = tokens[b]
            if x.length != y.length { return x.length > y.length }
            if x.stage != y.stage { return (x.stage?.order ?? -1) > (y.stage?.order ?? -1) }
            if x.priority != y.priority { return x.priority > y.priority }
            return x.start < y.start
        }
        let lower = lattice.range.lowerBound
        scratch.taken.removeAll(keepingCapacity: true)
        scratch.taken.append(contentsOf: repeatElement(false, count: lattice.range.count))
        for index in scratch.candidates {
            let token = tokens[index]
            var free = true
            for offset in (token.start - lower)..<(token.end - lower) where scratch.taken[offset] { free = false; break }
            guard free else { continue }
            for offset in (token.start - lower)..<(token.end - lower) { scratch.taken[offset] = true }
            scratch.result.append(index)
        }
        scratch.result.sort { tokens[$0].start < tokens[$1].start }
    }

    // MARK: Productions

    private func produce(_ compiled: CompiledRule, _ match: RuleMatch, _ captures: [Capture], _ lattice: Lattice)
        -> (Token, QuantityValue?, TimeValue?)? {
        let rule = compiled.rule
        let p = compiled.production
        func capture(_ field: CompiledProduction.Field) -> Capture? {
            guard field.slot >= 0 else { return nil }
            let c = captures[match.captureBase + field.slot]
            return c.isSet ? c : nil
        }
        func capture(slot: Int) -> Capture? {
            guard slot >= 0 else { return nil }
            let c = captures[match.captureBase + slot]
            return c.isSet ? c : nil
        }
        func number(_ c: Capture?) -> NumberValue? {
            guard let c, c.token >= 0, lattice.tokens[c.token].kind == .number else { return nil }
            return lattice.numbers[lattice.tokens[c.token].payload]
        }
        /// The lexicon entry of a captured word.
        func word(_ c: Capture?) -> Int? {
            guard let c, c.token >= 0, lattice.tokens[c.token].kind == .word else { return nil }
            return lattice.words[lattice.tokens[c.token].payload]
        }
        func quantity(_ c: Capture?) -> QuantityValue? {
            guard let c, c.token >= 0, lattice.tokens[c.token].kind == .quantity else { return nil }
            return lattice.quantities[lattice.tokens[c.token].payload]
        }
        let token = Token(start: match.span.lowerBound, end: match.span.upperBound, kind: rule.stage == .time ? .time : .quantity,
                          payload: -1, stage: rule.stage, priority: rule.priority)

        if rule.stage == .time {
            guard let kind = p.timeKind else { return nil }
            var time = TimeValue(kind: kind)
            time.rule = rule.id
            if let n = number(capture(p.year)) { time.year = n.value.intValue }
            if let periodWord = word(capture(p.period)) {
                time.start = facts[periodWord].periodStart
                time.end = facts[periodWord].periodEnd
            }
            if let a = number(capture(p.start)) { time.start = a.value.intValue }
            if let b = number(capture(p.end)) { time.end = b.value.intValue }
            if let c = capture(p.baseline) { time.baseline = lattice.string(c.range) }
            if let w = word(capture(p.accumulation)) {
                time.accumulation = facts[w].accumulation
            } else if p.accumulation.present {
                time.accumulation = p.accumulationLiteral
            }
            if let w = word(capture(p.frame)) {
                time.frame = facts[w].frame
            } else if let literal = p.frame.literal {
                time.frame = TimeFrame(rawValue: literal)
            }
            if kind == .frame && time.frame == nil { return nil }
            if (kind == .year || kind == .deadline || kind == .date) && time.year == nil { return nil }
            if kind == .period && (time.start == nil || time.end == nil) { return nil }
            return (token, nil, time)
        }

        // Quantities.
        var q: QuantityValue
        if let inherited = quantity(capture(p.inherit)) {
            q = inherited
        } else {
            let low = capture(p.low), high = capture(p.high)
            let valueCapture = capture(p.value) ?? low
            // The value: a number, or a quantity (a range's low end).
            var value: DecimalNumber, magnitude = 0, approximate = false, comparator = Comparator.equal
            var lowValue: DecimalNumber?, highValue: DecimalNumber?
            var unitSpan: Range<Int>?
            if let n = number(valueCapture) {
                value = n.value
                magnitude = n.magnitude
                if n.magnitudeLength > 0, let c = valueCapture { unitSpan = (c.range.upperBound - n.magnitudeLength)..<c.range.upperBound }
                lowValue = n.low
                highValue = n.high
                switch n.approximation {
                case .exact: break
                case .about: approximate = true; comparator = .about
                case .more: approximate = true; comparator = .more
                }
            } else if let inner = quantity(valueCapture) {
                value = inner.value
                magnitude = inner.magnitude
                unitSpan = inner.unitSpan
            } else if let fixed = p.fixedValue {
                value = fixed
            } else {
                return nil
            }
            var kind = QuantityKind.other, baseUnit = BaseUnit.other, factor = Factor.one, localCurrency = false
            var unitLiteral: String?
            // The unit: a unit word (with the magnitude before it), a bound literal, or a name.
            let unitCapture = capture(p.unit)
            if let unitCapture {
                if let entry = word(unitCapture), let index = facts[entry].unit {
                    let unit = units[index]
                    guard let unitKind = unit.quantityKind, let base = unit.baseUnit else { return nil }  // kind "none"
                    kind = unitKind
                    baseUnit = base
                    factor = unit.factor
                    localCurrency = unit.local
                    if let span = unitSpan, span.upperBound == unitCapture.range.lowerBound {
                        unitSpan = span.lowerBound..<unitCapture.range.upperBound
                    } else {
                        unitSpan = unitCapture.range
                    }
                } else if let inner = quantity(unitCapture) {
                    kind = inner.kind; baseUnit = inner.baseUnit; factor = inner.factor; localCurrency = inner.localCurrency
                    unitSpan = inner.unitSpan; unitLiteral = inner.unitLiteral
                    magnitude = inner.magnitude
                } else {
                    let literal = lattice.string(unitCapture.range)
                    if let unit = lexicon.unit(named: literal), let unitKind = unit.quantityKind, let base = unit.baseUnit {
                        kind = unitKind; baseUnit = base; factor = unit.factor; localCurrency = unit.local
                    }
                    unitSpan = unitCapture.range
                }
            } else if let literal = p.unitLiteral {
                unitLiteral = literal
                if let unit = p.literalUnit, let unitKind = unit.quantityKind, let base = unit.baseUnit {
                    kind = unitKind; baseUnit = base; factor = unit.factor; localCurrency = unit.local
                }
                unitSpan = nil
            }
            // A range: low and high as written, in the unit of the high end.
            if let high, p.high.present {
                let lowNumber = number(low), highNumber = number(high)
                let lowQuantity = quantity(low), highQuantity = quantity(high)
                let highMagnitude = highNumber?.magnitude ?? highQuantity?.magnitude ?? magnitude
                let lowMagnitude = lowNumber?.magnitude ?? lowQuantity?.magnitude ?? highMagnitude
                guard let lowRaw = lowNumber?.value ?? lowQuantity?.value, let highRaw = highNumber?.value ?? highQuantity?.value,
                      let l = lowMagnitude == highMagnitude ? lowRaw : lowRaw.multiplied(byPowerOfTen: lowMagnitude - highMagnitude)
                else { return nil }
                if let hq = highQuantity, unitCapture == nil && !p.unit.present {
                    kind = hq.kind; baseUnit = hq.baseUnit; factor = hq.factor; unitSpan = hq.unitSpan; unitLiteral = hq.unitLiteral
                    localCurrency = hq.localCurrency
                }
                if let hn = highNumber, hn.magnitudeLength > 0, unitCapture != nil, let span = unitSpan,
                   span.lowerBound == high.range.upperBound {
                    unitSpan = (high.range.upperBound - hn.magnitudeLength)..<span.upperBound
                }
                guard l <= highRaw else { return nil }
                value = l
                magnitude = highMagnitude
                lowValue = l
                highValue = highRaw
            }
            q = QuantityValue(value: value, magnitude: magnitude, unitSpan: unitSpan, unitLiteral: unitLiteral, kind: kind,
                              baseUnit: baseUnit, factor: factor, comparator: comparator, approximate: approximate, low: lowValue,
                              high: highValue, aspirational: false, change: nil, accumulation: nil, role: nil,
                              core: match.span, rules: [])
            q.localCurrency = localCurrency
        }
        // Field overrides.
        if let kind = p.kind { q.kind = kind }
        if let base = p.baseUnit { q.baseUnit = base }
        if let scale = p.scale { q.factor = scale }
        // Every comparator field applies in order (a prefix, then a suffix: 达到…以上).
        for (slot, literal) in p.comparators {
            if let c = capture(slot: slot), let entry = word(c) {
                let entryFacts = facts[entry]
                if let comparator = entryFacts.comparator { q.comparator = Self.combine(q.comparator, comparator) }
                if entryFacts.aspirational { q.aspirational = true }
                if entryFacts.approximate { q.approximate = true }
            } else if let comparator = literal {
                q.comparator = Self.combine(q.comparator, comparator)
            }
        }
        if p.approximate { q.approximate = true }
        if let d = number(capture(p.denominator)), let divided = q.value.divided(by: d.value, scale: 6) {
            q.value = divided  // 三分之一: one part of three
        }
        if p.aspirational { q.aspirational = true }
        if let change = p.change { q.change = change }
        if let accumulation = p.accumulationLiteral { q.accumulation = accumulation }
        if let role = p.role { q.role = role }
        q.rules.append(rule.id)
        var output = token
        // A modifier keeps the surface of the quantity it modifies; the token spans both.
        if p.inherit.present {
            output.start = min(match.span.lowerBound, q.core.lowerBound)
            output.end = max(match.span.upperBound, q.core.upperBound)
        }
        return (output, q, nil)
    }

    /// A comparator word applied to a quantity that may already have one: an inequality beats
    /// equality or approximation (达到…以上 is ≥).
    static func combine(_ existing: Comparator, _ new: Comparator) -> Comparator {
        switch (existing, new) {
        case (.equal, _): return new
        case (_, .equal): return existing
        case (.about, _): return new
        default: return new
        }
    }
}

/// Buffers of ``GrammarEngine/winners(_:in:)`` and of claiming numbers, kept across sentences.
struct WinnerScratch {
    var candidates: [Int] = []
    var result: [Int] = []
    var taken: [Bool] = []
    var covered: [Bool] = []
}
