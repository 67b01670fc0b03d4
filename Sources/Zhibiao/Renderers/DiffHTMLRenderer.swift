import ZhibiaoAlign
import ZhibiaoCore

/// The diff as one self-contained HTML page (no external resource: styles inline, no script,
/// no font or image to fetch): a legend, then for each child the gaps first, the target pairs
/// with coloured verdicts, the task coverage, the local additions, and both documents side by
/// side with the matched figures and evidence sentences highlighted and linked both ways.
///
/// Readable at 1280 px; printable (the panes lose their scroll bars and run in full).
public enum DiffHTMLRenderer {
    public static func render(_ report: DiffReport) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="zh-Hans">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>指标 diff: \(escape(DiffReport.title(report.parent)))</title>
            <style>\(css)</style>
            </head>
            <body>
            <header>
            <h1>指标 diff <span class="sub">does the child plan implement what its parent asked?</span></h1>

            """
        out += "<p class=\"doc-line\"><span class=\"role\">Parent</span> \(documentLine(report.parent))</p>\n"
        if report.children.count == 1, let child = report.children.first {
            out += "<p class=\"doc-line\"><span class=\"role\">Child</span> \(documentLine(child.document))</p>\n"
        }
        out += legend
        out += summaryTable(report)
        out += "</header>\n<main>\n"
        for (k, child) in report.children.enumerated() {
            out += childSection(report.parent, child, number: k + 1, of: report.children.count)
        }
        out += "</main>\n<footer>Made by zhibiao diff. Offsets are Unicode scalars of each document's original text; figures are compared in base units.</footer>\n</body>\n</html>\n"
        return out
    }

    // MARK: Pieces

    static let css = """
        :root { --ink: #1d2330; --muted: #5b6475; --line: #d6dae3; --paper: #ffffff; --soft: #f5f6f9;
          --equal: #2e7d32; --equal-bg: #e4f4e5; --stricter: #1559b8; --stricter-bg: #e2ecfb;
          --looser: #c2261f; --looser-bg: #fde3e1; --earlier: #00796b; --earlier-bg: #dcf3ef;
          --later: #c25a00; --later-bg: #ffeccf; --other: #6a1b9a; --other-bg: #f1e4f8;
          --contributes: #00707d; --contributes-bg: #d9f1f4; --gap: #b71c1c; --gap-bg: #ffe8e8;
          --childonly: #555c66; --childonly-bg: #eceef1; --evidence-bg: #fff6cc; }
        * { box-sizing: border-box; }
        html { font-size: 15px; }
        body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.55;
          font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif; }
        header, main, footer { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
        header { padding-top: 18px; }
        h1 { font-size: 1.6rem; margin: 0 0 8px; }
        h1 .sub { font-size: 0.95rem; font-weight: normal; color: var(--muted); margin-left: 8px; }
        h2 { font-size: 1.3rem; margin: 28px 0 8px; padding-top: 10px; border-top: 2px solid var(--ink); }
        h3 { font-size: 1.08rem; margin: 22px 0 6px; }
        p { margin: 4px 0; }
        .doc-line .role, .role { display: inline-block; min-width: 3.6em; font-weight: bold; color: var(--muted); }
        .path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; color: var(--muted); }
        .note { background: var(--soft); border-left: 4px solid var(--later); padding: 4px 10px; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 10px 0; padding: 8px 10px; background: var(--soft);
          border: 1px solid var(--line); border-radius: 6px; font-size: 0.9rem; }
        .legend span.item { white-space: nowrap; }
        table { width: 100%; border-collapse: collapse; margin: 6px 0 10px; font-size: 0.9rem; table-layout: fixed; }
        th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
        th { background: var(--soft); font-weight: 600; }
        td.num, th.num { text-align: right; width: 5.2em; }
        table.summary th.num { width: 6.6em; font-size: 0.82rem; overflow-wrap: normal; }
        tr { break-inside: avoid; }
        .badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 0.82rem; font-weight: 600; margin: 1px 2px 1px 0; white-space: nowrap; }
        .v-equal { color: var(--equal); background: var(--equal-bg); }
        .v-stricter { color: var(--stricter); background: var(--stricter-bg); }
        .v-looser { color: var(--looser); background: var(--looser-bg); }
        .v-earlier { color: var(--earlier); background: var(--earlier-bg); }
        .v-later { color: var(--later); background: var(--later-bg); }
        .v-different-measure { color: var(--other); background: var(--other-bg); }
        .v-contributes { color: var(--contributes); background: var(--contributes-bg); }
        .v-gap { color: var(--gap); background: var(--gap-bg); }
        .v-child-only { color: var(--childonly); background: var(--childonly-bg); }
        .ev-swatch { background: var(--evidence-bg); padding: 0 6px; border-radius: 4px; }
        a { color: inherit; }
        ul.gaps { margin: 4px 0 8px; padding-left: 1.4em; }
        .sxs { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; margin-top: 8px; }
        .pane { border: 1px solid var(--line); border-radius: 6px; background: var(--paper); min-width: 0; }
        .pane h4 { margin: 0; padding: 6px 10px; font-size: 0.95rem; background: var(--soft); border-bottom: 1px solid var(--line);
          border-radius: 6px 6px 0 0; overflow-wrap: anywhere; }
        .text { margin: 0; padding: 8px 12px; max-height: 78vh; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere;
          font-family: inherit; font-size: 0.95rem; line-height: 1.7; }
        .text .ev { background: var(--evidence-bg); border-bottom: 1px dotted #b59a00; }
        .text a.to { text-decoration: none; color: #8a6d00; font-size: 0.8em; margin-right: 2px; }
        .text a { text-decoration: none; }
        .text mark { padding: 0 2px; border-radius: 3px; font-weight: 600; text-decoration: none; }
        .text mark.v-gap { outline: 1px dashed var(--gap); }
        :target { outline: 3px solid #f2a900; outline-offset: 1px; }
        .text .sec { scroll-margin-top: 8px; }
        footer { color: var(--muted); font-size: 0.82rem; padding: 24px 20px 30px; }
        @media (max-width: 900px) { .sxs { grid-template-columns: 1fr; } }
        @page { size: A4 landscape; margin: 12mm; }
        @media print {
          html { font-size: 10.5pt; }
          header, main, footer { max-width: none; padding: 0; }
          .sxs { grid-template-columns: 1fr 1fr; gap: 8px; }
          .text { max-height: none; overflow: visible; font-size: 9.5pt; line-height: 1.55; padding: 4px 6px; }
          h2 { break-before: page; }
          h2.first { break-before: auto; }
          a { text-decoration: none; }
          :target { outline: none; }
        }
        """

    static let verdictHelp: [(String, String)] = [
        ("equal", "the same figure"), ("stricter", "more demanding"), ("looser", "less demanding"),
        ("earlier", "due earlier"), ("later", "due later"), ("different-measure", "same subject, other measure"),
        ("contributes", "a share of an additive total"),
    ]

    static var legend: String {
        var out = "<div class=\"legend\" role=\"note\"><strong>Legend</strong>"
        for (verdict, help) in verdictHelp {
            out += "<span class=\"item\"><span class=\"badge v-\(verdict)\">\(verdict)</span> \(help)</span>"
        }
        out += "<span class=\"item\"><span class=\"badge v-gap\">gap</span> parent target or task the child does not take up</span>"
        out += "<span class=\"item\"><span class=\"badge v-child-only\">child only</span> child target with no parent counterpart</span>"
        out += "<span class=\"item\"><span class=\"ev-swatch\">⇄ evidence</span> best sentence pair of a matched task (⇄ jumps to the other)</span>"
        return out + "</div>\n"
    }

    static func documentLine(_ document: ExtractedDocument) -> String {
        var parts = ["<strong>\(escape(DiffReport.title(document)))</strong>", "<span class=\"path\">\(escape(document.path))</span>"]
        if let date = document.tree.metadata.date?.value { parts.append(escape(date)) }
        if let issuer = document.tree.metadata.issuers.first?.value { parts.append(escape(issuer)) }
        parts.append("\(document.targets.count) targets, \(document.tree.sections.count) sections and tasks")
        return parts.joined(separator: " · ")
    }

    static func summaryTable(_ report: DiffReport) -> String {
        var out = "<table class=\"summary\"><thead><tr><th style=\"width:28%\">child</th>"
        for name in ["parent targets", "adopted", "equal", "stricter", "looser", "later", "contributes", "other measure", "missing", "child only", "task coverage"] {
            out += "<th class=\"num\">\(name)</th>"
        }
        out += "</tr></thead><tbody>\n"
        for (k, child) in report.children.enumerated() {
            let s = child.alignment.summary
            out += "<tr><td><a href=\"#child-\(k + 1)\">\(escape(DiffReport.title(child.document)))</a></td>"
            for value in [s.parentTargets, s.adopted, s.equal, s.stricter, s.looser, s.later, s.contributes, s.differentMeasure, s.missing, s.childOnly] {
                out += "<td class=\"num\">\(value)</td>"
            }
            out += "<td class=\"num\">\(Int((s.coverage * 100).rounded()))% (\(s.covered)/\(s.sections))</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    static func badges(_ verdicts: [Verdict]) -> String {
        verdicts.map { "<span class=\"badge v-\($0.rawValue)\">\($0.rawValue)</span>" }.joined()
    }

    /// Anchors: `k{child}-p{start}` / `k{child}-c{start}` for figures, `k{child}-pe{start}` /
    /// `k{child}-ce{start}` for evidence sentences, `k{child}-pn{node}` / `k{child}-cn{node}` for sections.
    static func childSection(_ parent: ExtractedDocument, _ child: DiffReport.Child, number k: Int, of count: Int) -> String {
        let a = child.alignment
        var out = "<section class=\"child\" id=\"child-\(k)\">\n"
        out += "<h2\(k == 1 ? " class=\"first\"" : "")>\(count > 1 ? "\(k). " : "")\(escape(DiffReport.title(child.document)))</h2>\n"
        if count > 1 { out += "<p class=\"doc-line\"><span class=\"role\">Child</span> \(documentLine(child.document))</p>\n" }
        for note in a.notes { out += "<p class=\"note\">Note: \(escape(note)).</p>\n" }
        let parentNodes = Dictionary(parent.tree.nodes.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
        let childNodes = Dictionary(child.document.tree.nodes.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })

        // Gaps first.
        out += "<h3>Gaps</h3>\n"
        out += "<p><span class=\"badge v-gap\">gap</span> Parent targets the child does not take up: \(a.parentOnly.count)</p>\n"
        if !a.parentOnly.isEmpty {
            out += "<table><thead><tr><th style=\"width:9%\">section</th><th style=\"width:22%\">metric</th><th style=\"width:14%\">target</th><th>sentence</th></tr></thead><tbody>\n"
            for i in a.parentOnly {
                out += "<tr><td>\(escape(i.section))</td><td>\(escape(i.metric ?? "—"))</td><td><a href=\"#k\(k)-p\(i.span.start)\">\(escape(VerdictJudge.figure(i)))</a></td><td>\(escape(i.sentence))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        let gaps = a.coverage.filter(\.isGap)
        out += "<p><span class=\"badge v-gap\">gap</span> Parent sections and tasks nothing in the child addresses: \(gaps.count) of \(a.coverage.count)</p>\n"
        if !gaps.isEmpty {
            out += "<ul class=\"gaps\">"
            for entry in gaps {
                let anchor = parentNodes[entry.section.path].map { "#k\(k)-pn\($0)" } ?? "#"
                out += "<li><a href=\"\(anchor)\">\(escape(entry.section.path)) \(escape(DiffReport.label(parent, entry.section)))</a></li>"
            }
            out += "</ul>\n"
        }

        // Pairs.
        out += "<h3>Target pairs (\(a.pairs.count))</h3>\n"
        if a.pairs.isEmpty {
            out += "<p>None.</p>\n"
        } else {
            out += "<table><thead><tr><th style=\"width:13%\">verdict</th><th style=\"width:22%\">parent</th><th style=\"width:22%\">child</th><th>explanation</th><th class=\"num\">score</th></tr></thead><tbody>\n"
            for pair in a.pairs {
                out += "<tr><td>\(badges(pair.verdicts))</td>"
                out += "<td><a href=\"#k\(k)-p\(pair.parent.span.start)\">\(escape(VerdictJudge.figure(pair.parent)))</a><br>\(escape(pair.parent.metric ?? "—")) <span class=\"path\">\(escape(pair.parent.section))</span></td>"
                out += "<td><a href=\"#k\(k)-c\(pair.child.span.start)\">\(escape(VerdictJudge.figure(pair.child)))</a><br>\(escape(pair.child.metric ?? "—")) <span class=\"path\">\(escape(pair.child.section))</span></td>"
                out += "<td>\(escape(pair.explanation))</td><td class=\"num\">\(format(pair.score))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }

        // Coverage.
        out += "<h3>Task coverage (\(a.coverage.count - gaps.count) of \(a.coverage.count) parent sections and tasks addressed)</h3>\n"
        out += "<p>Score: the share of the parent text with a close counterpart in the child section (0–1); the best sentence pair is the evidence.</p>\n"
        out += "<table><thead><tr><th style=\"width:20%\">parent</th><th style=\"width:20%\">child</th><th class=\"num\">score</th><th>evidence (parent ⟷ child)</th></tr></thead><tbody>\n"
        for entry in a.coverage {
            let parentAnchor = parentNodes[entry.section.path].map { "#k\(k)-pn\($0)" } ?? "#"
            let name = "<a href=\"\(parentAnchor)\">\(escape(entry.section.path)) \(escape(DiffReport.label(parent, entry.section)))</a>"
            if entry.matches.isEmpty {
                out += "<tr><td>\(name)</td><td><span class=\"badge v-gap\">no match</span></td><td class=\"num\"></td><td></td></tr>\n"
                continue
            }
            for (m, match) in entry.matches.enumerated() {
                let childAnchor = childNodes[match.section.path].map { "#k\(k)-cn\($0)" } ?? "#"
                out += "<tr>"
                if m == 0 { out += "<td rowspan=\"\(entry.matches.count)\">\(name)</td>" }
                out += "<td><a href=\"\(childAnchor)\">\(escape(match.section.path)) \(escape(DiffReport.label(child.document, match.section)))</a></td>"
                out += "<td class=\"num\">\(format(match.score))</td>"
                out += "<td><a href=\"#k\(k)-pe\(match.parentEvidence.start)\">\(escape(DiffReport.text(parent, match.parentEvidence, limit: 50)))</a> ⟷ "
                out += "<a href=\"#k\(k)-ce\(match.childEvidence.start)\">\(escape(DiffReport.text(child.document, match.childEvidence, limit: 50)))</a></td></tr>\n"
            }
        }
        out += "</tbody></table>\n"

        out += "<h3>Local additions: child sections no parent text addresses (\(a.localAdditions.count))</h3>\n"
        if a.localAdditions.isEmpty {
            out += "<p>None.</p>\n"
        } else {
            out += "<ul class=\"gaps\">"
            for section in a.localAdditions {
                let anchor = childNodes[section.path].map { "#k\(k)-cn\($0)" } ?? "#"
                out += "<li><a href=\"\(anchor)\">\(escape(section.path)) \(escape(DiffReport.label(child.document, section)))</a></li>"
            }
            out += "</ul>\n"
        }
        out += "<p><span class=\"badge v-child-only\">child only</span> Child targets with no parent counterpart: \(a.childOnly.count) (marked grey in the text below).</p>\n"

        // Side by side.
        out += "<h3>Side by side</h3>\n<div class=\"sxs\">\n"
        out += pane(parent, side: "p", other: "c", k: k, child: child, role: "Parent")
        out += pane(child.document, side: "c", other: "p", k: k, child: child, role: "Child")
        out += "</div>\n</section>\n"
        return out
    }

    /// One document's text with its figures and evidence sentences marked and linked.
    static func pane(_ document: ExtractedDocument, side: String, other: String, k: Int, child: DiffReport.Child, role: String) -> String {
        let a = child.alignment
        let isParent = side == "p"
        // Figures: verdict class, link to the counterpart, tooltip.
        var marks: [Int: (span: OriginalSpan, cls: String, href: String?, title: String)] = [:]
        for pair in a.pairs {
            let mine = isParent ? pair.parent : pair.child, theirs = isParent ? pair.child : pair.parent
            if marks[mine.span.start] != nil {
                marks[mine.span.start]!.title += "\n" + pair.explanation
                continue
            }
            marks[mine.span.start] = (mine.span, "v-\(pair.verdict.rawValue)", "#k\(k)-\(other)\(theirs.span.start)", pair.explanation)
        }
        for i in isParent ? a.parentOnly : a.childOnly where marks[i.span.start] == nil {
            marks[i.span.start] = (i.span, isParent ? "v-gap" : "v-child-only", nil,
                                   isParent ? "gap: the child does not take up this target" : "child only: no parent counterpart")
        }
        // Evidence sentences, linked to their counterpart.
        var evidence: [Int: (span: OriginalSpan, href: String)] = [:]
        for entry in a.coverage {
            for match in entry.matches {
                let mine = isParent ? match.parentEvidence : match.childEvidence
                let theirs = isParent ? match.childEvidence : match.parentEvidence
                if evidence[mine.start] == nil { evidence[mine.start] = (mine, "#k\(k)-\(other)e\(theirs.start)") }
            }
        }
        // Section anchors at node starts.
        var anchors: [Int: [Int]] = [:]
        for (n, node) in document.tree.nodes.enumerated() where node.level > 0 {
            anchors[node.markerSpan?.start ?? node.span.start, default: []].append(n)
        }

        let original = document.document.original
        let outer = evidence.values.sorted { $0.span.start < $1.span.start }
        var inner = marks.values.sorted { $0.span.start < $1.span.start }
        // Figures must not cross an evidence sentence's edge; drop overlapping figures.
        var kept: [(span: OriginalSpan, cls: String, href: String?, title: String)] = []
        for mark in inner where mark.span.end <= original.count && !mark.span.isEmpty {
            if let last = kept.last, last.span.end > mark.span.start { continue }
            if outer.contains(where: { $0.span.overlaps(mark.span) && !$0.span.contains(mark.span) }) { continue }
            kept.append(mark)
        }
        inner = kept
        var outerKept: [(span: OriginalSpan, href: String)] = []
        for sentence in outer where sentence.span.end <= original.count {
            if let last = outerKept.last, last.span.end > sentence.span.start { continue }
            outerKept.append(sentence)
        }

        var html = "<div class=\"pane\"><h4>\(role): \(escape(DiffReport.title(document)))</h4><div class=\"text\" lang=\"zh\">"
        var opens: [Int: [String]] = [:], closes: [Int: [String]] = [:]
        for sentence in outerKept {
            // The sentence is a target; a small arrow before it links to its counterpart, so that
            // figures inside it can be links of their own.
            opens[sentence.span.start, default: []].append(
                "<span class=\"ev\" id=\"k\(k)-\(side)e\(sentence.span.start)\"><a class=\"to\" href=\"\(sentence.href)\" title=\"to the matching sentence\">⇄</a>")
            closes[sentence.span.end, default: []].insert("</span>", at: 0)
        }
        for mark in inner {
            let tag = mark.href != nil ? "a" : "mark"
            let href = tag == "a" ? " href=\"\(mark.href!)\"" : ""
            let open = tag == "a"
                ? "<a\(href) id=\"k\(k)-\(side)\(mark.span.start)\" title=\"\(escape(mark.title))\"><mark class=\"\(mark.cls)\">"
                : "<mark class=\"\(mark.cls)\" id=\"k\(k)-\(side)\(mark.span.start)\" title=\"\(escape(mark.title))\">"
            opens[mark.span.start, default: []].append(open)
            closes[mark.span.end, default: []].insert(tag == "a" ? "</mark></a>" : "</mark>", at: 0)
        }
        var run = String.UnicodeScalarView()
        func flush() {
            if !run.isEmpty { html += escape(String(run)); run.removeAll() }
        }
        for offset in 0...original.count {
            if closes[offset] != nil || opens[offset] != nil || anchors[offset] != nil { flush() }
            for tag in closes[offset] ?? [] { html += tag }
            for n in anchors[offset] ?? [] { html += "<span class=\"sec\" id=\"k\(k)-\(side)n\(n)\"></span>" }
            for tag in opens[offset] ?? [] { html += tag }
            if offset < original.count { run.append(original[offset]) }
        }
        flush()
        html += "</div></div>\n"
        return html
    }

    static func format(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    static func escape(_ text: String) -> String { HTMLEscaper.escape(text) }
}
