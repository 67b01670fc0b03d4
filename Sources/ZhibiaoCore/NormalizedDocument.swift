/// A document after normalization: the original text, the normalized text and the map between.
public struct NormalizedDocument: Sendable {
    public var source: SourceInfo
    /// The original decoded text.
    public var original: [Unicode.Scalar]
    /// NFKC, unified punctuation and whitespace, Simplified script (unless asked to keep it).
    public var text: [Unicode.Scalar]
    /// From `text` back to `original`.
    public var map: OffsetMap
    /// Source blocks (HTML, DOCX), with their original spans.
    public var blocks: [SourceBlock]
    /// Tables with their cells' original spans (``IngestedDocument/tables``).
    public var tables: [SourceTable]

    public init(source: SourceInfo, original: [Unicode.Scalar], text: [Unicode.Scalar], map: OffsetMap,
                blocks: [SourceBlock], tables: [SourceTable] = []) {
        self.source = source
        self.original = original
        self.text = text
        self.map = map
        self.blocks = blocks
        self.tables = tables
    }

    /// The original substring a normalized span came from.
    public func originalString(for span: NormalizedSpan) -> String {
        String(scalars: original[map.originalSpan(of: span).range])
    }

    public func string(_ span: NormalizedSpan) -> String { String(scalars: text[span.range]) }
    public func originalString(_ span: OriginalSpan) -> String { String(scalars: original[span.range]) }

    /// Normalized spans of the body: the whole text for plain text, the non-boilerplate blocks
    /// (merged where adjacent) for HTML and DOCX.
    public var bodySpans: [NormalizedSpan] {
        if blocks.isEmpty { return [NormalizedSpan(start: 0, end: text.count)] }
        var spans: [NormalizedSpan] = []
        for block in blocks where block.boilerplate == nil {
            let span = map.normalizedSpan(of: block.span)
            if let last = spans.last, last.end >= span.start - 1 {
                spans[spans.count - 1].end = max(last.end, span.end)
            } else {
                spans.append(span)
            }
        }
        return spans
    }
}

extension NormalizedDocument {
    /// For each original scalar: whether it carries no text, being white space or becoming
    /// nothing or only white space in the normalized text (a zero-width space, a BOM, a control
    /// character). Used to check that no text is lost.
    public func ignorableOriginalOffsets() -> [Bool] {
        var ignorable = [Bool](repeating: false, count: original.count)
        for (offset, scalar) in original.enumerated() {
            if scalar.properties.isWhitespace {
                ignorable[offset] = true
                continue
            }
            let span = map.normalizedSpan(of: OriginalSpan(start: offset, end: offset + 1))
            ignorable[offset] = text[span.range].allSatisfy { $0 == " " || $0 == "\n" || $0 == "\t" }
        }
        return ignorable
    }
}
