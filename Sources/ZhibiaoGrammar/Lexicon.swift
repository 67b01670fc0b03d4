import ZhibiaoCore

/// A word of the lexicon: its class (`unit`, `comparator.suffix`, `scope`, `verb.target`…) and
/// its attributes from the data file (a unit's kind and factor, a comparator's operator…).
public struct WordEntry: Sendable, Hashable {
    public var word: [Unicode.Scalar]
    public var wordClass: String
    public var attributes: [String: String]

    public subscript(_ name: String) -> String? { attributes[name] }
}

/// A word list entry's example: a sentence whose marked indicator the word must affect.
public struct WordExample: Sendable {
    public var word: String
    public var wordClass: String
    public var example: RuleExample
}

/// A unit of measure from `units.tsv`.
public struct UnitEntry: Sendable, Hashable {
    public var word: String
    /// A `QuantityKind` raw value, or `none` (recognized, never an indicator: 周年).
    public var kind: String
    public var baseUnit: BaseUnit?
    public var factor: Factor
    /// Base unit `local` in `units.tsv`: the document's currency (元 is yuan on the mainland,
    /// hkd in Hong Kong, twd in Taiwan); `baseUnit` is then yuan.
    public var local = false

    public var quantityKind: QuantityKind? { QuantityKind(rawValue: kind) }
}

/// Every word list of `Grammars/` in one structure, with a trie for matching at any position.
///
/// Files and the classes they give:
/// - `units.tsv`: `unit` (and `per` phrases such as 每千人)
/// - `numerals.tsv`: the numeral vocabulary of the numeral parser (not word classes)
/// - `comparators.tsv`: `comparator.prefix`, `comparator.suffix`
/// - `time-words.tsv`: `period`, `accumulation`, `baseline`, and deadline words
/// - `lexicon/names.tsv`: `name` (numbers inside are not quantities)
/// - `lexicon/scopes.txt`: `scope`
/// - `lexicon/words.tsv`: any other class (`verb.target`, `change.up`, `range.separator` …)
public struct Lexicon: Sendable {
    /// The tables, in one immutable box: copying a lexicon (every stage holds one) costs one
    /// reference count, not one per table. Loading replaces the box (copy on write).
    private final class Box: Sendable {
        let tables: Tables
        init(_ tables: Tables) { self.tables = tables }
        static let empty = Box(Tables())
    }

    /// Every table of the lexicon, as a value.
    struct Tables: Sendable {
        var entries: [WordEntry] = []
        var units: [UnitEntry] = []
        var classNames: [String] = []
        var entryClass: [Int32] = []
        var entryUnitKind: [Int32] = []
        var unitKinds: [String] = []
        var numerals = NumeralVocabulary()
        var metricSynonyms: [String: String] = [:]
        var currencyCues = WordTrie()
        var currencyNames: [BaseUnit] = []
        var trie = WordTrie()
        var wordExamples: [WordExample] = []
        var declaredClasses: [String: WordClassDeclaration] = [:]
        var linkerRoles: [LinkerRole: [String]] = [:]
    }

    private var box = Box.empty

    public init() {}

    /// Changes the tables: in place when this lexicon is their only holder.
    private mutating func mutate<R, E: Error>(_ body: (inout Tables) throws(E) -> R) throws(E) -> R {
        var tables = box.tables
        box = Box.empty  // the old box goes away when unshared, so `tables` is unique
        defer { box = Box(tables) }
        return try body(&tables)
    }

    var tables: Tables { box.tables }

    public var entries: [WordEntry] { box.tables.entries }
    public var units: [UnitEntry] { box.tables.units }
    /// Word classes as small integers, for hot loops: `entryClass[i]` indexes `classNames`.
    public var classNames: [String] { box.tables.classNames }
    public var entryClass: [Int32] { box.tables.entryClass }
    /// For unit entries, the index of the unit's kind in `classNames`-independent `unitKinds`.
    public var entryUnitKind: [Int32] { box.tables.entryUnitKind }
    /// Kinds of units (QuantityKind raw values and "none") as small integers.
    public var unitKinds: [String] { box.tables.unitKinds }
    /// Numeral characters: digit values, unit powers, section powers, markers.
    public var numerals: NumeralVocabulary { box.tables.numerals }
    /// Metric synonyms: variant → canonical name.
    public var metricSynonyms: [String: String] { box.tables.metricSynonyms }
    /// Examples of word list entries (`lexicon/bindingness.tsv`), run as tests.
    public var wordExamples: [WordExample] { box.tables.wordExamples }
    /// Word classes declared in `lexicon/classes.tsv`, by name.
    public var declaredClasses: [String: WordClassDeclaration] { box.tables.declaredClasses }
    /// The classes that play each of the linker's roles (`linker.tsv`).
    public var linkerRoles: [LinkerRole: [String]] { box.tables.linkerRoles }

    mutating func declareClass(_ declaration: WordClassDeclaration) { mutate { $0.declaredClasses[declaration.name] = declaration } }

    mutating func addLinkerRole(_ role: LinkerRole, for wordClass: String) {
        mutate { t in
            if !(t.linkerRoles[role]?.contains(wordClass) ?? false) { t.linkerRoles[role, default: []].append(wordClass) }
        }
    }

    public var classes: Set<String> { Set(classNames) }

    /// The integer of a word class, or nil when no word has it.
    public func classID(_ name: String) -> Int32? { box.tables.classNames.firstIndex(of: name).map(Int32.init) }

    /// The integer of a unit kind, or nil.
    public func unitKindID(_ name: String) -> Int32? { box.tables.unitKinds.firstIndex(of: name).map(Int32.init) }

    /// Words of a class.
    public func words(in wordClass: String) -> [WordEntry] { box.tables.entries.filter { $0.wordClass == wordClass } }

    /// Entries whose word starts at `position` of `text` (every length), and how long each is.
    public func matches(in text: [Unicode.Scalar], at position: Int, end: Int, into result: inout [(entry: Int, length: Int)]) {
        box.tables.trie.matches(in: text, at: position, end: end, into: &result)
    }

    /// Whether any word starts with this character.
    @inline(__always)
    public func mayStartWord(_ scalar: Unicode.Scalar) -> Bool { box.tables.trie.starts.contains(scalar) }

    public func entry(_ index: Int) -> WordEntry { box.tables.entries[index] }

    public func unit(named word: String) -> UnitEntry? { box.tables.units.first { $0.word == word } }

    // MARK: Loading

    public mutating func add(_ entry: WordEntry) { mutate { $0.add(entry) } }

    /// `units.tsv`: `unit<TAB>kind<TAB>baseUnit<TAB>factor<TAB>note`.
    public mutating func loadUnits(_ file: TSVFile) throws(GrammarError) { try mutate { (t: inout Tables) throws(GrammarError) in try t.loadUnits(file) } }

    /// `numerals.tsv`: `character<TAB>role<TAB>value`.
    public mutating func loadNumerals(_ file: TSVFile) throws(GrammarError) { try mutate { (t: inout Tables) throws(GrammarError) in try t.loadNumerals(file) } }

    /// `comparators.tsv`: `word<TAB>position<TAB>comparator<TAB>flags`.
    public mutating func loadComparators(_ file: TSVFile) throws(GrammarError) { try mutate { (t: inout Tables) throws(GrammarError) in try t.loadComparators(file) } }

    /// `time-words.tsv`: `word<TAB>kind<TAB>value<TAB>note`.
    public mutating func loadTimeWords(_ file: TSVFile) throws(GrammarError) { try mutate { (t: inout Tables) throws(GrammarError) in try t.loadTimeWords(file) } }

    /// A word list with one class per line (`word`) or per file (`scope`).
    public mutating func loadWords(_ file: TSVFile, class wordClass: String) throws(GrammarError) {
        try mutate { (t: inout Tables) throws(GrammarError) in try t.loadWords(file, class: wordClass) }
    }

    /// `word<TAB>class` lines.
    public mutating func loadClassedWords(_ file: TSVFile) throws(GrammarError) { try mutate { (t: inout Tables) throws(GrammarError) in try t.loadClassedWords(file) } }

    /// `lexicon/regions.tsv`: `cue<TAB>currency`.
    public mutating func loadCurrencyCues(_ file: TSVFile) throws(GrammarError) { try mutate { (t: inout Tables) throws(GrammarError) in try t.loadCurrencyCues(file) } }

    /// `variant<TAB>canonical`.
    public mutating func loadMetricSynonyms(_ file: TSVFile) throws(GrammarError) { try mutate { (t: inout Tables) throws(GrammarError) in try t.loadMetricSynonyms(file) } }

    /// `lexicon/bindingness.tsv`: `word<TAB>binding|expected<TAB>example`.
    public mutating func loadBindingness(_ file: TSVFile) throws(GrammarError) { try mutate { (t: inout Tables) throws(GrammarError) in try t.loadBindingness(file) } }

    /// The currency of a bare 元 in this text: the one whose cues occur most often (longest cue
    /// first at each position), yuan on a tie or without cues.
    public func localCurrency(of text: [Unicode.Scalar]) -> BaseUnit { box.tables.localCurrency(of: text) }
}

extension Lexicon.Tables {
    mutating func add(_ entry: WordEntry) {
        trie.insert(entry.word, value: entries.count)
        entries.append(entry)
        if let id = classNames.firstIndex(of: entry.wordClass) {
            entryClass.append(Int32(id))
        } else {
            classNames.append(entry.wordClass)
            entryClass.append(Int32(classNames.count - 1))
        }
        entryUnitKind.append(-1)
        if entry.wordClass == "unit", let kind = entry["kind"] { setUnitKind(entries.count - 1, kind) }
    }

    private mutating func setUnitKind(_ entry: Int, _ kind: String) {
        if let id = unitKinds.firstIndex(of: kind) {
            entryUnitKind[entry] = Int32(id)
        } else {
            unitKinds.append(kind)
            entryUnitKind[entry] = Int32(unitKinds.count - 1)
        }
    }

    /// `units.tsv`: `unit<TAB>kind<TAB>baseUnit<TAB>factor<TAB>note`.
    mutating func loadUnits(_ file: TSVFile) throws(GrammarError) {
        var seen = Set<String>()
        for line in file.lines {
            let word = line[0], kind = line[1]
            guard !word.isEmpty else { throw GrammarError(file.error(line, "empty unit")) }
            let factorColumn = line[0].count + line[1].count + line[2].count + 4
            if kind == "per" {
                guard let factor = Factor(parsing: line[3]) else {
                    throw GrammarError(file.error(line, column: factorColumn, "bad factor '\(line[3])'"))
                }
                add(WordEntry(word: Array(word.unicodeScalars), wordClass: "per", attributes: ["factor": line[3], "denominator": line[2]]))
                _ = factor
                continue
            }
            guard kind == "none" || QuantityKind(rawValue: kind) != nil else {
                throw GrammarError(file.error(line, column: line[0].count + 2,
                                              "unknown kind '\(kind)' (one of \(QuantityKind.allCases.map(\.rawValue).joined(separator: ", ")), per, none)"))
            }
            var baseUnit: BaseUnit?
            let local = line[2] == "local"
            if local && kind != "money" {
                throw GrammarError(file.error(line, column: line[0].count + line[1].count + 3, "base unit 'local' is for money only"))
            }
            if local {
                baseUnit = .yuan
            } else if kind != "none" {
                guard let base = BaseUnit(rawValue: line[2]) else {
                    throw GrammarError(file.error(line, column: line[0].count + line[1].count + 3,
                                                  "unknown base unit '\(line[2])' (one of \(BaseUnit.allCases.map(\.rawValue).joined(separator: ", ")), local)"))
                }
                baseUnit = base
            }
            let factorText = line[3].isEmpty ? "1" : line[3]
            guard let factor = Factor(parsing: factorText) else {
                throw GrammarError(file.error(line, column: factorColumn, "bad factor '\(factorText)' (a decimal or a fraction a/b)"))
            }
            guard seen.insert(word).inserted else { throw GrammarError(file.error(line, "unit '\(word)' is listed twice")) }
            var unit = UnitEntry(word: word, kind: kind, baseUnit: baseUnit, factor: factor)
            unit.local = local
            if let existing = units.firstIndex(where: { $0.word == word }) {
                // A later grammar directory redefines the unit.
                units[existing] = unit
                if let entry = entries.firstIndex(where: { $0.wordClass == "unit" && $0["unit"] == String(existing) }) {
                    entries[entry].attributes["kind"] = kind
                    setUnitKind(entry, kind)
                }
                continue
            }
            units.append(unit)
            add(WordEntry(word: Array(word.unicodeScalars), wordClass: "unit", attributes: ["kind": kind, "unit": String(units.count - 1)]))
        }
    }

    /// `numerals.tsv`: `character<TAB>role<TAB>value`.
    mutating func loadNumerals(_ file: TSVFile) throws(GrammarError) {
        numerals = try NumeralVocabulary(file: file)
    }

    /// `comparators.tsv`: `word<TAB>position<TAB>comparator<TAB>flags`.
    mutating func loadComparators(_ file: TSVFile) throws(GrammarError) {
        for line in file.lines {
            guard line[1] == "prefix" || line[1] == "suffix" else {
                throw GrammarError(file.error(line, column: line[0].count + 2, "position must be prefix or suffix, got '\(line[1])'"))
            }
            guard Comparator(rawValue: line[2]) != nil else {
                throw GrammarError(file.error(line, column: line[0].count + line[1].count + 3,
                                              "unknown comparator '\(line[2])' (one of \(Comparator.allCases.map(\.rawValue).joined(separator: " ")))"))
            }
            var attributes = ["comparator": line[2]]
            for flag in line[3].split(separator: ",").map({ String($0).trimmingSpaces() }) where !flag.isEmpty {
                guard ["aspirational", "approximate"].contains(flag) else {
                    throw GrammarError(file.error(line, "unknown flag '\(flag)' (aspirational, approximate)"))
                }
                attributes[flag] = "true"
            }
            add(WordEntry(word: Array(line[0].unicodeScalars), wordClass: "comparator." + line[1], attributes: attributes))
        }
    }

    /// `time-words.tsv`: `word<TAB>kind<TAB>value<TAB>note`.
    mutating func loadTimeWords(_ file: TSVFile) throws(GrammarError) {
        for line in file.lines {
            let kind = line[1]
            var attributes: [String: String] = [:]
            switch kind {
            case "period":
                let years = line[2].split(separator: "-").compactMap { Int($0) }
                guard years.count == 2, years[0] <= years[1] else {
                    throw GrammarError(file.error(line, column: line[0].count + line[1].count + 3, "a period needs START-END years, got '\(line[2])'"))
                }
                attributes = ["start": String(years[0]), "end": String(years[1])]
            case "accumulation":
                guard Accumulation(rawValue: line[2]) != nil else {
                    throw GrammarError(file.error(line, column: line[0].count + line[1].count + 3,
                                                  "unknown accumulation '\(line[2])' (annual, cumulative, increment)"))
                }
                attributes = ["accumulation": line[2]]
            case "deadline":
                // 截至2024年底 reports what is (as-of: a past frame), 到2027年 looks ahead (by).
                attributes = ["value": line[2]]
                if line[2] == "as-of" { attributes["frame"] = TimeFrame.past.rawValue }
                if line[2] == "by" { attributes["frame"] = TimeFrame.future.rawValue }
            case "baseline", "year-suffix", "relative-year":
                attributes = ["value": line[2]]
            case "frame", "frame-lead", "frame-trail":
                guard TimeFrame(rawValue: line[2]) != nil else {
                    throw GrammarError(file.error(line, column: line[0].count + line[1].count + 3, "unknown frame '\(line[2])' (past, current, future)"))
                }
                attributes = ["frame": line[2]]
            default:
                throw GrammarError(file.error(line, column: line[0].count + 2,
                                              "unknown kind '\(kind)' (period, accumulation, baseline, deadline, year-suffix, relative-year, frame, frame-lead, frame-trail)"))
            }
            add(WordEntry(word: Array(line[0].unicodeScalars), wordClass: kind, attributes: attributes))
        }
    }

    /// A word list with one class per line (`word`) or per file (`scope`).
    mutating func loadWords(_ file: TSVFile, class wordClass: String) throws(GrammarError) {
        for line in file.lines {
            let word = line[0].trimmingSpaces()
            guard !word.isEmpty else { throw GrammarError(file.error(line, "empty word")) }
            add(WordEntry(word: Array(word.unicodeScalars), wordClass: wordClass, attributes: line[1].isEmpty ? [:] : ["kind": line[1]]))
        }
    }

    /// `word<TAB>class` lines.
    mutating func loadClassedWords(_ file: TSVFile) throws(GrammarError) {
        for line in file.lines {
            let word = line[0].trimmingSpaces(), wordClass = line[1].trimmingSpaces()
            guard !word.isEmpty else { throw GrammarError(file.error(line, "empty word")) }
            guard !wordClass.isEmpty, wordClass.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "." || $0 == "-" }) else {
                throw GrammarError(file.error(line, column: line[0].count + 2, "missing or malformed class '\(wordClass)'"))
            }
            if !declaredClasses.isEmpty && declaredClasses[wordClass] == nil {
                throw Lexicon.undeclaredClass(wordClass, declared: declaredClasses, file, line, column: line[0].count + 2)
            }
            add(WordEntry(word: Array(word.unicodeScalars), wordClass: wordClass, attributes: [:]))
        }
    }

    /// `lexicon/bindingness.tsv`: `word<TAB>binding|expected<TAB>example`. The words become the
    /// classes `bindingness.binding` and `bindingness.expected`; every word needs an example in
    /// which an indicator has that bindingness.
    mutating func loadBindingness(_ file: TSVFile) throws(GrammarError) {
        for line in file.lines {
            let word = line[0].trimmingSpaces()
            guard !word.isEmpty else { throw GrammarError(file.error(line, "empty word")) }
            guard let value = Bindingness(rawValue: line[1]) else {
                throw GrammarError(file.error(line, column: line[0].count + 2, "expected binding or expected, got '\(line[1])'"))
            }
            let column = line[0].count + line[1].count + 3
            guard !line[2].isEmpty else { throw GrammarError(file.error(line, column: column, "every word needs an example sentence")) }
            var example = try RuleExample.parse(([line[2]] + line.fields.dropFirst(3)).joined(separator: " "), path: file.path,
                                                line: line.number, column: column)
            guard example.text.contains(word) else {
                throw GrammarError(file.error(line, column: column, "the example does not contain '\(word)'"))
            }
            example.expected.append((name: "bindingness", value: value.rawValue))
            add(WordEntry(word: Array(word.unicodeScalars), wordClass: "bindingness." + value.rawValue, attributes: [:]))
            wordExamples.append(WordExample(word: word, wordClass: "bindingness." + value.rawValue, example: example))
        }
    }

    /// `lexicon/regions.tsv`: `cue<TAB>currency`.
    mutating func loadCurrencyCues(_ file: TSVFile) throws(GrammarError) {
        for line in file.lines {
            guard !line[0].isEmpty, let currency = BaseUnit(rawValue: line[1]), [.yuan, .hkd, .twd, .usd, .eur, .jpy, .gbp].contains(currency) else {
                throw GrammarError(file.error(line, column: line[0].count + 2, "expected cue<TAB>currency (yuan, hkd, twd or usd)"))
            }
            currencyCues.insert(Array(line[0].unicodeScalars), value: currencyNames.count)
            currencyNames.append(currency)
        }
    }

    /// The currency of a bare 元 in this text: the one whose cues occur most often (longest cue
    /// first at each position), yuan on a tie or without cues.
    func localCurrency(of text: [Unicode.Scalar]) -> BaseUnit {
        var votes: [BaseUnit: Int] = [:]
        var found: [(entry: Int, length: Int)] = []
        var i = 0
        let starts = currencyCues.starts
        while i < text.count {
            // Most characters start no cue: say so without a lookup.
            guard starts.contains(text[i]) else { i += 1; continue }
            found.removeAll(keepingCapacity: true)
            currencyCues.matches(in: text, at: i, end: text.count, into: &found)
            guard let longest = found.max(by: { $0.length < $1.length }) else { i += 1; continue }
            votes[currencyNames[longest.entry], default: 0] += 1
            i += longest.length
        }
        let yuan = votes[.yuan] ?? 0
        guard let best = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }),
              best.value > yuan else { return .yuan }
        return best.key
    }

    mutating func loadMetricSynonyms(_ file: TSVFile) throws(GrammarError) {
        for line in file.lines {
            guard !line[0].isEmpty, !line[1].isEmpty else { throw GrammarError(file.error(line, "expected variant<TAB>canonical")) }
            metricSynonyms[line[0]] = line[1]
        }
    }
}

/// A trie over scalars, for matching every word that starts at a position.
struct WordTrie: Sendable {
    /// Edges (node, scalar) → child, in one open-addressing table with a multiplicative hash:
    /// a lookup per character is the tokenizer's inner loop.
    private var keys: [UInt64] = [UInt64](repeating: .max, count: 1024)
    private var targets: [Int32] = [Int32](repeating: -1, count: 1024)
    private var edgeCount = 0
    private var nodeCount = 1
    private var values: [[Int]] = [[]]
    private(set) var starts = ScalarSet()

    @inline(__always)
    private static func key(_ node: Int, _ scalar: Unicode.Scalar) -> UInt64 { UInt64(node) << 21 | UInt64(scalar.value) }

    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while keys[i] != key && keys[i] != .max { i = (i + 1) & mask }
        return i
    }

    /// The root's children for the BMP as a flat table: the first lookup, made at every
    /// character of a sentence, is an array read.
    private var rootChildren = [Int32](repeating: -1, count: 0x10000)

    @inline(__always)
    private func child(_ node: Int, _ scalar: Unicode.Scalar) -> Int? {
        if node == 0 && scalar.value < 0x10000 {
            let target = rootChildren[Int(scalar.value)]
            return target < 0 ? nil : Int(target)
        }
        let i = slot(of: Self.key(node, scalar))
        return keys[i] == .max ? nil : Int(targets[i])
    }

    private mutating func grow() {
        let oldKeys = keys, oldTargets = targets
        keys = [UInt64](repeating: .max, count: oldKeys.count * 2)
        targets = [Int32](repeating: -1, count: oldKeys.count * 2)
        for (key, target) in zip(oldKeys, oldTargets) where key != .max {
            let i = slot(of: key)
            keys[i] = key
            targets[i] = target
        }
    }

    mutating func insert(_ word: [Unicode.Scalar], value: Int) {
        guard let first = word.first else { return }
        starts.insert(first)
        var node = 0
        for scalar in word {
            if let next = child(node, scalar) {
                node = next
                continue
            }
            if node == 0 && scalar.value < 0x10000 {
                rootChildren[Int(scalar.value)] = Int32(nodeCount)
                values.append([])
                node = nodeCount
                nodeCount += 1
                continue
            }
            if (edgeCount + 1) * 2 > keys.count { grow() }
            let i = slot(of: Self.key(node, scalar))
            keys[i] = Self.key(node, scalar)
            targets[i] = Int32(nodeCount)
            edgeCount += 1
            values.append([])
            node = nodeCount
            nodeCount += 1
        }
        values[node].append(value)
    }

    /// The same trie with each node's values in one flat array, for the tokenizer's loop.
    func frozen() -> FrozenWordTrie {
        var valueStart: [Int32] = []
        var valueList: [Int32] = []
        valueStart.reserveCapacity(values.count + 1)
        for nodeValues in values {
            valueStart.append(Int32(valueList.count))
            for value in nodeValues { valueList.append(Int32(value)) }
        }
        valueStart.append(Int32(valueList.count))
        return FrozenWordTrie(keys: keys, targets: targets, rootChildren: rootChildren, valueStart: valueStart, valueList: valueList,
                              starts: starts)
    }

    func matches(in text: [Unicode.Scalar], at position: Int, end: Int, into result: inout [(entry: Int, length: Int)]) {
        guard position < end, starts.contains(text[position]) else { return }
        var node = 0
        var i = position
        while i < end, let next = child(node, text[i]) {
            node = next
            i += 1
            for value in values[node] { result.append((value, i - position)) }
        }
    }
}

/// A ``WordTrie`` that no longer grows: edges in the same hash table, the values of node `n`
/// in `valueList[valueStart[n]..<valueStart[n + 1]]` (no array per node to retain).
struct FrozenWordTrie: Sendable {
    let keys: [UInt64]
    let targets: [Int32]
    let rootChildren: [Int32]
    let valueStart: [Int32]
    let valueList: [Int32]
    let starts: ScalarSet

    /// Entries whose word starts at `position` (before `end`), each with its length, appended to
    /// `entries`/`lengths` from `count` on; returns the new count.
    @inline(__always)
    func matches(in text: [Unicode.Scalar], at position: Int, end: Int, entries: inout [Int32], lengths: inout [Int32], count: Int) -> Int {
        var count = count
        var node = 0
        var i = position
        let mask = keys.count - 1
        while i < end {
            let scalar = text[i]
            var next = -1
            if node == 0 && scalar.value < 0x10000 {
                next = Int(rootChildren[Int(scalar.value)])
            } else {
                let key = UInt64(node) << 21 | UInt64(scalar.value)
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
                while keys[slot] != key && keys[slot] != .max { slot = (slot + 1) & mask }
                if keys[slot] == key { next = Int(targets[slot]) }
            }
            guard next >= 0 else { break }
            node = next
            i += 1
            for k in Int(valueStart[node])..<Int(valueStart[node + 1]) {
                if count < entries.count {
                    entries[count] = valueList[k]
                    lengths[count] = Int32(i - position)
                } else {
                    entries.append(valueList[k])
                    lengths.append(Int32(i - position))
                }
                count += 1
            }
        }
        return count
    }
}
