import Foundation
import ZhibiaoAlign
import ZhibiaoCore

/// The diff as one JSON object (README, "zhibiao diff": JSON): `parent` and `children` (document
/// information as in the outline), and per child `summary`, `notes`, `pairs`, `parentOnly`,
/// `childOnly`, `coverage` and `localAdditions`; with one child those keys also at the top level.
///
/// Indicators are written exactly as the extract contract (``Indicator/write(into:)``); every
/// offset is in Unicode scalars of the original text of its own document.
public enum DiffJSONRenderer {
    public static func render(_ report: DiffReport) -> [UInt8] {
        var json = JSONWriter(capacity: 1 << 16)
        json.beginObject()
        json.key("parent")
        documentInfo(report.parent, into: &json)
        json.key("children")
        json.beginArray()
        for child in report.children {
            json.beginObject()
            documentFields(child.document, into: &json)
            childFields(report.parent, child, into: &json)
            json.endObject()
        }
        json.endArray()
        if report.children.count == 1, let child = report.children.first {
            childFields(report.parent, child, into: &json)
        }
        json.endObject()
        json.newline()
        return json.bytes
    }

    static func documentInfo(_ document: ExtractedDocument, into json: inout JSONWriter) {
        json.beginObject()
        documentFields(document, into: &json)
        json.endObject()
    }

    static func documentFields(_ document: ExtractedDocument, into json: inout JSONWriter) {
        json.field("doc", document.path)
        json.key("source")
        OutlineJSONRenderer.source(document.document.source, into: &json)
        json.key("metadata")
        OutlineJSONRenderer.metadata(document.tree.metadata, into: &json)
    }

    /// `x` with 4 decimals (scores in [0, 1]), without Foundation's formatter.
    static func number(_ x: Double) -> String { decimal(x, places: 4) }

    static func decimal(_ x: Double, places: Int) -> String {
        guard x.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((abs(x) * scale).rounded())
        let whole = scaled / Int64(scale), fraction = String(scaled % Int64(scale))
        return (x < 0 && scaled != 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    static func span(_ span: OriginalSpan, into json: inout JSONWriter) {
        json.beginObject()
        json.field("start", span.start)
        json.field("end", span.end)
        json.endObject()
    }

    static func childFields(_ parent: ExtractedDocument, _ child: DiffReport.Child, into json: inout JSONWriter) {
        let a = child.alignment
        let s = a.summary
        json.key("summary")
        json.beginObject()
        for (name, value) in [("parentTargets", s.parentTargets), ("adopted", s.adopted), ("equal", s.equal), ("stricter", s.stricter),
                              ("looser", s.looser), ("earlier", s.earlier), ("later", s.later), ("contributes", s.contributes),
                              ("differentMeasure", s.differentMeasure), ("missing", s.missing), ("childOnly", s.childOnly),
                              ("sections", s.sections), ("covered", s.covered)] {
            json.field(name, value)
        }
        json.key("coverage")
        json.number(literal: number(s.coverage))
        json.endObject()
        json.key("notes")
        json.beginArray()
        for note in a.notes { json.string(note) }
        json.endArray()
        json.key("pairs")
        json.beginArray()
        for pair in a.pairs {
            json.beginObject()
            json.key("parent")
            pair.parent.write(into: &json)
            json.key("child")
            pair.child.write(into: &json)
            json.field("verdict", pair.verdict.rawValue)
            json.key("verdicts")
            json.beginArray()
            for verdict in pair.verdicts { json.string(verdict.rawValue) }
            json.endArray()
            json.field("explanation", pair.explanation)
            json.key("score")
            json.number(literal: number(pair.score))
            json.key("share")
            if let share = pair.share { json.number(literal: decimal(share, places: 6)) } else { json.null() }
            json.endObject()
        }
        json.endArray()
        json.key("parentOnly")
        json.beginArray()
        for indicator in a.parentOnly { indicator.write(into: &json) }
        json.endArray()
        json.key("childOnly")
        json.beginArray()
        for indicator in a.childOnly { indicator.write(into: &json) }
        json.endArray()
        json.key("coverage")
        json.beginArray()
        for entry in a.coverage {
            json.beginObject()
            json.field("path", entry.section.path)
            json.field("heading", entry.section.heading)
            json.field("start", entry.section.span.start)
            json.field("end", entry.section.span.end)
            json.key("children")
            json.beginArray()
            for match in entry.matches {
                json.beginObject()
                json.field("path", match.section.path)
                json.field("heading", match.section.heading)
                json.key("score")
                json.number(literal: number(match.score))
                json.key("evidence")
                json.beginObject()
                json.key("parent")
                span(match.parentEvidence, into: &json)
                json.key("child")
                span(match.childEvidence, into: &json)
                json.endObject()
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("localAdditions")
        json.beginArray()
        for section in a.localAdditions {
            json.beginObject()
            json.field("path", section.path)
            json.field("heading", section.heading)
            json.field("start", section.span.start)
            json.field("end", section.span.end)
            json.endObject()
        }
        json.endArray()
    }
}
