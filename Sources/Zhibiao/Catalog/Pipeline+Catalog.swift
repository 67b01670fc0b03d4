import Foundation
import Logging
import ZhibiaoCatalog
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoIngest

extension Pipeline {
    /// Bumped when a change to the readers or the extractor (Swift code, not `Grammars/`)
    /// changes what is extracted, so that `ingest` extracts stored documents again.
    public static let revision = 1

    /// Which Zhibiao extracts what: the code revision, a digest of every grammar file (with
    /// overlays) and the options that change reading. Stored beside every document.
    public var fingerprint: String {
        var parts = ["zhibiao-r\(Self.revision)", "grammars-\(resources.digest.prefix(12))"]
        if options.scriptMode != .hans { parts.append("script-\(options.scriptMode.rawValue)") }
        if let encoding = options.encoding { parts.append("encoding-\(encoding.name)") }
        if options.lossy { parts.append("lossy") }
        if let format = options.format { parts.append("format-\(format.rawValue)") }
        return parts.joined(separator: " ")
    }

    /// Reads, normalizes, segments and extracts a file's bytes.
    public func extractDocument(bytes: [UInt8], path: String, logger: Logger = Logger(label: "zhibiao")) throws(IngestError) -> ExtractedDocument {
        let ingested = try reader.read(bytes: bytes, path: path)
        let document = normalizer.normalize(ingested)
        let tree = segmenter.segment(document)
        var warnings: [ExtractionWarning] = []
        let indicators = extractor.extract(from: document, tree: tree, warnings: &warnings)
        for warning in warnings.prefix(20) { logger.warning("\(warning)", metadata: ["doc.path": "\(path)"]) }
        if warnings.count > 20 { logger.warning("\(warnings.count - 20) more warnings", metadata: ["doc.path": "\(path)"]) }
        return ExtractedDocument(document: document, tree: tree, indicators: indicators)
    }

    /// Text as the catalog compares it: normalized like a document (NFKC, Simplified), so that a
    /// query in either script finds both.
    public func normalizedQuery(_ text: String) -> String {
        String(scalars: normalizer.normalize(Array(text.unicodeScalars)).text)
    }

    /// What the catalog stores of an extracted document. `fingerprint` is ``fingerprint``, given
    /// when known (it hashes every grammar file).
    public func catalogEntry(_ extracted: ExtractedDocument, levels: IssuerLevels?, level: String? = nil,
                             fingerprint: String? = nil, ingestedAt: Date = Date()) -> CatalogEntry {
        let issuers = extracted.tree.metadata.issuers.map(\.value)
        return CatalogEntry(extracted: extracted, level: level ?? levels?.level(of: issuers), pipeline: fingerprint ?? self.fingerprint,
                            ingestedAt: Self.timestamp(ingestedAt), unitKey: { normalizedQuery($0) })
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// A stored document as the pipeline would give it: its original text normalized again (with
    /// its HTML/DOCX blocks), the stored tree and the stored indicators. What `checklist` and
    /// `diff` use for a document named in a catalog.
    public func extractedDocument(from stored: StoredDocument) -> ExtractedDocument {
        let record = stored.record
        let ingested = IngestedDocument(source: record.source, text: Array(record.text.unicodeScalars), blocks: record.blocks,
                                        tables: record.tables)
        return ExtractedDocument(document: normalizer.normalize(ingested), tree: stored.tree, indicators: stored.indicators)
    }
}

extension Resources {
    /// The issuer-level table (`lexicon/issuer-levels.tsv`, from the last layer that has it).
    public func issuerLevels() throws -> IssuerLevels? {
        for directory in ([directory] + overlays).reversed() {
            let url = directory.appendingPathComponent("lexicon/issuer-levels.tsv")
            guard let contents = try? String(contentsOf: url, encoding: .utf8) else { continue }
            return try IssuerLevels(file: TSVFile(path: url.path, contents: contents))
        }
        return nil
    }
}
