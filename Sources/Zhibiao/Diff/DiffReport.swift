import Foundation
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

    /// What a report calls a section: its heading, or for a section without one (a regulation's
    /// 第十五条) the start of its text, in quotes.
    public static func label(_ document: ExtractedDocument, _ section: SectionRef, limit: Int = 24) -> String {
        if let heading = section.heading, !heading.isEmpty { return heading }
        var text = Self.text(document, section.span, limit: limit + 12)
        if let marker = section.path.split(separator: "/").last.map(String.init), text.hasPrefix(marker) {
            text = String(text.dropFirst(marker.count)).trimmingCharacters(in: .whitespaces)
        }
        if text.count > limit { text = String(text.prefix(limit)) + "…" }
        return text.isEmpty ? "" : "「\(text)」"
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
