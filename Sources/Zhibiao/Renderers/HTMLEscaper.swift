/// Text for HTML and XML pages: `& < > " '` become entities (so a value is safe in text and in
/// quoted attributes alike) and NUL, which no page may hold, becomes U+FFFD.
public enum HTMLEscaper {
    /// `text` escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        append(text.unicodeScalars, into: &out)
        return out
    }

    /// Appends `scalars` escaped to `out`.
    public static func append(_ scalars: some Sequence<Unicode.Scalar>, into out: inout String) {
        for scalar in scalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
