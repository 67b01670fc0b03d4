import ZhibiaoCore
import ZhibiaoGrammar

/// The time of a quantity: its target year or period, where that came from, a baseline and
/// how it accrues.
///
/// Year: the last year, deadline, date or period before the quantity in the sentence; else one
/// after it in its clause (…达到85%以上，2025年); else the headings' (the context), else the end
/// of the plan period. Baseline (比2022年) and accumulation (每年, 累计, 新增) govern their clause
/// only; 每年新增 is annual.
struct TimeLink {
    var year: Int?
    var yearSource: YearSource?
    var periodStart: Int?
    var periodEnd: Int?
    var baselineYear: Int?
    var baseline: String?
    var accumulation: Accumulation?
    /// The time rules whose expressions govern the quantity.
    var rules: [String] = []
    /// Whether the sentence itself gives the year.
    var inSentence = false

    init(quantity: Range<Int>, clause: Range<Int>, times: [Int], in lattice: Lattice, context: Linker.Context) {
        let s = quantity.lowerBound, e = quantity.upperBound
        let before = times.filter { lattice.tokens[$0].end <= s }
        let after = times.filter { lattice.tokens[$0].start >= e && lattice.tokens[$0].end <= clause.upperBound }
        for candidate in before.reversed() + after {
            let time = lattice.times[lattice.tokens[candidate].payload]
            guard [.year, .deadline, .date, .period].contains(time.kind) else { continue }
            rules.append(time.rule)
            if time.kind == .period {
                periodStart = time.start
                periodEnd = time.end
                year = time.end
            } else {
                year = time.year
            }
            yearSource = .sentence
            inSentence = true
            break
        }
        if !inSentence {
            year = context.year ?? context.periodEnd
            yearSource = context.year != nil ? .heading : (context.periodEnd != nil ? .period : nil)
            periodStart = context.periodStart
            periodEnd = context.periodEnd
        }
        for candidate in before.reversed() {
            let t = lattice.tokens[candidate]
            let time = lattice.times[t.payload]
            // 按照2020年版标准: the year of an edition was read and set no deadline; say so.
            if time.kind == .edition && t.start >= clause.lowerBound && !rules.contains(time.rule) {
                rules.append(time.rule)
            }
            if time.kind == .baseline && t.start >= clause.lowerBound && baselineYear == nil && baseline == nil {
                baselineYear = time.year
                baseline = time.baseline
                rules.append(time.rule)
            }
            if time.kind == .accumulation && t.start >= clause.lowerBound
                && (accumulation == nil || (time.accumulation == .annual && accumulation != .annual)) {
                accumulation = time.accumulation
                rules.append(time.rule)
            }
        }
    }

    /// The time expressions of a lattice that won their place, in order.
    static func times(in lattice: Lattice) -> [Int] {
        GrammarEngine.winners(lattice.tokens.indices.filter { lattice.tokens[$0].kind == .time }, in: lattice)
    }

    /// The context a heading sentence sets: its year, deadline or period, else the parent's.
    static func context(of lattice: Lattice, inheriting parent: Linker.Context) -> Linker.Context {
        var context = parent
        for index in times(in: lattice) {
            let time = lattice.times[lattice.tokens[index].payload]
            switch time.kind {
            case .year, .deadline, .date: context.year = time.year
            case .period: context.periodStart = time.start; context.periodEnd = time.end
            default: break
            }
        }
        return context
    }
}
