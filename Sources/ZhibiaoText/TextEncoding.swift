import CZhibiaoICU

/// A character encoding Zhibiao can decode, by its canonical name.
public struct TextEncoding: Sendable, Hashable, CustomStringConvertible {
    /// Canonical name: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `UTF-32LE`, `UTF-32BE`, `GB18030`, `Big5`,
    /// or any other name ICU knows.
    public let name: String

    public static let utf8 = TextEncoding(canonical: "UTF-8")
    public static let utf16LE = TextEncoding(canonical: "UTF-16LE")
    public static let utf16BE = TextEncoding(canonical: "UTF-16BE")
    public static let utf32LE = TextEncoding(canonical: "UTF-32LE")
    public static let utf32BE = TextEncoding(canonical: "UTF-32BE")
    public static let gb18030 = TextEncoding(canonical: "GB18030")
    public static let big5 = TextEncoding(canonical: "Big5")

    private init(canonical: String) { name = canonical }

    /// Resolves a user- or document-given name. GBK, GB2312, CP936 and EUC-CN all decode as
    /// GB18030 (a superset); `big5` as Big5; anything else ICU knows is accepted as is.
    public init(named raw: String) throws(DecodingError) {
        let key = raw.trimmingASCIIWhitespace().lowercased().replacingUnderscores()
        switch key {
        case "utf-8", "utf8", "unicode-1-1-utf-8": self = .utf8
        case "utf-16le", "utf16le": self = .utf16LE
        case "utf-16be", "utf16be": self = .utf16BE
        case "utf-16", "utf16", "unicode": self = .utf16LE
        case "utf-32le", "utf32le": self = .utf32LE
        case "utf-32be", "utf32be": self = .utf32BE
        case "gb18030", "gbk", "gb2312", "cp936", "ms936", "windows-936", "euc-cn", "x-gbk", "csgb2312", "gb-2312":
            self = .gb18030
        case "big5", "big-5", "cp950", "windows-950", "x-big5", "csbig5": self = .big5
        default:
            guard !key.isEmpty, zb_charset_exists(key) != 0, let canonical = zb_charset_canonical(key) else {
                throw .unknownEncoding(raw)
            }
            self.name = String(cString: canonical)
        }
    }

    /// UTF-16 or UTF-32, whose text legitimately contains NUL bytes.
    public var isWide: Bool { name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32") }

    public var description: String { name }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }

    func replacingUnderscores() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "_" ? "-" : $0 }))
    }
}

extension TextEncoding {
    /// Encodes text in this encoding (with ICU). Characters the encoding lacks become its
    /// substitution character unless `strict`, which fails instead.
    public func encode(_ text: String, strict: Bool = false) throws(DecodingError) -> [UInt8] {
        let units = Array(text.utf16)
        do {
            let bytes = try ICU.withGrowingBuffer(CChar.self, initialCapacity: units.count * 4 + 16,
                                                  context: "encoding as \(name)") { buffer, capacity, error in
                zb_encode(name, units, Int32(units.count), buffer, capacity, strict ? 1 : 0, &error)
            }
            return bytes.map { UInt8(bitPattern: $0) }
        } catch {
            throw .icu(error)
        }
    }
}
