import ZhibiaoCore

/// The indicator catalog as CSV (every contract field, UTF-8 with a byte order mark) or as a
/// Markdown table per document (the fields a reader scans).
public enum IndicatorTableRenderer {
    /// The contract's fields in order (``IndicatorField``); `rules` joined with spaces.
    public static let csvHeader = IndicatorField.allCases.map(\.rawValue)

    public static func csv(_ indicators: [Indicator], header: Bool = true, byteOrderMark: Bool = true) -> [UInt8] {
        var writer = CSVWriter(byteOrderMark: byteOrderMark)
        if header { writer.row(csvHeader) }
        for i in indicators {
            writer.row(IndicatorField.allCases.map { $0.value(of: i).text ?? "" })
        }
        return writer.bytes
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
