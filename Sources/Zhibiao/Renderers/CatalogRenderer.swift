import ZhibiaoCatalog
import ZhibiaoCore

/// The catalog's answers as tables and JSON Lines: indicators found by `query`, sentences found
/// by `search`, documents listed by `list`.
public enum CatalogRenderer {
    /// A document's name in a table: its title, else its path.
    static func name(_ d: DocumentReference) -> String { d.title ?? d.path }

    // MARK: Indicators

    /// The few columns a terminal shows.
    public static func indicatorSummary(_ hits: [IndicatorHit]) -> DataTable {
        DataTable(name: "indicators",
                  header: ["document", "section", "role", "metric", "cmp", "value", "unit", "year", "scope", "sentence"],
                  rows: hits.map { h in
                      let i = h.indicator
                      return [.text(name(h.document)), .text(i.section), .text(i.role.rawValue), DataTable.text(i.metric ?? i.action),
                              .text(i.comparator.rawValue), .number(i.value.description), .text(i.unit), DataTable.number(i.year),
                              DataTable.text(i.scope), .text(i.sentence)]
                  })
    }

    /// The document's columns, then every field of the contract (``IndicatorField``), numbers
    /// as numbers.
    public static func indicatorTable(_ hits: [IndicatorHit], name: String = "indicators") -> DataTable {
        let fields = IndicatorField.allCases
        return DataTable(name: name, header: ["title", "issuer", "level", "date"] + fields.map(\.rawValue), rows: hits.map { h in
            let d = h.document
            return [DataTable.text(d.title), DataTable.text(d.issuer), DataTable.text(d.level), DataTable.text(d.date)] + fields.map { field in
                switch field.value(of: h.indicator) {
                case .null: .empty
                case .int(let n): .number(String(n))
                case .decimal(let d): .number(d.description)
                case let other: DataTable.text(other.text)
                }
            }
        })
    }

    /// A workbook: every hit on the first sheet, then a sheet per document (up to 50 documents).
    public static func indicatorWorkbook(_ hits: [IndicatorHit]) -> [UInt8] {
        var tables = [indicatorTable(hits, name: "indicators")]
        let documents = grouped(hits, by: \.document)
        if documents.count > 1 && documents.count <= 50 {
            tables += documents.map { indicatorTable($0.1, name: name($0.0)) }
        }
        return XLSXWriter.workbook(tables)
    }

    /// The contract records, one per line: what `extract --format jsonl` prints.
    public static func indicatorLines(_ hits: [IndicatorHit]) -> [UInt8] {
        IndicatorJSONRenderer.jsonLines(hits.map(\.indicator))
    }

    /// A table per document (as `extract --format md`).
    public static func indicatorMarkdown(_ hits: [IndicatorHit]) -> String {
        grouped(hits, by: \.document).map { IndicatorTableRenderer.markdown(doc: name($0.0), $0.1.map(\.indicator)) }
            .joined(separator: "\n")
    }

    static func grouped<T>(_ items: [T], by key: (T) -> DocumentReference) -> [(DocumentReference, [T])] {
        var order: [DocumentReference] = []
        var groups: [Int64: [T]] = [:]
        for item in items {
            let d = key(item)
            if groups[d.id] == nil { order.append(d) }
            groups[d.id, default: []].append(item)
        }
        return order.map { ($0, groups[$0.id] ?? []) }
    }

    // MARK: Sentences

    public static func sentenceTable(_ hits: [SentenceHit], name: String = "sentences") -> DataTable {
        DataTable(name: name, header: ["document", "path", "section", "sentence", "start", "end", "text"], rows: hits.map { h in
            [.text(self.name(h.document)), .text(h.document.path), .text(h.section), .text(h.sentence),
             .number(String(h.span.start)), .number(String(h.span.end)), .text(h.text)]
        })
    }

    public static func sentenceSummary(_ hits: [SentenceHit]) -> DataTable {
        DataTable(name: "sentences", header: ["document", "section", "sentence"], rows: hits.map { h in
            [.text(name(h.document)), .text(h.section), .text(h.sentence)]
        })
    }

    public static func sentenceLines(_ hits: [SentenceHit]) -> [UInt8] {
        var json = JSONWriter(capacity: hits.count * 300)
        for h in hits {
            json.beginObject()
            json.field("doc", h.document.path)
            json.field("title", h.document.title)
            json.field("section", h.section)
            json.field("sentence", h.sentence)
            json.field("start", h.span.start)
            json.field("end", h.span.end)
            json.field("text", h.text)
            json.endObject()
            json.newline()
        }
        return json.bytes
    }

    public static func sentenceMarkdown(_ hits: [SentenceHit]) -> String {
        grouped(hits, by: \.document).map { document, hits in
            "## \(Markdown.cell(name(document)))\n\n" + hits.map { "- \(Markdown.cell($0.section.isEmpty ? "" : $0.section + " ")) \(Markdown.cell($0.sentence))\n" }.joined()
        }.joined(separator: "\n")
    }

    // MARK: Documents

    public static func documentTable(_ documents: [DocumentSummary]) -> DataTable {
        DataTable(name: "documents",
                  header: ["id", "title", "issuer", "level", "date", "indicators", "targets", "sentences", "script", "format", "bytes",
                           "path", "sha256", "ingested", "pipeline"],
                  rows: documents.map { d in
                      [.number(String(d.id)), DataTable.text(d.title), DataTable.text(d.issuer), DataTable.text(d.level), DataTable.text(d.date),
                       .number(String(d.indicators)), .number(String(d.targets)), .number(String(d.sentences)), .text(d.script.rawValue),
                       .text(d.format.rawValue), .number(String(d.byteCount)), .text(d.path), .text(d.sha256), .text(d.ingestedAt),
                       .text(d.pipeline)]
                  })
    }

    public static func documentSummary(_ documents: [DocumentSummary]) -> DataTable {
        DataTable(name: "documents", header: ["id", "indicators", "targets", "level", "date", "title", "path"], rows: documents.map { d in
            [.number(String(d.id)), .number(String(d.indicators)), .number(String(d.targets)), DataTable.text(d.level), DataTable.text(d.date),
             DataTable.text(d.title), .text(d.path)]
        })
    }

    public static func documentLines(_ documents: [DocumentSummary]) -> [UInt8] {
        var json = JSONWriter(capacity: documents.count * 400)
        for d in documents {
            json.beginObject()
            json.key("id"); json.number(literal: String(d.id))
            json.field("path", d.path); json.field("title", d.title); json.field("issuer", d.issuer); json.field("level", d.level)
            json.field("date", d.date); json.field("period", d.period); json.field("script", d.script.rawValue)
            json.field("format", d.format.rawValue); json.field("bytes", d.byteCount); json.field("sha256", d.sha256)
            json.field("sections", d.sections); json.field("sentences", d.sentences); json.field("indicators", d.indicators)
            json.field("targets", d.targets); json.field("ingested", d.ingestedAt); json.field("pipeline", d.pipeline)
            json.endObject()
            json.newline()
        }
        return json.bytes
    }
}
