import Foundation
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCore

/// A document's checklist (its targets by section) with the researcher's status and note per
/// target, kept in the catalog; filters; downloads as CSV and XLSX.
extension Pages {
    static let bindingLabels = [("binding", "约束性 binding"), ("expected", "预期性 expected"), ("none", "未说明 not said")]

    func checklist(_ r: WebRequest, id: Int64, format: String?) async throws -> WebResponse {
        let section = r.param("section")
        let status = try r.choice("status", ChecklistMark.Status.allCases.map(\.rawValue))
        let binding = try r.choice("binding", Self.bindingLabels.map(\.0))
        let metric = r.param("metric")
        if let metric, metric.count > 200 { throw WebError.badRequest("metric is longer than 200 characters") }
        if let section, section.count > 200 { throw WebError.badRequest("section is longer than 200 characters") }

        let stored = try await store.load(id: id)
        let marks = try await store.checklistMarks(document: id)
        let extracted = pipeline.extractedDocument(from: stored)
        var checklist = Checklist(document: extracted.document, tree: extracted.tree, indicators: extracted.indicators)
        let total = checklist.itemCount
        let normalizedMetric = metric.map(pipeline.normalizedQuery)
        for g in checklist.groups.indices {
            checklist.groups[g].items = checklist.groups[g].items.filter { item in
                let i = item.indicator
                if let section, !(checklist.groups[g].path == section || checklist.groups[g].path.hasPrefix(section + "/")
                                  || checklist.groups[g].title.contains(section)) { return false }
                if let status, (marks[i.id]?.status ?? .notStarted).rawValue != status { return false }
                if let binding, (i.bindingness?.rawValue ?? "none") != binding { return false }
                if let normalizedMetric, let metric {
                    let fields = [i.metric, i.metricKey, i.sentence].compactMap { $0 }
                    if !fields.contains(where: { $0.contains(normalizedMetric) || $0.contains(metric) }) { return false }
                }
                return true
            }
        }
        let baseName = HTML.identifier(String((stored.record.path as NSString).lastPathComponent.prefix(60)))
        switch format {
        case "csv": return .download(Self.checklistTable(checklist, marks: marks).csv(), type: "text/csv; charset=utf-8", name: "checklist-\(baseName).csv")
        case "xlsx":
            return .download(XLSXWriter.workbook([Self.checklistTable(checklist, marks: marks)]),
                             type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "checklist-\(baseName).xlsx")
        case "full-csv": return .download(ChecklistRenderer.csv([checklist]), type: "text/csv; charset=utf-8", name: "checklist-full-\(baseName).csv")
        default: break
        }

        let title = checklist.title ?? stored.record.path
        var out = "<h1>清单 Checklist: \(HTML.escape(title))</h1>\n"
        out += "<p class=\"meta\"><a href=\"/doc/\(id)\">← 原文 the document</a> · \(checklist.itemCount) / \(total) 项目标 targets shown"
        let counts = Dictionary(grouping: marks.values, by: \.status).mapValues(\.count)
        let started = ChecklistMark.Status.allCases.compactMap { s in counts[s].map { "\(s.label) \($0)" } }
        if !started.isEmpty { out += " · " + started.joined(separator: " · ") }
        out += "</p>\n"
        let sections = checklist.groups.filter { $0.level > 0 }.map { ($0.path, String(($0.path + " " + $0.title).prefix(40))) }
        out += """
            <form class="filters" method="get" action="/doc/\(id)/checklist">
            <label>章节 Section<select name="section"><option value="">全部 all</option>\(HTML.options(sections.map { ($0.0, $0.1) }, selected: section))</select></label>
            <label>状态 Status<select name="status"><option value="">全部 all</option>\(HTML.options(ChecklistMark.Status.allCases.map { ($0.rawValue, $0.label) }, selected: status))</select></label>
            <label>属性 Binding<select name="binding"><option value="">全部 all</option>\(HTML.options(Self.bindingLabels.map { ($0.0, $0.1) }, selected: binding))</select></label>
            <label>指标/原句 Metric or sentence<input type="text" name="metric" value="\(HTML.escape(metric ?? ""))"></label>
            <button type="submit">筛选 Filter</button>
            </form>

            """
        let qs = HTML.escape(HTML.query([("section", section), ("status", status), ("binding", binding), ("metric", metric)]))
        out += "<div class=\"downloads\"><span>下载 Download:</span><a class=\"button secondary\" href=\"/doc/\(id)/checklist.xlsx\(qs)\">XLSX</a>"
        out += "<a class=\"button secondary\" href=\"/doc/\(id)/checklist.csv\(qs)\">CSV</a>"
        out += "<a class=\"button secondary\" href=\"/doc/\(id)/checklist-full.csv\(qs)\">CSV（完整列 all columns）</a></div>\n"
        if !editable {
            out += "<p class=\"muted\">只读：用 zhibiao serve --allow-edits 启动后可设置状态和备注。 Read-only: start with --allow-edits to set statuses and notes.</p>\n"
        }
        out += "<table class=\"checklist\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">指标 Metric</th><th scope=\"col\">目标 Target</th><th scope=\"col\">期限 Deadline</th><th scope=\"col\">基期 Baseline</th><th scope=\"col\">属性 Binding</th><th scope=\"col\">范围 Scope</th><th scope=\"col\" style=\"width:30%\">状态与备注 Status and note</th></tr></thead><tbody>\n"
        var number = 0
        for group in checklist.groups where !group.items.isEmpty {
            let heading = group.title.isEmpty ? (group.path.isEmpty ? "正文 body" : group.path) : group.title
            out += "<tr class=\"group-row\"><th colspan=\"8\" scope=\"colgroup\">\(HTML.escape(heading))</th></tr>\n"
            for item in group.items {
                number += 1
                let i = item.indicator
                let mark = marks[i.id]
                let rowID = "t-" + HTML.identifier(i.id)
                out += "<tr id=\"\(rowID)\"><td class=\"num\">\(number)</td>"
                out += "<td><a href=\"/doc/\(id)#\(DocumentPage.panelID(i))\">\(HTML.escape(i.metric ?? "—"))</a><div class=\"sentence\">\(HTML.escape(i.sentence))</div></td>"
                out += "<td>\(HTML.escape(item.target))</td><td class=\"nowrap\">\(HTML.escape(item.deadline))</td><td>\(HTML.escape(item.baseline))</td>"
                out += "<td class=\"nowrap\">\(HTML.escape(item.bindingness))</td><td>\(HTML.escape(i.scope ?? ""))</td><td>"
                let current = mark?.status ?? .notStarted
                if editable {
                    out += "<form method=\"post\" action=\"/doc/\(id)/mark\"><input type=\"hidden\" name=\"indicator\" value=\"\(HTML.escape(i.id))\">"
                    out += "<select name=\"status\" aria-label=\"状态 status of target \(number)\">\(HTML.options(ChecklistMark.Status.allCases.map { ($0.rawValue, $0.label) }, selected: current.rawValue))</select>"
                    out += "<input type=\"text\" name=\"note\" maxlength=\"\(ChecklistMark.maxNoteLength)\" value=\"\(HTML.escape(mark?.note ?? ""))\" aria-label=\"备注 note on target \(number)\" placeholder=\"备注 note\">"
                    out += "<button type=\"submit\">保存 Save</button></form>"
                } else {
                    out += "<span class=\"badge st-\(current.rawValue)\">\(current.label)</span> \(HTML.escape(mark?.note ?? ""))"
                }
                out += "</td></tr>\n"
            }
        }
        out += "</tbody></table>\n"
        if checklist.itemCount == 0 { out += "<p class=\"notice\">没有符合筛选的目标。 No target matches.</p>\n" }
        return .html(HTML.page(title: "清单 " + title, active: "library", editable: editable, body: out))
    }

    /// The checklist as a table for CSV and XLSX: what researchers read, with status and note.
    static func checklistTable(_ checklist: Checklist, marks: [String: ChecklistMark]) -> DataTable {
        var table = DataTable(name: "checklist", header: ["section", "heading", "metric", "target", "deadline", "baseline", "bindingness",
                                                          "scope", "sentence", "id", "status", "note", "updated"])
        for group in checklist.groups {
            for item in group.items {
                let i = item.indicator
                let mark = marks[i.id]
                table.rows.append([.text(group.path), .text(group.title), .text(i.metric ?? ""), .text(item.target), .text(item.deadline),
                                   .text(item.baseline), .text(item.bindingness), .text(i.scope ?? ""), .text(i.sentence), .text(i.id),
                                   .text((mark?.status ?? .notStarted).label), .text(mark?.note ?? ""), .text(mark?.updatedAt ?? "")])
            }
        }
        return table
    }

    func setMark(_ r: WebRequest, id: Int64) async throws -> WebResponse {
        guard let indicator = r.field("indicator"), !indicator.isEmpty, indicator.count <= 200 else {
            throw WebError.badRequest("the form names no indicator")
        }
        guard let statusText = r.field("status"), let status = ChecklistMark.Status(rawValue: statusText) else {
            throw WebError.badRequest("status must be one of \(ChecklistMark.Status.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let note = (r.field("note") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= ChecklistMark.maxNoteLength else { throw WebError.badRequest("the note is longer than \(ChecklistMark.maxNoteLength) characters") }
        // The indicator must belong to this document.
        let marksBefore = try await store.indicators({ var q = IndicatorQuery(); q.documents = [id]; return q }())
        guard marksBefore.contains(where: { $0.indicator.id == indicator }) else {
            throw WebError.notFound("document \(id) has no indicator '\(String(indicator.prefix(80)))'")
        }
        let formatter = ISO8601DateFormatter()
        try await store.setChecklistMark(ChecklistMark(indicator: indicator, status: status, note: note, updatedAt: formatter.string(from: Date())))
        return .redirect("/doc/\(id)/checklist#t-" + HTML.identifier(indicator))
    }
}
