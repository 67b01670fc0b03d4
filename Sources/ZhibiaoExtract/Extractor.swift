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

    public init(bundle: GrammarBundle) {
        self.engine = GrammarEngine(grammar: bundle.grammar, lexicon: bundle.lexicon)
        self.linker = Linker(lexicon: bundle.lexicon)
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

    public func extract(from document: NormalizedDocument, tree: DocumentTree) -> [Indicator] {
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

        var indicators: [Indicator] = []
        var context: [String: Linker.Context] = [:]  // by node path: what headings say about time
        // The title's period governs the whole document (…实施方案(2023-2027年)).
        var rootContext = Linker.Context()
        if let period = tree.metadata.period?.value.split(separator: "-").compactMap({ Int($0) }), period.count == 2 {
            rootContext.periodStart = period[0]
            rootContext.periodEnd = period[1]
        }
        var scratch = MatcherScratch()
        for node in tree.nodes {
            let parentPath = node.path.contains("/") ? String(node.path[..<node.path.lastIndex(of: "/")!]) : (node.level == 1 ? "" : nil)
            var nodeContext = parentPath.flatMap { context[$0] } ?? rootContext
            for (index, sentenceSpan) in node.sentences.enumerated() {
                let sentence = map.normalizedSpan(of: sentenceSpan).range
                guard engine.tokenizer.mayHoldNumbers(text, sentence) || index == 0 else { continue }
                let localMasks = Self.overlapping(masked, sentence)
                let lattice = engine.run(text, range: sentence, masked: localMasks, scratch: &scratch)
                // A heading sentence sets the time context of the node and its children.
                if index == 0, node.headingSpan != nil {
                    nodeContext = linker.context(of: lattice, inheriting: nodeContext)
                }
                let quantities = GrammarEngine.winners(lattice.tokens.indices.filter { lattice.tokens[$0].kind == .quantity }, in: lattice)
                let linked = linker.link(quantities, in: lattice, context: nodeContext)
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
                    indicators.append(Indicator(
                        doc: document.source.path, id: "\(hashPrefix)-\(span.start)-\(span.end)", span: span,
                        surface: document.originalString(span), sentenceSpan: sentenceSpan, sentence: sentenceText,
                        value: q.value, unit: unit, baseValue: q.baseValue, baseUnit: q.baseUnit, kind: q.kind,
                        comparator: q.comparator, approximate: q.approximate, low: q.low, high: q.high, year: item.year,
                        baselineYear: item.baselineYear, baseline: item.baseline, periodStart: item.periodStart,
                        periodEnd: item.periodEnd, accumulation: item.accumulation ?? q.accumulation, change: item.change ?? q.change,
                        aspirational: q.aspirational || item.aspirational, metric: item.metric, scope: item.scope,
                        section: node.path, role: q.role ?? item.role, rules: q.rules + item.timeRules))
                }
            }
            context[node.path] = nodeContext
        }
        return indicators
    }
}
