import ZhibiaoCore
import ZhibiaoGrammar

/// How binding a target is, from the words of its sentence (`lexicon/bindingness.tsv`): binding
/// (约束性, 确保, 必须, 严格控制, 不得, 红线) or expected (预期性, 力争, 争取, 努力, 预计).
///
/// The word nearest before the quantity in its sentence decides (确保到2025年，…达到6.5亿吨);
/// without one, the first word after it in its clause (…降低13.5%(约束性)). No word, no
/// bindingness: the document does not say. A table's 属性 column decides for the rows of an
/// indicator table (``IndicatorTableReader``).
public struct BindingnessDecision: Sendable {
    /// A bindingness word of a sentence: where it stands and what it says.
    public struct Word: Sendable {
        public var start: Int
        public var end: Int
        public var bindingness: Bindingness
    }

    private let binding: Int32
    private let expected: Int32

    public init(lexicon: Lexicon) {
        binding = lexicon.classID("bindingness." + Bindingness.binding.rawValue) ?? -1
        expected = lexicon.classID("bindingness." + Bindingness.expected.rawValue) ?? -1
    }

    /// The bindingness words of a sentence's lattice, in order (once per sentence).
    public func words(in lattice: Lattice, lexicon: Lexicon) -> [Word] {
        guard binding >= 0 || expected >= 0 else { return [] }
        var result: [Word] = []
        for token in lattice.tokens where token.kind == .word {
            let wordClass = lexicon.entryClass[lattice.words[token.payload]]
            if wordClass == binding { result.append(Word(start: token.start, end: token.end, bindingness: .binding)) }
            if wordClass == expected { result.append(Word(start: token.start, end: token.end, bindingness: .expected)) }
        }
        return result.sorted { $0.start < $1.start }
    }

    /// The bindingness of the quantity at `quantity` (normalized offsets in the lattice's text).
    public func decide(_ words: [Word], quantity: Range<Int>, in lattice: Lattice) -> Bindingness? {
        guard !words.isEmpty else { return nil }
        let text = lattice.text
        let range = lattice.range
        var sentenceStart = quantity.lowerBound
        while sentenceStart > range.lowerBound && !Self.isSentenceBreak(text[sentenceStart - 1]) { sentenceStart -= 1 }
        var clauseEnd = quantity.upperBound
        while clauseEnd < range.upperBound && !Self.isClauseBreak(text[clauseEnd]) { clauseEnd += 1 }
        if let before = words.last(where: { $0.end <= quantity.lowerBound && $0.start >= sentenceStart }) {
            return before.bindingness
        }
        return words.first { $0.start >= quantity.upperBound && $0.end <= clauseEnd }?.bindingness
    }

    private static func isSentenceBreak(_ c: Unicode.Scalar) -> Bool {
        c == "。" || c == "；" || c == ";" || c == "!" || c == "?" || c == "！" || c == "？" || c == "\n"
    }

    private static func isClauseBreak(_ c: Unicode.Scalar) -> Bool {
        isSentenceBreak(c) || c == "，" || c == "," || c == "\t"
    }
}
