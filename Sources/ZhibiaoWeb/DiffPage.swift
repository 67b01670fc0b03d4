import Foundation
import Zhibiao
import ZhibiaoAlign
import ZhibiaoCatalog
import ZhibiaoCore

/// The diff of stored documents: a picker (a parent and one or many children), then the
/// report `zhibiao diff --format html` writes, with this site's navigation and a verdict filter
/// (CSS only: rows of the target pairs without the chosen verdict are hidden).
extension Pages {
    static let verdicts = Verdict.allCases.map(\.rawValue)

    func diff(_ r: WebRequest) async throws -> WebResponse {
        let parentText = r.param("parent")
        let childTexts = r.params("child")
        let verdict = try r.choice("verdict", Self.verdicts)
        guard childTexts.count <= 20 else { throw WebError.badRequest("at most 20 children at once") }
        func id(_ text: String) throws(WebError) -> Int64 {
            guard let n = Int64(text), n > 0 else { throw WebError.badRequest("a document is chosen by its id, not '\(String(text.prefix(40)))'") }
            return n
        }
        let parentID = try parentText.map(id)
        let childIDs = try childTexts.map(id)
        guard let parentID, !childIDs.isEmpty, r.param("edit") == nil else {
            return try await diffPicker(parent: parentID, children: childIDs, verdict: verdict)
        }
        if childIDs.contains(parentID) { throw WebError.badRequest("the parent cannot be one of its children") }
        let parent = pipeline.extractedDocument(from: try await store.load(id: parentID))
        var children: [ExtractedDocument] = []
        for childID in childIDs.reduce(into: [Int64](), { if !$0.contains($1) { $0.append($1) } }) {
            let child = pipeline.extractedDocument(from: try await store.load(id: childID))
            if child.document.source.sha256 == parent.document.source.sha256 { throw WebError.badRequest("document \(childID) is the parent itself") }
            children.append(child)
        }
        let report = DiffReport(parent: parent, children: children, aligner: pipeline.aligner)
        var page = DiffHTMLRenderer.render(report)
        var filterStyle = "<style>.web-bar{display:flex;gap:14px;align-items:center;flex-wrap:wrap;padding:8px 20px;background:#1f2a3c;color:#fff;font-size:0.95rem}.web-bar a{color:#fff}.web-bar select{font:inherit}"
        if let verdict {
            // A pair row's first cell holds its verdict badges; other rows are left alone.
            filterStyle += "table tbody tr:has(> td:first-child > .badge):not(:has(> td:first-child > .v-\(verdict))){display:none}"
        }
        filterStyle += "</style>\n"
        page = page.replacingOccurrences(of: "</head>", with: filterStyle + "</head>", options: [], range: page.range(of: "</head>"))
        let keep = [("parent", Optional(String(parentID)))] + childIDs.map { ("child", Optional(String($0))) }
        var bar = "<nav class=\"web-bar\" aria-label=\"主导航 Main\"><a href=\"/\">指标 Zhibiao 文库 Library</a><a href=\"/diff\(HTML.escape(HTML.query(keep)))&amp;edit=1\">更换文件 Change documents</a>"
        bar += "<form method=\"get\" action=\"/diff\">"
        for (name, value) in keep { bar += "<input type=\"hidden\" name=\"\(name)\" value=\"\(HTML.escape(value ?? ""))\">" }
        bar += "<label>判定 Verdict <select name=\"verdict\"><option value=\"\">全部 all</option>\(HTML.options(Self.verdicts.map { ($0, $0) }, selected: verdict))</select></label> <button type=\"submit\">筛选 Filter</button></form></nav>\n"
        if let range = page.range(of: "<body>") { page.replaceSubrange(range, with: "<body>\n" + bar) }
        return .html(page)
    }

    func diffPicker(parent: Int64?, children: [Int64], verdict: String?) async throws -> WebResponse {
        let documents = try await store.documents().sorted { (IssuerLevels.levels.firstIndex(of: $0.level ?? "") ?? 9, $0.path) < (IssuerLevels.levels.firstIndex(of: $1.level ?? "") ?? 9, $1.path) }
        var out = "<h1>比对 Diff: 下级文件是否落实了上级文件？ Does a child plan implement its parent?</h1>\n"
        if documents.count < 2 {
            out += "<p class=\"notice\">目录中至少要有两份文件。 The catalog needs at least two documents.</p>\n"
            return .html(HTML.page(title: "比对 Diff", active: "diff", editable: editable, body: out))
        }
        func label(_ d: DocumentSummary) -> String {
            "#\(d.id) " + (d.title ?? d.path) + (d.level.map { " · " + (Self.levelLabels[$0] ?? $0) } ?? "")
        }
        out += "<form class=\"stack\" method=\"get\" action=\"/diff\">\n"
        out += "<fieldset><legend>上级文件 Parent (one)</legend><label for=\"parent\">上级文件 Parent document</label>"
        out += "<select id=\"parent\" name=\"parent\" required><option value=\"\">— 请选择 choose —</option>"
        out += HTML.options(documents.map { (String($0.id), label($0)) }, selected: parent.map(String.init)) + "</select></fieldset>\n"
        out += "<fieldset><legend>下级文件 Children (one or more)</legend><div class=\"choices\">\n"
        for d in documents {
            out += "<label><input type=\"checkbox\" name=\"child\" value=\"\(d.id)\"\(children.contains(d.id) ? " checked" : "")> \(HTML.escape(label(d)))</label>\n"
        }
        out += "</div></fieldset>\n"
        out += "<p><label>判定 Verdict filter <select name=\"verdict\"><option value=\"\">全部 all</option>\(HTML.options(Self.verdicts.map { ($0, $0) }, selected: verdict))</select></label></p>\n"
        out += "<p><button type=\"submit\" id=\"compare\">比对 Compare</button></p></form>\n"
        return .html(HTML.page(title: "比对 Diff", active: "diff", editable: editable, body: out))
    }
}
