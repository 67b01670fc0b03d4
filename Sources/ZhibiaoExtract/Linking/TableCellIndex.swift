import ZhibiaoCore

/// The cells of a document's table rows (cells joined by tabs), indexed once per document.
///
/// In a row such as `2.签约服务覆盖率<TAB>每年增加1-3个百分点`, a quantity whose own clause names
/// no metric takes the nearest cell before it that is a name (at most three cells back). Every
/// tab-ended cell is judged once when the index is built, and a quantity finds its row by binary
/// search, so the cost per quantity does not grow with the document (`'达到85%。' × N` stays linear).
public struct TableCellIndex: Sendable {
    /// Offsets of every tab and line feed, ascending.
    private let breaks: [Int]
    /// For a break that is a tab: the name of the cell it ends, when that cell is a name.
    private let names: [String?]
    private let isTab: [Bool]

    /// A cell is a name when, without a leading item number (2. 或 2、) and trailing spaces or
    /// 。, it has at least two Han characters, no digit or numeral, and at most 30 characters.
    public static let maxNameLength = 30

    public init(text: [Unicode.Scalar]) {
        var breaks: [Int] = []
        var isTab: [Bool] = []
        for (offset, c) in text.enumerated() where c == "\t" || c == "\n" {
            breaks.append(offset)
            isTab.append(c == "\t")
        }
        var names = [String?](repeating: nil, count: breaks.count)
        for k in breaks.indices where isTab[k] {
            let cellStart = k > 0 ? breaks[k - 1] + 1 : 0
            names[k] = Self.name(text, cellStart..<breaks[k])
        }
        self.breaks = breaks
        self.names = names
        self.isTab = isTab
    }

    private static func name(_ text: [Unicode.Scalar], _ cell: Range<Int>) -> String? {
        var a = cell.lowerBound
        while a < cell.upperBound && (text[a].properties.numericType != nil || text[a] == "." || text[a] == "、" || text[a] == " ") { a += 1 }
        var b = cell.upperBound
        while b > a && (text[b - 1] == " " || text[b - 1] == "。") { b -= 1 }
        guard b - a <= maxNameLength else { return nil }
        let scalars = text[a..<b]
        let han = scalars.filter { $0.properties.isIdeographic }.count
        guard han >= 2, !scalars.contains(where: { $0.properties.numericType != nil }) else { return nil }
        return String(scalars: scalars)
    }

    /// The name cell before the cell holding `position`, in the same row, if any.
    public func metric(before position: Int) -> String? {
        // The last break before the quantity.
        var low = 0, high = breaks.count
        while low < high {
            let mid = (low + high) / 2
            if breaks[mid] < position { low = mid + 1 } else { high = mid }
        }
        var k = low - 1
        var cells = 0
        while k >= 0, breaks[k] > 0, isTab[k], cells < 3 {
            if let name = names[k] { return name }
            k -= 1
            cells += 1
        }
        return nil
    }
}
