/// Decides whether decoded scalars are text at all.
enum TextQuality {
    /// A reason the text is garbage, or nil when it reads as text.
    ///
    /// Garbage: more than 2% replacement characters, control characters (other than tab, line
    /// breaks and form feed), private-use or non-characters.
    static func problem(_ scalars: [Unicode.Scalar]) -> String? {
        var bad = 0, total = 0
        for scalar in scalars {
            let v = scalar.value
            if v == 0x20 || v == 0x0A || v == 0x0D || v == 0x09 { continue }
            total += 1
            switch v {
            case 0xFFFD, 0x00...0x08, 0x0E...0x1F, 0x7F...0x9F, 0xE000...0xF8FF, 0xFFFE, 0xFFFF, 0xFDD0...0xFDEF:
                bad += 1
            default:
                break
            }
        }
        guard total > 0 else { return nil }
        if bad * 50 > total {
            let percent = (bad * 100 + total / 2) / total
            return "\(percent)% of the characters are control, private-use or replacement characters"
        }
        return nil
    }
}
