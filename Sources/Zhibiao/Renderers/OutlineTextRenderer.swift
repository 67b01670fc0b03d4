import ZhibiaoCore

/// The outline as an indented tree for people, with the original span of every node.
///
///     title       余杭区区域承载能力…实施方案(2023-2027年)      [196..<239]
///     三 全面提升区域承载能力                                  [1200..<4100] section
///       (一) 实施产业平台集聚能力提升行动                      [1210..<2000] section
///         1 提升产业平台功能                                   [1230..<1400] task, 4 sentences
public enum OutlineTextRenderer {
    public static func render(_ document: NormalizedDocument, _ tree: DocumentTree) -> String {
        var out = ""
        let metadata = tree.metadata
        func line(_ label: String, _ fields: [MetadataField]) {
            guard !fields.isEmpty else { return }
            let values = fields.map { $0.value == $0.text ? $0.value : "\($0.value) (\($0.text))" }.joined(separator: " | ")
            let spans = fields.map { "[\($0.span)]" }.joined(separator: " ")
            out += pad(label, 12) + values + "  " + spans + "\n"
        }
        line("title", metadata.title.map { [$0] } ?? [])
        line("issuers", metadata.issuers)
        line("docNumber", metadata.docNumber.map { [$0] } ?? [])
        line("addressees", metadata.addressees)
        line("date", metadata.date.map { [$0] } ?? [])
        line("published", metadata.published.map { [$0] } ?? [])
        line("modified", metadata.modified.map { [$0] } ?? [])
        line("attachments", metadata.attachments)
        line("period", metadata.period.map { [$0] } ?? [])
        if !out.isEmpty { out += "\n" }
        for node in tree.nodes where node.level > 0 {
            let indent = String(repeating: "  ", count: node.level - 1)
            let label = indent + (node.marker ?? "") + (node.heading.map { " " + $0 } ?? "")
            var detail = "[\(node.span)] \(node.kind.rawValue)"
            if !node.sentences.isEmpty { detail += ", \(node.sentences.count) sentence\(node.sentences.count == 1 ? "" : "s")" }
            out += pad(label, 40) + "  " + detail + "\n"
        }
        if !tree.citations.isEmpty {
            out += "\ncitations\n"
            for citation in tree.citations {
                let what = [citation.verb, citation.title.map { "《\($0)》" }, citation.docNumber].compactMap { $0 }.joined(separator: " ")
                out += "  " + pad(what, 40) + "  [\(citation.span)]\n"
            }
        }
        if !document.tables.isEmpty {
            out += "\ntables\n"
            for (index, table) in document.tables.enumerated() {
                let columns = TableGrid(table).map { "\($0.columnCount)" } ?? "?"
                out += "  " + pad("table \(index + 1) (\(table.origin.rawValue))", 22) + "[\(table.span)] \(table.rows.count) rows × \(columns) columns\n"
            }
        }
        let root = tree.nodes.first { $0.level == 0 }
        if let root, !root.sentences.isEmpty {
            out += "\n(outside sections: \(root.sentences.count) sentence\(root.sentences.count == 1 ? "" : "s"))\n"
        }
        if !tree.noise.isEmpty {
            out += "\nnoise\n"
            for block in tree.noise {
                var text = document.originalString(block.span).replacingNewlines()
                if text.count > 40 { text = String(text.prefix(40)) + "…" }
                out += "  " + pad(block.reason.rawValue, 22) + "[\(block.span)] " + text + "\n"
            }
        }
        return out
    }

    /// Pads to a display width, counting CJK characters as two columns.
    static func pad(_ text: String, _ width: Int) -> String {
        let columns = text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic || ($1.value >= 0x3000 && $1.value < 0xFF60) ? 2 : 1) }
        return columns >= width ? text + " " : text + String(repeating: " ", count: width - columns)
    }
}

extension String {
    func replacingNewlines() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
    }
}
