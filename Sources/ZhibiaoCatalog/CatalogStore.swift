import ZhibiaoCore

/// What storing a document did.
public enum StoreOutcome: Sendable, Hashable {
    /// A new document.
    case added
    /// The file at this path changed (or was extracted by another Zhibiao): its old version was
    /// replaced in the same transaction.
    case replaced
    /// The same content was stored from the same path by the same Zhibiao: nothing changed.
    case unchanged
    /// The same content is stored from another path; nothing was stored (an old version at this
    /// path, if any, was removed).
    case duplicate(of: String)
}

/// A catalog of documents and their indicators: SQLite (one file) or PostgreSQL (shared).
///
/// Every method says in its error what failed and while doing what. A document is stored in one
/// transaction: an interrupted run leaves every document either complete or absent.
public protocol CatalogStore: AnyObject, Sendable {
    /// The catalog as the user named it, for messages.
    var location: String { get }

    /// Path, content hash and extractor fingerprint of every stored document.
    func fingerprints() async throws(CatalogError) -> [StoredFingerprint]

    /// Stores a document, replacing the stored version from the same path. Unless `force`, the
    /// same content from the same path with the same pipeline fingerprint is left as it is.
    func store(_ entry: CatalogEntry, force: Bool) async throws(CatalogError) -> StoreOutcome

    /// Every stored document with its counts, by path.
    func documents() async throws(CatalogError) -> [DocumentSummary]

    /// Removes a stored document and everything of it; false when there was none.
    func remove(id: Int64) async throws(CatalogError) -> Bool

    /// Stored indicators that pass every filter, by document path and then in document order.
    func indicators(_ query: IndicatorQuery) async throws(CatalogError) -> [IndicatorHit]

    /// Sentences that hold the text, by document path and then in document order.
    func sentences(_ query: SentenceQuery) async throws(CatalogError) -> [SentenceHit]

    /// A stored document with its tree and indicators.
    func load(id: Int64) async throws(CatalogError) -> StoredDocument

    /// Title, document number and citations of every stored document, by path (no texts).
    func citationRecords() async throws(CatalogError) -> [CitationRecord]

    /// The checklist marks (status and note) of a stored document's indicators, by indicator id.
    func checklistMarks(document: Int64) async throws(CatalogError) -> [String: ChecklistMark]

    /// Sets the mark of a stored indicator (replacing its previous one); `.notFound` when no
    /// stored indicator has that id.
    func setChecklistMark(_ mark: ChecklistMark) async throws(CatalogError)

    /// Problems found by the database's own check and by comparing each document's counts with
    /// its rows; empty when the catalog is consistent.
    func check() async throws(CatalogError) -> [String]

    /// Closes connections (a store is not used after).
    func close() async
}

extension CatalogStore {
    /// Loads every document in turn; a backend overrides it with one query.
    public func citationRecords() async throws(CatalogError) -> [CitationRecord] {
        var records: [CitationRecord] = []
        for summary in try await documents() {
            let stored = try await load(id: summary.id)
            records.append(CitationRecord(id: summary.id, path: summary.path, title: stored.record.title,
                                          docNumber: stored.record.docNumber, level: stored.record.level,
                                          sha256: stored.record.sha256, citations: stored.record.citations))
        }
        return records
    }

    /// The stored documents a reference names: an id (`12`), a path, a content hash prefix (8 hex
    /// digits or more), a title, or a part of a title (`normalizedTitle`: the reference
    /// normalized to Simplified). Exact matches win over partial ones.
    public func resolve(_ reference: String, normalizedTitle: String? = nil) async throws(CatalogError) -> [DocumentSummary] {
        let all = try await documents()
        if let id = Int64(reference), let hit = all.first(where: { $0.id == id }) { return [hit] }
        let byPath = all.filter { $0.path == reference }
        if !byPath.isEmpty { return byPath }
        let hex = reference.lowercased()
        if hex.count >= 8, hex.allSatisfy(\.isHexDigit) {
            let byHash = all.filter { $0.sha256.hasPrefix(hex) }
            if !byHash.isEmpty { return byHash }
        }
        let title = normalizedTitle ?? reference
        let exact = all.filter { $0.title == title || $0.title == reference }
        if !exact.isEmpty { return exact }
        let partial = all.filter { summary in
            guard let t = summary.title else { return false }
            return t.contains(title) || t.contains(reference)
        }
        if !partial.isEmpty { return partial }
        return all.filter { $0.path.hasSuffix("/" + reference) }
    }

    /// Exactly one stored document for a reference, or an error that lists the candidates.
    public func resolveOne(_ reference: String, normalizedTitle: String? = nil) async throws(CatalogError) -> DocumentSummary {
        let hits = try await resolve(reference, normalizedTitle: normalizedTitle)
        if hits.count == 1 { return hits[0] }
        if hits.isEmpty {
            throw CatalogError(.notFound, location: location, message: "no stored document is '\(reference)' (an id, path, hash or title; see zhibiao list)")
        }
        let names = hits.prefix(5).map { "\($0.id) \($0.title ?? $0.path)" }.joined(separator: "; ")
        throw CatalogError(.ambiguous, location: location,
                           message: "'\(reference)' names \(hits.count) stored documents (\(names)\(hits.count > 5 ? "; …" : "")): give an id")
    }
}
