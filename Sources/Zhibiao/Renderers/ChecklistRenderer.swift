import ZhibiaoCore

/// The checklist as Markdown (headings and one table per section) or CSV (one row per target,
/// UTF-8 with a byte order mark for Excel). The status column is left blank for the researcher.
///
/// The CSV is tidy: beside the words people read (`target` ≥ 85%, `deadline` 2025年, `baseline`
/// 比2022年) it carries the numbers a program filters on (`year`, `baselineYear`, `baseValue`
/// in `baseUnit`, the range ends `low`/`high`, `aspirational`) and the document's title, issuer
/// and date on every row; comparators are words and no text cell starts a formula.
public enum ChecklistRenderer {
    public static let csvHeader = ["doc", "section", "heading", "metric", "target", "comparator", "value", "unit", "deadline",
                                   "baseline", "bindingness", "scope", "sentence", "id",
                                   "year", "periodStart", "periodEnd", "baselineYear", "baseValue", "baseUnit", "low", "high",
                                   "aspirational"] + DocumentColumns.header + ["status"]

    public static func markdown(_ checklist: Checklist) -> String {
        var out = "# " + Markdown.cell(checklist.title ?? checklist.doc) + "\n\n"
        out += "`\(checklist.doc)` · \(checklist.itemCount) targets\n"
        var number = 0
        for group in checklist.groups {
            out += "\n" + String(repeating: "#", count: min(2 + max(group.level - 1, 0), 6)) + " "
            out += (group.title.isEmpty ? (group.path.isEmpty ? "正文" : group.path) : Markdown.cell(group.title)) + "\n"
            guard !group.items.isEmpty else { continue }
            out += "\n" + Markdown.row(["#", "指标 metric", "目标 target", "期限 deadline", "基期 baseline", "属性 binding", "范围 scope",
                                         "原文 sentence", "状态 status"])
            out += "|---|---|---|---|---|---|---|---|---|\n"
            for item in group.items {
                number += 1
                let i = item.indicator
                out += "| " + [String(number), Markdown.cell(i.metric ?? ""), Markdown.cell(item.target), item.deadline,
                               Markdown.cell(item.baseline), item.bindingness, Markdown.cell(i.scope ?? ""), Markdown.sentence(i),
                               " "].joined(separator: " | ") + " |\n"
            }
        }
        return out
    }

    public static func csv(_ checklists: [Checklist]) -> [UInt8] {
        var bytes = csvHeaderBytes()
        for checklist in checklists { bytes += csvRows(checklist) }
        return bytes
    }

    /// The header row with the byte order mark, for output written document by document.
    public static func csvHeaderBytes() -> [UInt8] {
        var writer = CSVWriter(byteOrderMark: true)
        writer.row(csvHeader)
        return writer.bytes
    }

    /// The rows of one checklist (no header).
    public static func csvRows(_ checklist: Checklist) -> [UInt8] {
        var writer = CSVWriter(byteOrderMark: false)
        let document = checklist.document
        for group in checklist.groups {
            for item in group.items {
                let i = item.indicator
                func number(_ n: Int?) -> CSVWriter.Cell { n.map { .number(String($0)) } ?? .empty }
                func number(_ d: DecimalNumber?) -> CSVWriter.Cell { d.map { .number($0.description) } ?? .empty }
                let cells: [CSVWriter.Cell] = [
                    .text(i.doc), .text(group.path), .text(group.title), .text(i.metric ?? ""), .text(item.target),
                    .text(i.comparator.csvWord), .number(i.value.description), .text(i.unit), .text(item.deadline),
                    .text(item.baseline), .text(item.bindingness), .text(i.scope ?? ""), .text(i.sentence), .text(i.id),
                    number(i.year), number(i.periodStart), number(i.periodEnd), number(i.baselineYear), number(i.baseValue),
                    .text(i.baseUnit.rawValue), number(i.low), number(i.high), .text(String(i.aspirational)),
                ] + document.cells + [.empty]
                writer.row(cells: cells)
            }
        }
        return writer.bytes
    }
}
