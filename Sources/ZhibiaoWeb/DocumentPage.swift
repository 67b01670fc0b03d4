import Foundation
import ZhibiaoCatalog
import ZhibiaoCore

/// A stored document as written (Traditional stays Traditional) with its outline beside it,
/// every indicator one element carrying `data-indicator-id` (its catalog id), coloured by kind
/// and role; a click opens its panel (all fields, the rules, the sentence) through `:target`,
/// so it works without the script. Noise blocks are hidden until asked for, then greyed.
enum DocumentPage {
    /// The id of an indicator's panel (`#d-…`), from its catalog id.
    static func panelID(_ indicator: Indicator) -> String { "d-" + HTML.identifier(indicator.id) }

    /// One element of the text: an outer region (heading, noise, highlight) or an indicator.
    struct Element {
        var start: Int
        var end: Int
        /// Regions before indicators at the same start.
        var isRegion: Bool
        var open: String
        var close: String
    }

    static func render(_ stored: StoredDocument, highlight: OriginalSpan?, editable: Bool) -> String {
        let text = Array(stored.record.text.unicodeScalars)
        let count = text.count
        func clamp(_ span: OriginalSpan) -> (Int, Int) {
            let s = min(max(0, span.start), count)
            return (s, min(max(s, span.end), count))
        }
        var elements: [Element] = []
        // Sections: the marker and heading in bold, with an anchor the outline links to.
        var regions: [(Int, Int, String, String)] = []
        for (ordinal, node) in stored.tree.nodes.enumerated() where node.level > 0 {
            let start = node.markerSpan?.start ?? node.headingSpan?.start ?? node.span.start
            let end = node.headingSpan?.end ?? node.markerSpan?.end ?? start
            let (s, e) = clamp(OriginalSpan(start: start, end: max(start, end)))
            regions.append((s, e, "<span class=\"hd\" id=\"n\(ordinal)\">", "</span>"))
        }
        for block in stored.tree.noise {
            let (s, e) = clamp(block.span)
            regions.append((s, e, "<span class=\"noise\" title=\"噪声 noise: \(HTML.escape(block.reason.rawValue))\">", "</span>"))
        }
        if let highlight {
            let (s, e) = clamp(highlight)
            regions.append((s, e, "<span class=\"hit\" id=\"hl\">", "</span>"))
        }
        // Regions do not overlap one another: a later one starting inside an earlier one is cut.
        regions.sort { ($0.0, -$0.1) < ($1.0, -$1.1) }
        var regionEnd = 0
        for region in regions {
            let start = max(region.0, regionEnd)
            if start > region.1 || (start == region.1 && region.0 != region.1) { continue }
            elements.append(Element(start: start, end: region.1, isRegion: true, open: region.2, close: region.3))
            regionEnd = max(regionEnd, region.1)
        }
        // Indicators do not overlap one another either: one element each, a later one starting
        // inside an earlier one begins where that one ends (empty when inside it: a ◆ mark).
        let sorted = stored.indicators.sorted { ($0.span.start, $0.span.end) < ($1.span.start, $1.span.end) }
        var indicatorEnd = 0
        for indicator in sorted {
            var (s, e) = clamp(indicator.span)
            s = max(s, indicatorEnd)
            e = max(s, e)
            indicatorEnd = e
            let family = Assets.family(ofKind: indicator.kind.rawValue)
            let label = [indicator.metric, indicator.surface, indicator.year.map { "\($0)年" }].compactMap { $0 }.joined(separator: " · ")
            elements.append(Element(
                start: s, end: e, isRegion: false,
                open: "<a class=\"ind r-\(indicator.role.rawValue) f-\(family) k-\(indicator.kind.rawValue)\" href=\"#\(panelID(indicator))\" id=\"at-\(HTML.identifier(indicator.id))\" data-indicator-id=\"\(HTML.escape(indicator.id))\" title=\"\(HTML.escape(label))\">",
                close: "</a>"))
        }
        elements.sort { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.isRegion != b.isRegion { return a.isRegion }
            return a.end > b.end
        }
        // One pass: an element is closed before the text past its end; one that would cross
        // its container's end is cut there, so the tags always nest.
        var out = ""
        out.reserveCapacity(count * 4 + elements.count * 200)
        var stack: [Element] = []
        var position = 0
        for var element in elements {
            while let top = stack.last, top.end <= element.start {
                HTML.escape(text, position..<max(position, top.end), into: &out)
                position = max(position, top.end)
                out += top.close
                stack.removeLast()
            }
            if let top = stack.last { element.end = min(element.end, top.end) }
            HTML.escape(text, position..<max(position, element.start), into: &out)
            position = max(position, element.start)
            out += element.open
            if element.start == element.end {
                out += element.close
            } else {
                stack.append(element)
            }
        }
        while let top = stack.popLast() {
            HTML.escape(text, position..<max(position, top.end), into: &out)
            position = max(position, top.end)
            out += top.close
        }
        HTML.escape(text, position..<count, into: &out)
        return out
    }

    /// The outline: every numbered section, indented by level, linking to its heading.
    static func outline(_ stored: StoredDocument) -> String {
        let text = Array(stored.record.text.unicodeScalars)
        var out = "<nav class=\"outline\" aria-labelledby=\"outline-title\"><h2 id=\"outline-title\">目录 Outline</h2><ol>\n"
        var any = false
        for (ordinal, node) in stored.tree.nodes.enumerated() where node.level > 0 && node.level <= 4 {
            any = true
            let start = node.markerSpan?.start ?? node.headingSpan?.start ?? node.span.start
            let end = node.headingSpan?.end ?? node.markerSpan?.end ?? start
            let s = min(max(0, start), text.count), e = min(max(s, end), text.count, s + 40)
            var label = String(String.UnicodeScalarView(text[s..<e])).trimmingCharacters(in: .whitespacesAndNewlines)
            if label.isEmpty { label = node.path }
            out += "<li class=\"lv\(node.level)\"><a href=\"#n\(ordinal)\" title=\"\(HTML.escape(label))\">\(HTML.escape(label))</a></li>\n"
        }
        if !any { out += "<li class=\"muted\">（无编号章节 no numbered sections）</li>\n" }
        return out + "</ol></nav>\n"
    }

    /// The panels: one per indicator, every field of its catalog record, the rules and the sentence.
    static func panels(_ stored: StoredDocument) -> String {
        var out = "<aside class=\"details\" aria-labelledby=\"details-title\"><h2 id=\"details-title\">指标详情 Indicator</h2>\n"
        let text = Array(stored.record.text.unicodeScalars)
        for indicator in stored.indicators {
            let id = panelID(indicator)
            out += "<section class=\"detail\" id=\"\(id)\" tabindex=\"-1\" aria-label=\"\(HTML.escape(indicator.metric ?? indicator.surface))\">\n"
            out += "<h3>\(HTML.escape(indicator.metric ?? "（无指标名 no metric）")) <span class=\"badge \(indicator.role == .target ? "st-in-progress" : "st-not-started")\">\(indicator.role == .target ? "目标 target" : "事实 fact")</span></h3>\n"
            let s = min(max(0, indicator.sentenceSpan.start), text.count), e = min(max(s, indicator.sentenceSpan.end), text.count)
            let sentence = s < e ? String(String.UnicodeScalarView(text[s..<e])) : indicator.sentence
            out += "<blockquote>\(HTML.escape(sentence))</blockquote>\n"
            out += "<p class=\"rule\">规则 rule: \(HTML.escape(indicator.rules.joined(separator: " → ")))</p>\n<dl>"
            var writer = JSONWriter(capacity: 700)
            indicator.write(into: &writer)
            var empty: [String] = []
            if case .object(let members)? = try? JSONValue(parsing: writer.string) {
                // The document (named above), the sentence and the rules are shown once; empty fields by name.
                for (name, value) in members where !["doc", "sentence", "rules"].contains(name) {
                    if value.isNull { empty.append(name); continue }
                    out += "<dt>\(HTML.escape(name))</dt><dd>\(HTML.escape(Self.text(value)))</dd>"
                }
            }
            out += "</dl>\n"
            if !empty.isEmpty { out += "<p class=\"muted empty\">空 empty: \(HTML.escape(empty.joined(separator: ", ")))</p>\n" }
            out += "<p><a href=\"#at-\(HTML.identifier(indicator.id))\">↩ 回到原文 back to the text</a></p></section>\n"
        }
        out += "<p class=\"hint\">点击原文中的高亮数字查看详情。 Click a highlighted figure to see all its fields, the rule and the sentence.</p>\n"
        return out + "</aside>\n"
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return "—"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return s
        case .array(let items): return items.map(text).joined(separator: ", ")
        case .object(let members): return members.map { "\($0.0): \(text($0.1))" }.joined(separator: "; ")
        }
    }

    static func legend() -> String {
        var out = "<div class=\"legend\" aria-label=\"图例 Legend\"><span>颜色 Colours:</span>"
        for family in Assets.kindFamilies {
            out += "<span class=\"ind r-target f-\(family.family)\">\(HTML.escape(family.label))</span>"
        }
        out += "<span>· <span class=\"ind r-target f-share\">粗实线 目标 target</span> <span class=\"ind r-fact f-share\">点线 事实 fact</span></span></div>\n"
        return out
    }
}

extension Pages {
    func document(_ r: WebRequest, id: Int64) async throws -> WebResponse {
        var highlight: OriginalSpan?
        if let hl = r.param("hl") {
            let parts = hl.split(separator: "-").map { Int($0) }
            guard parts.count == 2, let s = parts[0], let e = parts[1], s >= 0, e >= s else {
                throw WebError.badRequest("hl takes START-END (Unicode scalar offsets), not '\(String(hl.prefix(40)))'")
            }
            highlight = OriginalSpan(start: s, end: e)
        }
        let stored = try await store.load(id: id)
        let record = stored.record
        let title = record.title ?? record.path
        let targets = stored.indicators.filter { $0.role == .target }.count
        var body = "<h1>\(HTML.escape(title))</h1>\n"
        var meta: [String] = []
        if !record.issuers.isEmpty { meta.append(HTML.escape(record.issuers.joined(separator: "、"))) }
        if let date = record.date { meta.append(HTML.escape(date)) }
        if let number = record.docNumber { meta.append(HTML.escape(number)) }
        if let level = record.level { meta.append(HTML.escape(Self.levelLabels[level] ?? level)) }
        meta.append(HTML.escape(Self.scriptLabels[record.script.rawValue] ?? record.script.rawValue))
        meta.append("\(targets) 目标 targets · \(stored.indicators.count - targets) 事实 facts")
        body += "<p class=\"meta\">\(meta.joined(separator: " · "))<br><span class=\"path\">#\(id) \(HTML.escape(record.path))</span></p>\n"
        body += "<div class=\"downloads\"><a class=\"button secondary\" href=\"/doc/\(id)/checklist\">清单 Checklist</a>"
        body += "<a class=\"button secondary\" href=\"/diff?child=\(id)\">与上级文件比对 Compare with a parent</a>"
        body += "<a class=\"button secondary\" href=\"/query?doc=\(id)\">查询本文指标 Query its indicators</a></div>\n"
        body += DocumentPage.legend()
        body += "<div class=\"doc-layout\">\n" + DocumentPage.outline(stored)
        body += "<article aria-label=\"原文 Original text\">\n"
        body += "<input type=\"checkbox\" id=\"show-noise\"><label class=\"noise-toggle\" for=\"show-noise\">显示噪声段落（\(stored.tree.noise.count)） Show noise blocks</label>\n"
        body += "<div class=\"text\" lang=\"\(record.script == .hant ? "zh-Hant" : "zh-Hans")\">"
        body += DocumentPage.render(stored, highlight: highlight, editable: editable)
        body += "</div>\n</article>\n"
        body += DocumentPage.panels(stored)
        body += "</div>\n"
        return .html(HTML.page(title: title, active: "library", editable: editable, body: body))
    }
}
