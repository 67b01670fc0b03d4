import ZhibiaoCore

/// The outline as JSON: the stable document model of `zhibiao outline --format json`.
///
/// Offsets are Unicode scalars of the original decoded text. See README, "Outline JSON".
public enum OutlineJSONRenderer {
    public static func render(_ document: NormalizedDocument, _ tree: DocumentTree) -> [UInt8] {
        var json = JSONWriter(capacity: 4096)
        json.beginObject()
        json.field("doc", document.source.path)
        json.key("source")
        source(document.source, into: &json)
        json.key("metadata")
        metadata(tree.metadata, into: &json)
        json.key("citations")
        json.beginArray()
        for citation in tree.citations {
            json.beginObject()
            json.field("title", citation.title)
            json.field("docNumber", citation.docNumber)
            json.field("start", citation.span.start)
            json.field("end", citation.span.end)
            json.field("verb", citation.verb)
            json.field("text", document.originalString(citation.span))
            json.endObject()
        }
        json.endArray()
        json.key("tables")
        json.beginArray()
        for (index, table) in document.tables.enumerated() {
            self.table(table, number: index + 1, into: &json)
        }
        json.endArray()
        json.key("nodes")
        json.beginArray()
        for node in tree.nodes {
            json.beginObject()
            json.field("path", node.path)
            json.field("level", node.level)
            json.field("kind", node.kind.rawValue)
            json.field("marker", node.marker)
            json.field("style", node.style)
            json.field("number", node.number)
            json.field("heading", node.heading)
            json.key("headingSpan")
            if let span = node.headingSpan { spanObject(span, into: &json) } else { json.null() }
            json.field("start", node.span.start)
            json.field("end", node.span.end)
            json.key("sentences")
            json.beginArray()
            for sentence in node.sentences { spanObject(sentence, into: &json) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("noise")
        json.beginArray()
        for block in tree.noise {
            json.beginObject()
            json.field("start", block.span.start)
            json.field("end", block.span.end)
            json.field("reason", block.reason.rawValue)
            json.field("text", document.originalString(block.span))
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.newline()
        return json.bytes
    }

    /// A table as the reader found it: every cell's span, and its place on the grid.
    static func table(_ table: SourceTable, number: Int, into json: inout JSONWriter) {
        let grid = TableGrid(table)
        json.beginObject()
        json.field("table", number)
        json.field("origin", table.origin.rawValue)
        json.field("start", table.span.start)
        json.field("end", table.span.end)
        json.key("caption")
        if let caption = table.caption { spanObject(caption, into: &json) } else { json.null() }
        json.field("columns", grid?.columnCount)
        json.key("rows")
        json.beginArray()
        for (r, row) in table.rows.enumerated() {
            json.beginObject()
            json.field("start", row.span.start)
            json.field("end", row.span.end)
            json.key("cells")
            json.beginArray()
            for (k, cell) in row.cells.enumerated() {
                json.beginObject()
                json.field("start", cell.span.start)
                json.field("end", cell.span.end)
                json.field("column", grid.map { $0.column(of: TableGrid.CellIndex(row: r, cell: k)) + 1 })
                json.field("rowSpan", cell.rowSpan)
                json.field("columnSpan", cell.columnSpan)
                if cell.header { json.field("header", true) }
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    static func source(_ source: SourceInfo, into json: inout JSONWriter) {
        json.beginObject()
        json.field("format", source.format.rawValue)
        json.field("encoding", source.encoding)
        json.field("encodingSource", source.encodingSource)
        json.field("script", source.script.rawValue)
        json.field("bytes", source.byteCount)
        json.field("sha256", source.sha256)
        json.endObject()
    }

    static func metadata(_ metadata: DocumentMetadata, into json: inout JSONWriter) {
        json.beginObject()
        func one(_ name: String, _ field: MetadataField?) {
            json.key(name)
            if let field { fieldObject(field, into: &json) } else { json.null() }
        }
        func many(_ name: String, _ fields: [MetadataField]) {
            json.key(name)
            json.beginArray()
            for field in fields { fieldObject(field, into: &json) }
            json.endArray()
        }
        one("title", metadata.title)
        many("issuers", metadata.issuers)
        one("docNumber", metadata.docNumber)
        many("addressees", metadata.addressees)
        one("date", metadata.date)
        one("published", metadata.published)
        one("modified", metadata.modified)
        many("attachments", metadata.attachments)
        one("period", metadata.period)
        json.endObject()
    }

    static func fieldObject(_ field: MetadataField, into json: inout JSONWriter) {
        json.beginObject()
        json.field("value", field.value)
        json.field("text", field.text)
        json.field("start", field.span.start)
        json.field("end", field.span.end)
        json.endObject()
    }

    static func spanObject(_ span: OriginalSpan, into json: inout JSONWriter) {
        json.beginObject()
        json.field("start", span.start)
        json.field("end", span.end)
        json.endObject()
    }
}
