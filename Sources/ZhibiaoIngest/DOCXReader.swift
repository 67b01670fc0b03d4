import CZhibiaoZip
import ZhibiaoCore

/// Reads a Word document (OOXML): paragraphs with their automatic numbering, tables as rows of
/// tab-separated cells, headings. Deleted revisions and field codes are left out.
///
/// The zip is read by ``ZipDirectory`` (every offset checked against the file) and its entries
/// inflated by zlib with limits: declared size and compression ratio, and never more output
/// than declared, since a zip's sizes can lie. XML is parsed without DTDs or external entities.
public struct DOCXReader: Sendable {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    public var limits: ReaderLimits

    public init(limits: ReaderLimits = ReaderLimits()) {
        self.limits = limits
    }

    public func read(_ bytes: [UInt8]) throws(IngestError) -> (text: [Unicode.Scalar], blocks: [SourceBlock]) {
        let document = try readDocument(bytes)
        return (document.text, document.blocks)
    }

    /// The text, blocks and tables of a Word document.
    public func readDocument(_ bytes: [UInt8]) throws(IngestError) -> (text: [Unicode.Scalar], blocks: [SourceBlock], tables: [SourceTable]) {
        let zip: ZipDirectory
        do {
            zip = try ZipDirectory(bytes)
        } catch {
            throw .notDOCX(error.description)
        }
        guard let documentEntry = zip["word/document.xml"] else {
            throw .notDOCX("the zip has no word/document.xml")
        }
        let documentXML = try extract(documentEntry, from: bytes)
        guard let document = XMLTree.xml(documentXML), let root = document.root else {
            throw .malformedXML(part: "word/document.xml")
        }
        let numberingTree = try zip["word/numbering.xml"].flatMap { entry throws(IngestError) in XMLTree.xml(try extract(entry, from: bytes)) }
        let stylesTree = try zip["word/styles.xml"].flatMap { entry throws(IngestError) in XMLTree.xml(try extract(entry, from: bytes)) }
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
        let tables = SourceTable.ordered(walker.tables.compactMap { $0.table(lineSpans: blocks.map(\.span)) })
        return (text, blocks, tables)
    }

    /// An entry's bytes, refusing zip bombs: the declared size is checked before inflating,
    /// and inflating stops at it (an entry that inflates to more is damaged, whatever it says).
    func extract(_ entry: ZipDirectory.Entry, from zip: [UInt8]) throws(IngestError) -> [UInt8] {
        let limit = limits.maxZipEntryBytes
        if entry.uncompressedSize > UInt64(limit) {
            throw .zipEntryTooLarge(entry: entry.path, bytes: entry.uncompressedSize, limit: limit)
        }
        let compressed = UInt64(entry.data.count)
        if entry.uncompressedSize > 1_048_576, compressed > 0, entry.uncompressedSize / compressed > UInt64(limits.maxZipRatio) {
            throw .zipRatio(entry: entry.path, ratio: Int(entry.uncompressedSize / compressed), limit: limits.maxZipRatio)
        }
        if entry.encrypted { throw .notDOCX("\(entry.path) is encrypted") }
        let size = Int(entry.uncompressedSize)
        var bytes: [UInt8]
        switch entry.method {
        case 0:
            guard entry.data.count == size else { throw .notDOCX("\(entry.path) is stored with a size that does not match") }
            bytes = Array(zip[entry.data])
        case 8:
            // One byte more than declared, to tell "inflates to more" from "exactly as declared".
            bytes = [UInt8](repeating: 0, count: size + 1)
            var produced = 0
            let status = zip.withUnsafeBufferPointer { input in
                bytes.withUnsafeMutableBufferPointer { output in
                    zb_inflate_raw(input.baseAddress.map { $0 + entry.data.lowerBound }, entry.data.count,
                                   output.baseAddress, output.count, &produced)
                }
            }
            switch Int(status) {
            case Int(ZB_INFLATE_OK) where produced == size: break
            case Int(ZB_INFLATE_OK): throw .notDOCX("\(entry.path) inflates to \(produced) bytes, not the \(size) its header says")
            case Int(ZB_INFLATE_TOO_LONG): throw .notDOCX("\(entry.path) inflates to more than the \(size) bytes its header says")
            case Int(ZB_INFLATE_TRUNCATED): throw .notDOCX("\(entry.path) is truncated (its data ends before the deflate stream does)")
            case Int(ZB_INFLATE_DAMAGED): throw .notDOCX("\(entry.path) is damaged (its data is not valid deflate)")
            default: throw .notReadable("cannot inflate \(entry.path) (zlib failed)")
            }
            bytes.removeLast()
        default:
            throw .notDOCX("\(entry.path) uses zip compression method \(entry.method), not stored or deflated")
        }
        let crc = bytes.withUnsafeBufferPointer { zb_crc32($0.baseAddress, $0.count) }
        guard crc == entry.crc32 else { throw .notDOCX("\(entry.path) fails its CRC-32 check") }
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
    /// Top-level tables with their cells' offsets in `paragraphs`.
    var tables: [DOCXPendingTable] = []
    /// Open `w:tbl` elements; cells are recorded for the outermost only (a nested table is text
    /// of its cell).
    private var tableDepth = 0
    private var openRow: DOCXPendingTable.Row?

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
        case "tbl":
            tableDepth += 1
            if tableDepth == 1 { tables.append(DOCXPendingTable()) }
        case "tr":
            rows.append(([], 0))
            if tableDepth == 1 && rows.count == 1 {
                var header = false
                for child in node.elements where child.name == "trPr" {
                    header = child.elements.contains { $0.name == "tblHeader" && $0.attribute("val", namespace: DOCXReader.w).map(Self.isOn) ?? true }
                }
                openRow = DOCXPendingTable.Row(header: header)
            }
        case "tc":
            if var row = rows.popLast() {
                if row.cells > 0 { row.text.append("\t") }
                row.cells += 1
                rows.append(row)
                if tableDepth == 1 && rows.count == 1 && openRow != nil {
                    var gridSpan = 1
                    var merge = DOCXPendingTable.Merge.none
                    for child in node.elements where child.name == "tcPr" {
                        for property in child.elements {
                            if property.name == "gridSpan" {
                                gridSpan = property.attribute("val", namespace: DOCXReader.w).flatMap { Int($0) }.map { min(max($0, 1), 1_000) } ?? 1
                            }
                            if property.name == "vMerge" {
                                merge = property.attribute("val", namespace: DOCXReader.w) == "restart" ? .restart : .continuation
                            }
                        }
                    }
                    openRow?.cells.append(DOCXPendingTable.Cell(start: row.text.count, end: row.text.count, columnSpan: gridSpan, merge: merge))
                }
            }
        default:
            break
        }
    }

    private static func isOn(_ value: String) -> Bool { value != "0" && value != "false" && value != "off" }

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
        case "tc":
            if tableDepth == 1 && rows.count == 1, let row = rows.last, var pending = openRow, !pending.cells.isEmpty {
                pending.cells[pending.cells.count - 1].end = row.text.count
                openRow = pending
            }
        case "tbl":
            tableDepth -= 1
        case "tr":
            guard let row = rows.popLast() else { return }
            var pending = rows.isEmpty && tableDepth == 1 ? openRow : nil
            if pending != nil { openRow = nil }
            let text = Self.trimmed(row.text)
            if text.isEmpty || text.allSatisfy({ $0 == "\t" }) {
                if let pending, !tables.isEmpty { tables[tables.count - 1].rows.append(pending) }
                return
            }
            if rows.isEmpty {
                if var recorded = pending {
                    recorded.paragraph = paragraphs.count
                    var shift = 0
                    while shift < row.text.count && (row.text[shift] == " " || row.text[shift] == "\n") { shift += 1 }
                    recorded.shift = shift
                    pending = recorded
                }
                appendParagraph(text, kind: .tableRow)
                if let pending, !tables.isEmpty { tables[tables.count - 1].rows.append(pending) }
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


/// A top-level Word table as the walker collects it: rows of cells with offsets into the row
/// paragraphs; vertical merges are turned into row spans when the table is built.
struct DOCXPendingTable {
    enum Merge { case none, restart, continuation }

    struct Cell {
        /// Offsets into the row's text before trimming.
        var start: Int
        var end: Int
        var columnSpan: Int
        var merge: Merge
    }

    struct Row {
        var header: Bool
        var cells: [Cell] = []
        /// The paragraph the row became, or nil when it had no text.
        var paragraph: Int?
        var shift = 0
    }

    var rows: [Row] = []

    /// The table with spans in the text whose paragraphs are at `lineSpans`; nil without cells.
    /// One pass: a cell that restarts a vertical merge opens it in its grid column, a
    /// continuation below adds a row to it (and is itself no cell), any other cell closes it.
    func table(lineSpans: [OriginalSpan]) -> SourceTable? {
        var result: [SourceTableRow] = []
        var open: [Int: (row: Int, cell: Int)] = [:]  // grid column → the restart cell in `result`
        // Empty rows before the first with text stand where that one starts.
        var position = rows.lazy.compactMap { $0.paragraph }.first.map { $0 < lineSpans.count ? lineSpans[$0].start : 0 } ?? 0
        for row in rows {
            let line = row.paragraph.flatMap { $0 < lineSpans.count ? lineSpans[$0] : nil }
            if let line { position = line.end }
            var cells: [SourceTableCell] = []
            var column = 0
            for cell in row.cells {
                defer { column += cell.columnSpan }
                if cell.merge == .continuation, let top = open[column] {
                    result[top.row].cells[top.cell].rowSpan += 1
                    continue
                }
                var span = OriginalSpan(start: position, end: position)
                if let line {
                    let a = min(max(cell.start - row.shift, 0), line.count)
                    let b = min(max(cell.end - row.shift, a), line.count)
                    span = OriginalSpan(start: line.start + a, end: line.start + b)
                }
                open[column] = cell.merge == .restart ? (result.count, cells.count) : nil
                cells.append(SourceTableCell(span: span, columnSpan: cell.columnSpan, header: row.header))
            }
            result.append(SourceTableRow(span: line ?? OriginalSpan(start: position, end: position), cells: cells))
        }
        return SourceTable(origin: .docx, rows: result)
    }
}
