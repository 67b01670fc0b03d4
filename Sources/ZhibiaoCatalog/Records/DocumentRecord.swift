import ZhibiaoCore

/// A stored document's row: where it came from, what it is, how it was read, and its original
/// text (for HTML and DOCX the text Zhibiao extracted, which every offset counts).
public struct DocumentRecord: Sendable, Hashable {
    /// The path as given when it was ingested; one stored document per path.
    public var path: String
    /// Metadata in normalized (Simplified) form, nil when the document does not say.
    public var title: String?
    /// Issuing bodies, in order.
    public var issuers: [String]
    /// Administrative level of the issuer (`national`, `provincial`, `municipal`, `county`,
    /// `township`), when known.
    public var level: String?
    /// Date of issue, ISO 8601.
    public var date: String?
    /// The plan period, `START-END`.
    public var period: String?
    public var docNumber: String?
    public var format: DocumentFormat
    public var encoding: String
    public var encodingSource: String
    public var script: Script
    public var byteCount: Int
    /// SHA-256 of the file's bytes: the document's identity (one stored document per content).
    public var sha256: String
    /// The original decoded text every offset points into.
    public var text: String
    /// Blocks of HTML and DOCX documents (the reader's view, needed to normalize the text again).
    public var blocks: [SourceBlock]
    /// The metadata with the original spans it came from.
    public var metadata: DocumentMetadata
    /// The documents it cites (根据《…》, 文号), with their spans.
    public var citations: [Citation]
    /// The tables its reader found (HTML, DOCX, plain-text tables), with cell spans.
    public var tables: [SourceTable]
    /// The readers' and grammars' fingerprint (`Pipeline.fingerprint`): which Zhibiao extracted it.
    public var pipeline: String
    /// When it was stored, ISO 8601 UTC (`2026-11-20T15:04:05Z`).
    public var ingestedAt: String

    public init(path: String, title: String?, issuers: [String], level: String?, date: String?, period: String?, docNumber: String?,
                format: DocumentFormat, encoding: String, encodingSource: String, script: Script, byteCount: Int, sha256: String,
                text: String, blocks: [SourceBlock], metadata: DocumentMetadata, pipeline: String, ingestedAt: String,
                citations: [Citation] = [], tables: [SourceTable] = []) {
        self.citations = citations
        self.tables = tables
        self.path = path
        self.title = title
        self.issuers = issuers
        self.level = level
        self.date = date
        self.period = period
        self.docNumber = docNumber
        self.format = format
        self.encoding = encoding
        self.encodingSource = encodingSource
        self.script = script
        self.byteCount = byteCount
        self.sha256 = sha256
        self.text = text
        self.blocks = blocks
        self.metadata = metadata
        self.pipeline = pipeline
        self.ingestedAt = ingestedAt
    }

    /// Issuers as one string (`、` between them), as stored for filtering.
    public var issuerText: String { issuers.joined(separator: "、") }

    public var source: SourceInfo {
        SourceInfo(path: path, format: format, encoding: encoding, encodingSource: encodingSource, script: script,
                   byteCount: byteCount, sha256: sha256)
    }
}

/// A stored document as `list` shows it, with its counts.
public struct DocumentSummary: Sendable, Hashable {
    /// The store's number for it (stable while it is stored).
    public var id: Int64
    public var path: String
    public var title: String?
    public var issuer: String?
    public var level: String?
    public var date: String?
    public var period: String?
    public var script: Script
    public var format: DocumentFormat
    public var byteCount: Int
    public var sha256: String
    public var ingestedAt: String
    public var pipeline: String
    public var sections: Int
    public var sentences: Int
    public var indicators: Int
    public var targets: Int

    public init(id: Int64, path: String, title: String?, issuer: String?, level: String?, date: String?, period: String?, script: Script,
                format: DocumentFormat, byteCount: Int, sha256: String, ingestedAt: String, pipeline: String, sections: Int,
                sentences: Int, indicators: Int, targets: Int) {
        self.id = id
        self.path = path
        self.title = title
        self.issuer = issuer
        self.level = level
        self.date = date
        self.period = period
        self.script = script
        self.format = format
        self.byteCount = byteCount
        self.sha256 = sha256
        self.ingestedAt = ingestedAt
        self.pipeline = pipeline
        self.sections = sections
        self.sentences = sentences
        self.indicators = indicators
        self.targets = targets
    }
}

/// What a store knows of a document without loading it: enough to decide whether a file needs
/// extracting again.
public struct StoredFingerprint: Sendable, Hashable {
    public var id: Int64
    public var path: String
    public var sha256: String
    public var pipeline: String

    public init(id: Int64, path: String, sha256: String, pipeline: String) {
        self.id = id
        self.path = path
        self.sha256 = sha256
        self.pipeline = pipeline
    }
}
