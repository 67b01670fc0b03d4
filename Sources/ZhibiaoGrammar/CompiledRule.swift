import ZhibiaoCore

/// A rule's pattern compiled to a nondeterministic automaton (Thompson construction).
///
/// Matching simulates the automaton over the lattice from each start offset, keeping one path
/// per (offset, state): the work per start is bounded by offsets × states, so matching is
/// linear in the sentence whatever the pattern, with no backtracking. Start offsets where none
/// of the pattern's first elements can match are skipped at once.
///
/// The automaton is stored flat (edges of state `s` are `edges[edgeStart[s]..<edgeStart[s + 1]]`,
/// literals one after another), so that the matcher's loops read plain arrays.
final class CompiledRule: Sendable {
    /// What one consuming edge accepts: plain values, so that copying a test costs nothing.
    struct Test: Sendable {
        enum Kind: UInt8, Sendable { case literal, number, unit, word, quantity, time }
        var kind: Kind
        /// For literals: the index into `literalStart`.
        var literal: Int32 = -1
        /// For numbers: 0 any, 1 year, 2 integer, 3 arabic, 4 chinese, 5 magnitude, 6 exact.
        var predicate: UInt8 = 0
        /// Unit, quantity or time kinds as bits (0: any).
        var mask: UInt64 = 0
        var wordClass: Int32 = -1
    }

    static let predicates = ["", "year", "integer", "arabic", "chinese", "magnitude", "exact"]

    /// An edge of the automaton.
    struct Edge: Sendable {
        enum Kind: UInt8, Sendable {
            case epsilon
            /// Consumes a token or literal (`test`), binding it to capture slot `binding` (or -1).
            case consume
            /// Records the start (`binding` 0) or end (1) of the token's span, then goes on.
            case mark
        }
        var kind: Kind
        var test: Int32 = -1
        var binding: Int32 = -1
        var to: Int32
    }

    let rule: Rule
    /// Edges of every state, grouped by state.
    let edges: [Edge]
    let edgeStart: [Int32]
    let tests: [Test]
    /// Literal `k` is `literalScalars[literalStart[k]..<literalStart[k + 1]]`.
    let literalScalars: [Unicode.Scalar]
    let literalStart: [Int32]
    let start: Int
    let accept: Int
    let bindingNames: [String]
    /// Tests that can consume the first token of a match.
    let firstTests: [Int]
    /// Whether a match may start with a literal (then every offset is a possible start).
    let startsWithLiteral: Bool
    /// Whether every match holds a number token: in a sentence without numbers the rule is
    /// not tried.
    let needsNumber: Bool
    /// What the rule makes of a match, with bindings and literals resolved at load.
    let production: CompiledProduction

    init(rule: Rule, lexicon: Lexicon) {
        self.rule = rule
        var builder = Builder()
        builder.build(rule.pattern, lexicon)
        var edges: [Edge] = []
        var edgeStart: [Int32] = []
        for stateEdges in builder.edges {
            edgeStart.append(Int32(edges.count))
            edges += stateEdges
        }
        edgeStart.append(Int32(edges.count))
        self.edges = edges
        self.edgeStart = edgeStart
        tests = builder.tests
        var scalars: [Unicode.Scalar] = []
        var literalStart: [Int32] = []
        for literal in builder.literals {
            literalStart.append(Int32(scalars.count))
            scalars += literal
        }
        literalStart.append(Int32(scalars.count))
        literalScalars = scalars
        self.literalStart = literalStart
        start = builder.start
        accept = builder.accept
        bindingNames = builder.bindingNames
        firstTests = builder.firstTests
        startsWithLiteral = builder.firstTests.contains { builder.tests[$0].kind == .literal }
        needsNumber = Self.requiresNumber(rule.pattern.all)
        production = CompiledProduction(rule: rule, bindingNames: builder.bindingNames, lexicon: lexicon)
    }

    /// Whether a sequence cannot match without a number token.
    private static func requiresNumber(_ items: [PatternItem]) -> Bool {
        items.contains { item in
            guard !item.optional else { return false }
            switch item.element {
            case .number: return true
            case .group(let alternatives): return alternatives.allSatisfy(requiresNumber)
            default: return false
            }
        }
    }

    var stateCount: Int { edgeStart.count - 1 }

    /// The first scalar of literal `k`.
    func firstScalar(ofLiteral k: Int32) -> Unicode.Scalar { literalScalars[Int(literalStart[Int(k)])] }
}

/// Thompson construction of a pattern.
private struct Builder {
    var edges: [[CompiledRule.Edge]] = [[]]
    var tests: [CompiledRule.Test] = []
    var literals: [[Unicode.Scalar]] = []
    var start = 0
    var accept = 0
    var bindingNames: [String] = []
    var firstTests: [Int] = []

    mutating func build(_ pattern: Pattern, _ lexicon: Lexicon) {
        var state = newState()
        start = state
        state = sequence(pattern.before, from: state, lexicon)
        let markStart = newState()
        edges[state].append(.init(kind: .mark, binding: 0, to: Int32(markStart)))
        state = sequence(pattern.body, from: markStart, lexicon)
        let markEnd = newState()
        edges[state].append(.init(kind: .mark, binding: 1, to: Int32(markEnd)))
        state = sequence(pattern.after, from: markEnd, lexicon)
        accept = state
        // First tests: the consuming edges reachable from the start without consuming.
        var seen = Set<Int>()
        var stack = [start]
        while let s = stack.popLast() {
            guard seen.insert(s).inserted else { continue }
            for edge in edges[s] {
                switch edge.kind {
                case .epsilon, .mark: stack.append(Int(edge.to))
                case .consume: firstTests.append(Int(edge.test))
                }
            }
        }
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

    mutating func sequence(_ items: [PatternItem], from: Int, _ lexicon: Lexicon) -> Int {
        var state = from
        for item in items { state = compile(item, from: state, lexicon) }
        return state
    }

    private mutating func test(_ test: CompiledRule.Test) -> Int32 {
        tests.append(test)
        return Int32(tests.count - 1)
    }

    private static func mask(_ names: Set<String>, in all: [String]) -> UInt64 {
        var mask: UInt64 = 0
        for name in names { if let index = all.firstIndex(of: name) { mask |= 1 << UInt64(index) } }
        return mask
    }

    private mutating func consume(_ from: Int, _ test: CompiledRule.Test, binding: Int, to end: Int) {
        let index = self.test(test)
        edges[from].append(.init(kind: .consume, test: index, binding: Int32(binding), to: Int32(end)))
    }

    private mutating func compile(_ item: PatternItem, from: Int, _ lexicon: Lexicon) -> Int {
        let end = newState()
        let binding = slot(item.binding)
        switch item.element {
        case .group(let alternatives):
            // A group binds the first token matched inside it.
            for alternative in alternatives {
                let entry = newState()
                edges[from].append(.init(kind: .epsilon, to: Int32(entry)))
                let exit = sequence(alternative.map { var inner = $0; if inner.binding == nil { inner.binding = item.binding }; return inner },
                                    from: entry, lexicon)
                edges[exit].append(.init(kind: .epsilon, to: Int32(end)))
            }
        case .literal(let text):
            literals.append(text)
            consume(from, .init(kind: .literal, literal: Int32(literals.count - 1)), binding: binding, to: end)
        case .number(let predicate):
            let code = UInt8(CompiledRule.predicates.firstIndex(of: predicate) ?? 0)
            consume(from, .init(kind: .number, predicate: code), binding: binding, to: end)
        case .unit(let kinds):
            consume(from, .init(kind: .unit, mask: Self.mask(kinds, in: lexicon.unitKinds)), binding: binding, to: end)
        case .word(let wordClass):
            consume(from, .init(kind: .word, wordClass: lexicon.classID(wordClass) ?? -1), binding: binding, to: end)
        case .quantity(let kinds):
            consume(from, .init(kind: .quantity, mask: Self.mask(kinds, in: QuantityKind.allCases.map(\.rawValue))), binding: binding, to: end)
        case .time(let kinds):
            consume(from, .init(kind: .time, mask: Self.mask(kinds, in: TimeKind.allCases.map(\.rawValue))), binding: binding, to: end)
        }
        if item.optional { edges[from].append(.init(kind: .epsilon, to: Int32(end))) }
        return end
    }
}
