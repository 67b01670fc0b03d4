import ZhibiaoCore
import ZhibiaoText

/// Builds the document tree of a normalized document: metadata, sections, tasks and articles
/// with their sentences, and the noise taken out of the body.
///
/// Levels come from markers (一、 (一) 1. (1) ① 第一章 第一条 …). A marker style already open is
/// a sibling; a new style nests under the open ones, except that styles the usual hierarchy
/// puts lower are closed first (after "1." tasks, "(二)" closes them). So skipped levels,
/// numbering that restarts in every section and numbering that runs on across sections all
/// work. A marker whose number does not continue its list (a "3." after "1.") is text, not a
/// marker: a list inside a sentence or a paragraph that happens to start with a number.
public struct Segmenter: Sendable {
    public let lexicon: StructureLexicon
    private let breaker = SentenceBreaker()
    private let noiseFilter: NoiseFilter
    /// Longest heading, in scalars; a longer first sentence is body text.
    public var maxHeadingLength = 60

    public init(lexicon: StructureLexicon) {
        self.lexicon = lexicon
        self.noiseFilter = NoiseFilter(lexicon: lexicon)
    }

    public func segment(_ document: NormalizedDocument) -> DocumentTree {
        let text = document.text
        var lines = Line.lines(of: document)
        // Numbering inside a table's cells or a quotation is the cell's or the quotation's,
        // never a section: 1.…2.… inside a cell of an attachment's table.
        let insideTable = Self.tableCellLines(lines, text: text)
        let insideQuotation = Self.quotedLines(lines, text: text)
        var afterBareAttachment = false
        for index in lines.indices where lines[index].noise == nil && !text[lines[index].span.range].contains("\t") {
            let bare = afterBareAttachment
            afterBareAttachment = false
            // An attachment may open inside a table's caption row (附件1 …), as a page lays it out.
            if let attachment = AttachmentLexer.marker(in: text, line: lines[index].span) {
                // 附件2⏎名词解释: the second line is the first one's title, not another attachment.
                if bare { continue }
                lines[index].marker = attachment
                afterBareAttachment = attachment.length == lines[index].span.end - lines[index].span.start
            } else if lines[index].kind != .tableRow && !insideTable[index] && !insideQuotation[index] {
                lines[index].marker = MarkerLexer.marker(in: text, line: lines[index].span)
            }
        }
        noiseFilter.classify(&lines, text: text)
        for index in lines.indices where lines[index].noise != nil { lines[index].marker = nil }
        Self.unmarkEnumerations(&lines, text: text)
        acceptMarkers(&lines)

        let extractor = MetadataExtractor(lexicon: lexicon, document: document, lines: lines)
        let metadata = extractor.extract()
        let closing = closingLines(lines, metadata: metadata, document: document)
        let nodes = buildNodes(lines, closing: closing, document: document, title: metadata.title)
        let citations = CitationExtractor(lexicon: lexicon, document: document, lines: lines, metadata: metadata).citations()
        return DocumentTree(metadata: metadata, nodes: nodes, noise: noiseBlocks(lines, document: document), citations: citations)
    }

    // MARK: Markers

    /// Lines without a tab between lines of a table (at most `maxCellLines` apart): the
    /// continuation of a cell whose text breaks across lines.
    static let maxCellLines = 8

    static func tableCellLines(_ lines: [Line], text: [Unicode.Scalar]) -> [Bool] {
        var result = [Bool](repeating: false, count: lines.count)
        let isRow = lines.map { $0.kind == .tableRow || text[$0.span.range].contains("\t") }
        var lastRow: Int?
        for index in lines.indices where isRow[index] {
            if let last = lastRow, index - last > 1, index - last <= maxCellLines + 1 {
                for k in (last + 1)..<index { result[k] = true }
            }
            lastRow = index
        }
        return result
    }

    /// Lines that start inside a quotation opened on an earlier line (“…⏎1.…⏎…”).
    static func quotedLines(_ lines: [Line], text: [Unicode.Scalar]) -> [Bool] {
        var result = [Bool](repeating: false, count: lines.count)
        var depth = 0
        for index in lines.indices {
            result[index] = depth > 0
            for c in text[lines[index].span.range] {
                if c == "“" { depth += 1 } else if c == "”" && depth > 0 { depth -= 1 }
            }
            // A quotation never runs past a paragraph that closes nothing for long.
            if depth > 0 && lines[index].span.end - lines[index].span.start > 400 { depth = 0 }
        }
        return result
    }

    /// A list inside a sentence that restarts numbering already used under the same heading is
    /// no section: after a lead-in that ends with a colon, items that end with a semicolon
    /// (包括以下5项：⏎(一)…；⏎(二)…；⏎…(五)…。) stay text of the paragraph, so that a
    /// speech's many such lists make no phantom sections (一#2, 一#3…). The first list under a
    /// heading keeps its nodes (第三条…下列原则：⏎(一)…；).
    static func unmarkEnumerations(_ lines: inout [Line], text: [Unicode.Scalar]) {
        func last(_ line: Line) -> Unicode.Scalar { text[line.span.end - 1] }
        var used = Set<Marker.Style>()  // styles already used since their enclosing marker
        var index = 1
        while index < lines.count {
            guard let first = lines[index].marker else { index += 1; continue }
            let restart = first.number == 1 && used.contains(first.style)
            guard first.style != .attachment, restart,
                  [":", "："].contains(last(lines[index - 1])), [";", "；"].contains(last(lines[index])) else {
                // An enclosing marker opens a fresh scope for the styles below it.
                used = used.filter { $0.rank <= first.style.rank }
                used.insert(first.style)
                index += 1
                continue
            }
            var number = 1
            var k = index
            while k < lines.count, let item = lines[k].marker, item.style == first.style, item.number == number {
                lines[k].marker = nil
                number += 1
                k += 1
            }
            index = k
        }
    }

    /// Keeps the markers whose numbers continue a list; others become text.
    private func acceptMarkers(_ lines: inout [Line]) {
        var stack: [Marker] = []
        var lastNumber: [Marker.Style: Int] = [:]
        for index in lines.indices {
            guard let marker = lines[index].marker else { continue }
            // An attachment starts afresh: its numbering is its own.
            if marker.style == .attachment {
                stack = [marker]
                lastNumber = [:]
                continue
            }
            if let position = stack.lastIndex(where: { $0.style == marker.style }) {
                let previous = stack[position].number
                guard marker.number == previous + 1 || marker.number == previous + 2 || marker.number == 1 else {
                    lines[index].marker = nil
                    continue
                }
                stack.removeSubrange(position...)
            } else {
                let previous = lastNumber[marker.style]
                guard marker.number == 1 || previous.map({ marker.number == $0 + 1 || marker.number == $0 + 2 }) ?? (marker.number <= 2) else {
                    lines[index].marker = nil
                    continue
                }
                while let top = stack.last, top.style.rank > marker.style.rank { stack.removeLast() }
            }
            stack.append(marker)
            lastNumber[marker.style] = marker.number
        }
    }

    // MARK: Tree

    /// Lines at the end that close the document (signature, date, attachments) rather than
    /// continue its last section; they belong to the root.
    private func closingLines(_ lines: [Line], metadata: DocumentMetadata, document: NormalizedDocument) -> Set<Int> {
        let fields = [metadata.date, metadata.docNumber] + metadata.issuers.map(Optional.some) + metadata.attachments.map(Optional.some)
        let spans = fields.compactMap { $0.map { document.map.normalizedSpan(of: $0.span) } }
        var closing = Set<Int>()
        // The end of the body: the document's end, and the start of each attachment (a
        // signature block before 附件1 or 抄送 closes the body too).
        let ends = [lines.count] + lines.indices.filter { lines[$0].marker?.style == .attachment }
        for end in ends {
            for index in (0..<end).reversed() {
                let line = lines[index]
                if line.marker != nil { break }
                if line.noise != nil { continue }
                let isMetadata = spans.contains { $0.start >= line.span.start && $0.end <= line.span.end }
                guard isMetadata else { break }
                closing.insert(index)
            }
        }
        return closing
    }

    private struct Building {
        var marker: Marker
        var level: Int
        var path: String
        var firstLine: Int
        var lastLine: Int
        var ownLines: [Int] = []
        var children = 0
    }

    private func buildNodes(_ lines: [Line], closing: Set<Int>, document: NormalizedDocument, title: MetadataField?) -> [StructureNode] {
        let text = document.text
        var built: [Building] = []
        var open: [Int] = []  // indices into `built`
        var usedPaths = Set<PathKey>()
        var occurrences: [PathKey: Int] = [:]  // base path → the last repeat number given
        var rootLines: [Int] = []
        for index in lines.indices where lines[index].noise == nil {
            if closing.contains(index) { rootLines.append(index); continue }
            if let marker = lines[index].marker {
                if let position = open.lastIndex(where: { built[$0].marker.style == marker.style }) {
                    open.removeSubrange(position...)
                } else {
                    while let top = open.last, built[top].marker.style.rank > marker.style.rank { open.removeLast() }
                }
                let parentPath = open.last.map { built[$0].path + "/" } ?? ""
                if let parent = open.last { built[parent].children += 1 }
                // Numbering that restarts under the same parent (a second list, an attached
                // document) repeats a marker: the repeat is marked #2, #3 … to keep paths unique.
                let base = parentPath + marker.normalized
                var path = base
                if let seen = occurrences[PathKey(base)] {
                    // The next free repeat number (a path such as 一#2 may also be a marker's own).
                    var occurrence = seen + 1
                    path = base + "#\(occurrence)"
                    while usedPaths.contains(PathKey(path)) {
                        occurrence += 1
                        path = base + "#\(occurrence)"
                    }
                    occurrences[PathKey(base)] = occurrence
                } else {
                    occurrences[PathKey(base)] = 1
                }
                usedPaths.insert(PathKey(path))
                built.append(Building(marker: marker, level: open.count + 1, path: path,
                                      firstLine: index, lastLine: index, ownLines: [index]))
                for ancestor in open { built[ancestor].lastLine = index }
                open.append(built.count - 1)
            } else if let current = open.last {
                built[current].ownLines.append(index)
                for ancestor in open { built[ancestor].lastLine = index }
            } else {
                rootLines.append(index)
            }
        }

        let boundaries = breaker.boundaries(of: text)
        var scratch = SentenceBreaker.Scratch()
        var spans: [NormalizedSpan] = []
        func sentences(_ ownLines: [Int]) -> [OriginalSpan] {
            spans.removeAll(keepingCapacity: true)
            for line in ownLines {
                breaker.sentences(in: text, range: lines[line].span.range, boundaries: boundaries, into: &spans, scratch: &scratch)
            }
            // A break inside what one original character became (‼ is !!) maps both sentences
            // onto that character: they are one sentence of the original.
            var merged: [OriginalSpan] = []
            merged.reserveCapacity(spans.count)
            for normalized in spans {
                let span = document.map.originalSpan(of: normalized)
                if let last = merged.last, span.start < last.end {
                    merged[merged.count - 1] = OriginalSpan(start: last.start, end: max(last.end, span.end))
                } else {
                    merged.append(span)
                }
            }
            return merged
        }
        var nodes: [StructureNode] = []
        let whole = OriginalSpan(start: 0, end: document.original.count)
        nodes.append(StructureNode(path: "", level: 0, kind: .document, marker: nil, style: nil, number: nil,
                                   heading: title?.value, headingSpan: title?.span, span: whole, sentences: sentences(rootLines)))
        for node in built {
            let first = lines[node.firstLine].span
            let last = lines[node.lastLine].span
            let span = document.map.originalSpan(of: NormalizedSpan(start: first.start, end: last.end))
            // A task is a numbered item without sub-items; a top-level 一、 or 第一章 with
            // paragraphs but no numbered items (一、总体要求) is still a section.
            let itemStyle = [.arabic, .parenArabic, .arabicParen, .circled].contains(node.marker.style)
            let kind: NodeKind = node.marker.style == .attachment ? .attachment : node.marker.style == .article ? .article
                : (node.children == 0 && (node.level >= 2 || itemStyle) ? .task : .section)
            // 附件1⏎2026年省十件民生实事: an attachment's title on the next line is its heading.
            var heading = self.heading(text: text, line: first, marker: node.marker)
            if heading == nil, node.marker.style == .attachment, node.ownLines.count > 1 {
                let next = lines[node.ownLines[1]].span
                let title = Marker(style: .attachment, number: node.marker.number, normalized: node.marker.normalized, length: 0)
                heading = self.heading(text: text, line: next, marker: title)
            }
            nodes.append(StructureNode(
                path: node.path, level: node.level, kind: kind, marker: node.marker.normalized, style: node.marker.style.rawValue,
                number: node.marker.number,
                markerSpan: document.map.originalSpan(of: NormalizedSpan(start: first.start, end: first.start + node.marker.length)),
                heading: heading.map { String(scalars: text[$0.value.range]) },
                headingSpan: heading.map { document.map.originalSpan(of: $0.value) }, span: span, sentences: sentences(node.ownLines)))
        }
        return nodes
    }

    /// The heading after a marker: the first sentence (up to 。；：！？ outside brackets, or the
    /// line end) when it is short. `value` excludes the final punctuation; `span` includes it.
    private func heading(text: [Unicode.Scalar], line: NormalizedSpan, marker: Marker) -> (value: NormalizedSpan, span: NormalizedSpan)? {
        if marker.style == .article { return nil }
        let start = line.start + marker.length
        guard start < line.end else { return nil }
        var depth = 0
        var end = line.end
        for i in start..<line.end {
            let s = text[i]
            if s == "(" || s == "《" || s == "“" || s == "【" { depth += 1 }
            if (s == ")" || s == "》" || s == "”" || s == "】") && depth > 0 { depth -= 1 }
            if depth == 0 && (s == "。" || s == ";" || s == ":" || s == "!" || s == "?" || s == "；") {
                end = i + 1
                break
            }
        }
        var valueEnd = end
        while valueEnd > start && (text[valueEnd - 1] == "。" || text[valueEnd - 1] == ";" || text[valueEnd - 1] == ":"
                                   || text[valueEnd - 1] == "!" || text[valueEnd - 1] == "?" || text[valueEnd - 1] == " ") {
            valueEnd -= 1
        }
        guard valueEnd > start, valueEnd - start <= maxHeadingLength else { return nil }
        return (NormalizedSpan(start: start, end: valueEnd), NormalizedSpan(start: start, end: end))
    }

    // MARK: Noise

    /// Consecutive noise lines with the same reason form one block.
    private func noiseBlocks(_ lines: [Line], document: NormalizedDocument) -> [NoiseBlock] {
        var blocks: [NoiseBlock] = []
        var open: (start: Int, end: Int, reason: NoiseReason)?
        func flush() {
            if let block = open {
                blocks.append(NoiseBlock(span: document.map.originalSpan(of: NormalizedSpan(start: block.start, end: block.end)),
                                         reason: block.reason))
            }
            open = nil
        }
        for line in lines {
            guard let reason = line.noise else { flush(); continue }
            if let block = open, block.reason == reason {
                open = (block.start, line.span.end, reason)
            } else {
                flush()
                open = (line.span.start, line.span.end, reason)
            }
        }
        flush()
        return blocks
    }
}

/// A node path as a set or dictionary key, hashed and compared by its UTF-8 bytes: paths are
/// made of normalized (NFKC) text, where byte equality is string equality, and `String`'s own
/// hash normalizes non-ASCII text again on every use.
struct PathKey: Hashable {
    let path: String

    init(_ path: String) { self.path = path }

    static func == (a: PathKey, b: PathKey) -> Bool { a.path.utf8.elementsEqual(b.path.utf8) }

    func hash(into hasher: inout Hasher) {
        var path = path
        path.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
