import ZhibiaoCore

/// What a quantity means for comparing it with another: which way it is more demanding, whether
/// it is a level or a change, whether it is a total that adds up across places.
public struct IndicatorReading: Sendable, Hashable {
    /// Which way the number moves to make the target more demanding.
    public enum Direction: String, Sendable, Hashable { case higher, lower }
    /// What the number states.
    public enum Measure: String, Sendable, Hashable {
        /// A level to reach or keep (达到85%, 建成10个).
        case level
        /// A change by an amount (增长7%, 下降0.01, 提高3个百分点).
        case change
    }
    /// How the comparator bounds the figure.
    public enum Bound: String, Sendable, Hashable {
        /// At least (≥, >).
        case floor
        /// At most (≤, <).
        case ceiling
        /// The figure itself (=, ~).
        case point
    }

    public var stricter: Direction
    /// The word or sign that decided ``stricter`` (`≥`, `下降`, `失业率`), or `default` (higher).
    public var directionBasis: String
    public var measure: Measure
    /// The word that decided ``measure``, if any.
    public var measureBasis: String?
    public var bound: Bound
    /// A total that adds up across places (villages, yuan, mu), not a rate, share, per-capita
    /// or per-unit figure.
    public var additive: Bool
    /// The per-unit word that made it not additive (人均, 每村), if any.
    public var perUnitWord: String?
    /// What the metric measures: the metric without the denominator of a share
    /// (全社会研究与开发经费 for 全社会研究与开发经费占国内生产总值的比重); the whole metric otherwise.
    public var subject: String
}

/// Reads quantities with the direction and measure words of ``AlignLexicon``.
public struct IndicatorReader: Sendable {
    public let lexicon: AlignLexicon

    public init(lexicon: AlignLexicon) {
        self.lexicon = lexicon
    }

    /// Kinds whose figures add up across places.
    static let additiveKinds: Set<QuantityKind> = [.count, .money, .area, .length, .mass]

    /// Reads `indicator` in the normalized text of its document.
    public func read(_ indicator: Indicator, in document: NormalizedDocument) -> IndicatorReading {
        let (clause, quantityStart) = Self.clause(of: indicator, in: document)
        return read(indicator, clause: clause, quantityStart: quantityStart)
    }

    /// The normalized text of the indicator's clause, and where the quantity starts in it.
    ///
    /// The clause runs back from the quantity to the previous clause break (。,;:!?, a line
    /// break), at most 80 characters.
    public static func clause(of indicator: Indicator, in document: NormalizedDocument) -> ([Unicode.Scalar], Int) {
        let text = document.text
        guard indicator.span.end <= document.original.count else { return ([], 0) }
        let span = document.map.normalizedSpan(of: indicator.span)
        var start = span.start
        while start > 0 && span.start - start < 80 {
            let s = text[start - 1]
            if s == "。" || s == "," || s == ";" || s == ":" || s == "!" || s == "?" || s == "\n" || s == "," { break }
            start -= 1
        }
        var end = span.end
        while end < text.count && end - span.end < 8 {
            let s = text[end]
            if s == "。" || s == "," || s == ";" || s == "\n" { break }
            end += 1
        }
        return (Array(text[start..<end]), span.start - start)
    }

    /// Reads `indicator` whose clause (normalized) is `clause`, the quantity starting at
    /// `quantityStart` in it.
    public func read(_ indicator: Indicator, clause: [Unicode.Scalar], quantityStart: Int) -> IndicatorReading {
        let before = 0..<min(max(0, quantityStart), clause.count)
        let metric = Array((indicator.metric ?? "").unicodeScalars)
        let scope = Array((indicator.scope ?? "").unicodeScalars)
        let clauseWords = lexicon.directionMatches(in: clause, range: before)
        let metricWords = lexicon.directionMatches(in: metric, range: 0..<metric.count)
        let verb = clauseWords.last { $0.payload != .lower && $0.payload != .none }
        let verbWord = verb.map { String(scalars: clause[$0.range]) }
        var lowerWord: String?
        if let m = metricWords.first(where: { $0.payload == .lower }) {
            lowerWord = String(scalars: metric[m.range])
        } else if let m = clauseWords.first(where: { $0.payload == .lower }) {
            lowerWord = String(scalars: clause[m.range])
        }

        // Measure.
        var measure = IndicatorReading.Measure.level
        var measureBasis: String?
        let metricMeasure = lexicon.measureMatches(in: metric, range: 0..<metric.count)
        let clauseMeasure = lexicon.measureMatches(in: clause, range: before)
        if indicator.baseUnit == .pp {
            measure = .change
            measureBasis = indicator.unit.isEmpty ? "个百分点" : indicator.unit
        } else if let verb, verb.payload == .decrease || verb.payload == .increase {
            measure = .change
            measureBasis = verbWord
        } else if let word = metricMeasure.first(where: { $0.payload == .change }) {
            // 增幅, 增速 in the metric: a growth rate, even after 达到.
            measure = .change
            measureBasis = String(scalars: metric[word.range])
        } else if let verb, verb.payload == .decreaseTo || verb.payload == .increaseTo {
            measureBasis = verbWord
        } else if let word = clauseMeasure.first(where: { $0.payload == .change }) {
            measure = .change
            measureBasis = String(scalars: clause[word.range])
        }

        // Direction and bound.
        var stricter = IndicatorReading.Direction.higher
        var basis = "default"
        var bound = IndicatorReading.Bound.point
        switch indicator.comparator {
        case .atMost, .less:
            stricter = .lower
            basis = indicator.comparator.rawValue
            bound = .ceiling
        case .atLeast, .more:
            stricter = .higher
            basis = indicator.comparator.rawValue
            bound = .floor
        case .equal, .about:
            switch verb?.payload {
            case .decrease?, .increase?:
                stricter = .higher
                basis = verbWord ?? basis
            case .decreaseTo?:
                stricter = .lower
                basis = verbWord ?? basis
            case .increaseTo?, .lower?, .none?, nil:
                if let lowerWord, measure == .level {
                    stricter = .lower
                    basis = lowerWord
                } else if measure == .change {
                    stricter = .higher
                    basis = measureBasis ?? basis
                }
            }
        }

        // Additivity.
        var perUnit: String?
        for (text, range) in [(metric, 0..<metric.count), (scope, 0..<scope.count), (clause, before)] where perUnit == nil {
            if let word = lexicon.measureMatches(in: text, range: range).first(where: { $0.payload == .perUnit }) {
                perUnit = String(scalars: text[word.range])
            }
        }
        let additive = Self.additiveKinds.contains(indicator.kind) && measure == .level && perUnit == nil
            && indicator.accumulation != .annualAverage && indicator.baseUnit != .fraction && indicator.baseUnit != .pp
        var subject = indicator.metricKey ?? indicator.metric ?? ""
        if let cut = metricMeasure.first(where: { $0.payload == .denominator }), cut.range.lowerBound >= 2 {
            subject = String(scalars: metric[0..<cut.range.lowerBound])
        }
        return IndicatorReading(stricter: stricter, directionBasis: basis, measure: measure, measureBasis: measureBasis,
                                bound: bound, additive: additive, perUnitWord: perUnit, subject: subject)
    }
}
