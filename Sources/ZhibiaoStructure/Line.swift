import ZhibiaoCore

/// A non-empty line of the normalized text.
struct Line {
    /// The line without surrounding spaces, in the normalized text.
    var span: NormalizedSpan
    /// Page furniture flagged by the reader (HTML), or noise found by the noise filter.
    var noise: NoiseReason?
    /// Block kind from the reader (heading, table row …), if any.
    var kind: BlockKind?
    /// A section marker at the start, once accepted.
    var marker: Marker?

    /// Lines of `text`, with the reader's block information attached.
    static func lines(of document: NormalizedDocument) -> [Line] {
        let text = document.text
        var lines: [Line] = []
        var start = 0
        let n = text.count
        // Reader blocks in normalized coordinates, to label lines.
        var blocks = document.blocks.map { (span: document.map.normalizedSpan(of: $0.span), block: $0) }
        // Rows of tables found in plain text are table rows too (a row's 1. is no section marker).
        for table in document.tables where table.origin == .text {
            for row in table.rows {
                blocks.append((document.map.normalizedSpan(of: row.span), SourceBlock(span: row.span, kind: .tableRow)))
            }
        }
        if document.blocks.isEmpty { blocks.sort { $0.span.start < $1.span.start } }
        var blockIndex = 0
        while start <= n {
            var end = start
            while end < n && text[end] != "\n" { end += 1 }
            var a = start, b = end
            while a < b && (text[a] == " " || text[a] == "\t") { a += 1 }
            while b > a && (text[b - 1] == " " || text[b - 1] == "\t") { b -= 1 }
            if a < b {
                var line = Line(span: NormalizedSpan(start: a, end: b), noise: nil, kind: nil, marker: nil)
                while blockIndex < blocks.count && blocks[blockIndex].span.end <= a { blockIndex += 1 }
                if blockIndex < blocks.count && blocks[blockIndex].span.start <= a {
                    line.noise = blocks[blockIndex].block.boilerplate
                    line.kind = blocks[blockIndex].block.kind
                }
                lines.append(line)
            }
            start = end + 1
        }
        return lines
    }
}
