import ZhibiaoCatalog
import ZhibiaoCore
import ZhibiaoStructure

/// Which known document a child implements, from the child's citations: the document its
/// citations resolve to (``CitationResolver``: by document number, then title, then partial
/// title). What `zhibiao diff CHILD --db` uses to find the parent in a catalog.
///
/// A candidate found by document number beats one found by title, which beats a partial title;
/// among equals, the one cited more often wins. Equal candidates are ambiguous: the caller says
/// so and lists them rather than guess.
public struct ParentPicker: Sendable {
    public struct Candidate: Sendable {
        public var document: KnownDocument
        /// The best way one of the citations found it.
        public var match: CitationResolver.Match
        /// The citations that resolved to it, in text order.
        public var citations: [Citation]
    }

    public enum Choice: Sendable {
        /// One candidate is better than the others (which follow it, best first).
        case picked(Candidate, others: [Candidate])
        /// The child cites nothing known (`unresolved` are its citations, maybe none).
        case none(unresolved: [Citation])
        /// Several candidates are equally good (best first, the tied ones).
        case ambiguous([Candidate])
    }

    let resolver: CitationResolver

    public init(known: [KnownDocument]) {
        resolver = CitationResolver(documents: known)
    }

    /// The parent the citations point to; `excluding` names the child itself among the known
    /// documents, if it is one of them.
    public func pick(_ citations: [Citation], excluding: String? = nil) -> Choice {
        var candidates: [Candidate] = []
        for citation in citations {
            guard let resolution = resolver.resolve(citation, excluding: excluding) else { continue }
            if let at = candidates.firstIndex(where: { $0.document.id == resolution.document.id }) {
                candidates[at].citations.append(citation)
                if Self.rank(resolution.match) < Self.rank(candidates[at].match) { candidates[at].match = resolution.match }
            } else {
                candidates.append(Candidate(document: resolution.document, match: resolution.match, citations: [citation]))
            }
        }
        guard !candidates.isEmpty else { return .none(unresolved: citations) }
        // Stable: among equals, the first cited comes first.
        let sorted = candidates.enumerated().sorted { a, b in
            let (ra, rb) = (Self.rank(a.element.match), Self.rank(b.element.match))
            if ra != rb { return ra < rb }
            if a.element.citations.count != b.element.citations.count { return a.element.citations.count > b.element.citations.count }
            return a.offset < b.offset
        }.map(\.element)
        let best = sorted[0]
        let tied = sorted.filter { Self.rank($0.match) == Self.rank(best.match) && $0.citations.count == best.citations.count }
        if tied.count > 1 { return .ambiguous(tied) }
        return .picked(best, others: Array(sorted.dropFirst()))
    }

    static func rank(_ match: CitationResolver.Match) -> Int {
        switch match {
        case .docNumber: return 0
        case .title: return 1
        case .partialTitle: return 2
        }
    }
}

extension LinkGraph.Input {
    /// A stored document: its id is its stored path; the text of a citation is its reference
    /// rebuilt from the stored title and number (the catalog keeps the span, not the words).
    public init(stored record: CitationRecord) {
        self.init(id: record.path, titles: record.title.map { [$0] } ?? [], docNumber: record.docNumber,
                  citations: record.citations.map { ($0, Self.reference($0)) })
    }

    /// 《title》(number), 《title》 or the number alone.
    public static func reference(_ citation: Citation) -> String {
        var text = citation.title.map { "《\($0)》" } ?? ""
        if let number = citation.docNumber { text += text.isEmpty ? number : "（\(number)）" }
        return text
    }
}

extension KnownDocument {
    /// A stored document as citations may name it; its id is its stored path.
    public init(stored record: CitationRecord) {
        self.init(id: record.path, title: record.title, docNumber: record.docNumber)
    }
}
