/// Finds what in a text is machine markup rather than prose: web addresses (http://…, www.…)
/// and tags left in a text file (a Markdown file with HTML tables: `<td style="width: 1.97cm">`).
/// Their digits are no quantities; the extractor masks them for the whole document, since a tag
/// may hold a sentence break (`style="a: 1cm; b: 2cm"`).
public enum MarkupScanner {
    /// The spans, in order, that do not overlap.
    public static func spans(in text: [Unicode.Scalar]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = 0
        let end = text.count
        while i < end {
            let c = text[i]
            if c == "<", i + 1 < end, text[i + 1].value < 0x80, text[i + 1].properties.isAlphabetic || text[i + 1] == "/" || text[i + 1] == "!" {
                var j = i + 1
                while j < end && text[j] != ">" && text[j] != "<" && j - i < 2000 { j += 1 }
                if j < end && text[j] == ">" {
                    result.append(i..<(j + 1))
                    i = j + 1
                    continue
                }
            } else if (c == "h" || c == "H" || c == "w" || c == "W"), startsLink(text, at: i) {
                var j = i
                while j < end && text[j].value > 0x20 && text[j].value < 0x7F { j += 1 }
                result.append(i..<j)
                i = j
                continue
            }
            i += 1
        }
        return result
    }

    private static func startsLink(_ text: [Unicode.Scalar], at i: Int) -> Bool {
        for prefix in ["http://", "https://", "www."] where matches(prefix, text, at: i) { return true }
        return false
    }

    private static func matches(_ prefix: String, _ text: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i
        for scalar in prefix.unicodeScalars {
            guard j < text.count else { return false }
            var c = text[j].value
            if c >= 0x41 && c <= 0x5A { c += 0x20 }  // ASCII lower case
            guard c == scalar.value else { return false }
            j += 1
        }
        return true
    }
}
