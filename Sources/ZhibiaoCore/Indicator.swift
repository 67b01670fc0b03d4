/// What a quantity measures.
public enum QuantityKind: String, Sendable, Hashable, Codable, CaseIterable {
    case money, percentage, pp, count, area, mass, length, duration, ratio, multiple, other
}

/// The unit every quantity of a kind is converted to (`baseValue` is in it).
public enum BaseUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case yuan, hkd, usd, twd, fraction, pp, count, m2, kg, m, minute, ratio, multiple, other
}

/// How the value bounds the target.
public enum Comparator: String, Sendable, Hashable, Codable, CaseIterable {
    case equal = "="
    case atLeast = ">="
    case more = ">"
    case atMost = "<="
    case less = "<"
    case about = "~"
}

/// Whether a quantity is a goal or a statement of what is.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// A goal or commitment (到2025年…达到85%以上, 每年培训50人).
    case target
    /// A baseline, a typical duration, a threshold inside a metric, a statement of fact.
    case fact
}

/// How a quantity accrues over time.
public enum Accumulation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Per year (每年, 年均).
    case annual
    /// In total over the period (累计).
    case cumulative
    /// Added on top of what exists (新增).
    case increment
}

/// The direction of a change the quantity measures.
public enum Change: String, Sendable, Hashable, Codable, CaseIterable {
    case increase, decrease
}

/// A quantitative target or fact of a document, with its exact provenance.
///
/// Every offset is in Unicode scalars of the original decoded text; `surface` is the original
/// substring of the quantity and `sentence` the original sentence, in the script as written.
/// `metric` and `scope` are in normalized (Simplified) script.
public struct Indicator: Sendable, Hashable, Codable {
    /// The document's path as given.
    public var doc: String
    /// Stable across runs: document content hash prefix and offsets.
    public var id: String
    public var span: OriginalSpan
    public var surface: String
    public var sentenceSpan: OriginalSpan
    public var sentence: String
    /// The number as written after numeral conversion (5.7 for 5.7萬元).
    public var value: DecimalNumber
    /// The unit as written (萬元), magnitude included.
    public var unit: String
    /// The value in `baseUnit` (57000 yuan), nil when out of range.
    public var baseValue: DecimalNumber?
    public var baseUnit: BaseUnit
    public var kind: QuantityKind
    public var comparator: Comparator
    public var approximate: Bool
    /// Bounds of a range (2至3年) or of an approximate numeral (十几万), as written.
    public var low: DecimalNumber?
    public var high: DecimalNumber?
    /// Target year (到2025年, 2027年底).
    public var year: Int?
    /// Baseline year (比2022年).
    public var baselineYear: Int?
    /// Baseline text when not a year (建设前, 上年).
    public var baseline: String?
    public var periodStart: Int?
    public var periodEnd: Int?
    public var accumulation: Accumulation?
    public var change: Change?
    /// Marked 力争 (strive to).
    public var aspirational: Bool
    public var metric: String?
    public var scope: String?
    /// Section path of the enclosing node (四/(一)/1), "" outside sections.
    public var section: String
    public var role: Role
    /// The rules that produced it, the quantity rule first.
    public var rules: [String]

    public init(doc: String, id: String, span: OriginalSpan, surface: String, sentenceSpan: OriginalSpan, sentence: String,
                value: DecimalNumber, unit: String, baseValue: DecimalNumber?, baseUnit: BaseUnit, kind: QuantityKind,
                comparator: Comparator, approximate: Bool, low: DecimalNumber?, high: DecimalNumber?, year: Int?,
                baselineYear: Int?, baseline: String?, periodStart: Int?, periodEnd: Int?, accumulation: Accumulation?,
                change: Change?, aspirational: Bool, metric: String?, scope: String?, section: String, role: Role,
                rules: [String]) {
        self.doc = doc
        self.id = id
        self.span = span
        self.surface = surface
        self.sentenceSpan = sentenceSpan
        self.sentence = sentence
        self.value = value
        self.unit = unit
        self.baseValue = baseValue
        self.baseUnit = baseUnit
        self.kind = kind
        self.comparator = comparator
        self.approximate = approximate
        self.low = low
        self.high = high
        self.year = year
        self.baselineYear = baselineYear
        self.baseline = baseline
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.accumulation = accumulation
        self.change = change
        self.aspirational = aspirational
        self.metric = metric
        self.scope = scope
        self.section = section
        self.role = role
        self.rules = rules
    }

    /// The quantity rule (the first of `rules`).
    public var rule: String { rules.first ?? "" }
}
