/// Tells layout tables from data tables, so that a page laid out with `<table>` (old gov.cn
/// pages put the whole document in one cell) is read as blocks, while an indicator table is
/// read as rows of cells.
///
/// A table is for layout when it has a single column, or has at most two columns or holds
/// another table and has a cell with more than 300 characters of text (a sidebar beside the
/// document), or has at most two columns and holds another table. A table of three or more
/// columns with short cells is data even when a cell holds a small table (its text is then part
/// of that cell).
struct TableClassifier {
    let maxDepth: Int
    var longCell = 300

    private struct Stats {
        var node: XMLNode
        var cellsInRow = 0
        var maxCells = 0
        var cellText = 0
        var longestCell = 0
        var nested = false
    }

    func layoutTables(_ root: XMLNode) throws(IngestError) -> Set<XMLNode> {
        var layout = Set<XMLNode>()
        var open: [Stats] = []
        var node = root
        var depth = 0
        func enter(_ node: XMLNode) {
            if node.isText, !open.isEmpty {
                let count = node.withText { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 != 0x80 && $1 > 0x20 ? 1 : 0) } } ?? 0
                open[open.count - 1].cellText += count
                return
            }
            guard node.isElement else { return }
            switch node.name {
            case "table":
                if !open.isEmpty { open[open.count - 1].nested = true }
                open.append(Stats(node: node))
            case "tr":
                if !open.isEmpty { open[open.count - 1].cellsInRow = 0 }
            case "td", "th":
                if !open.isEmpty {
                    open[open.count - 1].cellsInRow += 1
                    open[open.count - 1].maxCells = max(open[open.count - 1].maxCells, open[open.count - 1].cellsInRow)
                    open[open.count - 1].cellText = 0
                }
            default:
                break
            }
        }
        func exit(_ node: XMLNode) {
            guard node.isElement else { return }
            switch node.name {
            case "td", "th":
                if !open.isEmpty {
                    open[open.count - 1].longestCell = max(open[open.count - 1].longestCell, open[open.count - 1].cellText)
                }
            case "table":
                if let stats = open.popLast(), stats.node == node,
                   stats.maxCells <= 1 || (stats.nested && stats.maxCells <= 2)
                    || ((stats.maxCells <= 2 || stats.nested) && stats.longestCell > longCell) {
                    layout.insert(node)
                }
            default:
                break
            }
        }
        enter(node)
        while true {
            if node.isElement, !Self.skipped(node), let child = node.firstChild {
                node = child
                depth += 1
                if depth > maxDepth { throw .tooDeep(limit: maxDepth) }
                enter(node)
                continue
            }
            while true {
                exit(node)
                if node == root || depth == 0 { return layout }
                if let sibling = node.next {
                    node = sibling
                    enter(node)
                    break
                }
                guard let parent = node.parent else { return layout }
                node = parent
                depth -= 1
            }
        }
    }

    private static func skipped(_ node: XMLNode) -> Bool {
        let name = node.name
        return name == "script" || name == "style" || name == "head" || name == "template" || name == "svg"
    }
}
