import ZhibiaoCore

/// What a binding captured: a token index, or a literal's span (token -1).
struct Capture: Sendable {
    var token: Int = -1
    var range: Range<Int> = 0..<0
    var isSet = false
}

/// A match of a rule: where it is; what each binding captured is in the scratch's
/// `matchCaptures[captureBase...]` (one capture per binding of the rule).
struct RuleMatch: Sendable {
    var extent: Range<Int>
    var span: Range<Int>
    var captureBase: Int
}

/// The grammar engine's working memory, kept by the caller across sentences so that reading
/// a sentence allocates nothing once the buffers have grown: the tokenizer's, the lattice
/// index's and the matcher's buffers, and the matches of the rule last run.
///
/// One per task (it is not shared).
public struct MatcherScratch {
    /// The automaton simulation's tables, one entry per (offset, state), in raw memory that
    /// only grows.
    final class Simulation {
        let capacity: Int
        /// The generation (start) that reached (offset, state), or -1.
        let visited: UnsafeMutablePointer<Int32>
        /// The path that reached (offset, state) first.
        let pathAt: UnsafeMutablePointer<Int32>
        /// The states reached at an offset, in the order they were reached: `layerStates[rel *
        /// states + k]` for k below `layerCount[rel]`.
        let layerStates: UnsafeMutablePointer<Int32>
        let layerCount: UnsafeMutablePointer<Int32>
        let offsets: Int

        init(capacity: Int, offsets: Int) {
            self.capacity = capacity
            self.offsets = offsets
            visited = .allocate(capacity: capacity)
            visited.initialize(repeating: -1, count: capacity)
            pathAt = .allocate(capacity: capacity)
            pathAt.initialize(repeating: -1, count: capacity)
            layerStates = .allocate(capacity: capacity)
            layerStates.initialize(repeating: 0, count: capacity)
            layerCount = .allocate(capacity: offsets)
            layerCount.initialize(repeating: 0, count: offsets)
        }

        deinit {
            visited.deallocate()
            pathAt.deallocate()
            layerStates.deallocate()
            layerCount.deallocate()
        }
    }

    /// One path of the simulation: its captures live in `captures[base..<base+width]`.
    struct Path {
        var base: Int
        var spanStart: Int
        var spanEnd: Int
    }

    var simulation = Simulation(capacity: 0, offsets: 0)
    var generation: Int32 = 0
    var paths: [Path] = []
    var captures: [Capture] = []
    var stack: [(state: Int32, path: Int32)] = []
    var ends: [Int] = []
    /// The matches of the rule last run, and their captures.
    var matches: [RuleMatch] = []
    var matchCaptures: [Capture] = []
    /// The lattice index of the current stage.
    var index = LatticeIndex()
    /// Tokenizer buffers.
    var tokenizer = Tokenizer.Scratch()
    /// Buffers of `GrammarEngine.winners`.
    var winners = WinnerScratch()

    public init() {}

    /// Makes room for `length` offsets of an automaton of `states` states.
    mutating func prepare(length: Int, states: Int) {
        let size = length * states
        if simulation.capacity < size || simulation.offsets < length {
            // Grow with room to spare: sentences vary in length.
            simulation = Simulation(capacity: max(size, simulation.capacity * 2), offsets: max(length, simulation.offsets * 2))
            generation = 0
        }
    }
}

/// Runs compiled rules over a lattice, with buffers kept in a ``MatcherScratch``.
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
            case .literal: mask |= StartFeature.literal(compiled.firstScalar(ofLiteral: test.literal))
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

    /// Every match of `rule` in the lattice (all start offsets, all ends), in
    /// `scratch.matches` (replacing what was there), indexed by `scratch.index`.
    ///
    /// From each start, the automaton is simulated offset by offset; at each offset the states
    /// are visited in the order they were reached, and the first path to reach a state at an
    /// offset is the one kept. A match is recorded at the first path that accepts at an end.
    func matches(of compiled: CompiledRule, firstFeatures: UInt64, in lattice: Lattice, scratch sim: inout MatcherScratch) {
        sim.matches.removeAll(keepingCapacity: true)
        sim.matchCaptures.removeAll(keepingCapacity: true)
        let range = lattice.range
        let lower = range.lowerBound
        let states = compiled.stateCount
        let width = compiled.bindingNames.count
        let tests = compiled.tests
        let edges = compiled.edges
        let edgeStart = compiled.edgeStart
        let literalScalars = compiled.literalScalars
        let literalStart = compiled.literalStart
        let accept = compiled.accept
        let text = lattice.text
        let blocked = lattice.blocked
        let tokens = lattice.tokens
        let first = sim.index.first
        let order = sim.index.order
        let features = sim.index.features
        let tokenStarts = sim.index.tokenStarts
        // The growing buffers, as locals for the loops (moved back at the end).
        var paths = sim.paths; sim.paths = []
        var captures = sim.captures; sim.captures = []
        var stack = sim.stack; sim.stack = []
        var ends = sim.ends; sim.ends = []
        var found = sim.matches; sim.matches = []
        var foundCaptures = sim.matchCaptures; sim.matchCaptures = []
        defer {
            sim.paths = paths; sim.captures = captures; sim.stack = stack; sim.ends = ends
            sim.matches = found; sim.matchCaptures = foundCaptures
        }
        var prepared = false
        var table = sim.simulation
        var generation = sim.generation
        defer { sim.generation = generation }
        var start = 0
        var maxRel = 0

        /// Adds `path` in `state` at `offset`, with everything reachable without consuming.
        func add(_ offset: Int, _ state: Int, _ path: MatcherScratch.Path) {
            stack.removeAll(keepingCapacity: true)
            paths.append(path)
            stack.append((Int32(state), Int32(paths.count - 1)))
            let rel = offset - start
            while let (s32, p32) = stack.popLast() {
                let s = Int(s32)
                let slot = rel * states + s
                if table.visited[slot] == generation { continue }
                table.visited[slot] = generation
                table.pathAt[slot] = p32
                table.layerStates[rel * states + Int(table.layerCount[rel])] = s32
                table.layerCount[rel] += 1
                if rel > maxRel { maxRel = rel }
                for e in Int(edgeStart[s])..<Int(edgeStart[s + 1]) {
                    let edge = edges[e]
                    switch edge.kind {
                    case .epsilon:
                        stack.append((edge.to, p32))
                    case .mark:
                        var q = paths[Int(p32)]
                        if edge.binding == 0 { q.spanStart = offset } else { q.spanEnd = offset }
                        paths.append(q)
                        stack.append((edge.to, Int32(paths.count - 1)))
                    case .consume:
                        break
                    }
                }
            }
        }

        /// The path after binding slot `binding` (when still free) to a capture.
        func bind(_ path: MatcherScratch.Path, _ binding: Int, _ capture: Capture) -> MatcherScratch.Path {
            guard binding >= 0 && !captures[path.base + binding].isSet else { return path }
            var q = path
            q.base = captures.count
            for k in 0..<width { captures.append(captures[path.base + k]) }
            captures[q.base + binding] = capture
            return q
        }

        // Rules that start with a literal try every offset; the others only where tokens start.
        let startCount = compiled.startsWithLiteral ? range.count : tokenStarts.count
        for startIndex in 0..<startCount {
            start = compiled.startsWithLiteral ? lower + startIndex : lower + Int(tokenStarts[startIndex])
            guard start < range.upperBound, features[start - lower] & firstFeatures != 0 else { continue }
            var possible = false
            for test in compiled.firstTests where canStart(tests[test], compiled, at: start, lattice, first, order) { possible = true; break }
            guard possible else { continue }
            if !prepared {
                sim.prepare(length: range.count + 1, states: states)
                table = sim.simulation
                generation = sim.generation
                prepared = true
            }
            if generation == Int32.max {
                table.visited.update(repeating: -1, count: table.capacity)
                generation = 0
            }
            generation += 1
            paths.removeAll(keepingCapacity: true)
            captures.removeAll(keepingCapacity: true)
            for _ in 0..<width { captures.append(Capture()) }
            maxRel = 0
            add(start, compiled.start, MatcherScratch.Path(base: 0, spanStart: start, spanEnd: start))
            ends.removeAll(keepingCapacity: true)
            var rel = 0
            while rel <= maxRel {
                let offset = start + rel
                var position = 0
                while position < Int(table.layerCount[rel]) {
                    let state = Int(table.layerStates[rel * states + position])
                    position += 1
                    let path = paths[Int(table.pathAt[rel * states + state])]
                    if state == accept, offset > start, path.spanEnd > path.spanStart, !ends.contains(offset) {
                        ends.append(offset)
                        found.append(RuleMatch(extent: start..<offset, span: path.spanStart..<path.spanEnd, captureBase: foundCaptures.count))
                        for k in 0..<width { foundCaptures.append(captures[path.base + k]) }
                    }
                    for e in Int(edgeStart[state])..<Int(edgeStart[state + 1]) {
                        let edge = edges[e]
                        guard edge.kind == .consume else { continue }
                        let binding = Int(edge.binding), next = Int(edge.to)
                        let test = tests[Int(edge.test)]
                        if test.kind == .literal {
                            let literalFrom = Int(literalStart[Int(test.literal)]), literalTo = Int(literalStart[Int(test.literal) + 1])
                            let end = offset + (literalTo - literalFrom)
                            guard end <= range.upperBound else { continue }
                            var same = true
                            for k in 0..<(literalTo - literalFrom) where text[offset + k] != literalScalars[literalFrom + k] || blocked[offset + k - lower] {
                                same = false
                                break
                            }
                            guard same else { continue }
                            let q = bind(path, binding, Capture(token: -1, range: offset..<end, isSet: true))
                            add(end, next, q)
                            continue
                        }
                        guard offset < range.upperBound else { continue }
                        let r = offset - lower
                        for k in Int(first[r])..<Int(first[r + 1]) {
                            let tokenIndex = Int(order[k])
                            let token = tokens[tokenIndex]
                            guard accepts(test, token, lattice) else { continue }
                            let q = bind(path, binding, Capture(token: tokenIndex, range: offset..<token.end, isSet: true))
                            add(token.end, next, q)
                        }
                    }
                }
                table.layerCount[rel] = 0
                rel += 1
            }
        }
    }

    /// Whether a test could consume something starting at `offset` (a cheap pre-check).
    @inline(__always)
    private func canStart(_ test: CompiledRule.Test, _ compiled: CompiledRule, at offset: Int, _ lattice: Lattice,
                          _ first: [Int32], _ order: [Int32]) -> Bool {
        if test.kind == .literal { return lattice.text[offset] == compiled.firstScalar(ofLiteral: test.literal) }
        let r = offset - lattice.range.lowerBound
        for k in Int(first[r])..<Int(first[r + 1]) where accepts(test, lattice.tokens[Int(order[k])], lattice) {
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
