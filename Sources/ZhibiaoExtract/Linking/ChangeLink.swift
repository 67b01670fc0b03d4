import ZhibiaoCore
import ZhibiaoGrammar

/// The direction of change of a quantity (the nearest change word before it in its item, not
/// past another quantity: 提高到85%) and whether it is marked 力争 (in its sentence part).
struct ChangeLink {
    var change: Change?
    var aspirational: Bool

    init(quantity: Range<Int>, bounds: ClauseBounds, words: WordIndex, classes: LinkerClasses, quantityTokens: [Token]) {
        let s = quantity.lowerBound
        var i = s - 1
        while i >= bounds.item.lowerBound {
            let here = words.starting(at: i)
            if here.contains(where: { $0.end <= s }) {
                if here.contains(where: { classes.changeUp.contains($0.wordClass) && $0.end <= s }) { change = .increase; break }
                if here.contains(where: { classes.changeDown.contains($0.wordClass) && $0.end <= s }) { change = .decrease; break }
            }
            if quantityTokens.contains(where: { $0.end == i + 1 && $0.start != s }) { break }
            i -= 1
        }
        aspirational = words.contains(classes.aspirational, in: bounds.majorStart..<s)
    }
}
