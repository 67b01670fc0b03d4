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
        for index in lines.indices where lines[index].noise == nil && lines[index].kind != .tableRow
            && !text[lines[index].span.range].contains("\t") {
            lines[index].marker = MarkerLexer.marker(in: text, line: lines[index].span)
        }
        noiseFilter.classify(&lines, text: text)
        for index in lines.indices where lines[index].noise != nil { lines[index].marker = nil }
        acceptMarkers(&lines)

        let extractor = MetadataExtractor(lexicon: lexicon, document: document, lines: lines)
        let metadata = extractor.extract()
        let closing = closingLines(lines, metadata: metadata, document: document)
        let nodes = buildNodes(lines, closing: closing, document: document, title: metadata.title)
        return DocumentTree(metadata: metadata, nodes: nodes, noise: noiseBlocks(lines, document: document))
    }

    // MARK: Markers

    /// Keeps the markers whose numbers continue a list; others become text.
    private func acceptMarkers(_ lines: inout [Line]) {
        var stack: [Marker] = []
        var lastNumber: [Marker.Style: Int] = [:]
        for index in lines.indices {
            guard let marker = lines[index].marker else { continue }
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
        for index in lines.indices.reversed() {
            let line = lines[index]
            if line.marker != nil { break }
            if line.noise != nil { continue }
            let isMetadata = spans.contains { $0.start >= line.span.start && $0.end <= line.span.end }
            guard isMetadata else { break }
            closing.insert(index)
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
            let heading = self.heading(text: text, line: first, marker: node.marker)
            // A task is a numbered item without sub-items; a top-level 一、 or 第一章 with
            // paragraphs but no numbered items (一、总体要求) is still a section.
            let itemStyle = [.arabic, .parenArabic, .arabicParen, .circled].contains(node.marker.style)
            let kind: NodeKind = node.marker.style == .article ? .article
                : (node.children == 0 && (node.level >= 2 || itemStyle) ? .task : .section)
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
