/// A document read from disk: its decoded text and what the reader learned about it.
///
/// For plain text, `text` is the decoded file (BOM excluded). For HTML and DOCX it is the
/// visible text the reader extracted: one block per line, table cells separated by tabs. Every
/// offset anywhere in Zhibiao points into this text.
public struct IngestedDocument: Sendable {
    public var source: SourceInfo
    /// The original decoded text, as Unicode scalars.
    public var text: [Unicode.Scalar]
    /// Blocks of HTML and DOCX documents, in order; empty for plain text.
    public var blocks: [SourceBlock]
    /// Tables, in order: HTML and DOCX tables, and tables laid out in plain text.
    public var tables: [SourceTable]

    public init(source: SourceInfo, text: [Unicode.Scalar], blocks: [SourceBlock] = [], tables: [SourceTable] = []) {
        self.source = source
        self.text = text
        self.blocks = blocks
        self.tables = tables
    }
}
