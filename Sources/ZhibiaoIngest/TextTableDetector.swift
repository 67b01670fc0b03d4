import ZhibiaoCore

/// Finds the tables of a plain text: consecutive lines whose cells are separated by tabs, by
/// runs of two or more spaces (ASCII, no-break or ideographic), or by `|` (Markdown).
///
/// PDF extraction and copying from a word processor leave tables this way. A block counts as a
/// table when at least two of its lines have three or more cells, or at least three lines have
/// two cells that are all short; a line of one cell between such lines (a category row, a
/// wrapped name) belongs to the table. Cells separated by spaces must be short and one of them a
/// figure (65, —, 2025年), or the line is prose. Lines with fewer cells than the widest row are
/// aligned to its columns: by display position when cells are separated by spaces, to the right
/// when by tabs (a merged first cell is written once); an empty (zero-length) cell stands for
/// each column a line leaves out. Work is linear in the text.
public struct TextTableDetector: Sendable {
    /// Longer lines are prose, never rows.
    public var maxLineLength = 2_000
    /// More cells than this and the line is no row.
    public var maxCells = 1_000
    /// A cell of a two-column row is short at this length or less.
    public var shortCell = 40
    /// Longest cell of a row whose cells are separated by spaces: a longer one is prose (a
    /// heading and its paragraph on one line). Tab- and bar-separated cells may be long.
    public var maxSpacedCell = 40
    /// Rows are aligned to the widest row's columns only up to this many columns.
    public var maxAlignedColumns = 64

    public init() {}

    private struct Row {
        var line: Range<Int>
        var cells: [Range<Int>]
        /// Display column (CJK counted twice) where each cell starts.
        var columns: [Int]
        /// Cells separated by spaces only (positions are meaningful).
        var spaced: Bool
        /// A Markdown delimiter row (|---|:--|).
        var delimiter = false
    }

    public func tables(in text: [Unicode.Scalar]) -> [SourceTable] {
        var tables: [SourceTable] = []
        var block: [Row] = []
        var singles = 0  // one-cell lines at the end of the block
        func flush() {
            // One-cell lines after the last row are not part of the table.
            let rows = Array(block.dropLast(singles))
            block.removeAll()
            singles = 0
            if let table = table(rows) { tables.append(table) }
        }
        var start = 0
        let n = text.count
        while start <= n {
            // Lines end at LF, CR LF or a lone CR (old Mac files, PDF extraction).
            var end = start
            while end < n && text[end] != "\n" && text[end] != "\r" { end += 1 }
            let lineEnd = end
            if end < n && text[end] == "\r" && end + 1 < n && text[end + 1] == "\n" { end += 1 }
            if let row = row(text, start..<lineEnd) {
                if row.cells.count >= 2 || row.delimiter {
                    block.append(row)
                    singles = 0
                } else if !block.isEmpty && singles < 2 {
                    block.append(row)
                    singles += 1
                } else {
                    flush()
                }
            } else {
                flush()
            }
            start = end + 1
        }
        flush()
        return tables
    }

    private func table(_ rows: [Row]) -> SourceTable? {
        let content = rows.filter { !$0.delimiter }
        let wide = content.filter { $0.cells.count >= 3 }.count
        let narrow = content.filter { $0.cells.count == 2 && $0.cells.allSatisfy { $0.count <= shortCell } }.count
        guard wide >= 2 || (wide + narrow >= 3 && narrow >= 1) else { return nil }
        // The widest row's cell positions are the columns other spaced rows are aligned to.
        let widest = content.max { $0.cells.count < $1.cells.count }
        var result: [SourceTableRow] = []
        for row in content {
            var cells = row.cells.map { SourceTableCell(span: OriginalSpan(start: $0.lowerBound, end: $0.upperBound)) }
            if let widest, widest.spaced, row.spaced, row.cells.count > 1, row.cells.count < widest.cells.count,
               widest.cells.count <= maxAlignedColumns {
                cells = aligned(row, to: widest.columns)
            } else if let widest, !row.spaced, !widest.spaced, row.cells.count > 1, row.cells.count < widest.cells.count,
                      widest.cells.count <= maxAlignedColumns {
                // Tab-separated rows short of cells lack their first ones: a cell merged over
                // several rows (a category) is written in the first row only.
                let missing = widest.cells.count - row.cells.count
                let at = OriginalSpan(start: row.cells[0].lowerBound, end: row.cells[0].lowerBound)
                cells.insert(contentsOf: repeatElement(SourceTableCell(span: at), count: missing), at: 0)
            }
            result.append(SourceTableRow(span: OriginalSpan(start: row.line.lowerBound, end: row.line.upperBound), cells: cells))
        }
        return SourceTable(origin: .text, rows: result)
    }

    /// A row's cells placed under the columns of the widest row: each cell goes to the column
    /// whose start is nearest to its own (never left of a cell already placed); columns left out
    /// get an empty cell.
    private func aligned(_ row: Row, to columns: [Int]) -> [SourceTableCell] {
        var result: [SourceTableCell] = []
        var next = 0
        for (k, cell) in row.cells.enumerated() {
            let remaining = row.cells.count - k - 1
            var best = next
            var distance = Int.max
            // Leave room for the cells still to place.
            let upper = min(columns.count, max(next + 1, columns.count - remaining))
            for c in next..<max(next, upper) where abs(columns[c] - row.columns[k]) < distance {
                distance = abs(columns[c] - row.columns[k])
                best = c
            }
            while next < best {
                result.append(SourceTableCell(span: OriginalSpan(start: cell.lowerBound, end: cell.lowerBound)))
                next += 1
            }
            result.append(SourceTableCell(span: OriginalSpan(start: cell.lowerBound, end: cell.upperBound)))
            next += 1
        }
        return result
    }

    /// The cells of a line, or nil for a blank line, an over-long one or one of too many cells.
    private func row(_ text: [Unicode.Scalar], _ line: Range<Int>) -> Row? {
        var a = line.lowerBound, b = line.upperBound
        var column = 0
        var leadingTabs = 0
        while a < b && Self.isSpace(text[a]) {
            column += Self.width(text[a])
            if text[a] == "\t" { leadingTabs += 1 }
            a += 1
        }
        while b > a && Self.isSpace(text[b - 1]) { b -= 1 }
        guard a < b, b - a <= maxLineLength else { return nil }
        if text[a] == "|" { return markdownRow(text, a..<b, line: line) }
        var cells: [Range<Int>] = []
        var columns: [Int] = []
        var spaced = true
        var cellStart = a, cellColumn = column
        var i = a
        while i < b {
            // A separator: a tab, two spaces, or an ideographic space, with the white space around it.
            var j = i
            var tabs = false, spaces = 0, ideographic = false
            var runWidth = 0
            while j < b && Self.isSpace(text[j]) {
                if text[j] == "\t" { tabs = true } else if text[j] == "\u{3000}" { ideographic = true } else { spaces += 1 }
                runWidth += Self.width(text[j])
                j += 1
            }
            if j > i {
                if tabs || spaces >= 2 || ideographic {
                    cells.append(cellStart..<i)
                    columns.append(cellColumn)
                    if tabs { spaced = false }
                    column += runWidth
                    cellStart = j
                    cellColumn = column
                } else {
                    column += runWidth
                }
                i = j
                continue
            }
            column += Self.width(text[i])
            i += 1
        }
        cells.append(cellStart..<b)
        columns.append(cellColumn)
        guard cells.count <= maxCells else { return nil }
        // A tab before the first text of a row leaves its first cells empty (a category written
        // once above); an indented line of one cell stays one cell.
        if leadingTabs > 0 && cells.count >= 2 {
            cells.insert(contentsOf: repeatElement(a..<a, count: min(leadingTabs, 8)), at: 0)
            columns.insert(contentsOf: repeatElement(0, count: min(leadingTabs, 8)), at: 0)
            spaced = false
        }
        // Cells separated by spaces are short, and one at least is a figure (65, 2025年, [13.5],
        // —): otherwise the line is prose (a heading and its paragraph, 第一条　（目的）).
        if spaced && cells.count >= 2
            && (cells.contains(where: { $0.count > maxSpacedCell }) || !cells.contains(where: { Self.isFigure(text[$0]) })) {
            return Row(line: line, cells: [a..<b], columns: [column], spaced: true)
        }
        return Row(line: line, cells: cells, columns: columns, spaced: spaced)
    }

    private func markdownRow(_ text: [Unicode.Scalar], _ range: Range<Int>, line: Range<Int>) -> Row? {
        var cells: [Range<Int>] = []
        var start = range.lowerBound + 1
        var i = start
        while i <= range.upperBound {
            if i == range.upperBound || (text[i] == "|" && text[i - 1] != "\\") {
                var a = start, b = i
                while a < b && Self.isSpace(text[a]) { a += 1 }
                while b > a && Self.isSpace(text[b - 1]) { b -= 1 }
                // The text after the last bar is a cell only when there is some.
                if i < range.upperBound || a < b { cells.append(a..<b) }
                start = i + 1
                if cells.count > maxCells { return nil }
            }
            i += 1
        }
        let delimiter = !cells.isEmpty && cells.allSatisfy { cell in
            !cell.isEmpty && text[cell].allSatisfy { $0 == "-" || $0 == ":" || $0 == " " }
        }
        return Row(line: line, cells: cells, columns: [], spaced: false, delimiter: delimiter)
    }

    /// A cell that is a figure: digits with at most three other characters around them (65,
    /// 60.6*, >6.5, [13.5], 2025年, 4.2万), a dash or slash alone (no value), or a header naming a
    /// year (基期值(2022年)).
    static func isFigure(_ cell: ArraySlice<Unicode.Scalar>) -> Bool {
        if cell.count <= 2 && cell.allSatisfy({ "-—–/／".unicodeScalars.contains($0) }) && !cell.isEmpty { return true }
        func isDigit(_ c: Unicode.Scalar) -> Bool { (c.value >= 0x30 && c.value <= 0x39) || (c.value >= 0xFF10 && c.value <= 0xFF19) }
        let digits = cell.filter(isDigit).count
        let other = cell.filter { !isDigit($0) && !".,．，%％ ".unicodeScalars.contains($0) }.count
        if digits > 0 && other <= 3 { return true }
        // Four digits then 年: a year.
        var run = 0
        for c in cell {
            if isDigit(c) { run += 1 } else { if run == 4 && c == "年" { return true }; run = 0 }
        }
        return false
    }

    @inline(__always)
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\u{3000}" || c == "\u{00A0}"
    }

    /// Display width: East Asian wide and full-width characters take two columns.
    @inline(__always)
    static func width(_ c: Unicode.Scalar) -> Int {
        if c == "\t" { return 8 }
        let v = c.value
        if (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F) || (v >= 0xFF00 && v <= 0xFF60)
            || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x20000 && v <= 0x3FFFD) {
            return 2
        }
        return 1
    }
}
