import ZhibiaoGrammar

/// The word tokens of a sentence by start and by end offset (flat arrays, no hashing).
struct WordIndex {
    struct Word {
        var wordClass: Int32
        /// The lexicon entry.
        var entry: Int
        var start: Int
        var end: Int
    }

    private let lower: Int
    private let byStart: [Word]
    private let startFirst: [Int32]
    private let byEnd: [Word]
    private let endFirst: [Int32]

    init(_ lattice: Lattice, lexicon: Lexicon) {
        lower = lattice.range.lowerBound
        let count = lattice.range.count + 1
        var words: [Word] = []
        for token in lattice.tokens where token.kind == .word {
            let entry = lattice.words[token.payload]
            words.append(Word(wordClass: lexicon.entryClass[entry], entry: entry, start: token.start, end: token.end))
        }
        (byStart, startFirst) = Self.group(words, count: count) { $0.start - lattice.range.lowerBound }
        (byEnd, endFirst) = Self.group(words, count: count) { $0.end - lattice.range.lowerBound }
    }

    /// Counting sort by key (stable: words keep their token order within a key).
    private static func group(_ words: [Word], count: Int, key: (Word) -> Int) -> ([Word], [Int32]) {
        var first = [Int32](repeating: 0, count: count + 1)
        for word in words { first[key(word) + 1] += 1 }
        for r in 0..<count { first[r + 1] += first[r] }
        var next = first
        var sorted = words
        for word in words {
            let k = key(word)
            sorted[Int(next[k])] = word
            next[k] += 1
        }
        return (sorted, first)
    }

    func starting(at offset: Int) -> ArraySlice<Word> {
        let r = offset - lower
        guard r >= 0 && r + 1 < startFirst.count else { return [] }
        return byStart[Int(startFirst[r])..<Int(startFirst[r + 1])]
    }

    func ending(at offset: Int) -> ArraySlice<Word> {
        let r = offset - lower
        guard r >= 0 && r + 1 < endFirst.count else { return [] }
        return byEnd[Int(endFirst[r])..<Int(endFirst[r + 1])]
    }

    /// Whether a word of the classes lies inside `span` (starts in it and ends by its end).
    func contains(_ classes: WordClassSet, in span: Range<Int>) -> Bool {
        span.contains { starting(at: $0).contains { classes.contains($0.wordClass) && $0.end <= span.upperBound } }
    }

    /// The first word of the classes inside `span`.
    func first(_ classes: WordClassSet, in span: Range<Int>) -> Range<Int>? {
        for position in span {
            if let word = starting(at: position).first(where: { classes.contains($0.wordClass) && $0.end <= span.upperBound }) {
                return word.start..<word.end
            }
        }
        return nil
    }

    /// Whether a longer word of the classes covers `word` (了 in 为了, 一般 in 一般公共预算).
    func isHidden(_ word: Word, by classes: WordClassSet) -> Bool {
        var start = word.start
        while start >= word.start - 6 {
            if starting(at: start).contains(where: { $0.end >= word.end && $0.end - $0.start > word.end - word.start
                && classes.contains($0.wordClass) }) { return true }
            start -= 1
        }
        return false
    }

    /// The first word of the classes inside `span` that no longer word of `hiding` covers.
    func first(_ classes: WordClassSet, in span: Range<Int>, unlessHiddenBy hiding: WordClassSet) -> Range<Int>? {
        for position in span {
            if let word = starting(at: position).first(where: { classes.contains($0.wordClass) && $0.end <= span.upperBound
                && !isHidden($0, by: hiding) }) {
                return word.start..<word.end
            }
        }
        return nil
    }

    /// Whether a word of the classes ends right at `offset`.
    func endsAt(_ offset: Int, _ classes: WordClassSet) -> Bool { ending(at: offset).contains { classes.contains($0.wordClass) } }
}
