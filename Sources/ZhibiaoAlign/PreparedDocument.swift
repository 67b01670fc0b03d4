import ZhibiaoCore

/// A document made ready for aligning: its units (the tree's nodes), its sentences in document
/// order with their terms, and how often each term occurs across sentences.
///
/// Prepare a parent once and align it with many children.
public struct PreparedDocument: Sendable {
    /// A section, task or article (or the root, for the text outside sections).
    struct Unit: Sendable {
        var node: StructureNode
        /// Index of the enclosing unit, nil for the root.
        var parent: Int?
        /// Sentences inside the unit's span, children included (the root: its own only).
        var sentences: Range<Int>
    }

    struct Sentence: Sendable {
        var span: OriginalSpan
        var normalized: NormalizedSpan
        /// The innermost unit whose own text holds the sentence.
        var unit: Int
        var terms: [TermCount]
        /// Its queries when it is a parent sentence (indices into ``PreparedDocument/queries``):
        /// one per clause (split at , ; :) when it has more than one, since a long sentence often
        /// names several things, each of which may be addressed elsewhere; else the whole sentence.
        var queries: Range<Int>
    }

    /// A child's terms as they come (unsorted, repeated), and each sentence's range in them: what
    /// its index is built from (a parent's `terms` are counted per sentence instead).
    var rawTerms: [UInt64] = []
    var rawRanges: [Range<Int>] = []

    /// The terms of every query of a parent, one after the other; `queries` are ranges into it.
    var queryTerms: [TermCount] = []
    var queries: [Range<Int>] = []

    /// Clauses shorter than this many word characters join the next one.
    static let minimumClause = 8

    /// Ranges of the clauses of `text[range]`: pieces between , ; : (after NFKC) of at least
    /// ``minimumClause`` word characters (a shorter piece joins the next; a short tail, the last).
    static func clauses(_ text: [Unicode.Scalar], _ range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound, words = 0
        for i in range {
            let s = text[i]
            if GramTokenizer.isWordScalar(s) { words += 1 }
            if (s == "," || s == ";" || s == ":" || s == "，" || s == "；") && words >= minimumClause {
                result.append(start..<(i + 1))
                start = i + 1
                words = 0
            }
        }
        if start < range.upperBound {
            if words < minimumClause, let last = result.popLast() {
                result.append(last.lowerBound..<range.upperBound)
            } else {
                result.append(start..<range.upperBound)
            }
        }
        return result
    }

    public let extracted: ExtractedDocument
    var units: [Unit]
    var sentences: [Sentence]
    /// Sentences holding each term: `frequency[terms.find(key)]`.
    var termTable: TermTable
    var frequency: [Int32]
    /// For each indicator (same order as `extracted.indicators`), the unit it stands in.
    var indicatorUnits: [Int]
    /// For each indicator, the sentence it stands in, if found.
    var indicatorSentences: [Int?]

    public var document: NormalizedDocument { extracted.document }
    public var tree: DocumentTree { extracted.tree }
    public var path: String { extracted.path }

    /// Sentences of this document holding `key`.
    func documentFrequency(of key: UInt64) -> Int32 {
        let id = termTable.find(key)
        return id >= 0 ? frequency[Int(id)] : 0
    }

    /// Prepares a document; `clauses` also tokenizes each clause of each sentence and counts the
    /// terms' frequencies, which only a parent needs (its clauses are the queries).
    public init(_ extracted: ExtractedDocument, tokenizer: GramTokenizer, clauses withClauses: Bool = true) {
        self.extracted = extracted
        var nodes = extracted.tree.nodes
        if nodes.isEmpty {
            // A document without a tree (rows read back from a catalog): one root whose
            // sentences are the indicators' sentences.
            let whole = OriginalSpan(start: 0, end: extracted.document.original.count)
            let sentences = Set(extracted.indicators.map(\.sentenceSpan)).filter { $0.end <= whole.end }.sorted()
            nodes = [StructureNode(path: "", level: 0, kind: .document, marker: nil, style: nil, number: nil, heading: nil,
                                   headingSpan: nil, span: whole, sentences: sentences)]
        }
        let document = extracted.document
        // Enclosing units, by span containment (nodes come parents first, in document order).
        var units: [Unit] = []
        var stack: [Int] = []
        var rootIndex: Int?
        for (k, node) in nodes.enumerated() {
            while let top = stack.last, !(units[top].node.span.contains(node.span) && units[top].node.level < node.level) {
                stack.removeLast()
            }
            units.append(Unit(node: node, parent: stack.last, sentences: 0..<0))
            if node.level == 0 && rootIndex == nil { rootIndex = k }
            stack.append(k)
        }
        // Sentences in document order, each with the unit that owns it.
        var owned: [(span: OriginalSpan, unit: Int)] = []
        for (k, node) in nodes.enumerated() {
            for sentence in node.sentences where !sentence.isEmpty { owned.append((sentence, k)) }
        }
        owned.sort { $0.span < $1.span }
        let count = document.original.count
        var sentences: [Sentence] = []
        sentences.reserveCapacity(owned.count)
        var table = TermTable(capacity: 1024)
        var frequency: [Int32] = []
        for (span, unit) in owned where span.end <= count {
            let normalized = document.map.normalizedSpan(of: span)
            guard withClauses else {
                // A child: its terms only feed its index.
                let start = rawTerms.count
                tokenizer.appendTerms(document.text, normalized.range, to: &rawTerms)
                rawRanges.append(start..<rawTerms.count)
                sentences.append(Sentence(span: span, normalized: normalized, unit: unit, terms: [], queries: 0..<0))
                continue
            }
            let terms = tokenizer.terms(document.text, normalized.range)
            // Term frequencies serve a parent only (its terms are queries against a child's index).
            if withClauses {
                for t in terms {
                    let id = Int(table.insert(t.term.key))
                    if id == frequency.count { frequency.append(0) }
                    frequency[id] += 1
                }
            }
            let first = queries.count
            if withClauses {
                let pieces = Self.clauses(document.text, normalized.range)
                for piece in pieces.count > 1 ? pieces.map({ tokenizer.terms(document.text, $0) }) : [terms] {
                    queries.append(queryTerms.count..<(queryTerms.count + piece.count))
                    queryTerms.append(contentsOf: piece)
                }
            }
            sentences.append(Sentence(span: span, normalized: normalized, unit: unit, terms: terms, queries: first..<queries.count))
        }
        // Each term's frequency in this document, for when it is a query against another's index.
        if withClauses {
            for k in queryTerms.indices {
                let id = table.find(queryTerms[k].term.key)
                queryTerms[k].documentFrequency = id >= 0 ? frequency[Int(id)] : 0
            }
        }
        let starts = sentences.map(\.span.start)
        for k in units.indices {
            if units[k].node.level == 0 { continue }
            let span = units[k].node.span
            let lower = Self.firstIndex(in: starts, atLeast: span.start)
            let upper = Self.firstIndex(in: starts, atLeast: span.end)
            units[k].sentences = lower..<max(lower, upper)
        }
        // The root stands for its own sentences only; they are scattered, so it keeps none here
        // and is looked up through each sentence's `unit`.
        self.units = units
        self.sentences = sentences
        termTable = table
        self.frequency = frequency
        var indicatorUnits: [Int] = [], indicatorSentences: [Int?] = []
        for indicator in extracted.indicators {
            let s = Self.firstIndex(in: starts, atLeast: indicator.sentenceSpan.start + 1) - 1
            if s >= 0 && s < sentences.count && sentences[s].span.start <= indicator.span.start && sentences[s].span.end >= indicator.span.end {
                indicatorSentences.append(s)
                indicatorUnits.append(sentences[s].unit)
            } else {
                indicatorSentences.append(nil)
                var unit = rootIndex ?? 0
                for (k, u) in units.enumerated() where u.node.span.contains(indicator.span.start) {
                    if u.node.level >= units[unit].node.level { unit = k }
                }
                indicatorUnits.append(unit)
            }
        }
        self.indicatorUnits = indicatorUnits
        self.indicatorSentences = indicatorSentences
    }

    static func firstIndex(in sorted: [Int], atLeast value: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The unit and its enclosing units, innermost first, without the root.
    func lineage(of unit: Int) -> [Int] {
        var result: [Int] = []
        var current: Int? = unit
        while let u = current, units.indices.contains(u) {
            if units[u].node.level > 0 { result.append(u) }
            current = units[u].parent
        }
        return result
    }

    /// Whether `inner` lies inside `outer` (or is it).
    func isWithin(_ inner: Int, _ outer: Int) -> Bool {
        var current: Int? = inner
        while let u = current {
            if u == outer { return true }
            current = units[u].parent
        }
        return false
    }
}
