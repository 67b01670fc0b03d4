/// Rows and columns to print in any of the catalog's formats: an aligned table on a terminal,
/// CSV, Markdown, or a worksheet.
public struct DataTable: Sendable {
    public enum Cell: Sendable, Hashable {
        case text(String)
        /// A number as its exact decimal literal (`5.7`, `1640000000`): a number cell in a workbook.
        case number(String)
        case empty

        public var text: String {
            switch self {
            case .text(let s), .number(let s): s
            case .empty: ""
            }
        }
    }

    /// A worksheet's (or a section's) name.
    public var name: String
    public var header: [String]
    public var rows: [[Cell]]

    public init(name: String, header: [String], rows: [[Cell]] = []) {
        self.name = name
        self.header = header
        self.rows = rows
    }

    public static func text(_ s: String?) -> Cell { s.map(Cell.text) ?? .empty }
    public static func number(_ n: Int?) -> Cell { n.map { .number(String($0)) } ?? .empty }

    /// Columns a terminal shows as they are: every other column is cut to `maxWidth`, the last
    /// one to what is left of `terminalWidth`.
    public func aligned(terminalWidth: Int = 160, maxWidth: Int = 28) -> String {
        let count = header.count
        var widths = header.map(DisplayWidth.of)
        for row in rows {
            for (k, cell) in row.enumerated() where k < count {
                widths[k] = max(widths[k], min(DisplayWidth.of(cell.text.flattened), k == count - 1 ? Int.max : maxWidth))
            }
        }
        let used = widths.dropLast().reduce(0, +) + 2 * (count - 1)
        if count > 0 { widths[count - 1] = max(12, min(widths[count - 1], terminalWidth - used)) }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (k, cell) in cells.enumerated() {
                let text = DisplayWidth.truncate(cell.flattened, to: widths[k])
                out += text
                if k < count - 1 { out += String(repeating: " ", count: widths[k] - DisplayWidth.of(text) + 2) }
            }
            return out + "\n"
        }
        var out = line(header)
        out += line(widths.map { String(repeating: "─", count: $0) })
        for row in rows { out += line((0..<count).map { $0 < row.count ? row[$0].text : "" }) }
        return out
    }

    public func csv(byteOrderMark: Bool = true, header includeHeader: Bool = true) -> [UInt8] {
        var writer = CSVWriter(byteOrderMark: byteOrderMark)
        if includeHeader { writer.row(header) }
        for row in rows { writer.row(row.map(\.text)) }
        return writer.bytes
    }

    public func markdown() -> String {
        var out = Markdown.row(header)
        out += "|" + String(repeating: "---|", count: header.count) + "\n"
        for row in rows { out += Markdown.row(row.map(\.text)) }
        return out
    }
}

/// Columns a character takes on a terminal: East Asian wide and full-width characters take two.
public enum DisplayWidth {
    public static func of(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + width($1) } }

    public static func width(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x1100 { return (v == 0 || (0x300...0x36F).contains(v)) ? 0 : 1 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x20000...0x3FFFD).contains(v) { return 2 }
        if (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) { return 0 }
        return 1
    }

    /// `s` cut to `width` columns, ending in `…` when cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        if of(s) <= width { return s }
        var out = String.UnicodeScalarView()
        var used = 0
        for scalar in s.unicodeScalars {
            let w = self.width(scalar)
            if used + w > width - 1 { break }
            out.append(scalar)
            used += w
        }
        return String(out) + "…"
    }
}

extension String {
    /// On one line: line breaks and tabs as spaces.
    var flattened: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
    }
}
