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
    }

    /// The lattice of a sentence after every stage.
    public func run(_ text: [Unicode.Scalar], range: Range<Int>, masked: [Range<Int>] = []) -> Lattice {
        var scratch = MatcherScratch()
        return run(text, range: range, masked: masked, scratch: &scratch)
    }

    /// The same, with the matcher's working memory kept by the caller across sentences.
    public func run(_ text: [Unicode.Scalar], range: Range<Int>, masked: [Range<Int>] = [], scratch: inout MatcherScratch) -> Lattice {
        var lattice = tokenizer.tokenize(text, range: range, masked: masked)
        let literalFeatures = LatticeIndex.literalFeatures(of: lattice)
        var index = LatticeIndex(lattice, entryClass: matcher.entryClass, unitClass: matcher.unitClass, literalFeatures: literalFeatures)
        var indexedTokens = lattice.tokens.count
        let hasNumbers = lattice.tokens.contains { $0.kind == .number }
        for (stage, rules) in compiled {
            var produced: [(Token, QuantityValue?, TimeValue?)] = []
            // The index changes only when the stage before added tokens (or claimed numbers).
            if lattice.tokens.count != indexedTokens {
                index = LatticeIndex(lattice, entryClass: matcher.entryClass, unitClass: matcher.unitClass, literalFeatures: literalFeatures)
                indexedTokens = lattice.tokens.count
            }
            for (rule, first) in rules {
                if !rule.startsWithLiteral && index.tokenFeatures & first == 0 { continue }
                if rule.needsNumber && !hasNumbers { continue }
                for match in matcher.matches(of: rule, firstFeatures: first, in: lattice, index: index, scratch: &scratch) {
                    if let output = produce(rule.rule, rule.bindingNames, match, lattice) { produced.append(output) }
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
            if stage == .time { claimNumbers(&lattice) }
        }
        return lattice
    }

    /// Numbers inside the chosen time expressions are years, not quantities.
    private func claimNumbers(_ lattice: inout Lattice) {
        let times = Self.winners(lattice.tokens.indices.filter { lattice.tokens[$0].kind == .time }, in: lattice)
        guard !times.isEmpty else { return }
        var covered = [Bool](repeating: false, count: lattice.range.count + 1)
        for t in times { for offset in lattice.tokens[t].start..<lattice.tokens[t].end { covered[offset - lattice.range.lowerBound] = true } }
        for index in lattice.tokens.indices where lattice.tokens[index].kind == .number {
            let token = lattice.tokens[index]
            if covered[token.start - lattice.range.lowerBound] && covered[token.end - 1 - lattice.range.lowerBound] {
                lattice.tokens[index].claimed = true
            }
        }
    }

    /// The best non-overlapping tokens among `candidates`: longest extent first, then later
    /// stage, then priority, then leftmost.
    public static func winners(_ candidates: [Int], in lattice: Lattice) -> [Int] {
        guard candidates.count > 1 else { return candidates }
        let tokens = lattice.tokens
        let ordered = candidates.sorted { a, b in
            let x = tokens[a], y = tokens[b]
            if x.length != y.length { return x.length > y.length }
            if x.stage != y.stage { return (x.stage?.order ?? -1) > (y.stage?.order ?? -1) }
            if x.priority != y.priority { return x.priority > y.priority }
            return x.start < y.start
        }
        let lower = lattice.range.lowerBound
        var taken = [Bool](repeating: false, count: lattice.range.count)
        var result: [Int] = []
        for index in ordered {
            let token = tokens[index]
            let span = (token.start - lower)..<(token.end - lower)
            if span.contains(where: { taken[$0] }) { continue }
            for offset in span { taken[offset] = true }
            result.append(index)
        }
        return result.sorted { tokens[$0].start < tokens[$1].start }
    }

    // MARK: Productions

    private func produce(_ rule: Rule, _ names: [String], _ match: RuleMatch, _ lattice: Lattice) -> (Token, QuantityValue?, TimeValue?)? {
        func capture(_ value: String?) -> RuleMatch.Capture? {
            guard let value, value.hasPrefix("$"), let index = names.firstIndex(of: String(value.dropFirst())) else { return nil }
            let c = match.captures[index]
            return c.isSet ? c : nil
        }
        func number(_ c: RuleMatch.Capture?) -> NumberValue? {
            guard let c, c.token >= 0, lattice.tokens[c.token].kind == .number else { return nil }
            return lattice.numbers[lattice.tokens[c.token].payload]
        }
        func word(_ c: RuleMatch.Capture?) -> WordEntry? {
            guard let c, c.token >= 0, lattice.tokens[c.token].kind == .word else { return nil }
            return lexicon.entry(lattice.words[lattice.tokens[c.token].payload])
        }
        func quantity(_ c: RuleMatch.Capture?) -> QuantityValue? {
            guard let c, c.token >= 0, lattice.tokens[c.token].kind == .quantity else { return nil }
            return lattice.quantities[lattice.tokens[c.token].payload]
        }
        let p = rule.production
        let token = Token(start: match.span.lowerBound, end: match.span.upperBound, kind: rule.stage == .time ? .time : .quantity,
                          payload: -1, stage: rule.stage, priority: rule.priority)

        if rule.stage == .time {
            guard let kind = TimeKind(rawValue: p.value("time") ?? "") else { return nil }
            var time = TimeValue(kind: kind)
            time.rule = rule.id
            if let n = number(capture(p.value("year"))) { time.year = n.value.intValue }
            if let periodWord = word(capture(p.value("period"))) {
                time.start = periodWord["start"].flatMap(Int.init)
                time.end = periodWord["end"].flatMap(Int.init)
            }
            if let a = number(capture(p.value("start"))) { time.start = a.value.intValue }
            if let b = number(capture(p.value("end"))) { time.end = b.value.intValue }
            if let c = capture(p.value("baseline")) { time.baseline = lattice.string(c.range) }
            if let w = word(capture(p.value("accumulation"))) {
                time.accumulation = w["accumulation"].flatMap(Accumulation.init)
            } else if let literal = p.value("accumulation") {
                time.accumulation = Accumulation(rawValue: literal)
            }
            if (kind == .year || kind == .deadline || kind == .date) && time.year == nil { return nil }
            if kind == .period && (time.start == nil || time.end == nil) { return nil }
            return (token, nil, time)
        }

        // Quantities.
        var q: QuantityValue
        if let inherited = quantity(capture(p.value("inherit"))) {
            q = inherited
        } else {
            let low = capture(p.value("low")), high = capture(p.value("high"))
            let valueCapture = capture(p.value("value")) ?? low
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
            } else if let literal = p.value("value"), !literal.hasPrefix("$"), let fixed = DecimalNumber(parsing: literal.unicodeScalars) {
                value = fixed
            } else {
                return nil
            }
            var kind = QuantityKind.other, baseUnit = BaseUnit.other, factor = Factor.one, localCurrency = false
            var unitLiteral: String?
            // The unit: a unit word (with the magnitude before it), a bound literal, or a name.
            if let unitCapture = capture(p.value("unit")) {
                if let entry = word(unitCapture), entry.wordClass == "unit", let index = entry["unit"].flatMap(Int.init) {
                    let unit = lexicon.units[index]
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
                        kind = unitKind; baseUnit = base; factor = unit.factor; localCurrency = unit.local; localCurrency = unit.local
                    }
                    unitSpan = unitCapture.range
                }
            } else if let literal = p.value("unit"), !literal.hasPrefix("$") {
                unitLiteral = literal
                if let unit = lexicon.unit(named: literal), let unitKind = unit.quantityKind, let base = unit.baseUnit {
                    kind = unitKind; baseUnit = base; factor = unit.factor; localCurrency = unit.local
                }
                unitSpan = nil
            }
            // A range: low and high as written, in the unit of the high end.
            if let high, p.value("high") != nil {
                let lowNumber = number(low), highNumber = number(high)
                let lowQuantity = quantity(low), highQuantity = quantity(high)
                let highMagnitude = highNumber?.magnitude ?? highQuantity?.magnitude ?? magnitude
                let lowMagnitude = lowNumber?.magnitude ?? lowQuantity?.magnitude ?? highMagnitude
                guard let lowRaw = lowNumber?.value ?? lowQuantity?.value, let highRaw = highNumber?.value ?? highQuantity?.value,
                      let l = lowMagnitude == highMagnitude ? lowRaw : lowRaw.multiplied(byPowerOfTen: lowMagnitude - highMagnitude)
                else { return nil }
                if let hq = highQuantity, capture(p.value("unit")) == nil && p.value("unit") == nil {
                    kind = hq.kind; baseUnit = hq.baseUnit; factor = hq.factor; unitSpan = hq.unitSpan; unitLiteral = hq.unitLiteral
                    localCurrency = hq.localCurrency
                }
                if let hn = highNumber, hn.magnitudeLength > 0, capture(p.value("unit")) != nil, let span = unitSpan,
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
        if let kind = p.value("kind").flatMap(QuantityKind.init) { q.kind = kind }
        if let base = p.value("baseUnit").flatMap(BaseUnit.init) { q.baseUnit = base }
        if let scale = p.value("scale").flatMap(Factor.init(parsing:)) { q.factor = scale }
        // Every comparator field applies in order (a prefix, then a suffix: 达到…以上).
        for (name, value) in p.fields where name == "comparator" {
            if let c = capture(value), let entry = word(c) {
                if let comparator = entry["comparator"].flatMap(Comparator.init) { q.comparator = Self.combine(q.comparator, comparator) }
                if entry["aspirational"] == "true" { q.aspirational = true }
                if entry["approximate"] == "true" { q.approximate = true }
            } else if let comparator = Comparator(rawValue: value) {
                q.comparator = Self.combine(q.comparator, comparator)
            }
        }
        if p.value("approximate") == "true" { q.approximate = true }
        if let d = number(capture(p.value("denominator"))), let divided = q.value.divided(by: d.value, scale: 6) {
            q.value = divided  // 三分之一: one part of three
        }
        if p.value("aspirational") == "true" { q.aspirational = true }
        if let change = p.value("change").flatMap(Change.init) { q.change = change }
        if let accumulation = p.value("accumulation").flatMap(Accumulation.init) { q.accumulation = accumulation }
        if let role = p.value("role").flatMap(Role.init) { q.role = role }
        q.rules.append(rule.id)
        var output = token
        // A modifier keeps the surface of the quantity it modifies; the token spans both.
        if p.value("inherit") != nil {
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
