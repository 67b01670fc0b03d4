import Foundation
import ZIPFoundation
import ZhibiaoCore

/// Reads a Word document (OOXML): paragraphs with their automatic numbering, tables as rows of
/// tab-separated cells, headings. Deleted revisions and field codes are left out.
///
/// Zip entries are read with limits (size and compression ratio), checked while inflating
/// since a zip's declared sizes can lie. XML is parsed without DTDs or external entities.
public struct DOCXReader: Sendable {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    public var limits: ReaderLimits

    public init(limits: ReaderLimits = ReaderLimits()) {
        self.limits = limits
    }

    public func read(_ bytes: [UInt8]) throws(IngestError) -> (text: [Unicode.Scalar], blocks: [SourceBlock]) {
        do {
            try ZipLayout.check(bytes)
        } catch {
            throw .notDOCX(error.description)
        }
        // From a file, not from memory: ZIPFoundation's in-memory reader traps when a damaged zip
        // makes it seek past the end (found by fuzzing); reading a file there just comes up short.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zhibiao-\(UUID().uuidString).docx")
        do {
            try Data(bytes).write(to: file)
        } catch {
            throw .notReadable("cannot write a temporary copy of the DOCX: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let archive: Archive
        do {
            archive = try Archive(url: file, accessMode: .read)
        } catch {
            throw .notDOCX("no zip central directory")
        }
        guard let documentEntry = archive["word/document.xml"] else {
            throw .notDOCX("the zip has no word/document.xml")
        }
        let documentXML = try extract(documentEntry, from: archive)
        guard let document = XMLTree.xml(documentXML), let root = document.root else {
            throw .malformedXML(part: "word/document.xml")
        }
        let numberingTree = try archive["word/numbering.xml"].flatMap { entry throws(IngestError) in XMLTree.xml(try extract(entry, from: archive)) }
        let stylesTree = try archive["word/styles.xml"].flatMap { entry throws(IngestError) in XMLTree.xml(try extract(entry, from: archive)) }
        var walker = DOCXWalker(numbering: DOCXNumbering(tree: numberingTree), styles: DOCXStyles(tree: stylesTree),
                                maxDepth: limits.maxDepth)
        try walker.walk(root)
        guard !walker.paragraphs.isEmpty else { throw .noText("the document has no text") }
        var text: [Unicode.Scalar] = []
        var blocks: [SourceBlock] = []
        for paragraph in walker.paragraphs {
            if !text.isEmpty { text.append("\n") }
            let start = text.count
            text.append(contentsOf: paragraph.text)
            blocks.append(SourceBlock(span: OriginalSpan(start: start, end: text.count), kind: paragraph.kind))
        }
        return (text, blocks)
    }

    private struct TooLarge: Error {}

    /// An entry's bytes, refusing zip bombs.
    func extract(_ entry: Entry, from archive: Archive) throws(IngestError) -> [UInt8] {
        let limit = limits.maxZipEntryBytes
        if entry.uncompressedSize > UInt64(limit) {
            throw .zipEntryTooLarge(entry: entry.path, bytes: entry.uncompressedSize, limit: limit)
        }
        if entry.uncompressedSize > 1_048_576, entry.compressedSize > 0,
           entry.uncompressedSize / entry.compressedSize > UInt64(limits.maxZipRatio) {
            throw .zipRatio(entry: entry.path, ratio: Int(entry.uncompressedSize / entry.compressedSize), limit: limits.maxZipRatio)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(limit))))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if bytes.count + chunk.count > limit { throw TooLarge() }
                bytes.append(contentsOf: chunk)
            }
        } catch is TooLarge {
            throw .zipEntryTooLarge(entry: entry.path, bytes: UInt64(limit) + 1, limit: limit)
        } catch {
            throw .notDOCX("cannot read \(entry.path): \(error)")
        }
        return bytes
    }
}

/// Paragraph styles: numbering and heading levels inherited through `basedOn`.
struct DOCXStyles {
    struct Style {
        var basedOn: String?
        var numID: String?
        var level: Int?
        var heading: Bool
    }

    private var styles: [String: Style] = [:]

    init(tree: XMLTree?) {
        guard let root = tree?.root else { return }
        for node in root.elements where node.name == "style" {
            guard let id = node.attribute("styleId", namespace: DOCXReader.w) else { continue }
            var style = Style(basedOn: nil, numID: nil, level: nil, heading: false)
            for child in node.elements {
                switch child.name {
                case "name":
                    let name = (child.attribute("val", namespace: DOCXReader.w) ?? "").lowercased()
                    if name.hasPrefix("heading") || name.hasPrefix("标题") || name == "title" { style.heading = true }
                case "basedOn": style.basedOn = child.attribute("val", namespace: DOCXReader.w)
                case "pPr":
                    for property in child.elements {
                        if property.name == "outlineLvl" { style.heading = true }
                        if property.name == "numPr" {
                            for item in property.elements {
                                if item.name == "numId" { style.numID = item.attribute("val", namespace: DOCXReader.w) }
                                if item.name == "ilvl" { style.level = item.attribute("val", namespace: DOCXReader.w).flatMap(Int.init) }
                            }
                        }
                    }
                default: break
                }
            }
            styles[id] = style
        }
    }

    /// Numbering and heading flag of a style, following `basedOn` (at most 16 steps).
    func resolve(_ id: String) -> (numID: String?, level: Int?, heading: Bool) {
        var numID: String?, level: Int?, heading = false
        var current: String? = id
        var steps = 0
        while let key = current, let style = styles[key], steps < 16 {
            if numID == nil { numID = style.numID }
            if level == nil { level = style.level }
            heading = heading || style.heading
            current = style.basedOn
            steps += 1
        }
        return (numID, level, heading)
    }
}

/// Walks document.xml without recursion.
struct DOCXWalker {
    struct Paragraph {
        var text: [Unicode.Scalar]
        var kind: BlockKind
    }

    var numbering: DOCXNumbering
    let styles: DOCXStyles
    let maxDepth: Int
    var paragraphs: [Paragraph] = []

    /// Open paragraphs (text boxes nest paragraphs inside runs).
    private var open: [(text: [Unicode.Scalar], styleID: String?, numID: String?, level: Int?)] = []
    /// Table state: row text being built and cells seen, per open table.
    private var rows: [(text: [Unicode.Scalar], cells: Int)] = []

    init(numbering: DOCXNumbering, styles: DOCXStyles, maxDepth: Int) {
        self.numbering = numbering
        self.styles = styles
        self.maxDepth = maxDepth
    }

    private static let skipped: Set<String> = ["delText", "instrText", "Fallback", "pPr", "rPr", "sectPr", "tblPr", "tcPr", "trPr", "tblGrid"]

    mutating func walk(_ root: XMLNode) throws(IngestError) {
        var node = root
        var depth = 0
        var skipping = [false]
        try enter(node, depth: depth, skipping: &skipping)
        while true {
            if node.isElement, skipping.last == false, let child = node.firstChild {
                node = child
                depth += 1
                try enter(node, depth: depth, skipping: &skipping)
                continue
            }
            while true {
                exit(node, skipping: &skipping)
                if node == root { return }
                if let sibling = node.next {
                    node = sibling
                    try enter(node, depth: depth, skipping: &skipping)
                    break
                }
                guard let parent = node.parent else { return }
                node = parent
                depth -= 1
            }
        }
    }

    private mutating func enter(_ node: XMLNode, depth: Int, skipping: inout [Bool]) throws(IngestError) {
        guard node.isElement else { return }
        if depth > maxDepth { throw .tooDeep(limit: maxDepth) }
        let name = node.name
        // Properties are read when their paragraph opens; deleted text, field codes and the
        // fallback copy of alternate content are not part of the document.
        let skip = skipping.last == true || Self.skipped.contains(name)
        skipping.append(skip)
        if skip || node.namespace != DOCXReader.w { return }
        switch name {
        case "p":
            var styleID: String?, numID: String?, level: Int?
            for child in node.elements where child.name == "pPr" {
                for property in child.elements {
                    if property.name == "pStyle" { styleID = property.attribute("val", namespace: DOCXReader.w) }
                    if property.name == "numPr" {
                        for item in property.elements {
                            if item.name == "numId" { numID = item.attribute("val", namespace: DOCXReader.w) }
                            if item.name == "ilvl" { level = item.attribute("val", namespace: DOCXReader.w).flatMap(Int.init) }
                        }
                    }
                }
            }
            open.append(([], styleID, numID, level))
        case "t":
            if let text = Self.text(of: node) { appendText(text) }
        case "tab", "ptab":
            appendText([" "])
        case "br", "cr":
            appendText(rows.isEmpty ? ["\n"] : [" "])
        case "noBreakHyphen":
            appendText(["-"])
        case "tr":
            rows.append(([], 0))
        case "tc":
            if var row = rows.popLast() {
                if row.cells > 0 { row.text.append("\t") }
                row.cells += 1
                rows.append(row)
            }
        default:
            break
        }
    }

    private mutating func exit(_ node: XMLNode, skipping: inout [Bool]) {
        guard node.isElement else { return }
        let skipped = skipping.popLast() ?? false
        if skipped || node.namespace != DOCXReader.w { return }
        switch node.name {
        case "p":
            guard let paragraph = open.popLast() else { return }
            let style = paragraph.styleID.map(styles.resolve)
            let numID = paragraph.numID ?? style?.numID
            let level = paragraph.level ?? style?.level ?? 0
            var label: [Unicode.Scalar] = []
            if let numID {
                label = Array(numbering.next(numID: numID, level: level).unicodeScalars)
            }
            let text = Self.trimmed(label + paragraph.text)
            if !rows.isEmpty {
                // A paragraph of a table cell: part of the row.
                if !text.isEmpty {
                    var row = rows.removeLast()
                    if let last = row.text.last, last != "\t" { row.text.append(" ") }
                    row.text.append(contentsOf: text)
                    rows.append(row)
                }
            } else if !text.isEmpty {
                appendParagraph(text, kind: style?.heading == true ? .heading : .paragraph)
            }
        case "tr":
            guard let row = rows.popLast() else { return }
            let text = Self.trimmed(row.text)
            if text.isEmpty || text.allSatisfy({ $0 == "\t" }) { return }
            if rows.isEmpty {
                appendParagraph(text, kind: .tableRow)
            } else {
                var outer = rows.removeLast()
                if let last = outer.text.last, last != "\t" { outer.text.append(" ") }
                outer.text.append(contentsOf: text.map { $0 == "\t" ? " " : $0 })
                rows.append(outer)
            }
        default:
            break
        }
    }

    private mutating func appendParagraph(_ text: [Unicode.Scalar], kind: BlockKind) {
        // Line breaks inside a paragraph become lines of the same block.
        paragraphs.append(Paragraph(text: text, kind: kind))
    }

    private mutating func appendText(_ text: [Unicode.Scalar]) {
        guard !open.isEmpty else { return }
        open[open.count - 1].text.append(contentsOf: text)
    }

    private static func text(of node: XMLNode) -> [Unicode.Scalar]? {
        var result: [Unicode.Scalar] = []
        var child = node.firstChild
        while let current = child {
            current.withText { bytes in
                var iterator = bytes.makeIterator()
                var decoder = UTF8()
                loop: while true {
                    switch decoder.decode(&iterator) {
                    case .scalarValue(let s): result.append(s)
                    case .emptyInput: break loop
                    case .error: result.append("\u{FFFD}")
                    }
                }
            }
            child = current.next
        }
        return result
    }

    private static func trimmed(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var slice = text[...]
        while let first = slice.first, first == " " || first == "\n" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\n" || last == "\t" { slice.removeLast() }
        return Array(slice)
    }
}
