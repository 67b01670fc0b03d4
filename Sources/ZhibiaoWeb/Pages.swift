import Foundation
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCore

/// The pages: each reads the catalog through the store's API (every value it passes is bound,
/// never spliced into SQL) and renders escaped HTML.
struct Pages: Sendable {
    let store: any CatalogStore
    let pipeline: Pipeline
    let levels: IssuerLevels?
    let configuration: WebConfiguration

    var editable: Bool { configuration.allowEdits }

    static let levelLabels: [String: String] = [
        "national": "国家 national", "provincial": "省 provincial", "municipal": "市 municipal", "county": "县区 county",
        "township": "乡镇 township",
    ]
    static let scriptLabels: [String: String] = ["hans": "简体", "hant": "繁體", "mixed": "简繁混合", "none": "无汉字"]

    // MARK: Library

    static let librarySorts = ["title", "date", "issuer", "level", "targets", "facts", "path", "id"]

    func library(_ r: WebRequest) async throws -> WebResponse {
        let filter = r.param("filter")
        let level = try r.choice("level", IssuerLevels.levels)
        let script = try r.choice("script", Script.allCases.map(\.rawValue))
        let sort = try r.choice("sort", Self.librarySorts, default: "path") ?? "path"
        let order = try r.choice("order", ["asc", "desc"], default: sort == "date" || sort == "targets" || sort == "facts" ? "desc" : "asc")
        let page = try r.intParam("page", default: 1, range: 1...100_000)
        let search = r.param("q")
        if let search, search.count > 200 { throw WebError.badRequest("the search text is longer than 200 characters") }
        if let filter, filter.count > 200 { throw WebError.badRequest("the filter is longer than 200 characters") }

        var documents = try await store.documents()
        let total = documents.count
        if let filter {
            let normalized = pipeline.normalizedQuery(filter)
            documents = documents.filter { d in
                [d.title, d.issuer, d.path].contains { field in field.map { $0.contains(normalized) || $0.contains(filter) } ?? false }
            }
        }
        if let level { documents = documents.filter { $0.level == level } }
        if let script { documents = documents.filter { $0.script.rawValue == script } }
        func key(_ d: DocumentSummary) -> String {
            switch sort {
            case "title": d.title ?? "\u{10FFFF}"
            case "date": d.date ?? ""
            case "issuer": d.issuer ?? "\u{10FFFF}"
            case "level": String(IssuerLevels.levels.firstIndex(of: d.level ?? "") ?? 9)
            default: d.path
            }
        }
        switch sort {
        case "targets": documents.sort { ($0.targets, $1.id) < ($1.targets, $0.id) }
        case "facts": documents.sort { ($0.indicators - $0.targets, $1.id) < ($1.indicators - $1.targets, $0.id) }
        case "id": documents.sort { $0.id < $1.id }
        default: documents.sort { (key($0), $0.id) < (key($1), $1.id) }
        }
        if order == "desc" { documents.reverse() }
        let pageSize = configuration.libraryPageSize
        let pages = max(1, (documents.count + pageSize - 1) / pageSize)
        let shown = documents.dropFirst((min(page, pages) - 1) * pageSize).prefix(pageSize)

        var out = "<h1>文库 Library</h1>\n"
        out += "<p class=\"meta\">\(total) 份文件 documents in \(HTML.escape(store.location))"
        if documents.count != total { out += " · \(documents.count) 份符合筛选 match the filters" }
        out += "</p>\n"
        out += """
            <form class="filters" method="get" action="/" role="search">
            <label>全文检索 Search sentences<input type="search" name="q" value="\(HTML.escape(search ?? ""))" placeholder="托位 / 城鎮化率"></label>
            <label>标题/机关/路径 Title, issuer, path<input type="text" name="filter" value="\(HTML.escape(filter ?? ""))"></label>
            <label>层级 Level<select name="level"><option value="">全部 all</option>\(HTML.options(IssuerLevels.levels.map { ($0, Self.levelLabels[$0] ?? $0) }, selected: level))</select></label>
            <label>字体 Script<select name="script"><option value="">全部 all</option>\(HTML.options(Script.allCases.map { ($0.rawValue, Self.scriptLabels[$0.rawValue] ?? $0.rawValue) }, selected: script))</select></label>
            <label>排序 Sort<select name="sort">\(HTML.options([("path", "路径 path"), ("title", "标题 title"), ("date", "日期 date"), ("issuer", "发文机关 issuer"), ("level", "层级 level"), ("targets", "目标数 targets"), ("facts", "事实数 facts"), ("id", "编号 id")], selected: sort))</select></label>
            <label>顺序 Order<select name="order">\(HTML.options([("asc", "升序 ascending"), ("desc", "降序 descending")], selected: order))</select></label>
            <button type="submit">查找 Find</button>
            </form>

            """
        if let search {
            out += try await searchHits(search)
        }
        if editable {
            out += """
                <form class="filters" method="post" action="/upload" enctype="multipart/form-data">
                <label>上传并入库 Upload and ingest (≤ \(configuration.maxUploadBytes / 1_048_576) MB: .txt .html .docx)<input type="file" name="file" required></label>
                <button type="submit">入库 Ingest</button>
                </form>

                """
        }
        if shown.isEmpty {
            out += "<p class=\"notice\">\(total == 0 ? "目录为空：用 zhibiao ingest 入库文件。 The catalog is empty: zhibiao ingest FILES adds documents." : "没有符合筛选的文件。 No document matches the filters.")</p>\n"
        } else {
            out += """
                <table class="library">
                <caption class="muted">第 \(min(page, pages)) / \(pages) 页 page</caption>
                <thead><tr><th scope="col">标题 Title</th><th scope="col">发文机关 Issuer</th><th scope="col">日期 Date</th><th scope="col">层级 Level</th><th scope="col">字体 Script</th><th scope="col" class="num">目标 Targets</th><th scope="col" class="num">事实 Facts</th><th scope="col">查看 Views</th></tr></thead>
                <tbody>

                """
            for d in shown {
                out += "<tr><td><a href=\"/doc/\(d.id)\">\(HTML.escape(d.title ?? d.path))</a><br><span class=\"path\">#\(d.id) \(HTML.escape(d.path))</span></td>"
                out += "<td>\(HTML.escape(d.issuer ?? "—"))</td><td class=\"nowrap\">\(HTML.escape(d.date ?? "—"))</td>"
                out += "<td class=\"nowrap\">\(HTML.escape(d.level.map { Self.levelLabels[$0] ?? $0 } ?? "—"))</td><td class=\"nowrap\">\(HTML.escape(Self.scriptLabels[d.script.rawValue] ?? d.script.rawValue))</td>"
                out += "<td class=\"num\">\(d.targets)</td><td class=\"num\">\(d.indicators - d.targets)</td>"
                out += "<td><a href=\"/doc/\(d.id)/checklist\">清单 checklist</a> · <a href=\"/diff?child=\(d.id)\">比对 diff</a></td></tr>\n"
            }
            out += "</tbody></table>\n"
            if pages > 1 {
                func link(_ p: Int) -> String {
                    "/" + HTML.query([("q", search), ("filter", filter), ("level", level), ("script", script), ("sort", sort), ("order", order), ("page", String(p))])
                }
                out += "<nav class=\"pager\" aria-label=\"分页 Pages\">"
                if page > 1 { out += "<a href=\"\(HTML.escape(link(page - 1)))\" rel=\"prev\">← 上一页 previous</a>" }
                out += "<span>\(min(page, pages)) / \(pages)</span>"
                if page < pages { out += "<a href=\"\(HTML.escape(link(page + 1)))\" rel=\"next\">下一页 next →</a>" }
                out += "</nav>\n"
            }
        }
        return .html(HTML.page(title: "文库 Library", active: "library", editable: editable, body: out))
    }

    /// Sentences that hold the searched text (the catalog's search), linked into their documents.
    func searchHits(_ text: String) async throws -> String {
        let limit = 100
        let hits = try await store.sentences(SentenceQuery(text: pipeline.normalizedQuery(text), limit: limit + 1))
        var out = "<section aria-labelledby=\"hits-title\"><h2 id=\"hits-title\">检索结果 Sentences with “\(HTML.escape(text))”</h2>\n"
        if hits.isEmpty { return out + "<p class=\"notice\">没有句子含有这段文字。 No stored sentence holds this text.</p></section>\n" }
        out += "<ol class=\"hits\">\n"
        for hit in hits.prefix(limit) {
            let href = "/doc/\(hit.document.id)?hl=\(hit.span.start)-\(hit.span.end)#hl"
            out += "<li><a href=\"\(href)\">\(HTML.escape(hit.document.title ?? hit.document.path))</a>"
            out += " <span class=\"path\">\(HTML.escape(hit.section))</span><br>\(HTML.escape(hit.sentence))</li>\n"
        }
        out += "</ol>\n"
        if hits.count > limit { out += "<p class=\"muted\">只显示前 \(limit) 句 Only the first \(limit) sentences are shown.</p>\n" }
        return out + "</section>\n"
    }

    // MARK: Query

    static let queryFields = ["metric", "kind", "unit", "year", "scope", "doc", "issuer", "level", "role", "section", "limit"]

    func indicatorQuery(_ r: WebRequest) async throws -> IndicatorQuery {
        var query = IndicatorQuery()
        for name in ["metric", "unit", "scope", "issuer", "section", "doc"] {
            if let value = r.param(name), value.count > 200 { throw WebError.badRequest("\(name) is longer than 200 characters") }
        }
        query.metric = r.param("metric").map(pipeline.normalizedQuery)
        query.unit = r.param("unit").map(pipeline.normalizedQuery)
        query.scope = r.param("scope").map(pipeline.normalizedQuery)
        query.issuer = r.param("issuer").map(pipeline.normalizedQuery)
        query.section = r.param("section").map(pipeline.normalizedQuery)
        query.level = try r.choice("level", IssuerLevels.levels)
        query.role = try r.choice("role", Role.allCases.map(\.rawValue)).flatMap(Role.init(rawValue:))
        var kinds: [QuantityKind] = []
        for value in r.params("kind") {
            for name in value.split(separator: ",") {
                guard let kind = QuantityKind(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw WebError.badRequest("unknown kind '\(String(name.prefix(40)))' (one of \(QuantityKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                kinds.append(kind)
            }
        }
        query.kinds = kinds
        if let year = r.param("year") {
            let parts = year.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let from = parts.first ?? nil, parts.count == 1 || parts[1] != nil, (1900...2200).contains(from) else {
                throw WebError.badRequest("year takes YEAR or FROM-TO (2025, 2021-2025), not '\(String(year.prefix(40)))'")
            }
            let to = parts.count == 2 ? parts[1]! : from
            guard from <= to, to <= 2200 else { throw WebError.badRequest("the year range \(from)-\(to) ends before it starts or is out of range") }
            query.years = from...to
        }
        if let doc = r.param("doc") {
            let documents = try await store.resolve(doc, normalizedTitle: pipeline.normalizedQuery(doc))
            if documents.isEmpty { throw WebError.notFound("no stored document is '\(doc)' (an id, a path, a hash prefix or a title)") }
            query.documents = documents.map(\.id)
        }
        return query
    }

    func query(_ r: WebRequest, format: String?) async throws -> WebResponse {
        let asked = !r.query.isEmpty
        var query = try await indicatorQuery(r)
        let limit = try r.intParam("limit", default: format == nil ? 500 : 0, range: 0...1_000_000)
        query.limit = limit == 0 ? nil : limit
        let hits = asked || format != nil ? try await store.indicators(query) : []
        switch format {
        case "csv": return .download(CatalogRenderer.indicatorTable(hits).csv(), type: "text/csv; charset=utf-8", name: "indicators.csv")
        case "jsonl": return .download(CatalogRenderer.indicatorLines(hits), type: "application/jsonl; charset=utf-8", name: "indicators.jsonl")
        case "xlsx":
            return .download(CatalogRenderer.indicatorWorkbook(hits),
                             type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "indicators.xlsx")
        default: break
        }
        func text(_ name: String, _ label: String, _ hint: String = "") -> String {
            "<label>\(label)<input type=\"text\" name=\"\(name)\" value=\"\(HTML.escape(r.param(name) ?? ""))\" placeholder=\"\(HTML.escape(hint))\"></label>"
        }
        let kinds = Set(query.kinds.map(\.rawValue))
        var out = "<h1>查询指标 Query indicators</h1>\n"
        out += """
            <form class="filters" method="get" action="/query">
            \(text("metric", "指标 Metric", "城镇化率"))
            <label>类型 Kind<select name="kind"><option value="">全部 all</option>\(HTML.options(QuantityKind.allCases.map { ($0.rawValue, $0.rawValue) }, selected: kinds.count == 1 ? kinds.first : nil))</select></label>
            \(text("unit", "单位 Unit", "万元, %"))
            \(text("year", "年份 Year", "2025 或 2021-2025"))
            \(text("scope", "范围 Scope", "全区"))
            \(text("doc", "文件 Document", "编号/标题"))
            \(text("issuer", "发文机关 Issuer"))
            <label>层级 Level<select name="level"><option value="">全部 all</option>\(HTML.options(IssuerLevels.levels.map { ($0, Self.levelLabels[$0] ?? $0) }, selected: query.level))</select></label>
            <label>角色 Role<select name="role"><option value="">全部 all</option>\(HTML.options([("target", "目标 target"), ("fact", "事实 fact")], selected: query.role?.rawValue))</select></label>
            \(text("section", "章节 Section", "三/(一)"))
            <label>最多 Limit<input type="number" name="limit" min="0" value="\(limit)"></label>
            <button type="submit">查询 Query</button>
            </form>

            """
        if asked {
            let pairs = r.query.filter { Self.queryFields.contains($0.0) }.map { ($0.0, Optional($0.1)) }
            let qs = HTML.query(pairs + [("limit", "0")])
            out += "<div class=\"downloads\"><span>下载全部 Download all:</span>"
            out += "<a class=\"button secondary\" href=\"/query.csv\(HTML.escape(qs))\">CSV</a>"
            out += "<a class=\"button secondary\" href=\"/query.jsonl\(HTML.escape(qs))\">JSONL</a>"
            out += "<a class=\"button secondary\" href=\"/query.xlsx\(HTML.escape(qs))\">XLSX</a></div>\n"
            out += "<p class=\"meta\">\(hits.count) 条指标 indicators\(query.limit == hits.count ? " (limit reached)" : "")</p>\n"
            if !hits.isEmpty {
                out += "<table class=\"results\"><thead><tr><th scope=\"col\">文件 Document</th><th scope=\"col\">章节 Section</th><th scope=\"col\">指标 Metric</th><th scope=\"col\">数值 Value</th><th scope=\"col\">年份 Year</th><th scope=\"col\">角色 Role</th><th scope=\"col\">类型 Kind</th><th scope=\"col\">范围 Scope</th><th scope=\"col\">原句 Sentence</th></tr></thead><tbody>\n"
                for hit in hits {
                    let i = hit.indicator
                    out += "<tr><td><a href=\"/doc/\(hit.document.id)#\(DocumentPage.panelID(i))\">\(HTML.escape(hit.document.title ?? hit.document.path))</a></td>"
                    out += "<td>\(HTML.escape(i.section))</td><td>\(HTML.escape(i.metric ?? "—"))</td>"
                    out += "<td class=\"nowrap\">\(HTML.escape(i.surface))</td><td class=\"nowrap\">\(i.year.map(String.init) ?? "—")</td>"
                    out += "<td class=\"nowrap\">\(i.role == .target ? "目标" : "事实")</td><td>\(HTML.escape(i.kind.rawValue))</td>"
                    out += "<td>\(HTML.escape(i.scope ?? "—"))</td><td class=\"sentence\">\(HTML.escape(i.sentence))</td></tr>\n"
                }
                out += "</tbody></table>\n"
            }
        } else {
            out += "<p class=\"notice\">填写任一条件后查询；文字条件繁简皆可（城鎮化率 也能找到 城镇化率）。 Fill in any filter; text filters match either script.</p>\n"
        }
        return .html(HTML.page(title: "查询 Query", active: "query", editable: editable, body: out))
    }
}
