import ZhibiaoCore
import ZhibiaoText

/// Reads an HTML page as published: visible text, one line per block, table rows as
/// tab-separated cells, with page furniture marked.
///
/// The page's declared charset is honoured unless the bytes say otherwise (a stale
/// `<meta charset=gbk>` on a UTF-8 page is common); libxml2 then parses in recover mode with
/// the encoding given explicitly. `script`, `style` and other non-rendered elements give no
/// text. `nav`, `header`, `footer`, `aside`, form controls and elements whose class or id
/// names a share bar, breadcrumb or related list are kept as boilerplate blocks; the main
/// content is picked by ``MainContentPicker`` and everything outside it is boilerplate too.
public struct HTMLReader: Sendable {
    public var limits: ReaderLimits
    public var hints: BoilerplateHints
    public var forcedEncoding: TextEncoding?
    public var lossy: Bool

    public init(limits: ReaderLimits = ReaderLimits(), hints: BoilerplateHints = BoilerplateHints(),
                forcedEncoding: TextEncoding? = nil, lossy: Bool = false) {
        self.limits = limits
        self.hints = hints
        self.forcedEncoding = forcedEncoding
        self.lossy = lossy
    }

    /// Reads a page; returns the text, blocks and the encoding used.
    public func read(_ bytes: [UInt8]) throws(IngestError) -> (text: [Unicode.Scalar], blocks: [SourceBlock], encoding: TextEncoding, encodingSource: CharsetDetector.Source) {
        let page = try readPage(bytes)
        return (page.text, page.blocks, page.encoding, page.encodingSource)
    }

    /// A page as read: its text, blocks, data tables and the encoding used.
    public struct Page: Sendable {
        public var text: [Unicode.Scalar]
        public var blocks: [SourceBlock]
        /// Data tables (not layout tables), their cells' spans in `text`.
        public var tables: [SourceTable]
        public var encoding: TextEncoding
        public var encodingSource: CharsetDetector.Source
    }

    /// Reads a page with its tables.
    public func readPage(_ bytes: [UInt8]) throws(IngestError) -> Page {
        let (scalars, encoding, source) = try decode(bytes)
        let utf8 = UTF8Encoding.encode(scalars)
        guard let tree = XMLTree.html(utf8), let root = tree.root else {
            throw .noText("the page has no HTML elements")
        }
        let layoutTables = try TableClassifier(maxDepth: limits.maxDepth).layoutTables(root)
        var walker = HTMLWalker(hints: hints, maxDepth: limits.maxDepth, layoutTables: layoutTables)
        try walker.walk(root)
        let lines = walker.lines
        guard !lines.isEmpty else { throw .noText("the page has no visible text; is it all script?") }
        let main = MainContentPicker().pick(lines: lines, elements: walker.elements)
        var text: [Unicode.Scalar] = []
        var blocks: [SourceBlock] = []
        for (index, line) in lines.enumerated() {
            if !text.isEmpty { text.append("\n") }
            let start = text.count
            text.append(contentsOf: line.text)
            blocks.append(SourceBlock(span: OriginalSpan(start: start, end: text.count), kind: line.kind,
                                      boilerplate: line.boilerplate ?? (main.contains(index) ? nil : .outsideMainContent)))
        }
        let tables = SourceTable.ordered(walker.tables.compactMap { $0.table(lineSpans: blocks.map(\.span)) })
        return Page(text: text, blocks: blocks, tables: tables, encoding: encoding, encodingSource: source)
    }

    /// BOM, then a declared charset the bytes agree with, then detection.
    func decode(_ bytes: [UInt8]) throws(IngestError) -> ([Unicode.Scalar], TextEncoding, CharsetDetector.Source) {
        let decoder = TextDecoder(lossy: lossy)
        let detector = CharsetDetector()
        do {
            if let forced = forcedEncoding {
                return (try decoder.decode(bytes, as: forced), forced, .forced)
            }
            if let bom = bytes.withUnsafeBytes({ detector.byteOrderMark($0) }) {
                return (try decoder.decode(Array(bytes[bom.bomLength...]), as: bom.encoding), bom.encoding, .bom)
            }
            if let declaredName = Self.declaredCharset(bytes), let declared = try? TextEncoding(named: declaredName) {
                let isUTF8 = bytes.withUnsafeBufferPointer { if case .valid = detector.scanUTF8($0) { true } else { false } }
                if isUTF8 && declared != .utf8 {
                    return (try decoder.decode(bytes, as: .utf8), .utf8, .detected)  // stale declaration
                }
                if let scalars = try? TextDecoder(lossy: false).decode(bytes, as: declared) {
                    return (scalars, declared, .declared)
                }
            }
            let detection = try detector.detect(bytes)
            let scalars = try decoder.decode(Array(bytes[detection.bomLength...]), as: detection.encoding)
            return (scalars, detection.encoding, .detected)
        } catch {
            throw .decoding(error)
        }
    }

    /// The charset a page declares in its first 4 KiB (`<meta charset=…>` or
    /// `http-equiv` content), lowercase.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let needle = Array("charset".utf8)
        var i = 0
        while i + needle.count < head.count {
            if head[i] == needle[0] && Array(head[i..<(i + needle.count)]) == needle {
                var j = i + needle.count
                while j < head.count && (head[j] == 0x20 || head[j] == 0x09) { j += 1 }
                if j < head.count && head[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < head.count && (head[j] == 0x20 || head[j] == 0x22 || head[j] == 0x27) { j += 1 }
                    var name: [UInt8] = []
                    while j < head.count, case let c = head[j],
                          (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F {
                        name.append(c)
                        j += 1
                    }
                    if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
                }
            }
            i += 1
        }
        return nil
    }
}

/// One line of visible text and where it came from.
struct HTMLLine {
    var text: [Unicode.Scalar]
    var kind: BlockKind
    var boilerplate: NoiseReason?
    /// Innermost block element holding the line.
    var element: Int
    /// Scalars inside links.
    var linkCount: Int
    /// Heading level 1-6, or 0.
    var headingLevel: Int
}

/// An element of the page as the walker saw it.
struct HTMLElement {
    var parent: Int
    var name: String
}

/// Walks the DOM without recursion (parent pointers), so depth costs no stack.
struct HTMLWalker {
    let hints: BoilerplateHints
    let maxDepth: Int
    /// Tables used for page layout: their cells are blocks, not columns.
    let layoutTables: Set<XMLNode>
    var lines: [HTMLLine] = []
    var elements: [HTMLElement] = []
    /// Data tables with their cells' offsets in `lines`.
    var tables: [PendingTable] = []
    /// Per open `<table>` element (not skipped): its index in `tables`, or nil for a layout
    /// table or a table nested in a cell (whose text is part of the cell).
    private var openTables: [Int?] = []
    private var openRow: PendingTable.Row?
    private var openCell: PendingTable.Cell?
    /// Counts finished lines, so that a cell broken across lines (a `<pre>` inside) is noticed.
    private var lineEpoch = 0

    private struct Context {
        var element: Int
        var name: String
        var boilerplate: NoiseReason?
        var skip: Bool
        var link: Bool
        var pre: Bool
        var cellDepth: Int
        /// Inside a layout table (its rows and cells are plain blocks).
        var layout: Bool
        var headingLevel: Int
        var kind: BlockKind
    }

    private var stack: [Context] = []
    private var line: [Unicode.Scalar] = []
    private var lineLinks = 0
    private var lineBoilerplate: NoiseReason?
    private var lineElement = 0
    private var lineKind = BlockKind.paragraph
    private var lineHeading = 0
    private var cellsInRow = 0

    init(hints: BoilerplateHints, maxDepth: Int, layoutTables: Set<XMLNode>) {
        self.hints = hints
        self.maxDepth = maxDepth
        self.layoutTables = layoutTables
    }

    private static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "head", "svg", "canvas", "iframe", "object", "embed",
        "select", "textarea", "math", "video", "audio", "map",
    ]
    private static let blocks: Set<String> = [
        "html", "body", "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "h1", "h2",
        "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr",
        "blockquote", "pre", "form", "fieldset", "address", "figure", "figcaption", "hr", "center", "caption",
        "td", "th", "menu", "details", "summary", "legend", "option",
    ]
    private static let tagReasons: [String: NoiseReason] = [
        "nav": .navigation, "aside": .aside, "form": .form, "button": .form, "input": .form, "label": .form,
        "fieldset": .form, "menu": .navigation,
    ]

    mutating func walk(_ root: XMLNode) throws(IngestError) {
        var node = root
        var depth = 0
        try enter(node, depth: depth)
        while true {
            if node.isElement, let top = stack.last, !top.skip, let child = node.firstChild {
                node = child
                depth += 1
                try enter(node, depth: depth)
                continue
            }
            while true {
                exit(node)
                if node == root || depth == 0 { finishLine(); return }
                if let sibling = node.next {
                    node = sibling
                    try enter(node, depth: depth)
                    break
                }
                guard let parent = node.parent else { finishLine(); return }
                node = parent
                depth -= 1
            }
        }
    }

    private mutating func enter(_ node: XMLNode, depth: Int) throws(IngestError) {
        if node.isText {
            guard let top = stack.last, !top.skip else { return }
            node.withText { appendText($0, pre: top.pre, link: top.link, context: top) }
            return
        }
        guard node.isElement else { return }
        if depth > maxDepth { throw .tooDeep(limit: maxDepth) }
        let name = node.name.lowercased()
        let parentContext = stack.last
        let id = elements.count
        elements.append(HTMLElement(parent: parentContext?.element ?? -1, name: name))
        var context = Context(element: id, name: name, boilerplate: parentContext?.boilerplate,
                              skip: parentContext?.skip ?? false, link: parentContext?.link ?? false,
                              pre: parentContext?.pre ?? false, cellDepth: parentContext?.cellDepth ?? 0,
                              layout: parentContext?.layout ?? false, headingLevel: parentContext?.headingLevel ?? 0, kind: parentContext?.kind ?? .paragraph)
        if Self.skipped.contains(name) || Self.isHidden(node) { context.skip = true }
        if context.boilerplate == nil {
            if let reason = Self.tagReasons[name] {
                context.boilerplate = reason
            } else if name == "header" || name == "footer" {
                // Inside an article they belong to it (its title, its signature).
                if !stack.contains(where: { $0.name == "article" || $0.name == "main" }) {
                    context.boilerplate = name == "header" ? .header : .footer
                }
            } else {
                let classAndID = [node.attribute("class"), node.attribute("id")].compactMap { $0 }.joined(separator: " ")
                context.boilerplate = hints.reason(classAndID: classAndID)
            }
        }
        if name == "a" { context.link = true }
        if name == "pre" { context.pre = true }
        if name.count == 2, name.first == "h", let level = Int(name.dropFirst()), (1...6).contains(level) {
            context.headingLevel = level
            context.kind = .heading
        }
        if name == "table" { context.layout = layoutTables.contains(node) }
        if name == "li" { context.kind = .listItem }
        if name == "caption" { context.kind = .caption }
        if context.cellDepth == 0 && context.layout && (name == "tr" || name == "td" || name == "th") {
            finishLine()
        } else if context.cellDepth == 0 {
            if name == "tr" {
                finishLine()
                cellsInRow = 0
                context.kind = .tableRow
            } else if name == "td" || name == "th" {
                if cellsInRow > 0 { line.append("\t") }
                cellsInRow += 1
                context.cellDepth = 1
            } else if name == "br" {
                finishLine()
            } else if Self.blocks.contains(name) {
                finishLine()
            }
        } else {
            context.cellDepth += 1
            if (Self.blocks.contains(name) || name == "br"), let last = line.last, last != " ", last != "\t" {
                line.append(" ")
            }
        }
        stack.append(context)
        if context.skip { return }
        if name == "table" {
            if context.cellDepth == 0 && !context.layout {
                tables.append(PendingTable())
                openTables.append(tables.count - 1)
            } else {
                openTables.append(nil)
            }
        }
        if context.cellDepth == 0 && !context.layout, let table = openTables.last ?? nil {
            if name == "tr" {
                openRow = PendingTable.Row(table: table)
            } else if name == "caption" {
                tables[table].captionPending = true
            }
        }
        if context.cellDepth == 1 && (name == "td" || name == "th"), openRow != nil {
            openCell = PendingTable.Cell(start: line.count, end: line.count, epoch: lineEpoch,
                                         rowSpan: Self.span(node.attribute("rowspan")),
                                         columnSpan: Self.span(node.attribute("colspan")), header: name == "th")
        }
        lineElementCandidate(context)
    }

    /// A `rowspan`/`colspan` value: 1 when absent or not a number, at most 1,000; `rowspan="0"`
    /// (to the end of the table) is taken as 1,000, which the grid cuts at the last row.
    private static func span(_ value: String?) -> Int {
        guard let value else { return 1 }
        let digits = value.unicodeScalars.prefix { $0.value >= 0x30 && $0.value <= 0x39 }.prefix(6)
        guard let n = Int(String(String.UnicodeScalarView(digits))) else { return 1 }
        return n == 0 ? 1_000 : min(n, 1_000)
    }

    private mutating func lineElementCandidate(_ context: Context) {
        if line.isEmpty && Self.blocks.contains(context.name) && context.cellDepth <= 1 {
            lineElement = context.element
        }
    }

    private mutating func exit(_ node: XMLNode) {
        guard node.isElement, let context = stack.popLast() else { return }
        if context.skip { return }
        if context.cellDepth == 0 {
            if context.name == "tr", !context.layout, var row = openRow {
                openRow = nil
                let finished = finishLine()
                row.line = finished.index
                row.shift = finished.shift
                tables[row.table].rows.append(row)
            } else if context.name == "caption", let table = openTables.last ?? nil, tables[table].captionPending {
                tables[table].captionPending = false
                if let index = finishLine().index { tables[table].captionLine = index }
            } else if Self.blocks.contains(context.name) || context.name == "br" {
                finishLine()
            }
            if context.name == "table" { _ = openTables.popLast() }
        } else if context.cellDepth == 1 && (context.name == "td" || context.name == "th") {
            while line.last == " " { line.removeLast() }
            if var cell = openCell {
                openCell = nil
                if cell.epoch != lineEpoch { cell.start = 0 }  // the cell's text began on an earlier line
                cell.end = max(cell.start, line.count)
                openRow?.cells.append(cell)
            }
        } else if context.name == "table" {
            _ = openTables.popLast()
        }
    }

    private mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, pre: Bool, link: Bool, context: Context) {
        if line.isEmpty || lineBoilerplate == nil && context.boilerplate != nil && line.allSatisfy({ $0 == " " }) {
            lineBoilerplate = context.boilerplate
            lineKind = context.kind
            lineHeading = context.headingLevel
            if !Self.blocks.contains(context.name) || context.cellDepth > 0 {
                // Text directly in an inline element: attribute the line to the nearest block.
                if let block = stack.last(where: { Self.blocks.contains($0.name) && $0.cellDepth <= 1 }) {
                    lineElement = block.element
                }
            } else {
                lineElement = context.element
            }
        }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if !pre && (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}") {
                    if let last = line.last, last != " ", last != "\t" { line.append(" ") }
                } else if pre && scalar == "\n" {
                    finishLine()
                    lineBoilerplate = context.boilerplate
                    lineKind = context.kind
                } else {
                    line.append(scalar)
                    if link { lineLinks += 1 }
                }
            case .emptyInput: break loop
            case .error: line.append("\u{FFFD}")
            }
        }
    }

    /// Ends the line being built: appended to `lines` unless empty. Returns its index, if
    /// appended, and how many leading spaces and tabs were trimmed.
    @discardableResult
    private mutating func finishLine() -> (index: Int?, shift: Int) {
        while line.last == " " || line.last == "\t" { line.removeLast() }
        var start = 0
        while start < line.count && (line[start] == " " || line[start] == "\t") { start += 1 }
        var index: Int?
        if start < line.count {
            lines.append(HTMLLine(text: Array(line[start...]), kind: lineKind, boilerplate: lineBoilerplate,
                                  element: lineElement, linkCount: lineLinks, headingLevel: lineHeading))
            index = lines.count - 1
        }
        defer { lineEpoch += 1 }
        line.removeAll(keepingCapacity: true)
        lineLinks = 0
        lineBoilerplate = nil
        lineKind = .paragraph
        lineHeading = 0
        return (index, start)
    }

    /// `hidden` or `display:none`. (`visibility:hidden` is not: pages hide their body that way
    /// until a script has run.)
    private static func isHidden(_ node: XMLNode) -> Bool {
        if node.attribute("hidden") != nil { return true }
        if let style = node.attribute("style") {
            let compact = style.lowercased().filter { $0 != " " }
            if compact.contains("display:none") { return true }
        }
        return false
    }
}


/// A data table as the HTML walker collects it: rows of cells with offsets into the lines.
struct PendingTable {
    struct Cell {
        /// Offsets into the row's line before its leading white space was trimmed.
        var start: Int
        var end: Int
        var epoch: Int
        var rowSpan: Int
        var columnSpan: Int
        var header: Bool
    }

    struct Row {
        var table: Int
        var cells: [Cell] = []
        /// The row's line, or nil when the row had no text.
        var line: Int?
        /// Leading white space trimmed from the line.
        var shift = 0
    }

    var rows: [Row] = []
    var captionLine: Int?
    var captionPending = false

    /// The table with spans in the text whose lines are at `lineSpans`; nil without cells.
    func table(lineSpans: [OriginalSpan]) -> SourceTable? {
        var rows: [SourceTableRow] = []
        // Empty rows before the first with text stand where that one starts.
        var position = self.rows.lazy.compactMap { $0.line }.first.map { $0 < lineSpans.count ? lineSpans[$0].start : 0 } ?? 0
        for row in self.rows {
            guard let index = row.line, index < lineSpans.count else {
                // An empty row keeps its place in the grid (rowspans reach over it).
                let at = OriginalSpan(start: position, end: position)
                rows.append(SourceTableRow(span: at, cells: row.cells.map {
                    SourceTableCell(span: at, rowSpan: $0.rowSpan, columnSpan: $0.columnSpan, header: $0.header)
                }))
                continue
            }
            let line = lineSpans[index]
            position = line.end
            let cells = row.cells.map { cell -> SourceTableCell in
                let a = min(max(cell.start - row.shift, 0), line.count)
                let b = min(max(cell.end - row.shift, a), line.count)
                return SourceTableCell(span: OriginalSpan(start: line.start + a, end: line.start + b), rowSpan: cell.rowSpan,
                                       columnSpan: cell.columnSpan, header: cell.header)
            }
            rows.append(SourceTableRow(span: line, cells: cells))
        }
        let caption = captionLine.flatMap { $0 < lineSpans.count ? lineSpans[$0] : nil }
        return SourceTable(origin: .html, caption: caption, rows: rows)
    }
}
