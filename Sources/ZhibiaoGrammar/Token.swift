import ZhibiaoCore

/// Kinds of time expressions.
public enum TimeKind: String, Sendable, Hashable, CaseIterable {
    /// 2025年 (a year the target belongs to).
    case year
    /// 到2025年, 2027年底, 2025年前.
    case deadline
    /// 比2022年, 较建设前.
    case baseline
    /// 2023-2027年, 十四五期间.
    case period
    /// 2023年4月11日 (a calendar date: its year counts, its numbers are no quantities).
    case date
    /// 每年, 年均, 累计, 新增.
    case accumulation
    /// A time frame the text speaks in, past or future: 去年, 过去五年, 五年来, 今年, 未来5年.
    case frame
    /// The year of an edition or revision (指标体系(2023年版), 2020年修订): it names the text, it
    /// sets no deadline, and its number is no quantity.
    case edition

    public static let allNames = Set(allCases.map(\.rawValue))
}

/// Where a time frame lies relative to the document (`time-words.tsv`: 去年 past, 今年 current,
/// 明年 future).
public enum TimeFrame: String, Sendable, Hashable, CaseIterable {
    case past, current, future
}

/// A time expression.
public struct TimeValue: Sendable, Hashable {
    public var kind: TimeKind
    public var year: Int?
    public var start: Int?
    public var end: Int?
    /// The baseline when it is not a year (建设前, 上年).
    public var baseline: String?
    public var accumulation: Accumulation?
    /// For a frame: whether it looks back, at the present year, or ahead.
    public var frame: TimeFrame?
    /// The rule that recognized it.
    public var rule: String = ""
}

/// A quantity a rule recognized.
public struct QuantityValue: Sendable, Hashable {
    public var value: DecimalNumber
    /// Power of ten of a magnitude written before the unit (万 in 5.7万元).
    public var magnitude: Int
    /// The unit as written: a span of the text, or a canonical string (百分之八十五 → %).
    public var unitSpan: Range<Int>?
    public var unitLiteral: String?
    public var kind: QuantityKind
    public var baseUnit: BaseUnit
    public var factor: Factor
    /// The unit is the document's own currency (a bare 元): yuan, unless the document is from
    /// Hong Kong or Taiwan.
    public var localCurrency = false
    public var comparator: Comparator
    public var approximate: Bool
    public var low: DecimalNumber?
    public var high: DecimalNumber?
    public var aspirational: Bool
    public var change: Change?
    public var accumulation: Accumulation?
    public var role: Role?
    /// The quantity as written (its surface), inside the token's extent.
    public var core: Range<Int>
    /// Rules that produced it, innermost (the quantity rule) first.
    public var rules: [String]

    /// `value × 10^magnitude × factor`, nil when it overflows.
    public var baseValue: DecimalNumber? {
        guard let scaled = value.multiplied(byPowerOfTen: magnitude) else { return nil }
        return factor.apply(to: scaled)
    }
}

/// What a token is.
public enum TokenKind: UInt8, Sendable, Hashable {
    case number, word, quantity, time
}

/// An edge of the lattice: a piece of the sentence from `start` to `end` (normalized offsets).
public struct Token: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var kind: TokenKind
    /// Index into the lattice's table for the kind (numbers, lexicon entries, quantities, times).
    public var payload: Int
    public var stage: Stage?
    public var priority: Int
    /// A number inside a time expression: later stages do not see it.
    public var claimed: Bool = false

    public var length: Int { end - start }
}

/// The tokens of one sentence: base tokens from the tokenizer, then what each stage adds.
public struct Lattice: Sendable {
    /// The whole normalized text (shared, not copied per sentence).
    public let text: [Unicode.Scalar]
    /// The sentence.
    public internal(set) var range: Range<Int>
    public internal(set) var tokens: [Token] = []
    /// Offsets that may not be read (names, section markers): relative to `range.lowerBound`.
    public internal(set) var blocked: [Bool]
    public internal(set) var numbers: [NumberValue] = []
    public internal(set) var words: [Int] = []
    public internal(set) var quantities: [QuantityValue] = []
    public internal(set) var times: [TimeValue] = []
    /// Runs of numeral characters too long to read as a number (50 digits, 10 MB of 一).
    public internal(set) var unreadable: [Range<Int>] = []

    public init(text: [Unicode.Scalar], range: Range<Int>) {
        self.text = text
        self.range = range
        blocked = [Bool](repeating: false, count: range.count + 1)
    }

    /// Empties every table for another sentence of the same text, keeping their storage.
    mutating func reset(range: Range<Int>) {
        self.range = range
        tokens.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        words.removeAll(keepingCapacity: true)
        quantities.removeAll(keepingCapacity: true)
        times.removeAll(keepingCapacity: true)
        unreadable.removeAll(keepingCapacity: true)
        blocked.removeAll(keepingCapacity: true)
        blocked.append(contentsOf: repeatElement(false, count: range.count + 1))
    }

    mutating func add(_ token: Token) {
        tokens.append(token)
    }

    public func isBlocked(_ offset: Int) -> Bool {
        offset >= range.lowerBound && offset < range.upperBound && blocked[offset - range.lowerBound]
    }

    public func string(_ range: Range<Int>) -> String { String(scalars: text[range]) }
}
