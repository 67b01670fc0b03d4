import ZhibiaoCore

/// The indicator catalog as CSV (every contract field, then the document's title, issuer and
/// date; UTF-8 with a byte order mark) or as a Markdown table per document (the fields a reader
/// scans).
///
/// The CSV is a tidy table (one row per indicator, one column per field) that Excel, pandas
/// and R read as is: numbers are plain decimals, nulls are empty, booleans `true`/`false`,
/// comparators words (``Comparator/csvWord``), and no text cell starts a formula
/// (``CSVWriter``).
public enum IndicatorTableRenderer {
    /// The contract's fields in order (``IndicatorField``), then ``DocumentColumns/header``.
    public static let csvHeader = IndicatorField.allCases.map(\.rawValue) + DocumentColumns.header

    /// The header row alone (with the byte order mark when asked), for output written document by document.
    public static func csvHeaderBytes(byteOrderMark: Bool = true) -> [UInt8] {
        var writer = CSVWriter(byteOrderMark: byteOrderMark)
        writer.row(csvHeader)
        return writer.bytes
    }

    /// Rows for `indicators`, each with the document's columns.
    public static func csv(_ indicators: [Indicator], document: DocumentColumns = DocumentColumns(), header: Bool = true,
                           byteOrderMark: Bool = true) -> [UInt8] {
        var writer = CSVWriter(byteOrderMark: byteOrderMark)
        if header { writer.row(csvHeader) }
        for i in indicators {
            writer.row(cells: IndicatorField.allCases.map { cell($0, of: i) } + document.cells)
        }
        return writer.bytes
    }

    /// A field as a CSV cell: numbers as numbers, the comparator as a word, nulls empty.
    static func cell(_ field: IndicatorField, of i: Indicator) -> CSVWriter.Cell {
        if field == .comparator { return .text(i.comparator.csvWord) }
        switch field.value(of: i) {
        case .null: return .empty
        case .int(let n): return .number(String(n))
        case .decimal(let d): return .number(d.description)
        case let value: return .text(value.text ?? "")
        }
    }

    public static func markdown(doc: String, _ indicators: [Indicator]) -> String {
        var out = "## \(Markdown.cell(doc))\n\n\(indicators.count) indicators\n\n"
        guard !indicators.isEmpty else { return out }
        out += Markdown.row(["section", "role", "metric", "comparator", "value", "unit", "base", "kind", "year", "scope", "sentence"])
        out += "|---|---|---|---|---|---|---|---|---|---|---|\n"
        for i in indicators {
            let base = i.baseValue.map { "\($0) \(i.baseUnit.rawValue)" } ?? ""
            out += "| " + [Markdown.cell(i.section), i.role.rawValue, Markdown.cell(i.metric ?? ""), Markdown.cell(i.comparator.rawValue),
                           i.value.description, Markdown.cell(i.unit), base, i.kind.rawValue, i.year.map(String.init) ?? "",
                           Markdown.cell(i.scope ?? ""), Markdown.sentence(i)].joined(separator: " | ") + " |\n"
        }
        return out
    }
}
