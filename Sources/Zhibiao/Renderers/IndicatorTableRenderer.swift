import ZhibiaoCore

/// The indicator catalog as CSV (every contract field, UTF-8 with a byte order mark) or as a
/// Markdown table per document (the fields a reader scans).
public enum IndicatorTableRenderer {
    /// The contract's fields in order; `rules` joined with spaces.
    public static let csvHeader = ["doc", "id", "start", "end", "surface", "sentence", "value", "unit", "baseValue", "baseUnit",
                                   "kind", "comparator", "approximate", "low", "high", "year", "baselineYear", "baseline",
                                   "periodStart", "periodEnd", "accumulation", "change", "aspirational", "metric", "scope",
                                   "section", "role", "rule", "rules"]

    public static func csv(_ indicators: [Indicator], header: Bool = true, byteOrderMark: Bool = true) -> [UInt8] {
        var writer = CSVWriter(byteOrderMark: byteOrderMark)
        if header { writer.row(csvHeader) }
        func text(_ value: CustomStringConvertible?) -> String { value.map { $0.description } ?? "" }
        for i in indicators {
            writer.row([i.doc, i.id, String(i.span.start), String(i.span.end), i.surface, i.sentence, i.value.description, i.unit,
                        text(i.baseValue), i.baseUnit.rawValue, i.kind.rawValue, i.comparator.rawValue, String(i.approximate),
                        text(i.low), text(i.high), text(i.year), text(i.baselineYear), i.baseline ?? "", text(i.periodStart),
                        text(i.periodEnd), i.accumulation?.rawValue ?? "", i.change?.rawValue ?? "", String(i.aspirational),
                        i.metric ?? "", i.scope ?? "", i.section, i.role.rawValue, i.rule, i.rules.joined(separator: " ")])
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
