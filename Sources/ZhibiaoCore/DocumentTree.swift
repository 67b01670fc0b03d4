/// A structured document: metadata, a tree of sections and tasks with their sentences, and
/// the noise taken out of the body. Every span is in the original decoded text.
///
/// `nodes` lists the tree in document order (parents before children). The root (path "",
/// level 0) holds the text outside any numbered section: title block, preamble, signature.
/// Each node's span covers its children; the text of a node that is not in a child is its own.
/// Every character of the document is in exactly one node's own text or in one noise block
/// (white space aside).
public struct DocumentTree: Sendable, Hashable, Codable {
    public var metadata: DocumentMetadata
    public var nodes: [StructureNode]
    public var noise: [NoiseBlock]
    /// The documents it cites (根据《…》, 国发〔2021〕4号), in document order.
    public var citations: [Citation]

    public init(metadata: DocumentMetadata, nodes: [StructureNode], noise: [NoiseBlock], citations: [Citation] = []) {
        self.metadata = metadata
        self.nodes = nodes
        self.noise = noise
        self.citations = citations
    }

    /// The innermost node whose span contains `offset` (original scalars), if any.
    public func node(containing offset: Int) -> StructureNode? {
        var best: StructureNode?
        for node in nodes where node.span.contains(offset) {
            if best == nil || node.level > best!.level { best = node }
        }
        return best
    }

    /// Sections (nodes with children or heading-only lines) and tasks, without the root.
    public var sections: [StructureNode] { nodes.filter { $0.level > 0 } }
}

/// What kind of structural unit a node is.
public enum NodeKind: String, Sendable, Hashable, Codable {
    /// The whole document.
    case document
    /// A numbered heading with sub-units (一、总体要求; (一)推进组织共建。).
    case section
    /// A numbered item with its own text (1.深化党建联建…。鼓励…).
    case task
    /// A regulation article (第一条).
    case article
    /// What follows the body at the top level: an attachment (附件1, 附表), a glossary
    /// (名词解释), the distribution lines (抄送, 印发).
    case attachment
}

/// A section, task or article.
public struct StructureNode: Sendable, Hashable, Codable {
    /// Markers from the root in normalized form, e.g. `四/(一)/1`; "" for the root.
    public var path: String
    /// Depth: 0 for the root, 1 for top-level sections.
    public var level: Int
    public var kind: NodeKind
    /// The marker in normalized form (`四`, `(一)`, `1`, `(1)`, `①`, `第一章`), nil for the root.
    public var marker: String?
    /// Marker style (`cn`, `paren-cn`, `arabic`, `paren-arabic`, `circled`, `chapter`, …).
    public var style: String?
    /// The marker's number (一 → 1, ⑫ → 12).
    public var number: Int?
    /// Span of the marker as written (一、 (一) 1.), nil for the root.
    public var markerSpan: OriginalSpan?
    /// The heading (normalized, without the marker and final punctuation), if the node has one.
    public var heading: String?
    /// Span of the heading in the original text.
    public var headingSpan: OriginalSpan?
    /// The whole node, children included.
    public var span: OriginalSpan
    /// Sentences of the node's own text (not its children's).
    public var sentences: [OriginalSpan]

    public init(path: String, level: Int, kind: NodeKind, marker: String?, style: String?, number: Int?,
                markerSpan: OriginalSpan? = nil, heading: String?, headingSpan: OriginalSpan?, span: OriginalSpan, sentences: [OriginalSpan]) {
        self.path = path
        self.level = level
        self.kind = kind
        self.marker = marker
        self.style = style
        self.number = number
        self.markerSpan = markerSpan
        self.heading = heading
        self.headingSpan = headingSpan
        self.span = span
        self.sentences = sentences
    }
}

/// A block taken out of the body, with the reason.
public struct NoiseBlock: Sendable, Hashable, Codable {
    public var span: OriginalSpan
    public var reason: NoiseReason

    public init(span: OriginalSpan, reason: NoiseReason) {
        self.span = span
        self.reason = reason
    }
}

/// A metadata value with the original text it came from.
public struct MetadataField: Sendable, Hashable, Codable {
    /// The value in normalized form (a date as ISO 8601 `2023-04-11`, a period as `2023-2027`).
    public var value: String
    /// The original text.
    public var text: String
    public var span: OriginalSpan

    public init(value: String, text: String, span: OriginalSpan) {
        self.value = value
        self.text = text
        self.span = span
    }
}

/// Official-document elements (GB/T 9704-2012): absent fields are absent, never guessed.
public struct DocumentMetadata: Sendable, Hashable, Codable {
    public var title: MetadataField?
    /// Issuing bodies (发文机关), in order.
    public var issuers: [MetadataField] = []
    /// Document number (发文字号), e.g. 余政办〔2023〕29号.
    public var docNumber: MetadataField?
    /// Addressees (主送机关).
    public var addressees: [MetadataField] = []
    /// Date of issue (成文日期), ISO 8601.
    public var date: MetadataField?
    /// Publication date of a web page (发布于), ISO 8601.
    public var published: MetadataField?
    /// Modification date of a web page (修改于), ISO 8601.
    public var modified: MetadataField?
    /// Attachments (附件).
    public var attachments: [MetadataField] = []
    /// The plan period, e.g. `2023-2027` from 实施方案(2023—2027年).
    public var period: MetadataField?

    public init() {}
}
