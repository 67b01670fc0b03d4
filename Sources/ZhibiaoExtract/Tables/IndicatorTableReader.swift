import ZhibiaoCore
import ZhibiaoGrammar

/// Reads the indicator tables of a document (指标 | 2020年 | 2025年 | 年均/累计 | 属性) into
/// indicators, one per value cell, each pointing to its cell.
///
/// A table is an indicator table by its header (a name column such as 指标 or 指标名称, and
/// value, target-text or attribute columns; see ``TableLayout``) or by a caption that
/// announces indicators (表1 …主要指标), never by its position on a page. For every data row:
/// - the metric is the name cell without its numbering and unit (`3.常住人口城镇化率（%）` gives
///   常住人口城镇化率 in %); categories are the category cells, the name columns left of the
///   metric's, and the last category row above (a row of one cell, 一、经济发展);
/// - the unit is the cell's own, else the name's `(%)`, else the unit column's, else the
///   caption's or note's 单位：亿元;
/// - a baseline column's value is a fact, and gives the row's targets `baselineYear` and
///   `baselineValue` (in base units); a target column's value is a target for the column's
///   year; 年均 and 累计 columns give `annual-average` and `cumulative` targets for the period,
///   a value in brackets (`[13.5]`) being cumulative; `—` and `/` are no value; 左右, 以上, `>`
///   are comparators;
/// - the 属性 column gives `bindingness` (约束性 binding, 预期性 expected);
/// - a footnote mark (`60.6*`) whose note names a year (带*的为2019年数据) dates that value.
///
/// Quantities the sentence extractor found inside such a table are replaced: those in value,
/// name, header and attribute cells go (the table's own reading stands), those in target-text
/// cells (评价标准) take the row's metric (the row names what they measure), category, bindingness
/// and cell, those in description
/// cells (指标说明, 数据来源) and in the table's caption and notes become facts. Every quantity
/// inside any table gets its `cell`.
public struct IndicatorTableReader: Sendable {
    public let vocabulary: TableVocabulary
    public let engine: GrammarEngine
    private let bindingWords: [(word: [Unicode.Scalar], value: Bindingness)]
    private let changeUp: Int32
    private let changeDown: Int32

    public init(vocabulary: TableVocabulary, engine: GrammarEngine) {
        self.vocabulary = vocabulary
        self.engine = engine
        let lexicon = engine.lexicon
        var words: [(word: [Unicode.Scalar], value: Bindingness)] = []
        for value in Bindingness.allCases {
            for entry in lexicon.words(in: "bindingness." + value.rawValue) { words.append((entry.word, value)) }
        }
        bindingWords = words.sorted { $0.word.count > $1.word.count }
        changeUp = lexicon.classID("change.up") ?? -1
        changeDown = lexicon.classID("change.down") ?? -1
    }

    /// What the reader made of one table (for reports and tests).
    public struct TableReport: Sendable {
        /// The table's number in the document, from 1 (`cell.table`).
        public var number: Int
        public var origin: TableOrigin
        public var span: OriginalSpan
        public var isIndicatorTable: Bool
        /// Rows below the header.
        public var dataRows: Int
        /// Indicators read from its value cells (targets and baseline facts).
        public var indicators: Int
        /// Column roles by grid column (nil: not known).
        public var columns: [String?]
        public var caption: String?
        /// Why the table was not read (too large), if it was not.
        public var problem: String?
    }

    public func read(document: NormalizedDocument, tree: DocumentTree, sentenceIndicators: [Indicator]) -> [Indicator] {
        analyze(document: document, tree: tree, sentenceIndicators: sentenceIndicators).indicators
    }

    /// What a quantity of the sentence extractor inside a table becomes.
    private enum RegionKind {
        case cell
        case replaced
        case textTarget(metric: String?, metricKey: String?, category: String?, bindingness: Bindingness?)
        case description
        case note
    }

    private struct Region {
        var span: Range<Int>
        var cell: TableCell?
        var kind: RegionKind
    }

    public func analyze(document: NormalizedDocument, tree: DocumentTree,
                        sentenceIndicators: [Indicator]) -> (indicators: [Indicator], reports: [TableReport]) {
        guard !document.tables.isEmpty else { return (sentenceIndicators, []) }
        var regions: [Region] = []
        var fromTables: [Indicator] = []
        var reports: [TableReport] = []
        var scratch = MatcherScratch()
        var unitCache: [[Unicode.Scalar]: Bool] = [:]
        let noise = tree.noise.map(\.span).sorted { $0.start < $1.start }
        for (index, table) in document.tables.enumerated() {
            let number = index + 1
            var report = TableReport(number: number, origin: table.origin, span: table.span, isIndicatorTable: false, dataRows: 0,
                                     indicators: 0, columns: [], caption: nil, problem: nil)
            defer { reports.append(report) }
            if noise.contains(where: { $0.contains(table.span.start) }) { report.problem = "page furniture"; continue }
            guard let grid = TableGrid(table) else { report.problem = "too wide to lay out"; continue }
            let cellText: TableLayout.CellText = { r, c in
                guard let cell = grid.cell(row: r, column: c) else { return [] }
                let span = document.map.normalizedSpan(of: table.rows[cell.row].cells[cell.cell].span)
                return Array(document.text[span.range])
            }
            let caption = self.caption(of: table, in: document)
            let notes = self.notes(after: table, in: document)
            let captionText = caption.map { Array(document.text[document.map.normalizedSpan(of: $0).range]) } ?? []
            let captionSaysIndicators = vocabulary.captionWords.contains { TableVocabulary.contains(captionText, $0) }
            let layout = TableLayout(grid: grid, vocabulary: vocabulary, captionSaysIndicators: captionSaysIndicators,
                                     headerFlags: { r in table.rows[r].cells.allSatisfy(\.header) && !table.rows[r].cells.isEmpty },
                                     text: cellText)
            report.isIndicatorTable = layout.isIndicatorTable
            report.columns = layout.columns.map { $0.role?.rawValue ?? ($0.year.map { "year \($0)" }) }
            report.caption = caption.map { document.originalString($0) }
            report.dataRows = max(0, grid.rowCount - layout.headerRows)
            if let caption { regions.append(Region(span: caption.range, cell: nil, kind: layout.isIndicatorTable ? .note : .cell)) }
            if layout.isIndicatorTable {
                for note in notes { regions.append(Region(span: note.range, cell: nil, kind: .note)) }
            }
            // The reading of every row: metric, category, unit, bindingness.
            var rows: [RowReading?] = Array(repeating: nil, count: grid.rowCount)
            var tableIndicators: [Indicator] = []
            if layout.isIndicatorTable {
                let context = TableContext(number: number, table: table, grid: grid, layout: layout, document: document, tree: tree,
                                           caption: caption, notes: notes)
                rows = readRows(context, cellText: cellText, unitCache: &unitCache, scratch: &scratch)
                tableIndicators = values(context, rows: rows, scratch: &scratch)
            }
            report.indicators = tableIndicators.count
            fromTables += tableIndicators
            // Where the sentence extractor's quantities in this table go.
            for (r, row) in table.rows.enumerated() {
                for (k, cell) in row.cells.enumerated() where !cell.span.isEmpty {
                    let column = grid.column(of: TableGrid.CellIndex(row: r, cell: k))
                    let position = TableCell(table: number, row: r + 1, column: column + 1)
                    var kind = RegionKind.cell
                    if layout.isIndicatorTable {
                        let role: TableColumnRole? = column < layout.columns.count ? layout.columns[column].role : nil
                        if r < layout.headerRows {
                            kind = .replaced
                        } else if role == TableColumnRole.textTarget, let reading = rows[r] {
                            kind = .textTarget(metric: reading.metric, metricKey: reading.metricKey, category: reading.category,
                                               bindingness: reading.bindingness)
                        } else if role == TableColumnRole.description {
                            kind = .description
                        } else if role != nil && role != TableColumnRole.textTarget {
                            kind = .replaced
                        }
                    }
                    regions.append(Region(span: cell.span.range, cell: position, kind: kind))
                }
            }
        }
        regions.sort { $0.span.lowerBound < $1.span.lowerBound }
        var result: [Indicator] = []
        result.reserveCapacity(sentenceIndicators.count + fromTables.count)
        for var indicator in sentenceIndicators {
            guard let region = Self.region(containing: indicator.span.start, in: regions) else {
                result.append(indicator)
                continue
            }
            if indicator.cell == nil { indicator.cell = region.cell }
            switch region.kind {
            case .cell:
                break
            case .replaced:
                continue
            case .textTarget(let metric, let metricKey, let category, let bindingness):
                // The row names what its target cells measure (家庭医生人数 | …2023年每万常住人口达到4名).
                if let metric {
                    indicator.metric = metric
                    indicator.metricKey = metricKey
                }
                indicator.category = indicator.category ?? category
                if let bindingness, indicator.role == .target { indicator.bindingness = bindingness }
            case .description:
                indicator.role = .fact
                indicator.roleBasis = "table:description"
                indicator.bindingness = nil
            case .note:
                indicator.role = .fact
                indicator.roleBasis = "table:note"
                indicator.bindingness = nil
            }
            result.append(indicator)
        }
        if !fromTables.isEmpty {
            result += fromTables
            result.sort { $0.span.start != $1.span.start ? $0.span.start < $1.span.start : $0.span.end < $1.span.end }
        }
        return (result, reports)
    }

    private static func region(containing offset: Int, in regions: [Region]) -> Region? {
        var low = 0, high = regions.count
        while low < high {
            let mid = (low + high) / 2
            if regions[mid].span.lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        var i = low - 1
        // Regions do not overlap, except a caption or note with nothing else: look back a little.
        var steps = 0
        while i >= 0 && steps < 4 {
            if regions[i].span.contains(offset) { return regions[i] }
            i -= 1
            steps += 1
        }
        return nil
    }

    // MARK: Rows

    struct TableContext {
        var number: Int
        var table: SourceTable
        var grid: TableGrid
        var layout: TableLayout
        var document: NormalizedDocument
        var tree: DocumentTree
        var caption: OriginalSpan?
        var notes: [OriginalSpan]
    }

    /// What a data row says about its values.
    struct RowReading {
        /// The name cell's normalized text.
        var nameText = ""
        var metric: String?
        var metricKey: String?
        var category: String?
        /// The unit to apply to values that have none, normalized, and as written.
        var unit: [Unicode.Scalar]?
        var unitText: String?
        var bindingness: Bindingness?
        var change: Change?
    }

    private func readRows(_ context: TableContext, cellText: TableLayout.CellText, unitCache: inout [[Unicode.Scalar]: Bool],
                          scratch: inout MatcherScratch) -> [RowReading?] {
        let grid = context.grid, layout = context.layout, document = context.document
        var rows = [RowReading?](repeating: nil, count: grid.rowCount)
        let tableUnit = self.tableUnit(context)
        let captionBindingness = context.caption.flatMap { bindingness(in: Array(document.text[document.map.normalizedSpan(of: $0).range])) }
        var categoryRow: String?
        // A category written once and left blank below it (flattened text tables) carries down.
        var lastCategory: [Int: String] = [:]
        func originalString(_ r: Int, _ c: Int) -> (String, OriginalSpan)? {
            guard let cell = grid.cell(row: r, column: c) else { return nil }
            let span = context.table.rows[cell.row].cells[cell.cell].span
            return (document.originalString(span), span)
        }
        for r in layout.headerRows..<grid.rowCount {
            // A row of one cell without a value is a category for the rows below it (一、经济发展).
            let starting = context.table.rows[r].cells.filter { !$0.span.isEmpty }
            if starting.count == 1, context.table.rows[r].cells.count == 1 || starting[0].columnSpan >= 2 {
                let span = document.map.normalizedSpan(of: starting[0].span)
                let text = Array(document.text[span.range])
                if !TableLayout.holdsValue(Self.strippingNumbering(text)) {
                    categoryRow = String(scalars: Self.strippingNumbering(text)).trimmingSpaces()
                    continue
                }
            }
            guard let nameColumn = layout.nameColumn else { continue }
            var reading = RowReading()
            var nameText = cellText(r, nameColumn)
            var nameSpan = grid.cell(row: r, column: nameColumn).map { document.map.normalizedSpan(of: context.table.rows[$0.row].cells[$0.cell].span) }
            // An empty name cell: the nearest name-like cell to its left (a sub-row of a merged name).
            if nameText.allSatisfy(CellValueReader.isSpace) {
                for c in layout.categoryColumns.reversed() where c < nameColumn && !cellText(r, c).allSatisfy(CellValueReader.isSpace) {
                    nameText = cellText(r, c)
                    nameSpan = grid.cell(row: r, column: c).map { document.map.normalizedSpan(of: context.table.rows[$0.row].cells[$0.cell].span) }
                    break
                }
            }
            if let nameSpan, !nameText.allSatisfy(CellValueReader.isSpace) {
                reading.nameText = String(scalars: nameText)
                let name = self.name(document.text, nameSpan.range, unitCache: &unitCache, scratch: &scratch)
                reading.metric = name.metric
                reading.metricKey = name.metric.map { engine.lexicon.metricSynonyms[$0] ?? $0 }
                reading.change = name.metric.flatMap { change(in: Array($0.unicodeScalars)) }
                if let unit = name.unit {
                    reading.unit = Array(document.text[unit])
                    reading.unitText = document.originalString(for: NormalizedSpan(unit))
                }
            }
            var categories: [String] = []
            for c in layout.categoryColumns {
                guard grid.cell(row: r, column: c) != grid.cell(row: r, column: nameColumn) else { continue }
                var text = String(scalars: Self.strippingNumbering(cellText(r, c))).trimmingSpaces()
                if text.isEmpty, layout.columns[c].role == .category { text = lastCategory[c] ?? "" }
                if !text.isEmpty { lastCategory[c] = text }
                if !text.isEmpty && !categories.contains(text) && text != reading.metric { categories.append(text) }
            }
            if categories.isEmpty, let categoryRow { categories.append(categoryRow) }
            reading.category = categories.isEmpty ? nil : categories.joined(separator: "/")
            if reading.unit == nil, let unitColumn = layout.columns.indices.first(where: { layout.columns[$0].role == .unit }) {
                let text = cellText(r, unitColumn).filter { !CellValueReader.isSpace($0) }
                if !text.isEmpty, !vocabulary.noValue.contains(String(scalars: text)), let (written, _) = originalString(r, unitColumn) {
                    reading.unit = text
                    reading.unitText = written.trimmingSpaces()
                }
            }
            if reading.unit == nil, let tableUnit {
                reading.unit = tableUnit.normalized
                reading.unitText = tableUnit.written
            }
            if let attribute = layout.columns.indices.first(where: { layout.columns[$0].role == .attribute }) {
                reading.bindingness = bindingness(in: cellText(r, attribute))
            }
            reading.bindingness = reading.bindingness ?? captionBindingness
            rows[r] = reading
        }
        return rows
    }

    // MARK: Values

    private func values(_ context: TableContext, rows: [RowReading?], scratch: inout MatcherScratch) -> [Indicator] {
        let grid = context.grid, layout = context.layout, document = context.document
        let reader = CellValueReader(engine: engine, vocabulary: vocabulary)
        var cache = CellValueReader.Cache()
        let hash = String(document.source.sha256.prefix(12))
        let section = Self.section(of: context.table.span.start, in: context.tree)
        let footnoteYears = self.footnoteYears(context)
        let targetYears = layout.columns.filter { $0.role == .target }.compactMap(\.year)
        let baselineYears = layout.columns.filter { $0.role == .baseline }.compactMap(\.year)
        // The period: the caption's, else the document's, else from the baseline to the last target.
        var period = self.period(context)
        if period == nil, let base = baselineYears.max(), let last = targetYears.max(), base < last { period = (base + 1, last) }
        let valueRoles: [TableColumnRole] = [.baseline, .target, .annual, .cumulative, .annualOrCumulative]
        var result: [Indicator] = []
        for r in layout.headerRows..<grid.rowCount {
            guard let reading = rows[r] else { continue }
            let rowSpan = context.table.rows[r].span
            let sentence = document.originalString(rowSpan)
            var baseline: (year: Int?, value: DecimalNumber?, baseUnit: BaseUnit)?
            var pending: [Indicator] = []
            for c in 0..<grid.columnCount {
                guard let role = layout.columns[c].role, valueRoles.contains(role), grid.startsAt(row: r, column: c),
                      let index = grid.cell(row: r, column: c) else { continue }
                let cell = context.table.rows[index.row].cells[index.cell]
                let normalized = document.map.normalizedSpan(of: cell.span)
                let values = reader.read(document.text, cell: normalized.range, unit: reading.unit, scratch: &scratch, cache: &cache)
                for value in values {
                    var q = value.quantity
                    let span = document.map.originalSpan(of: NormalizedSpan(value.span))
                    let unit: String
                    if let own = value.ownUnit {
                        unit = document.originalString(for: NormalizedSpan(own))
                    } else if value.unitApplied || (q.unitLiteral ?? "").isEmpty {
                        // The row's unit (as written), also when the grammar does not know it.
                        unit = reading.unitText ?? ""
                    } else {
                        unit = q.unitLiteral ?? ""
                    }
                    if q.localCurrency && q.baseUnit == .yuan { q.baseUnit = engine.lexicon.localCurrency(of: document.text) }
                    var indicator = Indicator(
                        doc: document.source.path, id: "\(hash)-\(span.start)-\(span.end)", span: span,
                        surface: document.originalString(span), sentenceSpan: rowSpan, sentence: sentence, value: q.value, unit: unit,
                        baseValue: q.baseValue, baseUnit: q.baseUnit, kind: q.kind, comparator: q.comparator, approximate: q.approximate,
                        low: q.low, high: q.high, year: nil, baselineYear: nil, baseline: nil, periodStart: period?.start,
                        periodEnd: period?.end, accumulation: nil, change: reading.change, aspirational: q.aspirational,
                        metric: reading.metric, scope: nil, section: section, role: .target, rules: q.rules + ["table." + role.rawValue],
                        bindingness: reading.bindingness, metricKey: reading.metricKey, roleBasis: "table:" + role.rawValue,
                        cell: TableCell(table: context.number, row: r + 1, column: c + 1), category: reading.category)
                    switch role {
                    case .baseline:
                        indicator.role = .fact
                        indicator.year = value.footnote.flatMap { footnoteYears[$0] } ?? layout.columns[c].year
                        indicator.yearSource = indicator.year == nil ? nil : .table
                        indicator.bindingness = nil
                        if baseline == nil || (indicator.year ?? 0) > (baseline?.year ?? 0) {
                            baseline = (indicator.year, q.baseValue, q.baseUnit)
                        }
                        result.append(indicator)
                        continue
                    case .target:
                        indicator.year = layout.columns[c].year ?? targetYears.max() ?? period?.end
                        indicator.yearSource = layout.columns[c].year != nil || !targetYears.isEmpty ? .table : (period != nil ? .period : nil)
                        if value.cumulative { indicator.accumulation = .cumulative }
                    case .annual, .cumulative, .annualOrCumulative:
                        indicator.year = targetYears.max() ?? period?.end
                        indicator.yearSource = targetYears.isEmpty ? (period != nil ? .period : nil) : .table
                        indicator.accumulation = role == .annual ? .annualAverage
                            : (role == .cumulative || value.cumulative ? .cumulative : .annualAverage)
                    default:
                        break
                    }
                    pending.append(indicator)
                }
            }
            for var indicator in pending {
                if let baseline {
                    indicator.baselineYear = baseline.year
                    if baseline.baseUnit == indicator.baseUnit { indicator.baselineValue = baseline.value }
                }
                result.append(indicator)
            }
        }
        return result
    }

    // MARK: Names, units, captions, notes

    /// A name cell: the metric without numbering, footnote marks and a final unit in brackets.
    private func name(_ text: [Unicode.Scalar], _ range: Range<Int>, unitCache: inout [[Unicode.Scalar]: Bool],
                      scratch: inout MatcherScratch) -> (metric: String?, unit: Range<Int>?) {
        var a = range.lowerBound, b = range.upperBound
        a += Self.numberingLength(text[a..<b])
        func trimEnd() {
            while b > a && (CellValueReader.isSpace(text[b - 1]) || vocabulary.footnotes.contains(text[b - 1])) { b -= 1 }
        }
        while a < b && CellValueReader.isSpace(text[a]) { a += 1 }
        trimEnd()
        var unit: Range<Int>?
        if b - a >= 3, text[b - 1] == ")" {
            var depth = 0
            var open = b - 1
            while open >= a {
                if text[open] == ")" { depth += 1 } else if text[open] == "(" { depth -= 1; if depth == 0 { break } }
                open -= 1
            }
            if open > a, depth == 0 {
                let inner = Array(text[(open + 1)..<(b - 1)]).filter { !CellValueReader.isSpace($0) }
                if !inner.isEmpty && isUnit(inner, cache: &unitCache, scratch: &scratch) {
                    unit = (open + 1)..<(b - 1)
                    b = open
                    trimEnd()
                }
            }
        }
        guard b > a else { return (nil, unit) }
        let metric = String(scalars: text[a..<b]).trimmingSpaces()
        return (metric.isEmpty ? nil : metric, unit)
    }

    /// Whether the grammar reads `1` followed by the text as a quantity with that unit.
    private func isUnit(_ text: [Unicode.Scalar], cache: inout [[Unicode.Scalar]: Bool], scratch: inout MatcherScratch) -> Bool {
        if let known = cache[text] { return known }
        var reading = Array("达到1".unicodeScalars)
        reading += text
        let lattice = engine.run(reading, range: 0..<reading.count, scratch: &scratch)
        let found = lattice.tokens.contains { token in
            guard token.kind == .quantity else { return false }
            let q = lattice.quantities[token.payload]
            return (q.unitSpan != nil || !(q.unitLiteral ?? "").isEmpty) && token.end == reading.count
        }
        if cache.count < 10_000 { cache[text] = found }
        return found
    }

    /// The unit a caption, a caption row or a note gives every value (单位：亿元).
    private func tableUnit(_ context: TableContext) -> (normalized: [Unicode.Scalar], written: String)? {
        let document = context.document
        var spans: [OriginalSpan] = []
        if let caption = context.caption { spans.append(caption) }
        for r in context.layout.captionRows {
            if let cell = context.table.rows[r].cells.first { spans.append(cell.span) }
        }
        spans += context.notes
        for span in spans {
            let normalized = document.map.normalizedSpan(of: span)
            let text = Array(document.text[normalized.range])
            for label in vocabulary.unitLabels {
                guard let at = TableVocabulary.find(label, in: text) else { continue }
                var a = at + label.count
                while a < text.count && CellValueReader.isSpace(text[a]) { a += 1 }
                var b = a
                while b < text.count && !CellValueReader.isSpace(text[b]) && !")，,。;；、".unicodeScalars.contains(text[b]) { b += 1 }
                guard b > a else { continue }
                let unitSpan = NormalizedSpan(start: normalized.start + a, end: normalized.start + b)
                return (Array(text[a..<b]), document.originalString(for: unitSpan))
            }
        }
        return nil
    }

    /// The caption: the table's own (`<caption>`), else one of the two lines just above it that
    /// names a table (表1), holds a caption word (主要指标) or a unit label.
    private func caption(of table: SourceTable, in document: NormalizedDocument) -> OriginalSpan? {
        if let caption = table.caption { return caption }
        let text = document.original
        var end = table.span.start
        for _ in 0..<2 {
            // The line before `end`.
            var b = end
            while b > 0 && (text[b - 1] == "\n" || text[b - 1] == "\r" || CellValueReader.isSpace(text[b - 1])) { b -= 1 }
            guard b > 0 else { return nil }
            var a = b
            while a > 0 && text[a - 1] != "\n" { a -= 1 }
            let span = OriginalSpan(start: a, end: b)
            guard span.count <= 120 else { return nil }
            let normalized = Array(document.text[document.map.normalizedSpan(of: span).range])
            let start = normalized.drop { CellValueReader.isSpace($0) }
            if start.first == "表" || vocabulary.captionWords.contains(where: { TableVocabulary.contains(normalized, $0) })
                || vocabulary.unitLabels.contains(where: { TableVocabulary.contains(normalized, $0) }) {
                return span
            }
            end = a
        }
        return nil
    }

    /// The note under a table: a line starting with 注： and the numbered lines after it.
    private func notes(after table: SourceTable, in document: NormalizedDocument) -> [OriginalSpan] {
        let text = document.original
        var spans: [OriginalSpan] = []
        var start = table.span.end
        for _ in 0..<12 {
            while start < text.count && (text[start] == "\n" || text[start] == "\r") { start += 1 }
            guard start < text.count else { break }
            var end = start
            while end < text.count && text[end] != "\n" { end += 1 }
            let span = OriginalSpan(start: start, end: end)
            let normalized = Array(document.text[document.map.normalizedSpan(of: span).range]).drop { CellValueReader.isSpace($0) }
            let opens = vocabulary.noteOpeners.contains { normalized.starts(with: $0) }
            let numbered = !spans.isEmpty && (normalized.first.map { ("\u{2460}"..."\u{2473}").contains($0) || CellValueReader.isDigit($0) || $0 == "(" } ?? false)
            guard span.count <= 1_000, opens || numbered else { break }
            spans.append(span)
            start = end
        }
        return spans
    }

    /// Years a note gives footnote marks: 带*的为2019年数据.
    private func footnoteYears(_ context: TableContext) -> [Unicode.Scalar: Int] {
        var result: [Unicode.Scalar: Int] = [:]
        for note in context.notes {
            let text = Array(context.document.text[context.document.map.normalizedSpan(of: note).range])
            for (i, c) in text.enumerated() where vocabulary.footnotes.contains(c) && result[c] == nil {
                let window = Array(text[(i + 1)..<min(text.count, i + 24)])
                if let year = TableLayout.year(in: window), TableVocabulary.contains(window, Array("\(year)年".unicodeScalars)) {
                    result[c] = year
                }
            }
        }
        return result
    }

    /// The period a caption names (“十四五”时期, 2021-2025年), else the document's.
    private func period(_ context: TableContext) -> (start: Int, end: Int)? {
        if let caption = context.caption {
            let span = context.document.map.normalizedSpan(of: caption)
            let lattice = engine.run(context.document.text, range: span.range)
            for token in lattice.tokens where token.kind == .time {
                let time = lattice.times[token.payload]
                if time.kind == .period, let start = time.start, let end = time.end { return (start, end) }
            }
        }
        if let value = context.tree.metadata.period?.value {
            let years = value.split(separator: "-").compactMap { Int($0) }
            if years.count == 2 { return (years[0], years[1]) }
        }
        return nil
    }

    private func bindingness(in text: [Unicode.Scalar]) -> Bindingness? {
        bindingWords.first { TableVocabulary.contains(text, $0.word) }?.value
    }

    /// The direction a metric's name states (增长, 降低), from its last change word.
    private func change(in text: [Unicode.Scalar]) -> Change? {
        var found: [(entry: Int, length: Int)] = []
        var result: Change?
        for i in text.indices {
            found.removeAll(keepingCapacity: true)
            engine.lexicon.matches(in: text, at: i, end: text.count, into: &found)
            for match in found {
                let wordClass = engine.lexicon.entryClass[match.entry]
                if wordClass == changeUp { result = .increase }
                if wordClass == changeDown { result = .decrease }
            }
        }
        return result
    }

    private static func section(of offset: Int, in tree: DocumentTree) -> String {
        tree.node(containing: offset)?.path ?? ""
    }

    /// The length of a leading item number: 1. 1、 (1) ① 一、 (一).
    static func numberingLength(_ text: ArraySlice<Unicode.Scalar>) -> Int {
        var i = text.startIndex
        while i < text.endIndex && CellValueReader.isSpace(text[i]) { i += 1 }
        let start = i
        func isCJKNumeral(_ c: Unicode.Scalar) -> Bool { "〇一二三四五六七八九十".unicodeScalars.contains(c) }
        if i < text.endIndex, ("\u{2460}"..."\u{2473}").contains(text[i]) { return i + 1 - text.startIndex }
        if i < text.endIndex, text[i] == "(" {
            var j = i + 1
            while j < text.endIndex && (CellValueReader.isDigit(text[j]) || isCJKNumeral(text[j])) { j += 1 }
            if j > i + 1, j < text.endIndex, text[j] == ")" { return j + 1 - text.startIndex }
            return 0
        }
        var j = i
        while j < text.endIndex && CellValueReader.isDigit(text[j]) && j - i < 3 { j += 1 }
        if j > i, j < text.endIndex, text[j] == "." || text[j] == "、" || text[j] == ")" {
            // Not a decimal (1.5倍).
            if text[j] == ".", j + 1 < text.endIndex, CellValueReader.isDigit(text[j + 1]) { return 0 }
            return j + 1 - text.startIndex
        }
        j = i
        while j < text.endIndex && isCJKNumeral(text[j]) && j - i < 3 { j += 1 }
        if j > i, j < text.endIndex, text[j] == "、" { return j + 1 - text.startIndex }
        return start == i ? 0 : 0
    }

    static func strippingNumbering(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        Array(text[(text.startIndex + numberingLength(text[...]))...])
    }
}
