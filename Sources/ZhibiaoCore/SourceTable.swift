/// How a table reached Zhibiao.
public enum TableOrigin: String, Sendable, Hashable, Codable, CaseIterable {
    /// `<table>` of an HTML page.
    case html
    /// `w:tbl` of a Word document.
    case docx
    /// Lines of plain text whose cells are separated by tabs, runs of spaces or `|`.
    case text
}

/// A cell of a table as the reader found it.
public struct SourceTableCell: Sendable, Hashable, Codable {
    /// The cell's text, trimmed, in the original text; empty (`start == end`) for an empty cell.
    public var span: OriginalSpan
    /// How many rows the cell covers (HTML `rowspan`, DOCX `w:vMerge`), at least 1.
    public var rowSpan: Int
    /// How many grid columns the cell covers (HTML `colspan`, DOCX `w:gridSpan`), at least 1.
    public var columnSpan: Int
    /// A header cell (`<th>`, a DOCX row repeated as header).
    public var header: Bool

    public init(span: OriginalSpan, rowSpan: Int = 1, columnSpan: Int = 1, header: Bool = false) {
        self.span = span
        self.rowSpan = max(1, rowSpan)
        self.columnSpan = max(1, columnSpan)
        self.header = header
    }
}

/// A row of a table: the line it was written on and its cells, left to right.
public struct SourceTableRow: Sendable, Hashable, Codable {
    /// The row's line in the original text (cells joined by tabs for HTML and DOCX).
    public var span: OriginalSpan
    /// Cells that start in this row; cells a rowspan brings down from above are not repeated.
    public var cells: [SourceTableCell]

    public init(span: OriginalSpan, cells: [SourceTableCell]) {
        self.span = span
        self.cells = cells
    }
}

/// A table of a document with every cell's span in the original text.
///
/// HTML and DOCX readers write a table row as one line of tab-separated cells; the table keeps
/// where each cell's text is, and the merged cells (`rowspan`/`colspan`, `w:vMerge`/
/// `w:gridSpan`) that the flat text loses. A table nested in a cell is part of that cell's text.
public struct SourceTable: Sendable, Hashable, Codable {
    public var origin: TableOrigin
    /// From the first row's start to the last row's end.
    public var span: OriginalSpan
    /// The `<caption>` of an HTML table, when it has one. (A caption written as a paragraph
    /// above the table is found by the indicator table reader.)
    public var caption: OriginalSpan?
    public var rows: [SourceTableRow]

    public init(origin: TableOrigin, span: OriginalSpan, caption: OriginalSpan? = nil, rows: [SourceTableRow]) {
        self.origin = origin
        self.span = span
        self.caption = caption
        self.rows = rows
    }

    /// A table from rows, its span covering them; nil when no row has a cell.
    public init?(origin: TableOrigin, caption: OriginalSpan? = nil, rows: [SourceTableRow]) {
        guard rows.contains(where: { !$0.cells.isEmpty }), let first = rows.first, let last = rows.last else { return nil }
        self.init(origin: origin, span: OriginalSpan(start: first.span.start, end: max(first.span.start, last.span.end)),
                  caption: caption, rows: rows)
    }
}

extension SourceTable {
    /// Tables in document order, none overlapping another: a table whose span starts inside an
    /// earlier one (a table that malformed markup puts between two rows of another) is left out,
    /// its rows staying lines of text.
    public static func ordered(_ tables: [SourceTable]) -> [SourceTable] {
        var result: [SourceTable] = []
        for table in tables.sorted(by: { $0.span.start < $1.span.start }) {
            if let last = result.last, table.span.start < last.span.end { continue }
            result.append(table)
        }
        return result
    }
}

/// The cells of a table laid out on a grid of rows and columns, merged cells covering every
/// position they span: the table as a reader of it sees it.
///
/// Built with the HTML table model: each cell takes the first column its row leaves free (a
/// rowspan from above occupies positions), `rowspan` is cut at the last row. Positions count
/// from 0 here; ``TableCell`` (the catalog's `cell`) counts from 1.
public struct TableGrid: Sendable {
    /// A cell of the table: its row and its index in that row's `cells`.
    public struct CellIndex: Sendable, Hashable {
        public var row: Int
        public var cell: Int

        public init(row: Int, cell: Int) {
            self.row = row
            self.cell = cell
        }
    }

    public let rowCount: Int
    public let columnCount: Int
    /// For every cell (by row, then by index in the row), the grid column of its left edge.
    private let columns: [[Int]]
    private let slots: [[Int32]]
    private let flat: [CellIndex]

    /// Refuses (nil) a table whose grid would exceed `maxPositions` row×column positions or
    /// `maxColumns` columns, so that a hostile `colspan` cannot make work out of nothing.
    public init?(_ table: SourceTable, maxColumns: Int = 1_000, maxPositions: Int = 4_000_000) {
        let rowCount = table.rows.count
        var slots = [[Int32]](repeating: [], count: rowCount)
        var flat: [CellIndex] = []
        var columns = [[Int]](repeating: [], count: rowCount)
        var positions = 0
        for (r, row) in table.rows.enumerated() {
            var column = 0
            for (k, cell) in row.cells.enumerated() {
                while column < slots[r].count && slots[r][column] >= 0 { column += 1 }
                let width = min(cell.columnSpan, maxColumns)
                let height = min(cell.rowSpan, rowCount - r)
                guard column + width <= maxColumns else { return nil }
                let id = Int32(flat.count)
                flat.append(CellIndex(row: r, cell: k))
                columns[r].append(column)
                for rr in r..<(r + height) {
                    if slots[rr].count < column + width {
                        positions += column + width - slots[rr].count
                        guard positions <= maxPositions else { return nil }
                        slots[rr].append(contentsOf: repeatElement(-1, count: column + width - slots[rr].count))
                    }
                    for c in column..<(column + width) where slots[rr][c] < 0 { slots[rr][c] = id }
                }
                column += width
            }
        }
        self.rowCount = rowCount
        self.columnCount = slots.map(\.count).max() ?? 0
        self.slots = slots
        self.flat = flat
        self.columns = columns
    }

    /// The grid column of a cell's left edge (its row is its own row).
    public func column(of cell: CellIndex) -> Int { columns[cell.row][cell.cell] }

    /// The cell covering a position, if any.
    public func cell(row: Int, column: Int) -> CellIndex? {
        guard row >= 0, row < rowCount, column >= 0, column < slots[row].count else { return nil }
        let id = slots[row][column]
        return id < 0 ? nil : flat[Int(id)]
    }

    /// Whether the cell at a position starts there (is not brought down or across by a merge).
    public func startsAt(row: Int, column: Int) -> Bool {
        guard let cell = cell(row: row, column: column) else { return false }
        return cell.row == row && self.column(of: cell) == column
    }
}
