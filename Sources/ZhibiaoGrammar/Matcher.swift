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
    /// The start of the simulation under way, and the furthest offset it has reached.
    var start = 0
    var maxRel = 0
    // Buffers used up to their counts (cleared by setting the count to 0).
    var paths: [Path] = []
    var pathCount = 0
    var captures: [Capture] = []
    var captureCount = 0
    var stack: [(state: Int32, path: Int32)] = []
    var stackCount = 0
    var ends: [Int] = []
    var endCount = 0
    /// The matches of the rule last run, and their captures.
    var matches: [RuleMatch] = []
    var matchCount = 0
    var matchCaptures: [Capture] = []
    var matchCaptureCount = 0
    /// The lattice index of the current stage.
    var index = LatticeIndex()
    /// Tokenizer buffers.
    var tokenizer = Tokenizer.Scratch()
    /// Buffers of `GrammarEngine.winners`.
    var winners = WinnerScratch()

    public init() {}

    @inline(__always)
    mutating func appendPath(_ path: Path) -> Int32 {
        if pathCount < paths.count { paths[pathCount] = path } else { paths.append(path) }
        pathCount += 1
        return Int32(pathCount - 1)
    }

    @inline(__always)
    mutating func appendCapture(_ capture: Capture) {
        if captureCount < captures.count { captures[captureCount] = capture } else { captures.append(capture) }
        captureCount += 1
    }

    @inline(__always)
    mutating func push(_ state: Int32, _ path: Int32) {
        if stackCount < stack.count { stack[stackCount] = (state, path) } else { stack.append((state, path)) }
        stackCount += 1
    }

    @inline(__always)
    func hasEnd(_ offset: Int) -> Bool {
        for k in 0..<endCount where ends[k] == offset { return true }
        return false
    }

    @inline(__always)
    mutating func appendEnd(_ offset: Int) {
        if endCount < ends.count { ends[endCount] = offset } else { ends.append(offset) }
        endCount += 1
    }

    @inline(__always)
    mutating func appendMatch(_ match: RuleMatch) {
        if matchCount < matches.count { matches[matchCount] = match } else { matches.append(match) }
        matchCount += 1
    }

    @inline(__always)
    mutating func appendMatchCapture(_ capture: Capture) {
        if matchCaptureCount < matchCaptures.count { matchCaptures[matchCaptureCount] = capture } else { matchCaptures.append(capture) }
        matchCaptureCount += 1
    }

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
    /// `scratch.matches[0..<scratch.matchCount]`, indexed by `scratch.index`.
    ///
    /// From each start, the automaton is simulated offset by offset; at each offset the states
    /// are visited in the order they were reached, and the first path to reach a state at an
    /// offset is the one kept. A match is recorded at the first path that accepts at an end.
    func matches(of compiled: CompiledRule, firstFeatures: UInt64, in lattice: Lattice, scratch sim: inout MatcherScratch) {
        sim.matchCount = 0
        sim.matchCaptureCount = 0
        let range = lattice.range
        let lower = range.lowerBound
        // Rules that start with a literal try every offset; the others only where tokens start.
        let startCount = compiled.startsWithLiteral ? range.count : sim.index.tokenStarts.count
        var prepared = false
        for startIndex in 0..<startCount {
            let start = compiled.startsWithLiteral ? lower + startIndex : lower + Int(sim.index.tokenStarts[startIndex])
            guard start < range.upperBound, sim.index.features[start - lower] & firstFeatures != 0 else { continue }
            var possible = false
            for test in compiled.firstTests where canStart(compiled.tests[test], compiled, at: start, lattice, sim.index) { possible = true; break }
            guard possible else { continue }
            if !prepared {
                sim.prepare(length: range.count + 1, states: compiled.stateCount)
                prepared = true
            }
            simulate(compiled, from: start, in: lattice, &sim)
        }
    }

    /// Runs the automaton from `start`, appending its matches to the scratch.
    private func simulate(_ rule: CompiledRule, from start: Int, in lattice: Lattice, _ sim: inout MatcherScratch) {
        let states = rule.stateCount, width = rule.bindingNames.count, accept = rule.accept
        let lower = lattice.range.lowerBound, upper = lattice.range.upperBound
        let table = sim.simulation
        if sim.generation == Int32.max {
            table.visited.update(repeating: -1, count: table.capacity)
            sim.generation = 0
        }
        sim.generation += 1
        sim.pathCount = 0
        sim.captureCount = 0
        for _ in 0..<width { sim.appendCapture(Capture()) }
        sim.maxRel = 0
        sim.start = start
        Self.add(rule, &sim, start, rule.start, MatcherScratch.Path(base: 0, spanStart: start, spanEnd: start))
        sim.endCount = 0
        let pathAt = table.pathAt, layerStates = table.layerStates, layerCount = table.layerCount
        var rel = 0
        while rel <= sim.maxRel {
            let offset = start + rel
            var position = 0
            while position < Int(layerCount[rel]) {
                let state = Int(layerStates[rel * states + position])
                position += 1
                let path = sim.paths[Int(pathAt[rel * states + state])]
                if state == accept, offset > start, path.spanEnd > path.spanStart, !sim.hasEnd(offset) {
                    sim.appendEnd(offset)
                    sim.appendMatch(RuleMatch(extent: start..<offset, span: path.spanStart..<path.spanEnd, captureBase: sim.matchCaptureCount))
                    for k in 0..<width { sim.appendMatchCapture(sim.captures[path.base + k]) }
                }
                for e in Int(rule.edgeStart[state])..<Int(rule.edgeStart[state + 1]) {
                    let edge = rule.edges[e]
                    guard edge.kind == .consume else { continue }
                    let binding = Int(edge.binding), next = Int(edge.to)
                    let test = rule.tests[Int(edge.test)]
                    if test.kind == .literal {
                        let literalFrom = Int(rule.literalStart[Int(test.literal)]), literalTo = Int(rule.literalStart[Int(test.literal) + 1])
                        let end = offset + (literalTo - literalFrom)
                        guard end <= upper else { continue }
                        var same = true
                        for k in 0..<(literalTo - literalFrom)
                        where lattice.text[offset + k] != rule.literalScalars[literalFrom + k] || lattice.blocked[offset + k - lower] {
                            same = false
                            break
                        }
                        guard same else { continue }
                        let q = Self.bind(&sim, path, binding, width, Capture(token: -1, range: offset..<end, isSet: true))
                        Self.add(rule, &sim, end, next, q)
                        continue
                    }
                    guard offset < upper else { continue }
                    let r = offset - lower
                    for k in Int(sim.index.first[r])..<Int(sim.index.first[r + 1]) {
                        let tokenIndex = Int(sim.index.order[k])
                        let token = lattice.tokens[tokenIndex]
                        guard accepts(test, token, lattice) else { continue }
                        let q = Self.bind(&sim, path, binding, width, Capture(token: tokenIndex, range: offset..<token.end, isSet: true))
                        Self.add(rule, &sim, token.end, next, q)
                    }
                }
            }
            layerCount[rel] = 0
            rel += 1
        }
    }

    /// Adds `path` in `state` at `offset`, with everything reachable without consuming.
    private static func add(_ rule: CompiledRule, _ sim: inout MatcherScratch, _ offset: Int, _ state: Int, _ path: MatcherScratch.Path) {
        let states = rule.stateCount
        let table = sim.simulation
        let visited = table.visited, pathAt = table.pathAt, layerStates = table.layerStates, layerCount = table.layerCount
        sim.stackCount = 0
        sim.push(Int32(state), sim.appendPath(path))
        let rel = offset - sim.start
        let generation = sim.generation
        while sim.stackCount > 0 {
            sim.stackCount -= 1
            let (s32, p32) = sim.stack[sim.stackCount]
            let s = Int(s32)
            let slot = rel * states + s
            if visited[slot] == generation { continue }
            visited[slot] = generation
            pathAt[slot] = p32
            layerStates[rel * states + Int(layerCount[rel])] = s32
            layerCount[rel] += 1
            if rel > sim.maxRel { sim.maxRel = rel }
            for e in Int(rule.edgeStart[s])..<Int(rule.edgeStart[s + 1]) {
                let edge = rule.edges[e]
                switch edge.kind {
                case .epsilon:
                    sim.push(edge.to, p32)
                case .mark:
                    var q = sim.paths[Int(p32)]
                    if edge.binding == 0 { q.spanStart = offset } else { q.spanEnd = offset }
                    sim.push(edge.to, sim.appendPath(q))
                case .consume:
                    break
                }
            }
        }
    }

    /// The path after binding slot `binding` (when still free) to a capture.
    @inline(__always)
    private static func bind(_ sim: inout MatcherScratch, _ path: MatcherScratch.Path, _ binding: Int, _ width: Int,
                             _ capture: Capture) -> MatcherScratch.Path {
        guard binding >= 0 && !sim.captures[path.base + binding].isSet else { return path }
        var q = path
        q.base = sim.captureCount
        for k in 0..<width { sim.appendCapture(sim.captures[path.base + k]) }
        sim.captures[q.base + binding] = capture
        return q
    }

    /// Whether a test could consume something starting at `offset` (a cheap pre-check).
    @inline(__always)
    private func canStart(_ test: CompiledRule.Test, _ compiled: CompiledRule, at offset: Int, _ lattice: Lattice,
                          _ index: LatticeIndex) -> Bool {
        if test.kind == .literal { return lattice.text[offset] == compiled.firstScalar(ofLiteral: test.literal) }
        let r = offset - lattice.range.lowerBound
        for k in Int(index.first[r])..<Int(index.first[r + 1]) where accepts(test, lattice.tokens[Int(index.order[k])], lattice) {
            return true
        }
        return false
    }

    @inline(__always)
    func accepts(_ test: CompiledRule.Test, _ token: Token, _ lattice: Lattice) -> Bool {
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
        case .computing: 11
        case .data: 12
        case .power: 13
        case .energy: 14
        case .emission: 15
        case .volume: 16
        case .frequency: 17
        case .speed: 18
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
        case .frame: 6
        case .edition: 7
        }
    }
}
