/// Writes CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a line
/// break), optionally starting with a UTF-8 byte order mark so that Excel reads it as UTF-8.
///
/// Safe to open in a spreadsheet: a text cell that would start a formula (`=`, `+`, `-`, `@`, a
/// tab or a carriage return, or their full-width forms) gets a leading `'`, which Excel, LibreOffice
/// and Google Sheets read as "text follows" (OWASP's advice on CSV injection). Numbers written as
/// ``Cell/number(_:)`` stay numbers, negative ones included.
public struct CSVWriter: Sendable {
    /// One field.
    public enum Cell: Sendable, Hashable {
        /// Text, neutralized if it would start a formula.
        case text(String)
        /// A decimal number (`-12.5`, `2025`); anything that is not one is written as text.
        case number(String)
        /// An empty field (a null).
        case empty
    }

    public private(set) var bytes: [UInt8] = []

    public init(byteOrderMark: Bool) {
        if byteOrderMark { bytes = [0xEF, 0xBB, 0xBF] }
    }

    /// A row of text fields.
    public mutating func row(_ fields: [String]) {
        row(cells: fields.map(Cell.text))
    }

    /// A row of typed fields.
    public mutating func row(cells: [Cell]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            switch cell {
            case .empty: break
            case .number(let number): field(Self.isPlainNumber(number) ? number : Self.neutralized(number))
            case .text(let text): field(Self.neutralized(text))
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    private mutating func field(_ field: String) {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        if needsQuotes {
            bytes.append(UInt8(ascii: "\""))
            for byte in field.utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes.append(contentsOf: field.utf8)
        }
    }

    /// Characters that make a spreadsheet read a cell as a formula when they come first.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// The text with a leading `'` when it would start a formula.
    public static func neutralized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }

    /// `-`? digits, optionally `.` digits: what a spreadsheet reads as a number, never a formula.
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let parts = scalars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 2 else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 } }
    }
}
