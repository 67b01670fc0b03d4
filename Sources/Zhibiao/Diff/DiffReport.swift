import ZhibiaoAlign
import ZhibiaoCore

/// What `zhibiao diff` reports: one parent, and for each child its alignment with the parent.
/// The renderers (Markdown, JSON, HTML) and the web view read it.
public struct DiffReport: Sendable {
    public struct Child: Sendable {
        public var document: ExtractedDocument
        public var alignment: Alignment

        public init(document: ExtractedDocument, alignment: Alignment) {
            self.document = document
            self.alignment = alignment
        }
    }

    public var parent: ExtractedDocument
    public var children: [Child]

    public init(parent: ExtractedDocument, children: [Child]) {
        self.parent = parent
        self.children = children
    }

    /// Aligns every child with the parent (the parent is prepared once).
    public init(parent: ExtractedDocument, children: [ExtractedDocument], aligner: Aligner) {
        self.parent = parent
        let alignments = aligner.align(parent: parent, children: children)
        self.children = zip(children, alignments).map { Child(document: $0, alignment: $1) }
    }

    /// A document's title as the report shows it: the metadata title, else the file name.
    public static func title(_ document: ExtractedDocument) -> String {
        if let title = document.tree.metadata.title?.value, !title.isEmpty { return title }
        return document.path.split(separator: "/").last.map(String.init) ?? document.path
    }

    /// The original text of a span, with line breaks as spaces; cut to `limit` characters.
    public static func text(_ document: ExtractedDocument, _ span: OriginalSpan, limit: Int = .max) -> String {
        let original = document.document.original
        guard span.start >= 0, span.end <= original.count, span.start <= span.end else { return "" }
        var scalars = Array(original[span.range].map { $0 == "\n" || $0 == "\r" ? " " : $0 })
        while let first = scalars.first, first == " " { scalars.removeFirst() }
        if scalars.count > limit { scalars = Array(scalars.prefix(limit)) + ["…"] }
        return String(scalars: scalars)
    }
}
