/// The stretches of a sentence around a quantity that the linker's decisions look in: the
/// clause (between ，：; and the tab of a table row), the part since the last sentence-level
/// break (；。！？), and the item (a clause cut at 、 and at a bracket the quantity stands in).
///
/// 预留30%的号源(其中专家号源不低于30%): the item of 30% inside the bracket is the bracket's
/// content; a bracket closed before the quantity (示范村(未来乡村)10个) stays part of the item.
struct ClauseBounds {
    /// The clause: from after the last clause break before the quantity to the next one.
    var clause: Range<Int>
    /// After the last major break (；。！？) before the quantity.
    var majorStart: Int
    /// The item: the clause cut at 、 and at an enclosing bracket.
    var item: Range<Int>

    init(quantity: Range<Int>, in text: [Unicode.Scalar], sentence: Range<Int>) {
        let s = quantity.lowerBound, e = quantity.upperBound
        let clauseStart = Self.boundary(before: s, lower: sentence.lowerBound, in: text, Punctuation.isClauseBreak)
        let clauseEnd = Self.boundary(after: e, upper: sentence.upperBound, in: text, Punctuation.isClauseBreak)
        clause = clauseStart..<clauseEnd
        majorStart = Self.boundary(before: s, lower: sentence.lowerBound, in: text, Punctuation.isMajorBreak)
        let itemStart = max(clauseStart, Self.boundary(before: s, lower: sentence.lowerBound, in: text, Punctuation.isItemBreak),
                            Self.openBracket(before: s, from: clauseStart, in: text))
        let itemEnd = min(clauseEnd, Self.boundary(after: e, upper: sentence.upperBound, in: text, Punctuation.isItemBreak),
                          Self.closeBracket(after: e, to: clauseEnd, in: text))
        item = itemStart..<itemEnd
    }

    /// Just after the last break before `position` (not before `lower`).
    static func boundary(before position: Int, lower: Int, in text: [Unicode.Scalar], _ isBreak: (Unicode.Scalar) -> Bool) -> Int {
        var i = position - 1
        while i >= lower && !isBreak(text[i]) { i -= 1 }
        return i + 1
    }

    /// The first break at or after `position` (or `upper`).
    static func boundary(after position: Int, upper: Int, in text: [Unicode.Scalar], _ isBreak: (Unicode.Scalar) -> Bool) -> Int {
        var i = position
        while i < upper && !isBreak(text[i]) { i += 1 }
        return i
    }

    /// Just after the bracket left open before `position` (back to `lower`), or `lower`.
    static func openBracket(before position: Int, from lower: Int, in text: [Unicode.Scalar]) -> Int {
        var depth = 0
        var i = position - 1
        while i >= lower {
            if text[i] == ")" { depth += 1 } else if text[i] == "(" {
                if depth == 0 { return i + 1 }
                depth -= 1
            }
            i -= 1
        }
        return lower
    }

    /// The bracket that closes one open before `position` (up to `upper`), or `upper`.
    static func closeBracket(after position: Int, to upper: Int, in text: [Unicode.Scalar]) -> Int {
        var depth = 0
        var i = position
        while i < upper {
            if text[i] == "(" { depth += 1 } else if text[i] == ")" {
                if depth == 0 { return i }
                depth -= 1
            }
            i += 1
        }
        return upper
    }
}

/// The punctuation the linker's decisions cut text at (normalized text: ASCII forms after NFKC).
enum Punctuation {
    /// Ends a sentence-level part: ；。！？
    @inline(__always)
    static func isMajorBreak(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ";", "；", "。", "!", "?", "！", "？": true
        default: false
        }
    }

    /// Ends a clause: ，： and a table cell's tab, and every major break.
    @inline(__always)
    static func isClauseBreak(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ",", "，", ":", "：", "\t": true
        default: isMajorBreak(c)
        }
    }

    /// Ends an item of a list: 、
    @inline(__always)
    static func isItemBreak(_ c: Unicode.Scalar) -> Bool { c == "、" }
}
