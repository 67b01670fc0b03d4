import ZhibiaoCore
import ZhibiaoStructure

/// Which documents cite which: every citation of every document, resolved against the other
/// documents' titles and document numbers (``CitationResolver``).
///
/// Built from documents read now (`zhibiao links FILE…`); a catalog of stored documents is one
/// more list of ``KnownDocument`` for the same resolver.
public struct LinkGraph: Sendable {
    public struct Node: Sendable {
        /// The document's path (or catalog id).
        public var id: String
        public var title: String?
        public var docNumber: String?
    }

    public struct Link: Sendable {
        /// The citing document.
        public var from: String
        /// The cited document, when it is known.
        public var to: String?
        public var match: CitationResolver.Match?
        public var citation: Citation
        /// The reference as written in the citing document.
        public var text: String
    }

    public var nodes: [Node]
    public var links: [Link]

    /// A document's own data for the graph: its citations and what others may call it.
    public struct Input: Sendable {
        public var id: String
        /// Titles it is known by: its metadata title, and one a catalog or manifest gives.
        public var titles: [String]
        public var docNumber: String?
        public var citations: [(citation: Citation, text: String)]

        public init(id: String, titles: [String], docNumber: String?, citations: [(citation: Citation, text: String)]) {
            self.id = id
            self.titles = titles
            self.docNumber = docNumber
            self.citations = citations
        }

        /// From a structured document; `extraTitles` are titles known from elsewhere.
        public init(document: NormalizedDocument, tree: DocumentTree, extraTitles: [String] = [], docNumber: String? = nil) {
            let title = tree.metadata.title?.value
            self.init(id: document.source.path, titles: extraTitles + (title.map { [$0] } ?? []),
                      docNumber: docNumber ?? tree.metadata.docNumber?.value,
                      citations: tree.citations.map { ($0, document.originalString($0.span)) })
        }
    }

    /// Resolves every input's citations against the other inputs and `known` documents.
    public init(inputs: [Input], known: [KnownDocument] = []) {
        let documents = inputs.map { KnownDocument(id: $0.id, titles: $0.titles, docNumber: $0.docNumber) } + known
        let resolver = CitationResolver(documents: documents)
        nodes = inputs.map { Node(id: $0.id, title: $0.titles.first, docNumber: $0.docNumber) }
        var links: [Link] = []
        for input in inputs {
            for (citation, text) in input.citations {
                let resolution = resolver.resolve(citation, excluding: input.id)
                links.append(Link(from: input.id, to: resolution?.document.id, match: resolution?.match, citation: citation, text: text))
            }
        }
        self.links = links
    }
}
