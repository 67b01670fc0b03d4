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
    /// Whether a match may start with a literal (then every offset is a possible start).
    let startsWithLiteral: Bool
    /// Whether every match holds a number token: in a sentence without numbers the rule is
    /// not tried.
    let needsNumber: Bool

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
        startsWithLiteral = builder.firstTests.contains { builder.tests[$0].kind == .literal }
        needsNumber = Self.requiresNumber(rule.pattern.all)
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

/// Coarse features of what can start at an offset, as bits: a rule is tried at an offset only
/// when its first elements share a bit with it. Collisions only cost a closer look.
enum StartFeature {
    static func literal(_ scalar: Unicode.Scalar) -> UInt64 { 1 << UInt64(scalar.value % 24) }
    static let number: UInt64 = 1 << 24
    static let unit: UInt64 = 1 << 25
    static func word(_ wordClass: Int32) -> UInt64 { 1 << UInt64(26 + Int(max(0, wordClass)) % 20) }
    static func quantity(_ kind: Int) -> UInt64 { 1 << UInt64(46 + kind % 8) }
    static let anyQuantity: UInt64 = 0xFF << 46
    static func time(_ kind: Int) -> UInt64 { 1 << UInt64(54 + kind % 8) }
    static let anyTime: UInt64 = 0xFF << 54
}

/// The lattice's tokens grouped by start offset, with the features of each offset: built once
/// per stage (a stage's rules see the same tokens).
struct LatticeIndex {
    /// Tokens starting at relative offset `r` are `order[first[r]..<first[r + 1]]`.
    var first: [Int32]
    var order: [Int32]
    var features: [UInt64]
    /// Relative offsets where at least one token starts, in order.
    var tokenStarts: [Int32] = []
    /// The features of every token of the lattice together: a rule whose first elements are
    /// tokens and share no bit with it cannot match anywhere.
    var tokenFeatures: UInt64 = 0

    /// The literal features of a sentence's characters: the base of every stage's index.
    static func literalFeatures(of lattice: Lattice) -> [UInt64] {
        var features = [UInt64](repeating: 0, count: lattice.range.count + 1)
        var r = 0
        for scalar in lattice.text[lattice.range] {
            features[r] = StartFeature.literal(scalar)
            r += 1
        }
        return features
    }

    init(_ lattice: Lattice, entryClass: [Int32], unitClass: Int32, literalFeatures: [UInt64]) {
        let count = lattice.range.count + 1
        let lower = lattice.range.lowerBound
        var counts = [Int32](repeating: 0, count: count + 1)
        for token in lattice.tokens { counts[token.start - lower + 1] += 1 }
        for r in 0..<count { counts[r + 1] += counts[r] }
        first = counts
        var next = counts
        order = [Int32](repeating: 0, count: lattice.tokens.count)
        features = literalFeatures
        for (index, token) in lattice.tokens.enumerated() {
            let r = token.start - lower
            order[Int(next[r])] = Int32(index)
            next[r] += 1
            switch token.kind {
            case .number:
                if !token.claimed { features[r] |= StartFeature.number }
            case .word:
                let wordClass = entryClass[lattice.words[token.payload]]
                features[r] |= wordClass == unitClass ? StartFeature.unit : StartFeature.word(wordClass)
            case .quantity:
                features[r] |= StartFeature.quantity(lattice.quantities[token.payload].kind.index)
            case .time:
                features[r] |= StartFeature.time(lattice.times[token.payload].kind.index)
            }
        }
        for r in 0..<(count - 1) where first[r + 1] > first[r] {
            tokenStarts.append(Int32(r))
            tokenFeatures |= features[r] & ~literalFeatures[r]
        }
    }
}

/// The matcher's working memory, reused across rules, start offsets and sentences: one path
/// per (offset, state), found through `visited`/`pathAt`, with a generation counter so that
/// nothing is cleared between starts.
public struct MatcherScratch: Sendable {
    /// One path of the simulation: its captures live in `captures[base..<base+width]`.
    struct Path {
        var base: Int
        var spanStart: Int
        var spanEnd: Int
    }

    private(set) var edges: [[CompiledRule.Edge]] = []
    private(set) var states = 0
    private(set) var visited: [Int32] = []
    private(set) var pathAt: [Int32] = []
    var layers: [[Int32]] = []
    private(set) var paths: [Path] = []
    private(set) var captures: [RuleMatch.Capture] = []
    private var stack: [(Int, Int)] = []
    private var generation: Int32 = 0
    private var start = 0
    private(set) var maxRel = 0

    public init() {}

    /// Makes room for `length` offsets of a rule's automaton.
    mutating func prepare(length: Int, edges: [[CompiledRule.Edge]]) {
        self.edges = edges
        states = edges.count
        let size = length * states
        if visited.count < size {
            // Grow with room to spare: sentences vary in length.
            let capacity = max(size, visited.count * 2)
            visited = [Int32](repeating: -1, count: capacity)
            pathAt = [Int32](repeating: -1, count: capacity)
            generation = 0
        }
        if layers.count < length { layers.append(contentsOf: repeatElement([], count: length - layers.count)) }
    }

    /// Starts a simulation at `offset`, with every capture slot free.
    mutating func begin(at offset: Int, width: Int) {
        generation &+= 1
        paths.removeAll(keepingCapacity: true)
        captures.removeAll(keepingCapacity: true)
        captures.append(contentsOf: repeatElement(RuleMatch.Capture(), count: width))
        start = offset
        maxRel = 0
    }

    /// Adds `path` in `state` at `offset`, with everything reachable without consuming.
    mutating func add(_ offset: Int, _ state: Int, _ path: Path) {
        stack.removeAll(keepingCapacity: true)
        paths.append(path)
        stack.append((state, paths.count - 1))
        let rel = offset - start
        while let (s, p) = stack.popLast() {
            let slot = rel * states + s
            if visited[slot] == generation { continue }
            visited[slot] = generation
            pathAt[slot] = Int32(p)
            layers[rel].append(Int32(s))
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

    /// The path after binding slot `binding` (when still free) to a capture.
    mutating func bind(_ path: Path, _ binding: Int, width: Int, _ capture: RuleMatch.Capture) -> Path {
        guard binding >= 0 && !captures[path.base + binding].isSet else { return path }
        var q = path
        q.base = captures.count
        captures.append(contentsOf: captures[path.base..<(path.base + width)])
        captures[q.base + binding] = capture
        return q
    }
}

/// Runs compiled rules over a lattice, with buffers reused across start offsets.
struct Matcher: Sendable {
    let unitClass: Int32
    /// The lexicon's class of each entry, and the unit kind of unit entries.
    let entryClass: [Int32]
    let entryUnitKind: [Int32]

    init(lexicon: Lexicon) {
        self.unitClass = lexicon.classID("unit") ?? -2
        self.entryClass = lexicon.entryClass
        self.entryUnitKind = lexicon.entryUnitKind
    }

    /// The start features a rule's first elements need (any shared bit).
    func firstFeatures(of compiled: CompiledRule) -> UInt64 {
        var mask: UInt64 = 0
        for index in compiled.firstTests {
            let test = compiled.tests[index]
            switch test.kind {
            case .literal: mask |= StartFeature.literal(compiled.literals[Int(test.literal)][0])
            case .number: mask |= StartFeature.number
            case .unit: mask |= StartFeature.unit
            case .word: mask |= StartFeature.word(test.wordClass)
            case .quantity:
                if test.mask == 0 { mask |= StartFeature.anyQuantity } else {
                    for bit in 0..<64 where test.mask & (1 << UInt64(bit)) != 0 { mask |= StartFeature.quantity(bit) }
                }
            case .time:
                if test.mask == 0 { mask |= StartFeature.anyTime } else {
                    for bit in 0..<64 where test.mask & (1 << UInt64(bit)) != 0 { mask |= StartFeature.time(bit) }
                }
            }
        }
        return mask
    }

    /// Every match of `rule` in the lattice (all start offsets, all ends).
    func matches(of compiled: CompiledRule, firstFeatures: UInt64, in lattice: Lattice, index: LatticeIndex,
                 scratch sim: inout MatcherScratch) -> [RuleMatch] {
        var result: [RuleMatch] = []
        let range = lattice.range
        let lower = range.lowerBound
        let states = compiled.stateCount
        let width = compiled.bindingNames.count
        let tests = compiled.tests
        let edges = compiled.edges
        let text = lattice.text
        let blocked = lattice.blocked
        var prepared = false
        var ends: [Int] = []

        // Rules that start with a literal try every offset; the others only where tokens start.
        let startCount = compiled.startsWithLiteral ? range.count : index.tokenStarts.count
        for startIndex in 0..<startCount {
            let start = compiled.startsWithLiteral ? lower + startIndex : lower + Int(index.tokenStarts[startIndex])
            guard start < range.upperBound, index.features[start - lower] & firstFeatures != 0 else { continue }
            var possible = false
            for test in compiled.firstTests where canStart(tests[test], compiled, at: start, lattice, index) { possible = true; break }
            guard possible else { continue }
            if !prepared {
                sim.prepare(length: range.count + 1, edges: edges)
                prepared = true
            }
            sim.begin(at: start, width: width)
            sim.add(start, compiled.start, MatcherScratch.Path(base: 0, spanStart: start, spanEnd: start))
            ends.removeAll(keepingCapacity: true)
            var rel = 0
            while rel <= sim.maxRel {
                let offset = start + rel
                var position = 0
                while position < sim.layers[rel].count {
                    let state = Int(sim.layers[rel][position])
                    position += 1
                    let path = sim.paths[Int(sim.pathAt[rel * states + state])]
                    if state == compiled.accept, offset > start, path.spanEnd > path.spanStart, !ends.contains(offset) {
                        ends.append(offset)
                        result.append(RuleMatch(extent: start..<offset, span: path.spanStart..<path.spanEnd,
                                                captures: Array(sim.captures[path.base..<(path.base + width)])))
                    }
                    for edge in edges[state] {
                        guard case .consume(let testIndex, let binding, let next) = edge else { continue }
                        let test = tests[testIndex]
                        if test.kind == .literal {
                            let literal = compiled.literals[Int(test.literal)]
                            let end = offset + literal.count
                            guard end <= range.upperBound else { continue }
                            var same = true
                            for k in 0..<literal.count where text[offset + k] != literal[k] || blocked[offset + k - lower] {
                                same = false
                                break
                            }
                            guard same else { continue }
                            let q = sim.bind(path, binding, width: width, .init(token: -1, range: offset..<end, isSet: true))
                            sim.add(end, next, q)
                            continue
                        }
                        guard offset < range.upperBound else { continue }
                        let r = offset - lower
                        for k in Int(index.first[r])..<Int(index.first[r + 1]) {
                            let tokenIndex = Int(index.order[k])
                            let token = lattice.tokens[tokenIndex]
                            guard accepts(test, token, lattice) else { continue }
                            let q = sim.bind(path, binding, width: width, .init(token: tokenIndex, range: offset..<token.end, isSet: true))
                            sim.add(token.end, next, q)
                        }
                    }
                }
                sim.layers[rel].removeAll(keepingCapacity: true)
                rel += 1
            }
        }
        return result
    }

    /// Whether a test could consume something starting at `offset` (a cheap pre-check).
    @inline(__always)
    private func canStart(_ test: CompiledRule.Test, _ compiled: CompiledRule, at offset: Int, _ lattice: Lattice,
                          _ index: LatticeIndex) -> Bool {
        if test.kind == .literal { return lattice.text[offset] == compiled.literals[Int(test.literal)][0] }
        let r = offset - lattice.range.lowerBound
        for k in Int(index.first[r])..<Int(index.first[r + 1]) where accepts(test, lattice.tokens[Int(index.order[k])], lattice) {
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
            guard entryClass[entry] == unitClass else { return false }
            return test.mask == 0 || test.mask & (1 << UInt64(max(0, entryUnitKind[entry]))) != 0
        case (.word, .word):
            return entryClass[lattice.words[token.payload]] == test.wordClass
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
    /// Position in `allCases` (bit index in test masks); a switch, as it runs in the hot loop.
    var index: Int {
        switch self {
        case .money: 0
        case .percentage: 1
        case .pp: 2
        case .count: 3
        case .area: 4
        case .mass: 5
        case .length: 6
        case .duration: 7
        case .ratio: 8
        case .multiple: 9
        case .other: 10
        }
    }
}

extension TimeKind {
    var index: Int {
        switch self {
        case .year: 0
        case .deadline: 1
        case .baseline: 2
        case .period: 3
        case .date: 4
        case .accumulation: 5
        }
    }
}
