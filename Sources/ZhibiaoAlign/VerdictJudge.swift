import Foundation
import ZhibiaoCore

/// Decides the verdicts of a pair of indicators that measure the same thing, with a one-line
/// explanation.
///
/// Figures are compared in their base units (万元 against 亿元, 亩 against 公顷). Which way is
/// more demanding comes from ``IndicatorReading``: the comparator (≥ a floor, ≤ a ceiling),
/// a change verb (下降3% — more is more), or the metric (能耗, 失业率 are better lower).
/// Additive totals (counts, money, areas of a level, not per unit) give `contributes` with the
/// child's share instead of a meaningless `looser`.
public struct VerdictJudge: Sendable {
    /// Relative difference under which two figures are equal.
    public var tolerance = 1e-6

    public init() {}

    public struct Judgement: Sendable, Hashable {
        public var verdicts: [Verdict]
        public var explanation: String
        public var share: Double?
    }

    public func judge(parent p: Indicator, _ pr: IndicatorReading, child c: Indicator, _ cr: IndicatorReading) -> Judgement {
        var reasons: [String] = []
        var verdicts: [Verdict] = []
        var share: Double?
        let figures = "\(Self.figure(c, in: p)) vs parent \(Self.figure(p, in: nil))"

        if let reason = differentMeasure(p, pr, c, cr) {
            verdicts.append(.differentMeasure)
            reasons.append(reason)
        } else if let pv = p.baseValue, let cv = c.baseValue {
            let equal = Self.close(pv.doubleValue, cv.doubleValue, tolerance)
            if pr.additive && cr.additive && !equal {
                if cv < pv {
                    let ratio = cv.doubleValue / pv.doubleValue
                    share = ratio
                    verdicts.append(.contributes)
                    reasons.append("an additive total: the child's figure is \(Self.percent(ratio)) of the parent's")
                } else {
                    let direction = pr.stricter
                    verdicts.append(direction == .higher ? .stricter : .looser)
                    reasons.append("an additive total, and the child's figure alone exceeds the parent's whole "
                                   + (direction == .higher ? "(more is more demanding)" : "(a ceiling: more is less demanding)"))
                }
            } else if equal {
                verdicts.append(.equal)
                reasons.append(pr.additive && cr.additive ? "the same figure: the child restates the parent's total" : "the same figure")
            } else {
                let direction = pr.directionBasis == "default" && cr.directionBasis != "default" ? cr.stricter : pr.stricter
                let basis = pr.directionBasis == "default" && cr.directionBasis != "default" ? cr.directionBasis : pr.directionBasis
                let higher = cv > pv
                let stricter = (direction == .higher) == higher
                verdicts.append(stricter ? .stricter : .looser)
                let which = direction == .higher ? "higher" : "lower"
                let sign = [">=": "≥", "<=": "≤", ">": ">", "<": "<"][basis] ?? basis
                let why = basis == "default" ? "higher is more demanding (the default)" : "\(which) is more demanding (\(sign))"
                reasons.append("\(higher ? "higher" : "lower") than the parent's, and \(why)")
            }
        } else {
            verdicts.append(.differentMeasure)
            reasons.append("a figure too large to compare")
        }

        if let py = p.year, let cy = c.year, py != cy {
            verdicts.append(cy < py ? .earlier : .later)
            let years = abs(cy - py)
            var note = "due \(cy) instead of \(py) (\(years) year\(years == 1 ? "" : "s") \(cy < py ? "earlier" : "later"))"
            if c.yearSource == .period || p.yearSource == .period { note += ", a year taken from the plan period" }
            reasons.append(note)
        }
        return Judgement(verdicts: verdicts, explanation: figures + ": " + reasons.joined(separator: "; "), share: share)
    }

    /// Why the two are different measures, or nil when they are the same measure.
    func differentMeasure(_ p: Indicator, _ pr: IndicatorReading, _ c: Indicator, _ cr: IndicatorReading) -> String? {
        if p.baseUnit != c.baseUnit {
            let pair: Set<BaseUnit> = [p.baseUnit, c.baseUnit]
            if pair == [.fraction, .pp] {
                return "% against 个百分点: a rate against a change in percentage points, not the same thing"
            }
            return "\(Self.describe(c, cr)) against \(Self.describe(p, pr))"
        }
        if p.baseUnit == .other && Self.unitWord(p) != Self.unitWord(c) {
            return "\(c.unit.isEmpty ? "no unit" : c.unit) against \(p.unit.isEmpty ? "no unit" : p.unit)"
        }
        if pr.measure != cr.measure {
            return "\(Self.describe(cr.measure, cr.measureBasis)) against \(Self.describe(pr.measure, pr.measureBasis))"
        }
        let pAnnual = p.accumulation == .annual || p.accumulation == .annualAverage
        let cAnnual = c.accumulation == .annual || c.accumulation == .annualAverage
        if pAnnual != cAnnual && (p.accumulation == .cumulative || c.accumulation == .cumulative) {
            return cAnnual ? "per year against over the period (累计)" : "over the period (累计) against per year"
        }
        if (pr.bound == .floor && cr.bound == .ceiling) || (pr.bound == .ceiling && cr.bound == .floor) {
            return cr.bound == .ceiling ? "a ceiling (≤) against a floor (≥)" : "a floor (≥) against a ceiling (≤)"
        }
        return nil
    }

    // MARK: Text

    static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-12)
    }

    static func unitWord(_ i: Indicator) -> String { i.unit.trimmingSpaces() }

    static func describe(_ i: Indicator, _ reading: IndicatorReading) -> String {
        switch i.baseUnit {
        case .fraction: return reading.measure == .change ? "a rate of change (%)" : "a share (%)"
        case .pp: return "percentage points"
        case .count: return "a count"
        case .yuan, .hkd, .usd, .twd, .eur, .jpy, .gbp: return "an amount of money"
        case .m2: return "an area"
        case .kg: return "a mass"
        case .m: return "a length"
        case .minute: return "a duration"
        case .ratio: return "a ratio"
        case .multiple: return "a multiple (倍)"
        case .flops: return "computing power (FLOPS)"
        case .byte: return "a data volume"
        case .bps: return "a network speed"
        case .w: return "a power (W)"
        case .kwh, .tce: return "an amount of energy"
        case .tco2: return "an amount of emissions"
        case .m3: return "a volume"
        case .perYear: return "a frequency (per year)"
        case .other: return i.unit.isEmpty ? "a bare number" : "a figure in \(i.unit)"
        }
    }

    static func describe(_ measure: IndicatorReading.Measure, _ basis: String?) -> String {
        switch measure {
        case .level: return "a level" + (basis.map { " (\($0))" } ?? "")
        case .change: return "a change" + (basis.map { " (\($0))" } ?? "")
        }
    }

    static let comparatorSigns: [ZhibiaoCore.Comparator: String] = [.equal: "", .atLeast: "≥", .more: ">", .atMost: "≤", .less: "<", .about: "~"]

    /// An indicator's figure as the reports show it: comparator, surface as written, year
    /// (`≥85.5% (2027)`).
    public static func figure(_ i: Indicator) -> String {
        var text = (comparatorSigns[i.comparator] ?? "") + i.surface
        if let year = i.year { text += " (\(year))" }
        return text
    }

    /// `≥85.5% (2027)`; in the other indicator's unit when the units as written differ
    /// (`0.6亿元 = 6000万元`).
    static func figure(_ i: Indicator, in other: Indicator?) -> String {
        var text = (comparatorSigns[i.comparator] ?? "") + i.surface
        if let other, other.unit != i.unit, other.baseUnit == i.baseUnit, let converted = convert(i, toUnitOf: other) {
            text += " = \(converted)\(other.unit)"
        }
        if let year = i.year { text += " (\(year))" }
        return (other == nil ? "" : "child ") + text
    }

    /// `i`'s base value in `other`'s unit as written, formatted.
    static func convert(_ i: Indicator, toUnitOf other: Indicator) -> String? {
        guard let base = i.baseValue, let otherBase = other.baseValue, !other.value.isZero, !otherBase.isZero else { return nil }
        let factor = otherBase.doubleValue / other.value.doubleValue
        guard factor.isFinite, factor != 0 else { return nil }
        return number(base.doubleValue / factor)
    }

    /// A number without float artefacts: at most 6 significant decimals, no trailing zeros.
    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `7.2%` for 0.072 (two decimals at most).
    static func percent(_ ratio: Double) -> String { number((ratio * 10_000).rounded() / 100) + "%" }
}
