import ZhibiaoCore

/// A sentence as stored: its span in the original text, the node it belongs to, and its
/// searchable text (normalized, Simplified, folded by ``SearchText/fold(_:)``).
public struct SentenceRecord: Sendable, Hashable {
    /// Position in the document (0, 1, … in text order).
    public var ordinal: Int
    /// The ordinal of its node in the tree's `nodes`.
    public var node: Int
    public var span: OriginalSpan
    public var text: String

    public init(ordinal: Int, node: Int, span: OriginalSpan, text: String) {
        self.ordinal = ordinal
        self.node = node
        self.span = span
        self.text = text
    }
}

/// An indicator as stored: the contract record (what `extract --format jsonl` prints, read back
/// with `Indicator(json:)`) and the typed values queries filter on.
public struct IndicatorRecord: Sendable, Hashable {
    public var indicator: Indicator
    /// The JSON Lines contract record, exactly.
    public var json: String
    /// The unit normalized (Simplified): `萬元` is found as `万元`.
    public var unitKey: String
    /// `metric` and `metricKey`, folded, one per line: what `--metric` searches.
    public var metricText: String

    public init(indicator: Indicator, unitKey: String) {
        self.indicator = indicator
        var writer = JSONWriter(capacity: 700)
        indicator.write(into: &writer)
        json = writer.string
        self.unitKey = unitKey
        metricText = [indicator.metric, indicator.metricKey].compactMap { $0.map(SearchText.fold) }.joined(separator: "\n")
    }

    /// The exact base value as a double, for sorting and ranges (the record keeps the exact decimal).
    public var baseValueDouble: Double? { indicator.baseValue.flatMap { Double($0.description) } }
}

/// Everything a store keeps of one document, written in one transaction.
public struct CatalogEntry: Sendable {
    public var document: DocumentRecord
    /// The tree's nodes in the tree's order (parents first); a node's ordinal is its index.
    public var nodes: [StructureNode]
    public var sentences: [SentenceRecord]
    public var indicators: [IndicatorRecord]
    public var noise: [NoiseBlock]

    public init(document: DocumentRecord, nodes: [StructureNode], sentences: [SentenceRecord], indicators: [IndicatorRecord],
                noise: [NoiseBlock]) {
        self.document = document
        self.nodes = nodes
        self.sentences = sentences
        self.indicators = indicators
        self.noise = noise
    }

    /// The entry of an extracted document. `unitKey` normalizes a unit as written (the
    /// pipeline's normalizer); `level` is the issuer's administrative level when known.
    public init(extracted: ExtractedDocument, level: String?, pipeline: String, ingestedAt: String,
                unitKey: (String) -> String) {
        let doc = extracted.document
        let meta = extracted.tree.metadata
        document = DocumentRecord(
            path: extracted.path, title: meta.title?.value, issuers: meta.issuers.map(\.value), level: level,
            date: meta.date?.value, period: meta.period?.value, docNumber: meta.docNumber?.value, format: doc.source.format,
            encoding: doc.source.encoding, encodingSource: doc.source.encodingSource, script: doc.source.script,
            byteCount: doc.source.byteCount, sha256: doc.source.sha256, text: String(scalars: doc.original), blocks: doc.blocks,
            metadata: meta, pipeline: pipeline, ingestedAt: ingestedAt, citations: extracted.tree.citations, tables: doc.tables)
        nodes = extracted.tree.nodes
        var spans: [(span: OriginalSpan, node: Int)] = []
        for (index, node) in extracted.tree.nodes.enumerated() {
            for span in node.sentences { spans.append((span, index)) }
        }
        spans.sort { ($0.span.start, $0.span.end) < ($1.span.start, $1.span.end) }
        sentences = spans.enumerated().map { ordinal, item in
            let normalized = doc.map.normalizedSpan(of: item.span)
            let range = max(0, normalized.start)..<min(doc.text.count, max(normalized.start, normalized.end))
            return SentenceRecord(ordinal: ordinal, node: item.node, span: item.span,
                                  text: SearchText.fold(String(scalars: doc.text[range])))
        }
        var keys: [String: String] = [:]
        indicators = extracted.indicators.map { i in
            let key: String
            if let known = keys[i.unit] { key = known } else { key = unitKey(i.unit); keys[i.unit] = key }
            return IndicatorRecord(indicator: i, unitKey: key)
        }
        noise = extracted.tree.noise
    }

    public var targetCount: Int { indicators.filter { $0.indicator.role == .target }.count }
}
