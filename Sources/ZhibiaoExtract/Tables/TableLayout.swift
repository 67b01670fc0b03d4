import ZhibiaoCore

/// What the header rows of a table say about its columns, and whether it is an indicator table.
///
/// Header rows are the leading rows without values (a year such as 2025年 is a header, 65 is a
/// value), at most three; a first row of one merged cell is a caption. A column's header text
/// joins the header cells above it (目标值 over 2025年 gives 目标值2025年). Its role is the
/// longest vocabulary word in it; a year makes it a year column: of several plain year columns
/// the earliest is the baseline, the others are targets.
struct TableLayout {
    struct Column {
        var role: TableColumnRole?
        var year: Int?
        /// The header text (normalized), for the report.
        var header: String
    }

    var grid: TableGrid
    /// Rows before the data: caption rows and header rows.
    var headerRows: Int
    /// Caption rows inside the table (a first row of one merged cell).
    var captionRows: [Int]
    var columns: [Column]
    /// The column whose cells name the indicator (the rightmost name column).
    var nameColumn: Int?
    /// Columns whose cells are categories of the indicator, left to right.
    var categoryColumns: [Int]
    var isIndicatorTable: Bool

    /// Cell text in the normalized document, by grid position.
    typealias CellText = (_ row: Int, _ column: Int) -> [Unicode.Scalar]

    init(grid: TableGrid, vocabulary: TableVocabulary, captionSaysIndicators: Bool, headerFlags: (Int) -> Bool,
         text: CellText) {
        self.grid = grid
        var row = 0
        var captionRows: [Int] = []
        // A leading row that is one cell across the whole width (a caption or 单位：亿元).
        while row < min(grid.rowCount, 2), grid.columnCount > 1, let first = grid.cell(row: row, column: 0),
              (0..<grid.columnCount).allSatisfy({ grid.cell(row: row, column: $0) == first }) {
            captionRows.append(row)
            row += 1
        }
        // Rows of a table that holds no value yet, to the first row with one.
        var headerEnd = row
        while headerEnd < min(grid.rowCount, row + 3) {
            let r = headerEnd
            let cells = (0..<grid.columnCount).map { text(r, $0) }
            let hasValue = cells.contains { Self.holdsValue($0) }
            let hasHeaderWord = cells.contains { vocabulary.role(ofHeader: $0) != nil || Self.year(in: $0) != nil }
            // Header cells are short; a long cell is data.
            let short = cells.allSatisfy { $0.count <= Self.maxHeaderLength }
            if hasValue || !short || !(hasHeaderWord || headerFlags(r)) { break }
            headerEnd += 1
        }
        self.headerRows = headerEnd
        self.captionRows = captionRows
        var columns: [Column] = []
        for c in 0..<grid.columnCount {
            var header: [Unicode.Scalar] = []
            var last: TableGrid.CellIndex?
            for r in row..<headerEnd {
                guard let cell = grid.cell(row: r, column: c), cell != last else { continue }
                last = cell
                header += text(r, c).filter { $0 != " " && $0 != "\n" }
            }
            var role = vocabulary.role(ofHeader: header)
            let year = Self.year(in: header)
            if role == .estimate { role = .baseline }
            columns.append(Column(role: role, year: year, header: String(scalars: header)))
        }
        // Plain year columns: the earliest of several is the baseline, the others targets.
        let plainYears = columns.indices.filter { columns[$0].role == nil && columns[$0].year != nil }
        let hasBaseline = columns.contains { $0.role == .baseline }
        if let earliest = plainYears.min(by: { (columns[$0].year ?? 0) < (columns[$1].year ?? 0) }) {
            for c in plainYears {
                let isBaseline = plainYears.count > 1 && !hasBaseline && columns[c].year == columns[earliest].year
                    && plainYears.contains { columns[$0].year != columns[earliest].year }
                columns[c].role = isBaseline ? .baseline : .target
            }
        }
        // A target column without a year under a year column header keeps its own role.
        self.columns = columns
        let names = columns.indices.filter { columns[$0].role == .name }
        var nameColumn = names.last
        var categories = columns.indices.filter { columns[$0].role == .category } + names.dropLast()
        let valueRoles: Set<TableColumnRole> = [.target, .baseline, .annual, .cumulative, .annualOrCumulative]
        let hasValues = columns.contains { $0.role.map(valueRoles.contains) ?? false }
        // A caption that announces indicators makes the first unlabeled text column the names
        // (项目 | 2020年 | 2025年 without 指标 in the header).
        if nameColumn == nil, captionSaysIndicators, hasValues, headerEnd > row {
            nameColumn = columns.indices.first { columns[$0].role == nil }
        }
        categories.sort()
        self.nameColumn = nameColumn
        self.categoryColumns = categories.filter { $0 != nameColumn }
        let hasTextTargets = columns.contains { $0.role == .textTarget }
        self.isIndicatorTable = nameColumn != nil && headerEnd > row
            && (hasValues || hasTextTargets || columns.contains { $0.role == .attribute })
    }

    /// The longest header cell, in scalars.
    static let maxHeaderLength = 24

    /// A value: digits that are not only a year heading (2025年, 2025).
    static func holdsValue(_ text: [Unicode.Scalar]) -> Bool {
        guard text.contains(where: isDigit) else { return false }
        var rest = text.filter { $0 != " " }
        // Remove year headings and see whether digits remain.
        var i = 0
        while i + 4 <= rest.count {
            if rest[i..<(i + 4)].allSatisfy(isDigit), (i == 0 || !isDigit(rest[i - 1])), (i + 4 == rest.count || !isDigit(rest[i + 4])),
               let y = Int(String(scalars: rest[i..<(i + 4)])), (1900...2100).contains(y) {
                rest.removeSubrange(i..<(i + 4))
                continue
            }
            i += 1
        }
        return rest.contains(where: isDigit)
    }

    /// The year a header names (2025年, 2025年目标值, 2020年(预计)), if one.
    static func year(in text: [Unicode.Scalar]) -> Int? {
        var i = 0
        while i + 4 <= text.count {
            if text[i..<(i + 4)].allSatisfy(isDigit), (i == 0 || !isDigit(text[i - 1])), (i + 4 == text.count || !isDigit(text[i + 4])),
               let y = Int(String(scalars: text[i..<(i + 4)])), (1900...2100).contains(y) {
                return y
            }
            i += 1
        }
        return nil
    }

    @inline(__always)
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
}
