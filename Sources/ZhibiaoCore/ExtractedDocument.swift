/// A document carried through the whole pipeline: its texts and offset map, its structure and
/// its indicators. What ``Pipeline`` returns for one input, what the aligner compares, and what
/// the catalog stores.
public struct ExtractedDocument: Sendable {
    /// The original and normalized texts, with the map between them.
    public var document: NormalizedDocument
    /// Metadata, sections, tasks, sentences and noise (original spans).
    public var tree: DocumentTree
    /// Every quantity, in document order.
    public var indicators: [Indicator]

    public init(document: NormalizedDocument, tree: DocumentTree, indicators: [Indicator]) {
        self.document = document
        self.tree = tree
        self.indicators = indicators
    }

    /// The path as given.
    public var path: String { document.source.path }
    /// The targets only.
    public var targets: [Indicator] { indicators.filter { $0.role == .target } }
}
