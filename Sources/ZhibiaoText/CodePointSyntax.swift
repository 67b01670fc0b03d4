import ZhibiaoCore

/// Parses the character notation of `Grammars/script/*.tsv`: a literal string, `U+XXXX`, or a
/// range `U+XXXX..U+YYYY`.
enum CodePointSyntax {
    /// The scalars a field denotes (a range expands to all its scalars).
    static func scalars(_ field: String) -> [Unicode.Scalar]? {
        let parts = field.components(separatedByString: "..")
        if parts.count == 2, let low = codePoint(parts[0]), let high = codePoint(parts[1]), low <= high {
            return (low...high).compactMap(Unicode.Scalar.init)
        }
        if let single = codePoint(field), let scalar = Unicode.Scalar(single) { return [scalar] }
        if field.hasPrefix("U+") || field.hasPrefix("u+") { return nil }
        return field.isEmpty ? nil : Array(field.unicodeScalars)
    }

    /// A string field: `U+XXXX` sequences separated by spaces, or a literal.
    static func string(_ field: String) -> [Unicode.Scalar]? {
        if field.hasPrefix("U+") {
            var result: [Unicode.Scalar] = []
            for part in field.split(separator: " ") {
                guard let value = codePoint(String(part)), let scalar = Unicode.Scalar(value) else { return nil }
                result.append(scalar)
            }
            return result
        }
        return Array(field.unicodeScalars)
    }

    private static func codePoint(_ text: String) -> UInt32? {
        guard text.hasPrefix("U+") || text.hasPrefix("u+") else { return nil }
        let hex = text.dropFirst(2)
        guard (4...6).contains(hex.count) else { return nil }
        return UInt32(hex, radix: 16)
    }
}

extension String {
    /// Splits on a literal separator (no Foundation).
    func components(separatedByString separator: String) -> [String] {
        var result: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: separator) {
            result.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        result.append(String(rest))
        return result
    }
}

extension Substring {
    func range(of needle: String) -> Range<Substring.Index>? {
        let n = Array(needle.utf8)
        guard !n.isEmpty else { return nil }
        let hay = self.utf8
        var i = hay.startIndex
        while i != hay.endIndex {
            var j = i, k = 0
            while k < n.count, j != hay.endIndex, hay[j] == n[k] { j = hay.index(after: j); k += 1 }
            if k == n.count { return i..<j }
            i = hay.index(after: i)
        }
        return nil
    }
}
