import ZhibiaoCore
import ZhibiaoGrammar

/// A lead-in: a sentence whose first clause sets the time of what follows it (力争到2027年，…；
/// 到2026年，…). The sentences after it in its paragraph, and the "——" bullets that follow it,
/// inherit its year and its 力争 (`yearSource` heading: a heading or a lead-in above).
///
/// A past year (2025年 in a 2026 report) is no lead-in: it frames a review, not targets; nor is a
/// period (今年是“十五五”开局之年), which names a span rather than a deadline.
struct LeadIn {
    let classes: LinkerClasses

    func context(of lattice: Lattice, words makeWords: () -> WordIndex, inheriting parent: Linker.Context) -> Linker.Context? {
        let text = lattice.text
        let firstClauseEnd = ClauseBounds.boundary(after: lattice.range.lowerBound, upper: lattice.range.upperBound, in: text,
                                                   Punctuation.isClauseBreak)
        for index in TimeLink.times(in: lattice) {
            let token = lattice.tokens[index]
            guard token.end <= firstClauseEnd else { break }
            let time = lattice.times[token.payload]
            var context = parent
            switch time.kind {
            case .deadline, .year:
                guard let year = time.year else { continue }
                if let documentYear = parent.documentYear, year < documentYear { return nil }
                if time.kind == .year && parent.documentYear == nil { continue }
                context.year = year
            default:
                // A period (今年是“十五五”开局之年) names a span, not the deadline of what follows.
                continue
            }
            // 力争到2027年: the word may begin the deadline itself.
            context.aspirational = makeWords().contains(classes.aspirational, in: lattice.range.lowerBound..<token.end)
            return context
        }
        return nil
    }
}
