/// The text the catalog searches, and the character bigrams it indexes.
///
/// Chinese has no spaces between words and no dictionary is shipped, so the index holds every
/// pair of adjacent Han characters (城镇化率 → 城镇 镇化 化率), a lone Han character as itself,
/// and every run of other letters and digits as one word (`2025`, `5g`). A query is looked up
/// by the same pieces and then confirmed as an exact substring, so the index only narrows.
///
/// Frozen: stores write these tokens into their search indexes (SQLite FTS5, PostgreSQL
/// arrays) and recompute them to delete rows, so a change to ``fold(_:)`` or ``tokens(of:)``
/// needs a new ``version`` and a migration that rebuilds the indexes.
public enum SearchText {
    /// The tokenization the stores' indexes were built with.
    public static let version = 1

    /// The searchable form of normalized (NFKC, Simplified) text: ASCII letters lowercased,
    /// white space between two Han characters removed (a line break inside a word of a PDF
    /// extraction), other runs of white space made one space, the ends trimmed.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = previous != nil
                continue
            }
            if pendingSpace {
                if !(isHan(previous!) && isHan(scalar)) { out.append(" ") }
                pendingSpace = false
            }
            let folded = (scalar.value >= 0x41 && scalar.value <= 0x5A) ? Unicode.Scalar(scalar.value + 32)! : scalar
            out.append(folded)
            previous = folded
        }
        return String(out)
    }

    /// Han characters and the kana written among them: scripts without spaces between words.
    public static func isHan(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if s.properties.isIdeographic { return true }
        return (0x3040...0x30FF).contains(v) || (0x31F0...0x31FF).contains(v)
    }

    /// Letters and digits of other scripts: parts of a word token.
    static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        if isHan(s) { return false }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil
    }

    /// A maximal run of one class of characters in a folded text.
    struct Run {
        enum Kind { case han, word }
        var kind: Kind
        var scalars: [Unicode.Scalar]
        var atStart: Bool
        var atEnd: Bool
    }

    static func runs(_ folded: String) -> [Run] {
        let scalars = Array(folded.unicodeScalars)
        var runs: [Run] = []
        var i = 0
        while i < scalars.count {
            let kind: Run.Kind
            if isHan(scalars[i]) { kind = .han } else if isWordCharacter(scalars[i]) { kind = .word } else { i += 1; continue }
            var j = i + 1
            while j < scalars.count, kind == .han ? isHan(scalars[j]) : isWordCharacter(scalars[j]) { j += 1 }
            runs.append(Run(kind: kind, scalars: Array(scalars[i..<j]), atStart: i == 0, atEnd: j == scalars.count))
            i = j
        }
        return runs
    }

    static func bigrams(_ run: [Unicode.Scalar]) -> [String] {
        if run.count == 1 { return [String(String.UnicodeScalarView(run))] }
        return (0..<(run.count - 1)).map { String(String.UnicodeScalarView(run[$0...($0 + 1)])) }
    }

    /// The index tokens of a folded text, in order.
    public static func tokens(of folded: String) -> [String] {
        var tokens: [String] = []
        for run in runs(folded) {
            switch run.kind {
            case .han: tokens += bigrams(run.scalars)
            case .word: tokens.append(String(String.UnicodeScalarView(run.scalars)))
            }
        }
        return tokens
    }

    /// The tokens joined by spaces (what an FTS5 table with the `ascii` tokenizer indexes: it
    /// splits at ASCII spaces and punctuation only, so a bigram stays one token).
    public static func tokenLine(of folded: String) -> String { tokens(of: folded).joined(separator: " ") }
}

/// How a query is looked up: the pieces any text containing it must hold, then the exact
/// substring test. Pieces at the query's ends may be cut from longer runs of the text: a word or
/// a lone Han character that starts the query is not required, and one that ends it is required
/// only as the start of a token (a prefix).
public struct SearchPlan: Sendable, Hashable {
    /// The folded query: what a matching text must contain.
    public var needle: String
    /// Runs of bigrams that must appear in this order, one phrase per Han run of the query.
    public var phrases: [[String]]
    /// Whole word tokens (letters, digits) that must appear.
    public var words: [String]
    /// Word tokens that must start a token of the text (the query's last word).
    public var prefixes: [String]

    public init(query: String) {
        needle = SearchText.fold(query)
        phrases = []
        words = []
        prefixes = []
        for run in SearchText.runs(needle) {
            switch run.kind {
            case .han:
                if run.scalars.count >= 2 {
                    phrases.append(SearchText.bigrams(run.scalars))
                } else if !run.atStart && !run.atEnd {
                    phrases.append(SearchText.bigrams(run.scalars))  // bounded by words on both sides: a token of its own
                } else if !run.atStart {
                    // Last, after a word (2025年): it starts a run of the text, so a token starts with it.
                    prefixes.append(String(String.UnicodeScalarView(run.scalars)))
                }
            case .word:
                let word = String(String.UnicodeScalarView(run.scalars))
                if run.atStart { if run.atEnd { prefixes.append(word) }; continue }  // may be the end of a longer word
                if run.atEnd { prefixes.append(word) } else { words.append(word) }
            }
        }
    }

    /// Whether the index can narrow the search at all; when not, every text is tested.
    public var usesIndex: Bool { !phrases.isEmpty || !words.isEmpty || !prefixes.isEmpty }

    /// Every whole token the plan requires (phrases flattened, words): what an index without
    /// positions or prefixes (a PostgreSQL array) can require.
    public var requiredTokens: [String] { Array(Set(phrases.flatMap { $0 } + words)).sorted() }

    /// An FTS5 MATCH expression over a table indexed with ``SearchText/tokenLine(of:)`` and the
    /// `ascii` tokenizer: a quoted phrase per Han run, quoted words, `"prefix"*`.
    public var fts5Expression: String? {
        guard usesIndex else { return nil }
        func quote(_ s: String) -> String { "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" }
        var parts = phrases.map { quote($0.joined(separator: " ")) }
        parts += words.map(quote)
        parts += prefixes.map { quote($0) + "*" }
        return parts.joined(separator: " AND ")
    }
}
