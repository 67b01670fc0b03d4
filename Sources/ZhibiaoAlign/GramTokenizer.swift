import ZhibiaoCore

/// A term of the lexical model: a character 2-gram, a character 3-gram, or a concept of the
/// lexicon, packed in 64 bits.
///
/// 3-grams are `a<<42 | b<<21 | c` (scalars fit 21 bits, so bit 63 stays clear); 2-grams set
/// bit 63; concepts set bits 63 and 62 over the concept's index.
public struct Term: Sendable, Hashable, Comparable {
    public var key: UInt64

    @inline(__always) static func bigram(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Term {
        Term(key: 1 << 63 | UInt64(a.value) << 21 | UInt64(b.value))
    }

    @inline(__always) static func trigram(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> Term {
        Term(key: UInt64(a.value) << 42 | UInt64(b.value) << 21 | UInt64(c.value))
    }

    static func concept(_ index: Int) -> Term { Term(key: 3 << 62 | UInt64(index)) }

    public var isConcept: Bool { key >> 62 == 3 }

    public static func < (a: Term, b: Term) -> Bool { a.key < b.key }
}

/// A term of a text with its count and query weight.
public struct TermCount: Sendable, Hashable {
    public var term: Term
    /// Occurrences in the text.
    public var count: Int32
    /// Weight as a query term: 1 for n-grams, more for concepts of the lexicon.
    public var weight: Float
    /// Sentences of the text's own document that hold the term (set by ``PreparedDocument``):
    /// the background frequency when this text is a query against another document's index.
    public var documentFrequency: Int32 = 0

    public init(term: Term, count: Int32, weight: Float, documentFrequency: Int32 = 0) {
        self.term = term
        self.count = count
        self.weight = weight
        self.documentFrequency = documentFrequency
    }
}

/// Turns normalized text into the terms of the lexical model: overlapping character 2- and
/// 3-grams over runs of Han characters and Latin letters (digits, punctuation and space break a
/// run: numbers are compared as indicators, not as text), plus one term per concept of the
/// lexicon the text names.
public struct GramTokenizer: Sendable {
    public let lexicon: AlignLexicon
    /// Query weight of a concept named directly (a term of it), and of a broader one it implies.
    public var conceptWeight: Float = 4
    public var broaderWeight: Float = 2.5

    public init(lexicon: AlignLexicon) {
        self.lexicon = lexicon
    }

    @inline(__always) static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v >= 0x4E00 && v <= 0x9FFF { return true }
        if v >= 0x3400 && v <= 0x4DBF { return true }
        if v >= 0x20000 && v <= 0x2FFFF { return true }
        if v >= 0xF900 && v <= 0xFAFF { return true }
        return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
    }

    @inline(__always) static func folded(_ s: Unicode.Scalar) -> Unicode.Scalar {
        (s.value >= 0x41 && s.value <= 0x5A) ? Unicode.Scalar(s.value + 32)! : s
    }

    /// The terms of `text[range]`, sorted by term, each once with its count.
    /// Appends the terms of `text[range]` to `raw` as they come (unsorted, repeated): the cheap
    /// form a child's index is built from.
    public func appendTerms(_ text: [Unicode.Scalar], _ range: Range<Int>, to raw: inout [UInt64]) {
        var run0: UInt64 = 0, run1: UInt64 = 0
        var runLength = 0
        for i in range {
            let s = text[i]
            guard Self.isWordScalar(s) else { runLength = 0; continue }
            let c = UInt64(Self.folded(s).value)
            if runLength >= 1 { raw.append(1 << 63 | run1 << 21 | c) }
            if runLength >= 2 { raw.append(run0 << 42 | run1 << 21 | c) }
            run0 = run1
            run1 = c
            runLength += 1
        }
        for hit in lexicon.conceptTokens(in: text, range: range) { raw.append(Term.concept(hit.concept).key) }
    }

    public func terms(_ text: [Unicode.Scalar], _ range: Range<Int>) -> [TermCount] {
        var raw: [UInt64] = []
        raw.reserveCapacity(range.count * 2 + 4)
        appendTerms(text, range, to: &raw)
        var conceptWeights: [(UInt64, Float)] = []
        if raw.last.map({ $0 >> 62 == 3 }) == true {
            for hit in lexicon.conceptTokens(in: text, range: range) {
                conceptWeights.append((Term.concept(hit.concept).key, hit.isDirect ? conceptWeight : broaderWeight))
            }
        }
        raw.sort()
        var result: [TermCount] = []
        result.reserveCapacity(raw.count)
        var k = 0
        while k < raw.count {
            let key = raw[k]
            var j = k + 1
            while j < raw.count && raw[j] == key { j += 1 }
            var weight: Float = 1
            if key >> 62 == 3 {
                weight = conceptWeights.filter { $0.0 == key }.map(\.1).max() ?? 1
            }
            result.append(TermCount(term: Term(key: key), count: Int32(j - k), weight: weight))
            k = j
        }
        return result
    }

    /// Character 2-grams of a short string (a metric name), for Dice similarity; single
    /// characters when it has only one.
    public static func bigrams(_ text: String) -> Set<UInt64> {
        let scalars = text.unicodeScalars.filter(isWordScalar).map(folded)
        if scalars.count == 1 { return [UInt64(scalars[0].value)] }
        var result: Set<UInt64> = []
        for i in scalars.indices.dropFirst() { result.insert(Term.bigram(scalars[i - 1], scalars[i]).key) }
        return result
    }

    /// Dice coefficient of two strings' 2-grams, in [0, 1].
    public static func dice(_ a: String, _ b: String) -> Double {
        let x = bigrams(a), y = bigrams(b)
        if x.isEmpty || y.isEmpty { return 0 }
        return 2 * Double(x.intersection(y).count) / Double(x.count + y.count)
    }
}
