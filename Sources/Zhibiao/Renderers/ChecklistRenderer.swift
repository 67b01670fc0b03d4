import ZhibiaoCore

/// The checklist as Markdown (headings and one table per section) or CSV (one row per target,
/// UTF-8 with a byte order mark for Excel). The status column is left blank for the researcher.
public enum ChecklistRenderer {
    public static let csvHeader = ["doc", "section", "heading", "metric", "target", "comparator", "value", "unit", "deadline",
                                   "baseline", "bindingness", "scope", "sentence", "id", "status"]

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
        var writer = CSVWriter(byteOrderMark: true)
        writer.row(csvHeader)
        for checklist in checklists {
            for group in checklist.groups {
                for item in group.items {
                    let i = item.indicator
                    writer.row([i.doc, group.path, group.title, i.metric ?? "", item.target, i.comparator.rawValue, i.value.description,
                                i.unit, item.deadline, item.baseline, item.bindingness, i.scope ?? "", i.sentence, i.id, ""])
                }
            }
        }
        return writer.bytes
    }
}
