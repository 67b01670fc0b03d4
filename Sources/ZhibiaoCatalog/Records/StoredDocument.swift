import ZhibiaoCore

/// A document read back from a store: its row, its tree and its indicators, as they were
/// extracted. `Pipeline.extractedDocument(from:)` normalizes the original text again to give
/// an ``ExtractedDocument`` (for `checklist` and `diff` on stored documents).
public struct StoredDocument: Sendable {
    public var id: Int64
    public var record: DocumentRecord
    public var tree: DocumentTree
    public var indicators: [Indicator]

    public init(id: Int64, record: DocumentRecord, tree: DocumentTree, indicators: [Indicator]) {
        self.id = id
        self.record = record
        self.tree = tree
        self.indicators = indicators
    }

    /// The tree from stored nodes (in order), sentences (each with its node ordinal) and noise.
    public static func tree(metadata: DocumentMetadata, nodes: [StructureNode], sentences: [(node: Int, span: OriginalSpan)],
                            noise: [NoiseBlock], citations: [Citation] = []) -> DocumentTree {
        var nodes = nodes
        for index in nodes.indices { nodes[index].sentences = [] }
        // Each node's own sentences in the order the segmenter lists them (text order).
        for sentence in sentences where nodes.indices.contains(sentence.node) {
            nodes[sentence.node].sentences.append(sentence.span)
        }
        return DocumentTree(metadata: metadata, nodes: nodes, noise: noise, citations: citations)
    }
}
