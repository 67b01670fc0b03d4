/// The format a document arrived in.
public enum DocumentFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case text, html, docx
}

/// The Han script of a text.
public enum Script: String, Sendable, Hashable, Codable, CaseIterable {
    /// Simplified (简体): no character that Traditional-to-Simplified conversion would change.
    case hans
    /// Traditional (繁體).
    case hant
    /// Both in substantial amounts.
    case mixed
    /// No Han characters at all.
    case none
}

/// Where a document came from and how it was read.
public struct SourceInfo: Sendable, Hashable, Codable {
    /// The path as the user gave it.
    public var path: String
    public var format: DocumentFormat
    /// The encoding the bytes were decoded from, e.g. `UTF-8`, `GB18030`, `Big5`, `UTF-16LE`.
    public var encoding: String
    /// Whether the encoding was detected (`detected`), declared by the document itself
    /// (`declared`, HTML `<meta charset>`, BOM) or forced by the user (`forced`).
    public var encodingSource: String
    /// The script of the original text (set by normalization).
    public var script: Script
    /// Size of the file in bytes.
    public var byteCount: Int
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String

    public init(path: String, format: DocumentFormat, encoding: String, encodingSource: String,
                script: Script = .none, byteCount: Int, sha256: String) {
        self.path = path
        self.format = format
        self.encoding = encoding
        self.encodingSource = encodingSource
        self.script = script
        self.byteCount = byteCount
        self.sha256 = sha256
    }
}
