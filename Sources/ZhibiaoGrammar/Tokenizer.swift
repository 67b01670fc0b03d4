import ZhibiaoCore

/// Turns a sentence into the base tokens of a lattice: lexicon words (units, comparators, time
/// words, scopes, verbs, names…) and numbers.
///
/// Numbers are not read inside names (千万工程, 一村一品), inside quoted slogans (“两个先行”), inside
/// book titles (《…》), after 第 (an ordinal), or inside masked spans (section markers, metadata),
/// and not from a word whose numeral characters mean something else (统一, 一批, 零售).
public struct Tokenizer: Sendable {
    public let lexicon: Lexicon
    public let numerals: NumeralParser
    /// Longest quoted text whose numbers count as a name (“20分钟便民服务圈”,
    /// “公益一类财政供给、公益二类绩效管理”).
    public var maxQuotedName = 30
    private let unitClass: Int32
    private let nameClass: Int32
    /// `standard.suffix` words (圈): a quoted name that ends with one is a quantified standard.
    private let standardSuffixes: [[Unicode.Scalar]]
    /// The lexicon's tables the loops read, held here once.
    private let vocabulary: NumeralVocabulary
    private let trie: FrozenWordTrie
    private let entryClass: [Int32]
    /// Names of kind `word` (万一, 五年): ordinary words that a numeral before them absorbs.
    private let isWordName: [Bool]

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.numerals = NumeralParser(vocabulary: lexicon.numerals)
        unitClass = lexicon.classID("unit") ?? -2
        nameClass = lexicon.classID("name") ?? -2
        standardSuffixes = lexicon.words(in: "standard.suffix").map(\.word)
        vocabulary = lexicon.numerals
        trie = lexicon.tables.trie.frozen()
        entryClass = lexicon.entryClass
        isWordName = lexicon.entries.map { $0["kind"] == "word" }
    }

    /// Whether the text may hold a quantity at all: a digit or a numeral character.
    public func mayHoldNumbers(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        for i in range {
            let s = text[i]
            if s.value >= 0x30 && s.value <= 0x39 { return true }
            if s.value >= 0x3007 && vocabulary.isNumeral(s) { return true }
        }
        return false
    }

    /// The base lattice of `range`, with `masked` spans (normalized) unreadable.
    public func tokenize(_ text: [Unicode.Scalar], range: Range<Int>, masked: [Range<Int>] = []) -> Lattice {
        var lattice = Lattice(text: text, range: range)
        var scratch = Scratch()
        tokenize(into: &lattice, range: range, masked: masked, scratch: &scratch)
        return lattice
    }

    /// The tokenizer's buffers, kept across sentences.
    struct Scratch {
        var nameSpans: [Range<Int>] = []
        var entries: [Int32] = []
        var lengths: [Int32] = []
        var wordTokens: [Token] = []
    }

    /// The base lattice of `range` (of the lattice's text) into `lattice`, whose tables are
    /// emptied first (their storage is kept).
    func tokenize(into lattice: inout Lattice, range: Range<Int>, masked: [Range<Int>], scratch: inout Scratch) {
        lattice.reset(range: range)
        let text = lattice.text
        let base = range.lowerBound
        // Words may not be read in masked spans; numbers not in names or quotes either. (The
        // lattice's `blocked` holds the masks until the words are read.)
        for span in masked {
            for i in max(span.lowerBound, base)..<max(max(span.lowerBound, base), min(span.upperBound, range.upperBound)) {
                lattice.blocked[i - base] = true
            }
        }
        scratch.nameSpans.removeAll(keepingCapacity: true)
        scratch.wordTokens.removeAll(keepingCapacity: true)
        let starts = trie.starts
        for i in range where starts.contains(text[i]) {
            let found = trie.matches(in: text, at: i, end: range.upperBound, entries: &scratch.entries, lengths: &scratch.lengths, count: 0)
            guard found > 0 else { continue }
            // Units by maximal munch: 周年 (not a unit) hides 周, 个人 hides 个.
            var longestUnit = 0
            for k in 0..<found where entryClass[Int(scratch.entries[k])] == unitClass { longestUnit = max(longestUnit, Int(scratch.lengths[k])) }
            for k in 0..<found {
                let entry = Int(scratch.entries[k]), length = Int(scratch.lengths[k])
                let wordClass = entryClass[entry]
                if wordClass == unitClass && length < longestUnit { continue }
                if wordClass == nameClass {
                    // An ordinary word inside a longer numeral is part of it: 万一 in 一万一千,
                    // 五年 in 十五年.
                    let insideNumeral = i > range.lowerBound && isWordName[entry]
                        && (vocabulary.isNumeral(text[i - 1]) || NumeralParser.isDigit(text[i - 1]))
                    if !insideNumeral { scratch.nameSpans.append(i..<(i + length)) }
                    continue
                }
                lattice.words.append(entry)
                scratch.wordTokens.append(Token(start: i, end: i + length, kind: .word, payload: lattice.words.count - 1, stage: nil, priority: 0))
            }
        }
        for token in scratch.wordTokens {
            var blocked = false
            for k in token.start..<token.end where lattice.blocked[k - base] { blocked = true; break }
            if !blocked { lattice.add(token) }
        }
        for span in scratch.nameSpans { for k in span { lattice.blocked[k - base] = true } }
        markQuotes(&lattice)
        // Numbers, left to right, each the longest at its start.
        var i = range.lowerBound
        while i < range.upperBound {
            let s = text[i]
            guard !lattice.blocked[i - base], s.value >= 0x30 && s.value <= 0x39 || vocabulary.isNumeral(s) else { i += 1; continue }
            // A minus sign only where no range or word runs into it: 增长-2.5%, not 20%-30% or
            // 2023-2027.
            if case .minus? = vocabulary.role(s), i > range.lowerBound, !Self.mayPrecedeMinus(text[i - 1]) { i += 1; continue }
            guard let (number, length) = numerals.parse(text, at: i, end: range.upperBound) else {
                // No number here: skip the whole run (a run of 10 MB of digits is read once), and
                // say so when it is too long to be read exactly.
                let run = numerals.runLength(text, at: i, end: range.upperBound)
                // Arabic digits fail only when there are too many of them to hold exactly.
                let tooLong = NumeralParser.isDigit(s) || run > NumeralParser.maxChineseRun
                if tooLong {
                    lattice.unreadable.append(i..<(i + run))
                    i += run
                } else {
                    i += 1  // 其余五个: no number at 余, one at 五
                }
                continue
            }
            let end = i + length
            let startsWord = i > range.lowerBound && continuesNumber(text[i - 1])
            let ordinal = i > range.lowerBound && text[i - 1] == "第"
            var blocked = false
            for k in i..<end where lattice.blocked[k - base] { blocked = true; break }
            if !startsWord && !ordinal && !blocked {
                lattice.numbers.append(number)
                lattice.add(Token(start: i, end: end, kind: .number, payload: lattice.numbers.count - 1, stage: nil, priority: 0))
                // A magnitude that begins a unit: 5万千瓦 is also 5万 + 千瓦 (the longer match wins later).
                if number.magnitudeLength > 0 {
                    for k in (end - number.magnitudeLength)..<end where unitStarts(at: k, scratch.wordTokens, unitClass: unitClass, lattice) {
                        if let (shorter, shorterLength) = numerals.parse(text, at: i, end: k), shorterLength == k - i {
                            lattice.numbers.append(shorter)
                            lattice.add(Token(start: i, end: k, kind: .number, payload: lattice.numbers.count - 1, stage: nil, priority: 0))
                        }
                    }
                }
            }
            i = end
        }
    }

    /// Whether a minus sign after this character can be a sign (not a dash between two things).
    static func mayPrecedeMinus(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return !(s.properties.isAlphabetic || (s.value >= 0x30 && s.value <= 0x39) || "%)].".unicodeScalars.contains(s)) }
        switch s {
        case "‰", "）", "年", "月", "日", "号", "期", "届", "季": return false
        default: return true
        }
    }

    /// Whether a unit word starts at `offset`.
    private func unitStarts(at offset: Int, _ words: [Token], unitClass: Int32, _ lattice: Lattice) -> Bool {
        words.contains { $0.start == offset && entryClass[lattice.words[$0.payload]] == unitClass }
    }

    /// A character that makes a following numeral part of a word or code: a digit or letter
    /// (G20, B2B), a decimal point.
    private func continuesNumber(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A) || s == "."
    }

    /// Quoted slogans (“两个先行”) and book titles (《…》): their numbers are names.
    private func markQuotes(_ lattice: inout Lattice) {
        let text = lattice.text
        let base = lattice.range.lowerBound
        var i = lattice.range.lowerBound
        while i < lattice.range.upperBound {
            let s = text[i]
            if s == "“" || s == "《" {
                let close: Unicode.Scalar = s == "“" ? "”" : "》"
                var j = i + 1
                while j < lattice.range.upperBound && text[j] != close && text[j] != s && j - i <= 64 { j += 1 }
                // “20分钟便民服务圈”: a quantified standard, not a name; its number is the commitment.
                let standard = s == "“" && standardSuffixes.contains { suffix in
                    j - suffix.count > i && Array(text[(j - suffix.count)..<j]) == suffix
                }
                if j < lattice.range.upperBound && text[j] == close && (s == "《" || j - i - 1 <= maxQuotedName) && !standard {
                    for k in (i + 1)..<j { lattice.blocked[k - base] = true }
                    i = j
                }
            }
            i += 1
        }
    }
}
