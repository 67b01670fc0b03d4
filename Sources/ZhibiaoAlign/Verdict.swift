/// How a child's target compares with its parent's. Raw values are the JSON contract's spellings.
public enum Verdict: String, Sendable, Hashable, CaseIterable, Codable {
    /// The same figure (after unit conversion).
    case equal
    /// More demanding: higher where higher is better, lower where lower is (能耗, 失业率, 不超过).
    case stricter
    /// Less demanding.
    case looser
    /// The same figure due earlier.
    case earlier
    /// Due later.
    case later
    /// Same subject, another measure: a count against a share, a level against a growth rate,
    /// % against 个百分点, per year against over the period, a ceiling against a floor.
    case differentMeasure = "different-measure"
    /// An additive total (villages, investment, area) of which the child takes a share.
    case contributes

    /// Whether it compares the figures (as opposed to the deadlines).
    public var isValueVerdict: Bool { self != .earlier && self != .later }
}
