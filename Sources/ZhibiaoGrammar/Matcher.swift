import ZhibiaoCore

/// A rule's pattern compiled to a nondeterministic automaton (Thompson construction).
///
/// Matching simulates the automaton over the lattice from each start offset, keeping one path
/// per (offset, state): the work per start is bounded by offsets × states, so matching is
/// linear in the sentence whatever the pattern, with no backtracking.
struct CompiledRule: Sendable {
    enum Test: Sendable {
        case literal([Unicode.Scalar])
        case number(String)
        case unit(Set<String>)
        case word(String)
        case quantity(Set<String>)
        case time(Set<String>)
    }

    enum Edge: Sendable {
        case epsilon(Int)
        /// Consumes a token or literal; `binding` is the capture slot, or -1.
        case consume(Test, binding: Int, to: Int)
        /// Records the start (0) or end (1) of the token's span, then goes on.
        case mark(Int, to: Int)
    }

    let rule: Rule
    var edges: [[Edge]] = [[]]
    var start = 0
    var accept = 0
    var bindingNames: [String] = []

    init(rule: Rule) {
        self.rule = rule
        let pattern = rule.pattern
        var state = newState()
        start = state
        state = sequence(pattern.before, from: state)
        let markStart = newState()
        edges[state].append(.mark(0, to: markStart))
        state = sequence(pattern.body, from: markStart)
        let markEnd = newState()
        edges[state].append(.mark(1, to: markEnd))
        state = sequence(pattern.after, from: markEnd)
        accept = state
    }

    private mutating func newState() -> Int {
        edges.append([])
        return edges.count - 1
    }

    private mutating func slot(_ name: String?) -> Int {
        guard let name else { return -1 }
        if let index = bindingNames.firstIndex(of: name) { return index }
        bindingNames.append(name)
        return bindingNames.count - 1
    }

    private mutating func sequence(_ items: [PatternItem], from: Int) -> Int {
        var state = from
        for item in items { state = compile(item, from: state) }
        return state
    }

    private mutating func compile(_ item: PatternItem, from: Int) -> Int {
        let end = newState()
        switch item.element {
        case .group(let alternatives):
            // A group binds the first token matched inside it.
            for alternative in alternatives {
                let entry = newState()
                edges[from].append(.epsilon(entry))
                let exit = sequence(alternative.map { var inner = $0; if inner.binding == nil { inner.binding = item.binding }; return inner }, from: entry)
                edges[exit].append(.epsilon(end))
            }
        case .literal(let text):
            edges[from].append(.consume(.literal(text), binding: slot(item.binding), to: end))
        case .number(let predicate):
            edges[from].append(.consume(.number(predicate), binding: slot(item.binding), to: end))
        case .unit(let kinds):
            edges[from].append(.consume(.unit(kinds), binding: slot(item.binding), to: end))
        case .word(let wordClass):
            edges[from].append(.consume(.word(wordClass), binding: slot(item.binding), to: end))
        case .quantity(let kinds):
            edges[from].append(.consume(.quantity(kinds), binding: slot(item.binding), to: end))
        case .time(let kinds):
            edges[from].append(.consume(.time(kinds), binding: slot(item.binding), to: end))
        }
        if item.optional { edges[from].append(.epsilon(end)) }
        return end
    }
}

/// A match of a rule: where it is and what each binding captured.
struct RuleMatch {
    /// A capture: a token index, or a literal's span (token -1).
    struct Capture {
        var token: Int = -1
        var range: Range<Int> = 0..<0
        var isSet = false
    }

    var extent: Range<Int>
    var span: Range<Int>
    var captures: [Capture]
}

/// Runs compiled rules over a lattice.
struct Matcher {
    let lexicon: Lexicon

    /// Every match of `rule` in the lattice (all start offsets, all ends).
    func matches(of compiled: CompiledRule, in lattice: Lattice) -> [RuleMatch] {
        var result: [RuleMatch] = []
        let range = lattice.range
        struct Path {
            var captures: [RuleMatch.Capture]
            var spanStart: Int
            var spanEnd: Int
        }
        // Per start: active paths by offset, one per state.
        for start in range.lowerBound..<range.upperBound {
            var pending: [Int: [Int: Path]] = [:]  // offset → state → path
            var accepted: [Int: Path] = [:]      // end offset → path
            var offsets: [Int] = []
            func add(_ offset: Int, _ state: Int, _ path: Path) {
                var stack = [(state, path)]
                while let (s, p) = stack.popLast() {
                    if pending[offset]?[s] != nil { continue }
                    if pending[offset] == nil { pending[offset] = [:]; offsets.append(offset) }
                    pending[offset]![s] = p
                    for edge in compiled.edges[s] {
                        switch edge {
                        case .epsilon(let next): stack.append((next, p))
                        case .mark(let which, let next):
                            var q = p
                            if which == 0 { q.spanStart = offset } else { q.spanEnd = offset }
                            stack.append((next, q))
                        case .consume: break
                        }
                    }
                }
            }
            add(start, compiled.start, Path(captures: Array(repeating: RuleMatch.Capture(), count: compiled.bindingNames.count),
                                            spanStart: start, spanEnd: start))
            var cursor = 0
            while cursor < offsets.count {
                // Offsets only grow along consuming edges: process in increasing order.
                offsets.sort()
                let offset = offsets[cursor]
                cursor += 1
                guard let paths = pending[offset] else { continue }
                for (state, path) in paths.sorted(by: { $0.key < $1.key }) {
                    if state == compiled.accept, accepted[offset] == nil, offset > start { accepted[offset] = path }
                    for edge in compiled.edges[state] {
                        guard case .consume(let test, let binding, let next) = edge else { continue }
                        consume(test, at: offset, in: lattice) { end, token in
                            var q = path
                            if binding >= 0 && !q.captures[binding].isSet {
                                q.captures[binding] = RuleMatch.Capture(token: token, range: offset..<end, isSet: true)
                            }
                            add(end, next, q)
                        }
                    }
                }
            }
            for (end, path) in accepted where path.spanEnd > path.spanStart {
                result.append(RuleMatch(extent: start..<end, span: path.spanStart..<path.spanEnd, captures: path.captures))
            }
        }
        return result
    }

    /// Calls `found(end, token)` for every way `test` matches at `offset` (token -1 for literals).
    private func consume(_ test: CompiledRule.Test, at offset: Int, in lattice: Lattice, _ found: (Int, Int) -> Void) {
        guard offset < lattice.range.upperBound else { return }
        if case .literal(let text) = test {
            let end = offset + text.count
            guard end <= lattice.range.upperBound else { return }
            for k in 0..<text.count where lattice.text[offset + k] != text[k] || lattice.isBlocked(offset + k) { return }
            found(end, -1)
            return
        }
        for index in lattice.tokens(at: offset) {
            let token = lattice.tokens[Int(index)]
            if accepts(test, token, lattice) { found(token.end, Int(index)) }
        }
    }

    private func accepts(_ test: CompiledRule.Test, _ token: Token, _ lattice: Lattice) -> Bool {
        switch (test, token.kind) {
        case (.number(let predicate), .number):
            guard !token.claimed else { return false }
            let number = lattice.numbers[token.payload]
            switch predicate {
            case "": return true
            case "year": return number.isYear
            case "integer": return number.value.isInteger && number.magnitude == 0 && number.approximation == .exact
            case "arabic": return number.isArabic
            case "chinese": return !number.isArabic
            case "magnitude": return number.magnitude > 0
            case "exact": return number.approximation == .exact
            default: return false
            }
        case (.unit(let kinds), .word):
            let entry = lexicon.entry(lattice.words[token.payload])
            guard entry.wordClass == "unit" else { return false }
            return kinds.isEmpty || kinds.contains(entry["kind"] ?? "")
        case (.word(let wordClass), .word):
            return lexicon.entry(lattice.words[token.payload]).wordClass == wordClass
        case (.quantity(let kinds), .quantity):
            return kinds.isEmpty || kinds.contains(lattice.quantities[token.payload].kind.rawValue)
        case (.time(let kinds), .time):
            return kinds.isEmpty || kinds.contains(lattice.times[token.payload].kind.rawValue)
        default:
            return false
        }
    }
}
