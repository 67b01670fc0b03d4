import ZhibiaoCore

/// Markdown helpers: a table cell holds no pipe and no line break.
enum Markdown {
    static func cell(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|", "*", "~", "\\", "`": out += "\\" + String(scalar)
            case "\n", "\r", "\u{2028}", "\u{2029}": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func row(_ cells: [String]) -> String {
        "| " + cells.map(cell).joined(separator: " | ") + " |\n"
    }

    /// The sentence with the quantity in bold, found by its offsets (not by searching).
    static func sentence(_ i: Indicator) -> String {
        let scalars = Array(i.sentence.unicodeScalars)
        let start = i.span.start - i.sentenceSpan.start, end = i.span.end - i.sentenceSpan.start
        guard start >= 0, end <= scalars.count, start < end else { return cell(i.sentence) }
        return cell(String(String.UnicodeScalarView(scalars[..<start]))) + "**" + cell(String(String.UnicodeScalarView(scalars[start..<end])))
            + "**" + cell(String(String.UnicodeScalarView(scalars[end...])))
    }
}
