import ZhibiaoIngest

/// A document that could not be read, and why: what ``Pipeline``'s document methods throw.
///
/// Only reading can fail: once a document is decoded, normalizing, segmenting and extracting
/// always give a result (problems along the way are warnings on the logger).
///
/// ```swift
/// do {
///     let document = try pipeline.extractDocument(contentsOf: url)
/// } catch {
///     print(error)  // reading plan.docx: not a DOCX file: no zip central directory
/// }
/// ```
public struct DocumentError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The document's path or the name the caller gave it.
    public var document: String
    /// What went wrong while reading it.
    public var reason: IngestError

    public init(document: String, reason: IngestError) {
        self.document = document
        self.reason = reason
    }

    public var description: String { "reading \(document): \(reason)" }
}
