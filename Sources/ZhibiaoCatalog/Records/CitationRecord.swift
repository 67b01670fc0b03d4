import ZhibiaoCore

/// What the catalog knows of a stored document's place among the others: what it may be called
/// (title, document number) and what it cites. Enough to resolve citations between stored
/// documents (`zhibiao links --db`, `zhibiao diff CHILD --db`) without loading texts.
public struct CitationRecord: Sendable, Hashable {
    public var id: Int64
    public var path: String
    public var title: String?
    public var docNumber: String?
    public var level: String?
    public var sha256: String
    /// Its citations (根据《…》, 文号), with their spans in its original text.
    public var citations: [Citation]

    public init(id: Int64, path: String, title: String?, docNumber: String?, level: String?, sha256: String, citations: [Citation]) {
        self.id = id
        self.path = path
        self.title = title
        self.docNumber = docNumber
        self.level = level
        self.sha256 = sha256
        self.citations = citations
    }
}
