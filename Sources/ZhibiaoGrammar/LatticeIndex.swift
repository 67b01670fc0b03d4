/// Coarse features of what can start at an offset, as bits: a rule is tried at an offset only
/// when its first elements share a bit with it. Collisions only cost a closer look.
enum StartFeature {
    @inline(__always)
    static func literal(_ scalar: Unicode.Scalar) -> UInt64 { 1 << UInt64(scalar.value % 24) }
    static let number: UInt64 = 1 << 24
    static let unit: UInt64 = 1 << 25
    @inline(__always)
    static func word(_ wordClass: Int32) -> UInt64 { 1 << UInt64(26 + Int(max(0, wordClass)) % 20) }
    @inline(__always)
    static func quantity(_ kind: Int) -> UInt64 { 1 << UInt64(46 + kind % 8) }
    static let anyQuantity: UInt64 = 0xFF << 46
    @inline(__always)
    static func time(_ kind: Int) -> UInt64 { 1 << UInt64(54 + kind % 8) }
    static let anyTime: UInt64 = 0xFF << 54
}

/// The lattice's tokens grouped by start offset, with the features of each offset: built once
/// per stage (a stage's rules see the same tokens), into buffers kept across sentences.
struct LatticeIndex {
    /// Tokens starting at relative offset `r` are `order[first[r]..<first[r + 1]]`.
    private(set) var first: [Int32] = []
    private(set) var order: [Int32] = []
    private(set) var features: [UInt64] = []
    /// The literal features of the sentence's characters: the base of every stage's index.
    private(set) var literalFeatures: [UInt64] = []
    /// Relative offsets where at least one token starts, in order.
    private(set) var tokenStarts: [Int32] = []
    /// The features of every token of the lattice together: a rule whose first elements are
    /// tokens and share no bit with it cannot match anywhere.
    private(set) var tokenFeatures: UInt64 = 0
    private var next: [Int32] = []

    /// Sets the literal features of the sentence's characters (once per sentence).
    mutating func setCharacters(of lattice: Lattice) {
        literalFeatures.removeAll(keepingCapacity: true)
        let text = lattice.text
        for i in lattice.range { literalFeatures.append(StartFeature.literal(text[i])) }
        literalFeatures.append(0)
    }

    /// Indexes the lattice's tokens (after ``setCharacters(of:)`` for the same sentence).
    mutating func build(_ lattice: Lattice, entryClass: [Int32], unitClass: Int32) {
        let count = lattice.range.count + 1
        let lower = lattice.range.lowerBound
        let tokens = lattice.tokens
        first.removeAll(keepingCapacity: true)
        first.append(contentsOf: repeatElement(0, count: count + 1))
        for token in tokens { first[token.start - lower + 1] += 1 }
        for r in 0..<count { first[r + 1] += first[r] }
        next.removeAll(keepingCapacity: true)
        next.append(contentsOf: first)
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: repeatElement(0, count: tokens.count))
        features.removeAll(keepingCapacity: true)
        features.append(contentsOf: literalFeatures)
        for index in tokens.indices {
            let token = tokens[index]
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
        tokenStarts.removeAll(keepingCapacity: true)
        tokenFeatures = 0
        for r in 0..<(count - 1) where first[r + 1] > first[r] {
            tokenStarts.append(Int32(r))
            tokenFeatures |= features[r] & ~literalFeatures[r]
        }
    }
}
