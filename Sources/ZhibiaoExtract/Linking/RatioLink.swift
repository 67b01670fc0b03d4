import ZhibiaoCore
import ZhibiaoGrammar

/// Quantities per people: 每千人口拥有…3.8个 is a ratio (3.8 per 1000), and an elided metric
/// takes the previous quantity's in the sentence (每万常住人口家庭医生数达到4人以上，到2025年达到
/// 4.66人以上: 4.66人 is per 10,000 too).
enum RatioLink {
    /// Makes the quantity a ratio to the per-phrase's denominator (`units.tsv` factor).
    static func apply(per entry: WordEntry, to quantity: inout QuantityValue) {
        guard let denominator = Factor(parsing: entry["factor"] ?? "") else { return }
        quantity.kind = .ratio
        quantity.baseUnit = .ratio
        quantity.factor = Factor(numerator: quantity.factor.numerator,
                                 denominator: quantity.factor.denominator.multiplied(by: denominator.numerator) ?? denominator.numerator)
    }

    /// A quantity without a metric takes the previous one's in its sentence (…认定标准按…1.5倍
    /// 确定，为每人每月1963.5元); when the previous is a ratio in the same unit, this one is a
    /// ratio too.
    static func inheritElidedMetric(_ linked: inout Linker.Linked, from previous: Linker.Linked?) {
        guard linked.metric == nil, let previous, let metric = previous.metric else { return }
        linked.metric = metric
        linked.metricKey = previous.metricKey
        if previous.quantity.kind == .ratio && linked.quantity.kind != .ratio && linked.quantity.kind == .count {
            linked.quantity.kind = .ratio
            linked.quantity.baseUnit = .ratio
            linked.quantity.factor = previous.quantity.factor
        }
    }
}
