import ZhibiaoAlign
import ZhibiaoCore

/// The diff as Markdown, for a terminal or a report: a summary, the gaps first, the indicator
/// pairs with their verdicts, the task coverage with its evidence, the local additions.
public enum DiffMarkdownRenderer {
    /// Evidence sentences are cut to this many characters.
    static let evidenceLimit = 60

    public static func render(_ report: DiffReport) -> String {
        var out = "# 指标 diff: \(Markdown.cell(DiffReport.title(report.parent)))\n\n"
        out += "Parent: \(describe(report.parent))\n\n"
        if report.children.count == 1, let child = report.children.first {
            out += "Child: \(describe(child.document))\n\n"
            out += summaryTable([child])
            out += body(report.parent, child, level: "##")
        } else {
            out += "Children: \(report.children.count)\n\n"
            out += summaryTable(report.children)
            for (k, child) in report.children.enumerated() {
                out += "\n## \(k + 1). \(Markdown.cell(DiffReport.title(child.document)))\n\n"
                out += "Child: \(describe(child.document))\n\n"
                out += body(report.parent, child, level: "###")
            }
        }
        return out
    }

    static func describe(_ document: ExtractedDocument) -> String {
        var parts = ["**\(Markdown.cell(DiffReport.title(document)))**", "`\(document.path)`"]
        if let date = document.tree.metadata.date?.value { parts.append(date) }
        if let issuer = document.tree.metadata.issuers.first?.value { parts.append(Markdown.cell(issuer)) }
        parts.append("\(document.targets.count) targets, \(document.tree.sections.count) sections and tasks")
        return parts.joined(separator: " · ")
    }

    static func summaryTable(_ children: [DiffReport.Child]) -> String {
        var out = Markdown.row(["child", "parent targets", "adopted", "equal", "stricter", "looser", "later", "contributes",
                                "other measure", "missing", "child only", "task coverage"])
        out += "|" + String(repeating: " --- |", count: 12) + "\n"
        for child in children {
            let s = child.alignment.summary
            out += Markdown.row([DiffReport.title(child.document), "\(s.parentTargets)", "\(s.adopted)", "\(s.equal)", "\(s.stricter)",
                                 "\(s.looser)", "\(s.later)", "\(s.contributes)", "\(s.differentMeasure)", "\(s.missing)",
                                 "\(s.childOnly)", "\(percent(s.coverage)) (\(s.covered)/\(s.sections))"])
        }
        return out + "\n"
    }

    static func percent(_ x: Double) -> String { String(Int((x * 100).rounded())) + "%" }

    /// `≥20% (2025)` with the metric.
    static func figure(_ i: Indicator) -> String { VerdictJudge.figure(i) }

    static func label(_ i: Indicator) -> String {
        let metric = i.metric ?? "—"
        return "\(metric) \(figure(i))" + (i.section.isEmpty ? "" : " [\(i.section)]")
    }

    static func body(_ parent: ExtractedDocument, _ child: DiffReport.Child, level h: String) -> String {
        let a = child.alignment
        var out = ""
        for note in a.notes { out += "> Note: \(Markdown.cell(note)).\n" }
        if !a.notes.isEmpty { out += "\n" }

        out += "\(h) Gaps: parent targets the child does not take up (\(a.parentOnly.count))\n\n"
        if a.parentOnly.isEmpty {
            out += "None.\n\n"
        } else {
            out += Markdown.row(["section", "metric", "target", "sentence"]) + "| --- | --- | --- | --- |\n"
            for i in a.parentOnly {
                out += "| \(Markdown.cell(i.section)) | \(Markdown.cell(i.metric ?? "—")) | \(Markdown.cell(figure(i))) | \(Markdown.sentence(i)) |\n"
            }
            out += "\n"
        }
        let gaps = a.coverage.filter(\.isGap)
        out += "\(h) Gaps: parent sections and tasks nothing in the child addresses (\(gaps.count) of \(a.coverage.count))\n\n"
        if gaps.isEmpty {
            out += "None.\n\n"
        } else {
            for entry in gaps { out += "- \(Markdown.cell(entry.section.path)) \(Markdown.cell(DiffReport.label(parent, entry.section)))\n" }
            out += "\n"
        }

        out += "\(h) Indicator pairs (\(a.pairs.count))\n\n"
        if a.pairs.isEmpty {
            out += "None.\n\n"
        } else {
            out += Markdown.row(["verdict", "parent", "child", "explanation", "score"]) + "| --- | --- | --- | --- | --- |\n"
            for pair in a.pairs {
                out += Markdown.row([pair.verdicts.map(\.rawValue).joined(separator: ", "), label(pair.parent), label(pair.child),
                                     pair.explanation, String(format: "%.2f", pair.score)])
            }
            out += "\n"
        }

        out += "\(h) Task coverage\n\n"
        out += "Each parent section and task, with the child sections that address it (score in [0, 1]: the share of the parent text with a close counterpart) and the best pair of sentences.\n\n"
        out += Markdown.row(["parent", "child", "score", "parent sentence", "child sentence"]) + "| --- | --- | --- | --- | --- |\n"
        for entry in a.coverage {
            let name = "\(entry.section.path) \(DiffReport.label(parent, entry.section))"
            if entry.matches.isEmpty {
                out += Markdown.row([name, "— (no match)", "", "", ""])
                continue
            }
            for (k, match) in entry.matches.enumerated() {
                out += Markdown.row([k == 0 ? name : "", "\(match.section.path) \(DiffReport.label(child.document, match.section))", String(format: "%.2f", match.score),
                                     DiffReport.text(parent, match.parentEvidence, limit: evidenceLimit),
                                     DiffReport.text(child.document, match.childEvidence, limit: evidenceLimit)])
            }
        }
        out += "\n"

        out += "\(h) Local additions: child sections no parent text addresses (\(a.localAdditions.count))\n\n"
        if a.localAdditions.isEmpty {
            out += "None.\n\n"
        } else {
            for section in a.localAdditions { out += "- \(Markdown.cell(section.path)) \(Markdown.cell(DiffReport.label(child.document, section)))\n" }
            out += "\n"
        }

        out += "\(h) Child targets with no parent counterpart (\(a.childOnly.count))\n\n"
        if a.childOnly.isEmpty {
            out += "None.\n"
        } else {
            out += Markdown.row(["section", "metric", "target", "sentence"]) + "| --- | --- | --- | --- |\n"
            for i in a.childOnly {
                out += "| \(Markdown.cell(i.section)) | \(Markdown.cell(i.metric ?? "—")) | \(Markdown.cell(figure(i))) | \(Markdown.sentence(i)) |\n"
            }
        }
        return out
    }
}
