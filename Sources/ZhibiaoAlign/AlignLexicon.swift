import ZhibiaoCore

/// What the aligner knows about the words of policy targets, loaded from `Grammars/align/`:
/// concepts (synonyms and broader terms) that let two wordings meet, the words that tell which
/// way a target is more demanding, and the words that tell what a figure measures.
///
/// Every entry carries examples; ``AlignLexiconLoader`` reads the files and reports problems as
/// `path:line:col: error: message`. Built once, immutable, shared.
///
/// ## Topics
/// - ``concepts``, ``conceptTokens(in:range:)``
/// - ``directionWords``, ``measureWords``
public struct AlignLexicon: Sendable {
    /// One concept: terms that name the same thing (村集体经济经营性收入 ~ 集体经营性年收入), the
    /// broader concepts it is a kind of (居家养老 is a kind of 养老服务), and longer phrases in
    /// which a term does not name it (收入比上年 is not 收入比).
    public struct Concept: Sendable {
        public var id: String
        /// Whether the concept names what a target measures (城镇化率, 集体经营性收入), so that two
        /// metrics naming it measure the same thing; a `topic` concept (片区组团, 乡村人才) only
        /// helps texts meet.
        public var kind: ConceptKind = .topic
        public var terms: [String]
        public var broader: [String]
        public var excepts: [String]
        public var examples: [ConceptExample]
        public var path: String
        public var line: Int
    }

    public enum ConceptKind: String, Sendable, CaseIterable {
        case topic, metric
    }

    /// A sentence pair that must meet on the concept (`example`), or a sentence in which the
    /// marked text must not be read as the concept (`counter`, `second` nil).
    public struct ConceptExample: Sendable {
        public var first: MarkedSentence
        public var second: MarkedSentence?
        public var path: String
        public var line: Int
        public var isCounter: Bool { second == nil }
    }

    /// Which way a word turns a target (`directions.tsv`).
    public enum DirectionClass: String, Sendable, CaseIterable {
        /// The metric is better lower (失业率, 能耗, 倍差): a level is more demanding when lower.
        case lower
        /// A fall by the amount that follows (下降3%, 减少): more is more demanding.
        case decrease
        /// A fall to the level that follows (下降到, 降至, 控制在): lower is more demanding.
        case decreaseTo = "decrease-to"
        /// A rise by the amount that follows (增长, 提高): more is more demanding.
        case increase
        /// A rise to the level that follows (提高到, 达到): the metric's own direction decides.
        case increaseTo = "increase-to"
        /// A longer word that hides a shorter one and says nothing itself (增加值 is value added,
        /// not 增加).
        case none
    }

    /// What a word says a figure measures (`measures.tsv`).
    public enum MeasureClass: String, Sendable, CaseIterable {
        /// Per person, per unit, per village (人均, 单位, 每村, 各村): not a total, never added up.
        case perUnit = "per-unit"
        /// A growth or change rate (增幅, 增速, 增长率): a change, not a level.
        case change
        /// What follows names the denominator of a share (研发经费占国内生产总值的比重): the metric's
        /// subject is what comes before.
        case denominator
    }

    /// A word of `directions.tsv` or `measures.tsv` with its example.
    public struct WordEntry<Class: Sendable>: Sendable {
        public var word: String
        public var wordClass: Class
        /// A sentence with the quantity marked ⟦…⟧.
        public var example: MarkedSentence
        /// What the reading of the marked quantity must be (`stricter=lower`, `additive=false`).
        public var expected: [(field: String, value: String)]
        public var path: String
        public var line: Int
    }

    public var concepts: [Concept]
    public var directionWords: [WordEntry<DirectionClass>]
    public var measureWords: [WordEntry<MeasureClass>]

    /// Term → concept index.
    let termMatcher: PhraseMatcher<Int>
    /// Except phrase → concept index.
    let exceptMatcher: PhraseMatcher<Int>
    /// For each concept, its broader concepts, transitively (indices).
    let ancestors: [[Int]]
    let directionMatcher: PhraseMatcher<DirectionClass>
    let measureMatcher: PhraseMatcher<MeasureClass>

    public init(concepts: [Concept], directionWords: [WordEntry<DirectionClass>], measureWords: [WordEntry<MeasureClass>]) {
        self.concepts = concepts
        self.directionWords = directionWords
        self.measureWords = measureWords
        var index: [String: Int] = [:]
        for (k, concept) in concepts.enumerated() { index[concept.id] = k }
        var terms = PhraseMatcher<Int>(), excepts = PhraseMatcher<Int>()
        for (k, concept) in concepts.enumerated() {
            for term in concept.terms { terms.add(term, k) }
            for phrase in concept.excepts { excepts.add(phrase, k) }
        }
        termMatcher = terms
        exceptMatcher = excepts
        var ancestors: [[Int]] = []
        for concept in concepts {
            var seen: [Int] = []
            var queue = concept.broader.compactMap { index[$0] }
            while let next = queue.popLast() {
                if seen.contains(next) { continue }
                seen.append(next)
                queue.append(contentsOf: concepts[next].broader.compactMap { index[$0] })
            }
            ancestors.append(seen)
        }
        self.ancestors = ancestors
        directionMatcher = PhraseMatcher(directionWords.map { ($0.word, $0.wordClass) })
        measureMatcher = PhraseMatcher(measureWords.map { ($0.word, $0.wordClass) })
    }

    /// An empty lexicon: plain character n-grams only.
    public static let empty = AlignLexicon(concepts: [], directionWords: [], measureWords: [])

    /// A concept found in a text.
    public struct ConceptHit: Sendable, Hashable {
        /// Index into ``concepts``.
        public var concept: Int
        /// Scalar range of the term in the text searched.
        public var range: Range<Int>
        /// The concept named by the term itself (false: a broader concept it implies).
        public var isDirect: Bool
    }

    /// Concepts named in `text[range]` (normalized, Simplified): each term found, minus those
    /// inside an except phrase of their concept, with the broader concepts they imply.
    public func conceptTokens(in text: [Unicode.Scalar], range: Range<Int>) -> [ConceptHit] {
        if termMatcher.isEmpty { return [] }
        let terms = termMatcher.matches(in: text, range: range)
        if terms.isEmpty { return [] }
        let blocked = exceptMatcher.isEmpty ? [] : Self.allMatches(exceptMatcher, in: text, range: range)
        var hits: [ConceptHit] = []
        for term in terms {
            if blocked.contains(where: { $0.payload == term.payload && $0.range.lowerBound <= term.range.lowerBound && $0.range.upperBound >= term.range.upperBound }) {
                continue
            }
            hits.append(ConceptHit(concept: term.payload, range: term.range, isDirect: true))
            for ancestor in ancestors[term.payload] {
                hits.append(ConceptHit(concept: ancestor, range: term.range, isDirect: false))
            }
        }
        return hits
    }

    public func conceptTokens(in text: String) -> [ConceptHit] {
        let scalars = Array(text.unicodeScalars)
        return conceptTokens(in: scalars, range: 0..<scalars.count)
    }

    /// Every match starting at every position (except phrases may overlap terms found elsewhere).
    private static func allMatches(_ matcher: PhraseMatcher<Int>, in text: [Unicode.Scalar], range: Range<Int>) -> [PhraseMatcher<Int>.Match] {
        var result: [PhraseMatcher<Int>.Match] = []
        for position in range {
            if let entry = matcher.longest(in: text, at: position, end: range.upperBound) {
                result.append(.init(range: position..<(position + entry.phrase.count), payload: entry.payload))
            }
        }
        return result
    }

    /// Direction words in `text[range]`, leftmost-longest.
    public func directionMatches(in text: [Unicode.Scalar], range: Range<Int>) -> [PhraseMatcher<DirectionClass>.Match] {
        directionMatcher.matches(in: text, range: range)
    }

    /// Measure words in `text[range]`, leftmost-longest.
    public func measureMatches(in text: [Unicode.Scalar], range: Range<Int>) -> [PhraseMatcher<MeasureClass>.Match] {
        measureMatcher.matches(in: text, range: range)
    }
}

/// A sentence with one span marked ⟦…⟧, as written in a data file.
public struct MarkedSentence: Sendable, Hashable {
    /// The sentence without the marks.
    public var text: String
    /// The marked span, in Unicode scalars of `text`.
    public var span: Range<Int>

    public var marked: String { String(scalars: Array(text.unicodeScalars)[span]) }

    /// Reads `…⟦x⟧…`; nil when there is no mark, more than one, or an empty one.
    public init?(parsing source: String) {
        var scalars = Array(source.unicodeScalars)
        guard let open = scalars.firstIndex(of: "⟦"), let close = scalars.firstIndex(of: "⟧"), close > open + 1 else { return nil }
        scalars.remove(at: close)
        scalars.remove(at: open)
        if scalars.contains("⟦") || scalars.contains("⟧") { return nil }
        text = String(scalars: scalars)
        span = open..<(close - 1)
    }
}
