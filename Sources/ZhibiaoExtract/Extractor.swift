import ZhibiaoCore
import ZhibiaoGrammar

/// Pulls every quantity of a structured document into indicators.
///
/// For each sentence of each node that holds a numeral: the grammar engine builds the lattice
/// (time expressions, quantities, ranges, comparators); the best non-overlapping quantities are
/// kept; the ``Linker`` gives each its year, baseline, period, accumulation, change, metric,
/// scope and role; offsets are mapped back to the original text. Section markers and metadata
/// (dates, document numbers) are masked: they are not quantities.
public struct Extractor: Sendable {
    public let engine: GrammarEngine
    public var linker: Linker
    public let bindingness: BindingnessDecision
    /// Reads indicator tables (rows of values under 2020年/2025年/属性 headers).
    public let tables: IndicatorTableReader

    public init(bundle: GrammarBundle, tableVocabulary: TableVocabulary = TableVocabulary()) {
        self.engine = GrammarEngine(grammar: bundle.grammar, lexicon: bundle.lexicon)
        self.linker = Linker(lexicon: bundle.lexicon)
        self.bindingness = BindingnessDecision(lexicon: bundle.lexicon)
        self.tables = IndicatorTableReader(vocabulary: tableVocabulary, engine: engine)
    }

    /// A sentence cut into pieces of at most `maxSentenceLength`: after the last clause break
    /// (，；、 or a space) in the second half of each piece, else between two characters that
    /// are not both digits or numerals, else anywhere.
    static func pieces(of range: Range<Int>, in text: [Unicode.Scalar]) -> [Range<Int>] {
        guard range.count > maxSentenceLength else { return [range] }
        func isBreak(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "，", ",", "；", ";", "、", "：", ":", " ", "\n", "\t": true
            default: false
            }
        }
        func isNumeral(_ c: Unicode.Scalar) -> Bool {
            (c.value >= 0x30 && c.value <= 0x39) || c == "." || c == "," || c.properties.numericType != nil
        }
        var result: [Range<Int>] = []
        var start = range.lowerBound
        while range.upperBound - start > maxSentenceLength {
            let limit = start + maxSentenceLength
            var cut = limit
            if let k = stride(from: limit - 1, to: start + maxSentenceLength / 2, by: -1).first(where: { isBreak(text[$0]) }) {
                cut = k + 1
            } else if let k = stride(from: limit, to: start + maxSentenceLength / 2, by: -1).first(where: { !(isNumeral(text[$0 - 1]) && isNumeral(text[$0])) }) {
                cut = k
            }
            result.append(start..<cut)
            start = cut
        }
        result.append(start..<range.upperBound)
        return result
    }

    /// The offset of the line break that ends the line holding `offset` (or the text's end).
    static func lineEnd(after offset: Int, in text: [Unicode.Scalar]) -> Int {
        var k = offset
        while k < text.count && text[k] != "\n" { k += 1 }
        return k
    }

    /// Whether only spaces stand between the line's start and `offset`.
    static func startsLine(_ offset: Int, in text: [Unicode.Scalar]) -> Bool {
        var k = offset - 1
        while k >= 0 && (text[k] == " " || text[k] == "\u{3000}") { k -= 1 }
        return k < 0 || text[k] == "\n"
    }

    /// The sorted ranges that overlap `range` (binary search, then a short scan).
    static func overlapping(_ sorted: [Range<Int>], _ range: Range<Int>) -> [Range<Int>] {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid].lowerBound < range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var result: [Range<Int>] = []
        var i = max(0, low - 1)
        // A mask starting before `range` may still reach into it (masks are short).
        while i > 0 && sorted[i].upperBound > range.lowerBound { i -= 1 }
        while i < sorted.count && sorted[i].lowerBound < range.upperBound {
            if sorted[i].overlaps(range) { result.append(sorted[i]) }
            i += 1
        }
        return result
    }

    /// The path of a node's parent: up to the last `/`; "" (the root) at level 1; nil for the root.
    static func parentPath(of node: StructureNode) -> String? {
        let utf8 = node.path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return node.level == 1 ? "" : nil }
        return String(node.path[..<slash])
    }

    /// Longest stretch of text read at once: a longer sentence (a page without punctuation, 10 MB
    /// on one line) is read in pieces cut at clause breaks, so that work and memory per sentence
    /// stay bounded. Such a piece is the indicator's `sentence`.
    public static let maxSentenceLength = 1_000

    public func extract(from document: NormalizedDocument, tree: DocumentTree) -> [Indicator] {
        var warnings: [ExtractionWarning] = []
        return extract(from: document, tree: tree, warnings: &warnings)
    }

    /// The same, with what could not be read as it should (a number too long to hold, a
    /// sentence read in pieces) reported in `warnings`.
    public func extract(from document: NormalizedDocument, tree: DocumentTree, warnings: inout [ExtractionWarning]) -> [Indicator] {
        var indicators: [Indicator] = []
        extract(from: document, tree: tree, warnings: &warnings) { indicators.append($0) }
        return indicators
    }

    /// The same, handing each indicator to `each` as soon as it is made, in document order, so
    /// that a caller that writes them out holds none (a document dense with quantities gives
    /// far more output than input). A document with tables is read whole first: the indicator
    /// table reader replaces or enriches what the sentences give inside its tables.
    public func extract(from document: NormalizedDocument, tree: DocumentTree, warnings: inout [ExtractionWarning],
                        each: (Indicator) -> Void) {
        guard !document.tables.isEmpty else {
            extractSentences(from: document, tree: tree, warnings: &warnings, each: each)
            return
        }
        var sentenceIndicators: [Indicator] = []
        extractSentences(from: document, tree: tree, warnings: &warnings) { sentenceIndicators.append($0) }
        for indicator in tables.read(document: document, tree: tree, sentenceIndicators: sentenceIndicators) { each(indicator) }
    }

    /// The indicators of the document's sentences, in document order.
    private func extractSentences(from document: NormalizedDocument, tree: DocumentTree, warnings: inout [ExtractionWarning],
                                  each: (Indicator) -> Void) {
        let text = document.text
        let map = document.map
        // Masked: section markers and metadata (a title names the document, a date or a
        // document number is no target).
        var masked: [Range<Int>] = []
        for node in tree.nodes { if let span = node.markerSpan { masked.append(map.normalizedSpan(of: span).range) } }
        let m = tree.metadata
        for field in [m.title, m.docNumber, m.date, m.published, m.modified].compactMap({ $0 }) + m.issuers + m.addressees + m.attachments {
            masked.append(map.normalizedSpan(of: field.span).range)
        }
        masked += MarkupScanner.spans(in: text)
        masked.sort { $0.lowerBound < $1.lowerBound }
        let hashPrefix = String(document.source.sha256.prefix(12))
        // A bare 元 is in the document's own currency (Hong Kong dollars in a Hong Kong budget).
        let currency = engine.lexicon.localCurrency(of: text)
        let tableCells = TableCellIndex(text: text)

        // What headings say about time, by node: a node's parent is found through the last node
        // of each level (the tree is in document order), checked against its path.
        var contexts = NodeContexts()
        // The title's period governs the whole document (…实施方案(2023-2027年)).
        var rootContext = Linker.Context()
        if let period = tree.metadata.period?.value.split(separator: "-").compactMap({ Int($0) }), period.count == 2 {
            rootContext.periodStart = period[0]
            rootContext.periodEnd = period[1]
        }
        rootContext.documentYear = FrameDecision.documentYear(of: tree, text: text, map: map)
        rootContext.isSpeech = linker.isSpeech(text)
        // A year in the title is the year of what it sets (我市2025年最低生活保障…标准的通知);
        // the title itself is masked, so its time expression is read here.
        if tree.metadata.period == nil, let title = tree.metadata.title,
           let year = FrameDecision.plainYears(in: Array(title.value.unicodeScalars)).first {
            rootContext.year = year
        }
        var scratch = MatcherScratch()
        // One lattice for every sentence of the document: its tables keep their storage.
        var lattice = Lattice(text: text, range: 0..<0)
        var longSentences = 0
        var unreadable: [Range<Int>] = []
        defer {
            for run in unreadable {
                warnings.append(ExtractionWarning(span: map.originalSpan(of: NormalizedSpan(run)),
                                                  message: "a run of \(run.count) numeral characters is too long to read as a number"))
            }
            if longSentences > 0 {
                warnings.append(ExtractionWarning(span: nil, message: "\(longSentences) sentence(s) longer than \(Self.maxSentenceLength) characters read in pieces"))
            }
        }
        for node in tree.nodes {
            var nodeContext = contexts.parent(of: node) ?? rootContext
            // The heading's sentence: the first, or the title line under 附件1.
            let headingIndex = node.headingSpan.map { h in node.sentences.firstIndex { $0.start <= h.start && h.start < $0.end } ?? 0 }
            // A lead-in's context, and where its paragraph ends (its bullets carry it further).
            var leadIn: (context: Linker.Context, paragraphEnd: Int)?
            for (index, wholeSpan) in node.sentences.enumerated() {
                let whole = map.normalizedSpan(of: wholeSpan).range
                if let current = leadIn, whole.lowerBound >= current.paragraphEnd {
                    // "——" bullets after the lead-in's paragraph keep it; anything else ends it.
                    var k = whole.lowerBound
                    while k < whole.upperBound && (text[k] == " " || text[k] == "\u{3000}") { k += 1 }
                    if k < whole.upperBound && text[k] == "-" && Self.startsLine(k, in: text) {
                        leadIn = (current.context, Self.lineEnd(after: whole.lowerBound, in: text))
                    } else {
                        leadIn = nil
                    }
                }
                let pieces = Self.pieces(of: whole, in: text)
                if pieces.count > 1 { longSentences += 1 }
                for (pieceIndex, sentence) in pieces.enumerated() {
                    let sentenceSpan = pieces.count == 1 ? wholeSpan : map.originalSpan(of: NormalizedSpan(sentence))
                    let isHeading = pieceIndex == 0 && index == headingIndex
                    guard engine.tokenizer.mayHoldNumbers(text, sentence) || index == 0 || isHeading else { continue }
                    let localMasks = Self.overlapping(masked, sentence)
                    engine.run(into: &lattice, range: sentence, masked: localMasks, scratch: &scratch)
                    for run in lattice.unreadable {
                        // A run cut across pieces is one run.
                        if let last = unreadable.last, last.upperBound == run.lowerBound {
                            unreadable[unreadable.count - 1] = last.lowerBound..<run.upperBound
                        } else {
                            unreadable.append(run)
                        }
                    }
                    // A heading sentence sets the time context of the node and its children.
                    if isHeading {
                        nodeContext = linker.context(of: lattice, inheriting: nodeContext, section: node.level > 0)
                    }
                    let quantities = engine.quantities(of: lattice, scratch: &scratch)
                    // The context this sentence's quantities take: a lead-in's before its own.
                    let sentenceContext = leadIn?.context ?? nodeContext
                    if !isHeading, pieceIndex == 0, let context = linker.leadIn(of: lattice, inheriting: nodeContext) {
                        leadIn = (context, Self.lineEnd(after: whole.lowerBound, in: text))
                    }
                    guard !quantities.isEmpty else { continue }
                    let linked = linker.link(quantities, in: lattice, context: sentenceContext, tableCells: tableCells)
                    let bindingWords = bindingness.words(in: lattice, lexicon: engine.lexicon)
                    let sentenceText = linked.isEmpty ? "" : document.originalString(sentenceSpan)
                    for item in linked {
                        var q = item.quantity
                        if q.localCurrency && q.baseUnit == .yuan { q.baseUnit = currency }
                        let core = NormalizedSpan(q.core)
                        let span = map.originalSpan(of: core)
                        let unit: String
                        if let unitSpan = q.unitSpan {
                            unit = document.originalString(for: NormalizedSpan(unitSpan))
                        } else {
                            unit = q.unitLiteral ?? ""
                        }
                        each(Indicator(
                            doc: document.source.path, id: "\(hashPrefix)-\(span.start)-\(span.end)", span: span,
                            surface: document.originalString(span), sentenceSpan: sentenceSpan, sentence: sentenceText,
                            value: q.value, unit: unit, baseValue: q.baseValue, baseUnit: q.baseUnit, kind: q.kind,
                            comparator: q.comparator, approximate: q.approximate, low: q.low, high: q.high, year: item.year,
                            baselineYear: item.baselineYear, baseline: item.baseline, periodStart: item.periodStart,
                            periodEnd: item.periodEnd, accumulation: item.accumulation ?? q.accumulation, change: item.change ?? q.change,
                            aspirational: q.aspirational || item.aspirational, metric: item.metric, scope: item.scope,
                            section: node.path, role: q.role ?? item.role, rules: q.rules + item.timeRules,
                            yearSource: item.yearSource,
                            bindingness: (q.role ?? item.role) == .target ? bindingness.decide(bindingWords, quantity: q.core, in: lattice) : nil,
                            action: item.action, metricKey: item.metricKey,
                            roleBasis: q.role != nil ? "rule:" + q.rules[0] : item.roleBasis))
                    }
                }
            }
            contexts.record(nodeContext, for: node)
        }
    }
}

/// Something in a document that could not be read as it should, said on stderr by the CLI.
public struct ExtractionWarning: Sendable, CustomStringConvertible {
    /// Where in the original text, when it is one place.
    public var span: OriginalSpan?
    public var message: String

    public var description: String { span.map { "at \($0.start): \(message)" } ?? message }
}

/// The time context each node of a tree passes to its children, found without hashing paths.
///
/// A node's parent is the node at the path before its last `/` (the root, path "", for level
/// 1). In a valid tree (unique paths, a parent before its children, one level up:
/// `DocumentTree.checkInvariants`) that is the last node seen one level up; when it is not, the
/// nodes seen so far are looked up by path, the latest first.
struct NodeContexts {
    private var lastAtLevel: [(path: String, context: Linker.Context)?] = []
    private var seen: [(path: String, context: Linker.Context)] = []

    /// The context recorded for the node's parent, or nil (no parent, or not seen).
    func parent(of node: StructureNode) -> Linker.Context? {
        guard let parentPath = Extractor.parentPath(of: node) else { return nil }
        if node.level >= 1, node.level - 1 < lastAtLevel.count, let candidate = lastAtLevel[node.level - 1],
           candidate.path == parentPath {
            return candidate.context
        }
        return seen.last { $0.path == parentPath }?.context
    }

    mutating func record(_ context: Linker.Context, for node: StructureNode) {
        seen.append((node.path, context))
        guard node.level >= 0 else { return }
        while lastAtLevel.count <= node.level { lastAtLevel.append(nil) }
        lastAtLevel[node.level] = (node.path, context)
        // A deeper node recorded before belongs to an earlier branch.
        lastAtLevel.removeSubrange((node.level + 1)...)
    }
}
