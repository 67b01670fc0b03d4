import ZhibiaoCore

/// Filters over stored indicators; every filter set must hold. Text filters take normalized
/// (Simplified) text: the caller normalizes what the user typed, so either script finds both.
public struct IndicatorQuery: Sendable, Hashable {
    /// A substring of the metric as written or of its key (synonyms applied).
    public var metric: String?
    /// Any of these kinds.
    public var kinds: [QuantityKind] = []
    /// The unit as written (normalized: 万元 finds 萬元) or the base unit (`yuan`, `fraction`).
    public var unit: String?
    /// The target year within these bounds (inclusive).
    public var years: ClosedRange<Int>?
    /// A substring of the scope.
    public var scope: String?
    /// Only these stored documents.
    public var documents: [Int64]?
    /// A substring of the document's issuers.
    public var issuer: String?
    /// The document's administrative level.
    public var level: String?
    public var role: Role?
    /// A section path (`三` finds `三`, `三/(一)`, …) or a substring of a heading above the indicator.
    public var section: String?
    /// At most this many rows (nil: all).
    public var limit: Int?

    public init() {}
}

/// A stored indicator with the document it comes from.
public struct IndicatorHit: Sendable, Hashable {
    public var indicator: Indicator
    public var document: DocumentReference

    public init(indicator: Indicator, document: DocumentReference) {
        self.indicator = indicator
        self.document = document
    }
}

/// Which stored document a row comes from.
public struct DocumentReference: Sendable, Hashable {
    public var id: Int64
    public var path: String
    public var title: String?
    public var issuer: String?
    public var level: String?
    public var date: String?

    public init(id: Int64, path: String, title: String?, issuer: String?, level: String?, date: String?) {
        self.id = id
        self.path = path
        self.title = title
        self.issuer = issuer
        self.level = level
        self.date = date
    }
}

/// A sentence search: the text (normalized by the caller) and filters.
public struct SentenceQuery: Sendable, Hashable {
    public var text: String
    public var documents: [Int64]?
    public var limit: Int?

    public init(text: String, documents: [Int64]? = nil, limit: Int? = nil) {
        self.text = text
        self.documents = documents
        self.limit = limit
    }
}

/// A sentence that holds the searched text.
public struct SentenceHit: Sendable, Hashable {
    public var document: DocumentReference
    /// The sentence's position in its document.
    public var ordinal: Int
    public var span: OriginalSpan
    /// The sentence as written (original script).
    public var sentence: String
    /// The searchable (normalized, folded) text that matched.
    public var text: String
    /// The path of its node (`三/(一)/1`), "" outside sections.
    public var section: String

    public init(document: DocumentReference, ordinal: Int, span: OriginalSpan, sentence: String, text: String, section: String) {
        self.document = document
        self.ordinal = ordinal
        self.span = span
        self.sentence = sentence
        self.text = text
        self.section = section
    }
}
