/// What a quantity measures.
public enum QuantityKind: String, Sendable, Hashable, Codable, CaseIterable {
    case money, percentage, pp, count, area, mass, length, duration, ratio, multiple
    /// Computing power (14EFlops), data volume (10EB), electric power (万千瓦), energy (千瓦时,
    /// 吨标准煤), emissions (吨二氧化碳), volume (立方米), frequency (次/年), speed (Gbps).
    case computing, data, power, energy, emission, volume, frequency, speed
    case other
}

/// The unit every quantity of a kind is converted to (`baseValue` is in it).
///
/// Money keeps its currency: yuan, hkd, usd, twd, eur, jpy, gbp are not converted into each
/// other (no exchange rate is implied).
public enum BaseUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case yuan, hkd, usd, twd, eur, jpy, gbp, fraction, pp, count, m2, kg, m, minute, ratio, multiple
    /// Floating-point operations per second; bytes; bits per second; watts; kilowatt-hours;
    /// tonnes of coal equivalent; tonnes of CO₂; cubic metres; times per year.
    case flops, byte, bps, w, kwh, tce, tco2, m3
    case perYear = "per-year"
    case other
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
    /// An average per year over the period (a table's 年均 column: 年均增长7%).
    case annualAverage = "annual-average"
}

/// Where an indicator's target year came from.
public enum YearSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// Written in the indicator's own sentence (到2025年).
    case sentence
    /// Inherited from a heading or a lead-in above it (2026年工作安排; 力争到2027年，…：).
    case heading
    /// The end of the plan period (the title's 2023-2027年).
    case period
    /// The header of the table column that holds it (2025年 over a column of targets), or the
    /// table's last target year for a 年均/累计 column.
    case table
}

/// How binding a target is.
public enum Bindingness: String, Sendable, Hashable, Codable, CaseIterable {
    /// Binding (约束性; in text 确保, 必须, 严格控制, 不得, 红线).
    case binding
    /// Expected (预期性; in text 力争, 争取, 努力, 预计).
    case expected
}

/// The table cell an indicator was read from.
public struct TableCell: Sendable, Hashable, Codable {
    /// The table's number in the document, from 1.
    public var table: Int
    /// The row, from 1 (the header row is 1).
    public var row: Int
    /// The column, from 1.
    public var column: Int

    public init(table: Int, row: Int, column: Int) {
        self.table = table
        self.row = row
        self.column = column
    }
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
public struct Indicator: Sendable, Hashable {
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
    /// Where `year` came from (the sentence, a heading or lead-in, the plan period).
    public var yearSource: YearSource?
    /// Baseline year (比2022年).
    public var baselineYear: Int?
    /// Baseline text when not a year (建设前, 上年).
    public var baseline: String?
    /// The baseline's value in `baseUnit` (a table's 2020年 column), when the document gives one.
    public var baselineValue: DecimalNumber?
    public var periodStart: Int?
    public var periodEnd: Int?
    public var accumulation: Accumulation?
    public var change: Change?
    /// Marked 力争 (strive to).
    public var aspirational: Bool
    /// Binding (约束性, 确保) or expected (预期性, 力争), when the document says.
    public var bindingness: Bindingness?
    /// The verb of a verb–object target (新建, 培训, 新增), in Simplified script.
    public var action: String?
    /// The noun phrase measured, as written (in Simplified script).
    public var metric: String?
    /// `metric` normalized for matching across documents (synonyms applied).
    public var metricKey: String?
    /// The category the metric is listed under in a table (经济发展, 一级指标), in Simplified script.
    public var category: String?
    public var scope: String?
    /// Section path of the enclosing node (四/(一)/1), "" outside sections.
    public var section: String
    public var role: Role
    /// Why `role` was decided (`frame:到2027年`, `aspect:已`, `section:回顾`, `threshold`).
    public var roleBasis: String?
    /// The table cell it was read from, when it stands in a table.
    public var cell: TableCell?
    /// The rules that produced it, the quantity rule first.
    public var rules: [String]

    public init(doc: String, id: String, span: OriginalSpan, surface: String, sentenceSpan: OriginalSpan, sentence: String,
                value: DecimalNumber, unit: String, baseValue: DecimalNumber?, baseUnit: BaseUnit, kind: QuantityKind,
                comparator: Comparator, approximate: Bool, low: DecimalNumber?, high: DecimalNumber?, year: Int?,
                baselineYear: Int?, baseline: String?, periodStart: Int?, periodEnd: Int?, accumulation: Accumulation?,
                change: Change?, aspirational: Bool, metric: String?, scope: String?, section: String, role: Role,
                rules: [String], yearSource: YearSource? = nil, baselineValue: DecimalNumber? = nil,
                bindingness: Bindingness? = nil, action: String? = nil, metricKey: String? = nil, roleBasis: String? = nil,
                cell: TableCell? = nil, category: String? = nil) {
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
        self.yearSource = yearSource
        self.baselineValue = baselineValue
        self.bindingness = bindingness
        self.action = action
        self.metricKey = metricKey
        self.roleBasis = roleBasis
        self.cell = cell
        self.category = category
    }

    /// The quantity rule (the first of `rules`).
    public var rule: String { rules.first ?? "" }
}
