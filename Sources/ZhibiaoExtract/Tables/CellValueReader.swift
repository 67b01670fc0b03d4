import ZhibiaoCore
import ZhibiaoGrammar

/// Reads the value of a table cell: `65`, `60.6*`, `>7`, `<5.5`, `[13.5]`, `80以上`, `65左右`,
/// `4.5-5`, `≥50%`, and `—` or `/` for no value.
///
/// The grammar reads the cell as the object of a target verb (达到…), so that comparators and
/// approximations work as in sentences; a cell without a unit of its own is read again with the
/// row's unit written after its number (the name's `(%)`, the unit column, the caption's
/// 单位：亿元), which gives the base value. A value in a cumulative bracket (`[13.5]`, `〔13.5〕`)
/// is cumulative over the period; a footnote mark after it (`60.6*`) is kept for the note.
struct CellValueReader {
    let engine: GrammarEngine
    let vocabulary: TableVocabulary

    struct Value {
        var quantity: QuantityValue
        /// What the value covers, in the normalized text: the whole cell for a cell of one value.
        var span: Range<Int>
        /// The unit the cell writes itself, in the normalized text.
        var ownUnit: Range<Int>?
        /// The row's unit was applied.
        var unitApplied: Bool
        var cumulative: Bool
        var footnote: Unicode.Scalar?
    }

    private static let verb: [Unicode.Scalar] = Array("达到".unicodeScalars)
    private static let magnitudes: Set<Unicode.Scalar> = ["万", "亿", "千", "百"]
    private static let numerals: Set<Unicode.Scalar> = Set("〇零一二两三四五六七八九十百千万亿".unicodeScalars)

    /// Readings already made, by the text read (tables repeat their values and units).
    typealias Cache = [[Unicode.Scalar]: [QuantityValue]]

    /// The values of the cell at `cell` (normalized offsets of `text`).
    func read(_ text: [Unicode.Scalar], cell: Range<Int>, unit: [Unicode.Scalar]?, scratch: inout MatcherScratch,
              cache: inout Cache) -> [Value] {
        var a = cell.lowerBound, b = cell.upperBound
        while a < b && Self.isSpace(text[a]) { a += 1 }
        while b > a && Self.isSpace(text[b - 1]) { b -= 1 }
        let whole = a..<b
        guard a < b, !vocabulary.noValue.contains(String(scalars: text[a..<b])) else { return [] }
        var footnote: Unicode.Scalar?
        while b > a && vocabulary.footnotes.contains(text[b - 1]) { footnote = text[b - 1]; b -= 1 }
        while a < b && vocabulary.footnotes.contains(text[a]) { footnote = footnote ?? text[a]; a += 1 }
        while b > a && Self.isSpace(text[b - 1]) { b -= 1 }
        var cumulative = false
        if b - a >= 3, vocabulary.brackets.contains(where: { $0.open == text[a] && $0.close == text[b - 1] }) {
            cumulative = true
            a += 1
            b -= 1
            while a < b && Self.isSpace(text[a]) { a += 1 }
            while b > a && Self.isSpace(text[b - 1]) { b -= 1 }
        }
        let core = Array(text[a..<b])
        guard core.contains(where: { Self.isDigit($0) || Self.numerals.contains($0) }) else { return [] }
        // A plain number (65, >7, 4.5-5) has no unit of its own: read it with the row's at once.
        let plain = core.allSatisfy { Self.isDigit($0) || Self.plainNumber.contains($0) }
        var (quantities, insertion) = (plain && unit != nil ? [] : interpret(core, unit: nil, scratch: &scratch, cache: &cache), Int?.none)
        let hasOwnUnit = quantities.contains { $0.unitSpan != nil || !($0.unitLiteral ?? "").isEmpty }
        if !hasOwnUnit, let unit, !unit.isEmpty, let k = Self.insertionPoint(core) {
            let withUnit = interpret(core, unit: (unit, k), scratch: &scratch, cache: &cache)
            if withUnit.contains(where: { $0.unitSpan != nil || !($0.unitLiteral ?? "").isEmpty }) {
                quantities = withUnit
                insertion = k
            } else if quantities.isEmpty {
                quantities = interpret(core, unit: nil, scratch: &scratch, cache: &cache)
            }
        }
        // Offsets of the reading text back to the document's normalized text.
        func back(_ offset: Int) -> Int {
            var o = offset - Self.verb.count
            if let k = insertion, let unit, o > k { o = max(k, o - unit.count) }
            return a + min(max(o, 0), core.count)
        }
        return quantities.map { q in
            var ownUnit: Range<Int>?
            if insertion == nil, let u = q.unitSpan { ownUnit = back(u.lowerBound)..<back(u.upperBound) }
            let span = quantities.count == 1 ? whole : back(q.core.lowerBound)..<max(back(q.core.lowerBound), back(q.core.upperBound))
            return Value(quantity: q, span: span, ownUnit: ownUnit, unitApplied: insertion != nil, cumulative: cumulative,
                         footnote: footnote)
        }
    }

    /// The quantities the grammar reads in `达到` + the core (+ the unit at its place).
    private func interpret(_ core: [Unicode.Scalar], unit: ([Unicode.Scalar], Int)?, scratch: inout MatcherScratch,
                           cache: inout Cache) -> [QuantityValue] {
        var reading = Self.verb
        if let (unit, k) = unit {
            reading += core[..<k]
            reading += unit
            reading += core[k...]
        } else {
            reading += core
        }
        if let known = cache[reading] { return known }
        let lattice = engine.run(reading, range: 0..<reading.count, scratch: &scratch)
        let winners = GrammarEngine.winners(lattice.tokens.indices.filter { lattice.tokens[$0].kind == .quantity }, in: lattice)
        let result = winners.map { lattice.quantities[lattice.tokens[$0].payload] }
        if cache.count < 50_000 { cache[reading] = result }
        return result
    }

    /// Characters of a plain number besides digits: 65, >7, ≥5, 4.5-5, 1,200, -0.5, ~3.
    private static let plainNumber: Set<Unicode.Scalar> = Set(".,-+~<>=≥≤ ".unicodeScalars)

    /// After the last digit and a magnitude that follows it (1.2万|人).
    private static func insertionPoint(_ core: [Unicode.Scalar]) -> Int? {
        guard var k = core.lastIndex(where: isDigit) else { return nil }
        k += 1
        while k < core.count && magnitudes.contains(core[k]) { k += 1 }
        return k
    }

    @inline(__always)
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    @inline(__always)
    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\u{3000}" }
}
