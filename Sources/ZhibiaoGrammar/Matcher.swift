import ZhibiaoCore

/// A rule's pattern compiled to a nondeterministic automaton (Thompson construction).
///
/// Matching simulates the automaton over the lattice from each start offset, keeping one path
/// per (offset, state): the work per start is bounded by offsets × states, so matching is
/// linear in the sentence whatever the pattern, with no backtracking. Start offsets where none
/// of the pattern's first elements can match are skipped at once.
final class CompiledRule: Sendable {
    /// What one consuming edge accepts: plain values, so that copying a test costs nothing.
    struct Test: Sendable {
        enum Kind: UInt8, Sendable { case literal, number, unit, word, quantity, time }
        var kind: Kind
        /// For literals: the index into `literals`.
        var literal: Int32 = -1
        /// For numbers: 0 any, 1 year, 2 integer, 3 arabic, 4 chinese, 5 magnitude, 6 exact.
        var predicate: UInt8 = 0
        /// Unit, quantity or time kinds as bits (0: any).
        var mask: UInt64 = 0
        var wordClass: Int32 = -1
    }

    static let predicates = ["", "year", "integer", "arabic", "chinese", "magnitude", "exact"]

    enum Edge: Sendable {
        case epsilon(Int)
        /// Consumes a token or literal; `binding` is the capture slot, or -1.
        case consume(Int, binding: Int, to: Int)
        /// Records the start (0) or end (1) of the token's span, then goes on.
        case mark(Int, to: Int)
    }

    let rule: Rule
    let edges: [[Edge]]
    let tests: [Test]
    let literals: [[Unicode.Scalar]]
    let start: Int
    let accept: Int
    let bindingNames: [String]
    /// Tests that can consume the first token of a match.
    let firstTests: [Int]

    init(rule: Rule, lexicon: Lexicon) {
        self.rule = rule
        var builder = Builder()
        builder.build(rule.pattern, lexicon)
        edges = builder.edges
        tests = builder.tests
        literals = builder.literals
        start = builder.start
        accept = builder.accept
        bindingNames = builder.bindingNames
        firstTests = builder.firstTests
    }

    var stateCount: Int { edges.count }
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
        edges[state].append(.mark(0, to: markStart))
        state = sequence(pattern.body, from: markStart, lexicon)
        let markEnd = newState()
        edges[state].append(.mark(1, to: markEnd))
        state = sequence(pattern.after, from: markEnd, lexicon)
        accept = state
        // First tests: the consuming edges reachable from the start without consuming.
        var seen = Set<Int>()
        var stack = [start]
        while let s = stack.popLast() {
            guard seen.insert(s).inserted else { continue }
            for edge in edges[s] {
                switch edge {
                case .epsilon(let next), .mark(_, let next): stack.append(next)
                case .consume(let test, _, _): firstTests.append(test)
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

    private mutating func test(_ test: CompiledRule.Test) -> Int {
        tests.append(test)
        return tests.count - 1
    }

    private static func mask(_ names: Set<String>, in all: [String]) -> UInt64 {
        var mask: UInt64 = 0
        for name in names { if let index = all.firstIndex(of: name) { mask |= 1 << UInt64(index) } }
        return mask
    }

    private mutating func compile(_ item: PatternItem, from: Int, _ lexicon: Lexicon) -> Int {
        let end = newState()
        let binding = slot(item.binding)
        switch item.element {
        case .group(let alternatives):
            // A group binds the first token matched inside it.
            for alternative in alternatives {
                let entry = newState()
                edges[from].append(.epsilon(entry))
                let exit = sequence(alternative.map { var inner = $0; if inner.binding == nil { inner.binding = item.binding }; return inner },
                                    from: entry, lexicon)
                edges[exit].append(.epsilon(end))
            }
        case .literal(let text):
            literals.append(text)
            edges[from].append(.consume(test(.init(kind: .literal, literal: Int32(literals.count - 1))), binding: binding, to: end))
        case .number(let predicate):
            let code = UInt8(CompiledRule.predicates.firstIndex(of: predicate) ?? 0)
            edges[from].append(.consume(test(.init(kind: .number, predicate: code)), binding: binding, to: end))
        case .unit(let kinds):
            edges[from].append(.consume(test(.init(kind: .unit, mask: Self.mask(kinds, in: lexicon.unitKinds))), binding: binding, to: end))
        case .word(let wordClass):
            edges[from].append(.consume(test(.init(kind: .word, wordClass: lexicon.classID(wordClass) ?? -1)), binding: binding, to: end))
        case .quantity(let kinds):
            edges[from].append(.consume(test(.init(kind: .quantity, mask: Self.mask(kinds, in: QuantityKind.allCases.map(\.rawValue)))),
                                        binding: binding, to: end))
        case .time(let kinds):
            edges[from].append(.consume(test(.init(kind: .time, mask: Self.mask(kinds, in: TimeKind.allCases.map(\.rawValue)))),
                                        binding: binding, to: end))
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

/// Buffers the matcher reuses across rules and start offsets of a sentence.
final class MatcherScratch {
    var visited: [Int32] = []
    var pathAt: [Int32] = []
    var layers: [[Int32]] = []
    var generation: Int32 = 0

    /// Makes room for `length` offsets × `states` states.
    func prepare(length: Int, states: Int) {
        let size = length * states
        if visited.count < size {
            visited = [Int32](repeating: -1, count: size)
            pathAt = [Int32](repeating: -1, count: size)
            generation = 0
        }
        if layers.count < length { layers.append(contentsOf: repeatElement([], count: length - layers.count)) }
    }
}

/// Runs compiled rules over a lattice, with buffers reused across start offsets.
struct Matcher {
    let lexicon: Lexicon
    private let unitClass: Int32

    init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.unitClass = lexicon.classID("unit") ?? -2
    }

    /// One path of the simulation: its captures live in `captures[base..<base+width]`.
    private struct Path {
        var base: Int
        var spanStart: Int
        var spanEnd: Int
    }

    /// Every match of `rule` in the lattice (all start offsets, all ends).
    func matches(of compiled: CompiledRule, in lattice: Lattice, scratch: MatcherScratch) -> [RuleMatch] {
        var result: [RuleMatch] = []
        let range = lattice.range
        let states = compiled.stateCount
        let width = compiled.bindingNames.count
        let length = range.count + 1
        scratch.prepare(length: length, states: states)
        var paths: [Path] = []
        var captures: [RuleMatch.Capture] = []
        var stack: [(Int, Int)] = []
        let tests = compiled.tests
        let edges = compiled.edges

        for start in range.lowerBound..<range.upperBound {
            // Skip starts where no first element can match.
            var possible = false
            for test in compiled.firstTests where canStart(tests[test], compiled, at: start, lattice) { possible = true; break }
            guard possible else { continue }
            scratch.generation &+= 1
            let generation = scratch.generation
            paths.removeAll(keepingCapacity: true)
            captures.removeAll(keepingCapacity: true)
            var maxRel = 0
            func add(_ offset: Int, _ state: Int, _ path: Path) {
                stack.removeAll(keepingCapacity: true)
                paths.append(path)
                stack.append((state, paths.count - 1))
                while let (s, p) = stack.popLast() {
                    let rel = offset - start
                    let slot = rel * states + s
                    if scratch.visited[slot] == generation { continue }
                    scratch.visited[slot] = generation
                    scratch.pathAt[slot] = Int32(p)
                    scratch.layers[rel].append(Int32(s))
                    if rel > maxRel { maxRel = rel }
                    for edge in edges[s] {
                        switch edge {
                        case .epsilon(let next):
                            stack.append((next, p))
                        case .mark(let which, let next):
                            var q = paths[p]
                            if which == 0 { q.spanStart = offset } else { q.spanEnd = offset }
                            paths.append(q)
                            stack.append((next, paths.count - 1))
                        case .consume:
                            break
                        }
                    }
                }
            }
            captures.append(contentsOf: repeatElement(RuleMatch.Capture(), count: width))
            add(start, compiled.start, Path(base: 0, spanStart: start, spanEnd: start))
            var rel = 0
            var ends: [Int] = []
            while rel <= maxRel {
                let offset = start + rel
                var index = 0
                while index < scratch.layers[rel].count {
                    let state = Int(scratch.layers[rel][index])
                    index += 1
                    let path = paths[Int(scratch.pathAt[rel * states + state])]
                    if state == compiled.accept, offset > start, path.spanEnd > path.spanStart, !ends.contains(offset) {
                        ends.append(offset)
                        result.append(RuleMatch(extent: start..<offset, span: path.spanStart..<path.spanEnd,
                                                captures: Array(captures[path.base..<(path.base + width)])))
                    }
                    for edge in edges[state] {
                        guard case .consume(let testIndex, let binding, let next) = edge else { continue }
                        let test = tests[testIndex]
                        if test.kind == .literal {
                            let literal = compiled.literals[Int(test.literal)]
                            let end = offset + literal.count
                            guard end <= range.upperBound else { continue }
                            var same = true
                            for k in 0..<literal.count where lattice.text[offset + k] != literal[k] || lattice.isBlocked(offset + k) { same = false; break }
                            guard same else { continue }
                            var q = path
                            if binding >= 0 && !captures[path.base + binding].isSet {
                                q.base = captures.count
                                captures.append(contentsOf: captures[path.base..<(path.base + width)])
                                captures[q.base + binding] = RuleMatch.Capture(token: -1, range: offset..<end, isSet: true)
                            }
                            add(end, next, q)
                            continue
                        }
                        guard offset < range.upperBound else { continue }
                        for tokenIndex in lattice.byStart[offset - range.lowerBound] {
                            let token = lattice.tokens[Int(tokenIndex)]
                            guard accepts(test, token, lattice) else { continue }
                            var q = path
                            if binding >= 0 && !captures[path.base + binding].isSet {
                                q.base = captures.count
                                captures.append(contentsOf: captures[path.base..<(path.base + width)])
                                captures[q.base + binding] = RuleMatch.Capture(token: Int(tokenIndex), range: offset..<token.end, isSet: true)
                            }
                            add(token.end, next, q)
                        }
                    }
                }
                scratch.layers[rel].removeAll(keepingCapacity: true)
                rel += 1
            }
        }
        return result
    }

    /// Whether a test could consume something starting at `offset` (a cheap pre-check).
    @inline(__always)
    private func canStart(_ test: CompiledRule.Test, _ compiled: CompiledRule, at offset: Int, _ lattice: Lattice) -> Bool {
        if test.kind == .literal { return lattice.text[offset] == compiled.literals[Int(test.literal)][0] }
        for index in lattice.byStart[offset - lattice.range.lowerBound] where accepts(test, lattice.tokens[Int(index)], lattice) {
            return true
        }
        return false
    }

    @inline(__always)
    private func accepts(_ test: CompiledRule.Test, _ token: Token, _ lattice: Lattice) -> Bool {
        switch (test.kind, token.kind) {
        case (.number, .number):
            guard !token.claimed else { return false }
            let number = lattice.numbers[token.payload]
            switch test.predicate {
            case 0: return true
            case 1: return number.isYear
            case 2: return number.value.isInteger && number.magnitude == 0 && number.approximation == .exact
            case 3: return number.isArabic
            case 4: return !number.isArabic
            case 5: return number.magnitude > 0
            case 6: return number.approximation == .exact
            default: return false
            }
        case (.unit, .word):
            let entry = lattice.words[token.payload]
            guard lexicon.entryClass[entry] == unitClass else { return false }
            return test.mask == 0 || test.mask & (1 << UInt64(max(0, lexicon.entryUnitKind[entry]))) != 0
        case (.word, .word):
            return lexicon.entryClass[lattice.words[token.payload]] == test.wordClass
        case (.quantity, .quantity):
            return test.mask == 0 || test.mask & (1 << UInt64(lattice.quantities[token.payload].kind.index)) != 0
        case (.time, .time):
            return test.mask == 0 || test.mask & (1 << UInt64(lattice.times[token.payload].kind.index)) != 0
        default:
            return false
        }
    }
}

extension QuantityKind {
    /// Position in `allCases` (bit index in test masks).
    var index: Int { QuantityKind.allCases.firstIndex(of: self)! }
}

extension TimeKind {
    var index: Int { TimeKind.allCases.firstIndex(of: self)! }
}
