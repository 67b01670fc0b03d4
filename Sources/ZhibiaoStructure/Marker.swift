/// A section marker at the start of a line: 一、 (一) 1. (1) ① 第一章 第一条 …
public struct Marker: Sendable, Hashable {
    /// Marker styles, in their usual order of nesting (GB/T 9704: 一、 (一) 1. (1)).
    public enum Style: String, Sendable, CaseIterable, Comparable {
        /// What follows the body: 附件1, 附表, 名词解释, 抄送 (encloses everything after it).
        case attachment
        case part, chapter, section, article
        case cn
        case parenCN = "paren-cn"
        case arabic
        case parenArabic = "paren-arabic"
        case arabicParen = "arabic-paren"
        case circled

        /// Rank in the canonical hierarchy: a lower rank encloses a higher one.
        public var rank: Int { Style.allCases.firstIndex(of: self)! }

        public static func < (a: Style, b: Style) -> Bool { a.rank < b.rank }
    }

    public var style: Style
    /// The number it carries (一 → 1, ⑫ → 12).
    public var number: Int
    /// The marker in normalized form: `四`, `(一)`, `1`, `(1)`, `1)`, `①`, `第一章`, `第三条`.
    public var normalized: String
    /// Scalars the marker takes in the line (punctuation and a following space included).
    public var length: Int
}
