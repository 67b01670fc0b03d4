import CZhibiaoICU
import ZhibiaoCore

/// Converts Traditional to Simplified script with ICU's `Traditional-Simplified` rules plus the
/// overrides of `Grammars/script/t2s-overrides.tsv`, compiled into a table scanned in Swift; or,
/// built with `direction: .simplifiedToTraditional`, the other way with ICU's
/// `Simplified-Traditional` rules (ICU has no Taiwan or Hong Kong variant of them).
///
/// A Traditional-to-Simplified converter also tells a text's script (``Counts``), and converts
/// only what is Traditional (``convertTraditional(_:)``): a Simplified document is left alone
/// (显著 stays 显著, where converting every character would give 显着), and in a mixed one
/// only the lines that are clearly Traditional are converted.
///
/// ICU is the source of truth: the rules are read from ICU at load time (`utrans_toRules`)
/// and ``icuRules`` rebuilds an ICU transliterator that the tests compare against. ICU's rules
/// are ordered so that a longer rule always precedes a shorter one with the same prefix, so
/// "first matching rule" is "longest match", which is what the scanner does. Every rule maps
/// as many scalars as it reads, so conversion never moves an offset.
public struct ScriptConverter: Sendable {
    /// Which way a converter goes.
    public enum Direction: String, Sendable {
        case traditionalToSimplified
        case simplifiedToTraditional

        /// ICU's transliterator.
        var icuID: String { self == .traditionalToSimplified ? "Traditional-Simplified" : "Simplified-Traditional" }
    }

    struct Phrase: Sendable {
        let source: [Unicode.Scalar]
        let target: [Unicode.Scalar]
    }

    private static let phraseFlag: UInt32 = 0x8000_0000
    private static let simplifiedFlag: UInt32 = 0x4000_0000
    private static let valueMask: UInt32 = 0x001F_FFFF
    /// Per BMP scalar: phrase flag, simplified-only flag, and the single-character target + 1.
    private let bmp: [UInt32]
    private let supplementary: [UInt32: Unicode.Scalar]
    private let phrases: [UInt32: [Phrase]]
    /// Smallest scalar that starts any rule: everything below is skipped without a lookup.
    private let lowestSource: UInt32
    /// Rules as merged (ICU's, then overrides), keyed by source.
    private let merged: [(source: [Unicode.Scalar], target: [Unicode.Scalar])]

    /// ICU version the rules came from.
    public let icuVersion: String
    /// Rules read from ICU.
    public let icuRuleCount: Int
    /// Override entries applied.
    public let overrideCount: Int
    public let direction: Direction

    /// ICU's transliteration rules or the overrides file could not be loaded.
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Reads ICU's rules and merges `overrides` (an OpenCC-style `key<TAB>value` file).
    public init(overrides: TSVFile?, direction: Direction = .traditionalToSimplified) throws {
        self.direction = direction
        let icuRules = try Self.readICURules(direction.icuID)
        var order: [[Unicode.Scalar]] = []
        var table: [[Unicode.Scalar]: [Unicode.Scalar]] = [:]
        for (source, target) in icuRules {
            if table[source] == nil { order.append(source) }
            table[source] = target
        }
        var overrideCount = 0
        if let overrides {
            var previous: String?
            for line in overrides.lines {
                let key = line[0], value = line[1]
                guard !key.isEmpty, !value.isEmpty else { throw overrides.error(line, "expected key<TAB>value") }
                let source = Array(key.unicodeScalars), target = Array(value.unicodeScalars)
                guard source.count == target.count else {
                    throw overrides.error(line, column: key.count + 2, "'\(key)' and '\(value)' differ in length; conversion must keep offsets")
                }
                if let previous, !(previous.unicodeScalars.lexicographicallyPrecedes(key.unicodeScalars, by: { $0.value < $1.value })) {
                    throw overrides.error(line, "keys must be sorted and unique: '\(key)' after '\(previous)'")
                }
                previous = key
                if table[source] == nil { order.append(source) }
                table[source] = target
                overrideCount += 1
            }
        }
        var bmp = [UInt32](repeating: 0, count: 0x10000)
        var supplementary: [UInt32: Unicode.Scalar] = [:]
        var phrases: [UInt32: [Phrase]] = [:]
        var targets: Set<UInt32> = []
        var merged: [(source: [Unicode.Scalar], target: [Unicode.Scalar])] = []
        for source in order {
            guard let target = table[source] else { continue }
            merged.append((source, target))
            if source.count == 1 {
                let v = source[0].value
                if source != target {
                    if v < 0x10000 { bmp[Int(v)] = (bmp[Int(v)] & ~Self.valueMask) | (target[0].value + 1) }
                    else { supplementary[v] = target[0] }
                    targets.insert(target[0].value)
                }
            } else {
                phrases[source[0].value, default: []].append(Phrase(source: source, target: target))
                if source[0].value < 0x10000 { bmp[Int(source[0].value)] |= Self.phraseFlag }
            }
        }
        for key in phrases.keys { phrases[key]!.sort { $0.source.count > $1.source.count } }
        // Simplified-only: targets of a change that are not themselves changed.
        for v in targets where v < 0x10000 && bmp[Int(v)] & Self.valueMask == 0 {
            bmp[Int(v)] |= Self.simplifiedFlag
        }
        self.bmp = bmp
        self.supplementary = supplementary
        self.phrases = phrases
        self.merged = merged
        self.lowestSource = merged.map { $0.source[0].value }.min() ?? 0x110000
        self.icuVersion = ICU.version
        self.icuRuleCount = icuRules.count
        self.overrideCount = overrideCount
    }

    /// What a pass over a text found.
    public struct Counts: Sendable, Equatable {
        /// Han characters seen.
        public var han = 0
        /// Characters that conversion changes (Traditional-only).
        public var traditional = 0
        /// Characters only Simplified script uses.
        public var simplified = 0

        /// The script these counts suggest. Traditional texts have about a third of their Han
        /// characters Traditional-only, and a few percent of characters that conversion produces
        /// but Traditional also uses (余 于 并 台 里); Simplified texts have almost no
        /// Traditional-only characters.
        public var script: Script {
            if han == 0 { return .none }
            let t = Double(traditional) / Double(han), s = Double(simplified) / Double(han)
            if t < 0.01 { return .hans }
            if (t >= 0.1 && traditional >= 3 * simplified) || s < 0.02 { return .hant }
            return .mixed
        }

        /// Different characters that conversion changes, counted up to 3.
        public var traditionalKinds = 0
        /// The first two of them.
        var firstTraditional: UInt32 = 0
        var secondTraditional: UInt32 = 0

        /// A block (a line) of a Simplified or mixed text that leans to Traditional: three
        /// different characters that conversion changes (a passage in Traditional script, or a
        /// paragraph of a 1957 report that mixes both scripts). One or two are no proof: 著 in
        /// 显著, 乾 in 乾坤, 瞭 in 瞭望 and 察 in 巡察 are Simplified too.
        public var leansTraditional: Bool { traditionalKinds >= 3 }

        /// A block of a Traditional text that leans to Simplified: two characters or more that
        /// only Simplified uses, at least a third as many as the Traditional-only ones.
        public var leansSimplified: Bool { simplified >= 2 && 3 * simplified >= traditional }

        static func + (a: Counts, b: Counts) -> Counts {
            var sum = a
            sum.han += b.han
            sum.traditional += b.traditional
            sum.simplified += b.simplified
            if b.traditionalKinds > 0 { sum.changed(b.firstTraditional) }
            if b.traditionalKinds > 1 { sum.changed(b.secondTraditional) }
            if b.traditionalKinds > 2 { sum.traditionalKinds = 3 }
            return sum
        }

        /// Counts a character that conversion changes (its value) among the kinds.
        @inline(__always)
        mutating func changed(_ v: UInt32) {
            switch traditionalKinds {
            case 0: traditionalKinds = 1; firstTraditional = v
            case 1 where v != firstTraditional: traditionalKinds = 2; secondTraditional = v
            case 2 where v != firstTraditional && v != secondTraditional: traditionalKinds = 3
            default: break
            }
        }
    }

    /// Converts in place and counts. Length never changes.
    @discardableResult
    public func convert(_ text: inout [Unicode.Scalar]) -> Counts {
        let n = text.count
        return text.withUnsafeMutableBufferPointer { scan($0, 0..<n, write: true) }
    }

    /// Counts without converting.
    public func counts(_ text: [Unicode.Scalar]) -> Counts {
        text.withUnsafeBufferPointer { scan(UnsafeMutableBufferPointer(mutating: $0), 0..<$0.count, write: false) }
    }

    /// Converts what is Traditional in a text, in place, and returns the counts of the whole text
    /// (which tell its script). A Traditional text is converted throughout. In a Simplified or
    /// mixed text only the lines that lean to Traditional are (a Hong Kong passage quoted in a
    /// mainland page; the paragraphs of a 1957 report that mix both scripts): the rest is left
    /// alone, so that 瞭望 and 巡察 stay as written where converting every character would give
    /// 了望 and 巡查. Length never changes.
    ///
    /// A Simplified-to-Traditional converter does the same the other way: it converts a
    /// Simplified text throughout and only the lines of a Traditional or mixed text that lean to
    /// Simplified; the counts (and the script) come from `detector`, a Traditional-to-Simplified
    /// converter.
    @discardableResult
    public func convertTraditional(_ text: inout [Unicode.Scalar], detector: ScriptConverter? = nil) -> Counts {
        let n = text.count
        if detector == nil && direction == .traditionalToSimplified {
            return text.withUnsafeMutableBufferPointer { convertInOnePass($0) }
        }
        let detector = detector ?? self
        return text.withUnsafeMutableBufferPointer { buffer in
            // The lines and their counts, then the document's.
            var lines: [(range: Range<Int>, counts: Counts)] = []
            var total = Counts()
            var start = 0
            while start < n {
                var end = start
                while end < n && buffer[end] != "\n" { end += 1 }
                let counts = detector.scan(buffer, start..<end, write: false)
                if counts.han > 0 || counts.traditional > 0 || counts.simplified > 0 { lines.append((start..<end, counts)) }
                total = total + counts
                start = end + 1
            }
            let script = total.script
            for (range, counts) in lines {
                let convert: Bool
                switch direction {
                case .traditionalToSimplified: convert = script == .hant || counts.leansTraditional
                case .simplifiedToTraditional: convert = script == .hans || counts.leansSimplified
                }
                if convert { _ = scan(buffer, range, write: true) }
            }
            return total
        }
    }

    /// ``convertTraditional(_:detector:)`` for Traditional to Simplified in one pass: every line is
    /// converted as it is counted, and the changes of a line that does not lean to Traditional
    /// are noted; when the whole text turns out not to be Traditional, they are put back. The
    /// result is that of counting first and converting the chosen lines after.
    private func convertInOnePass(_ buffer: UnsafeMutableBufferPointer<Unicode.Scalar>) -> Counts {
        let n = buffer.count
        var total = Counts()
        var undo: [Change] = []
        var start = 0
        while start < n {
            var end = start
            while end < n && buffer[end] != "\n" { end += 1 }
            let mark = undo.count
            let counts = scan(buffer, start..<end, write: true, record: true, changes: &undo)
            // A line that leans to Traditional stays converted whatever the text is.
            if counts.leansTraditional { undo.removeSubrange(mark...) }
            total = total + counts
            start = end + 1
        }
        if total.script != .hant {
            for change in undo { buffer[change.offset] = change.original }
        }
        return total
    }

    /// Converts (when `write`) and counts `buffer[range]`.
    private func scan(_ buffer: UnsafeMutableBufferPointer<Unicode.Scalar>, _ range: Range<Int>, write: Bool) -> Counts {
        var unused: [Change] = []
        return scan(buffer, range, write: write, record: false, changes: &unused)
    }

    /// A character changed by conversion: where, and what it was.
    struct Change {
        var offset: Int
        var original: Unicode.Scalar
    }

    /// Converts (when `write`) and counts `buffer[range]`; with `record`, each character written
    /// is noted in `changes` first, so that it can be put back.
    @inline(__always)
    private func scan(_ buffer: UnsafeMutableBufferPointer<Unicode.Scalar>, _ range: Range<Int>, write: Bool,
                      record: Bool, changes: inout [Change]) -> Counts {
        var counts = Counts()
        let n = range.upperBound
        var i = range.lowerBound
        do {
            bmp.withUnsafeBufferPointer { table in
                while i < n {
                    let v = buffer[i].value
                    if v < lowestSource { i += 1; continue }  // ASCII and the like: no rule starts here
                    if Self.isHan(v) { counts.han += 1 }
                    if v < 0x10000 {
                        let entry = table[Int(v)]
                        if entry == 0 { i += 1; continue }
                        if entry & Self.simplifiedFlag != 0 { counts.simplified += 1 }
                        if entry & Self.phraseFlag != 0, let candidates = phrases[v] {
                            if let phrase = candidates.first(where: { Self.matches($0.source, buffer, at: i, end: n) }) {
                                var changed: UInt32 = 0
                                for k in 0..<phrase.source.count where phrase.target[k] != phrase.source[k] {
                                    if write {
                                        if record { changes.append(Change(offset: i + k, original: buffer[i + k])) }
                                        buffer[i + k] = phrase.target[k]
                                    }
                                    if changed == 0 { changed = phrase.source[k].value }
                                }
                                if changed != 0 {
                                    counts.traditional += 1
                                    counts.changed(changed)
                                }
                                for k in 1..<phrase.source.count where Self.isHan(phrase.source[k].value) { counts.han += 1 }
                                i += phrase.source.count
                                continue
                            }
                        }
                        let target = entry & Self.valueMask
                        if target != 0 {
                            if write {
                                if record { changes.append(Change(offset: i, original: buffer[i])) }
                                buffer[i] = Unicode.Scalar(target - 1)!
                            }
                            counts.traditional += 1
                            counts.changed(v)
                        }
                    } else if let target = supplementary[v] {
                        if write {
                            if record { changes.append(Change(offset: i, original: buffer[i])) }
                            buffer[i] = target
                        }
                        counts.traditional += 1
                        counts.changed(v)
                    }
                    i += 1
                }
            }
        }
        return counts
    }

    @inline(__always)
    private static func matches(_ source: [Unicode.Scalar], _ buffer: UnsafeMutableBufferPointer<Unicode.Scalar>, at i: Int, end: Int) -> Bool {
        guard i + source.count <= end else { return false }
        for k in 1..<source.count where buffer[i + k] != source[k] { return false }
        return true
    }

    @inline(__always)
    static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x3134F).contains(v)
            || (0xF900...0xFAFF).contains(v) || v == 0x3007
    }

    /// The merged rules as ICU rule text, longest sources first (so no rule masks another).
    public var icuRules: String {
        var lines: [String] = []
        lines.reserveCapacity(merged.count)
        for rule in merged.sorted(by: { $0.source.count > $1.source.count }) {
            lines.append("\(Self.quoted(rule.source)) > \(Self.quoted(rule.target));")
        }
        return lines.joined(separator: "\n")
    }

    /// Every scalar as an ICU escape, so no rule character needs quoting.
    private static func quoted(_ scalars: [Unicode.Scalar]) -> String {
        var text = ""
        for scalar in scalars {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            if scalar.value < 0x10000 {
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                text += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
            }
        }
        return text
    }

    /// Reads a transliterator's rules from ICU as (source, target) pairs.
    static func readICURules(_ id: String = "Traditional-Simplified") throws -> [([Unicode.Scalar], [Unicode.Scalar])] {
        let transliterator = try ICUTransliterator(id: id)
        let text = Array(try transliterator.rules().unicodeScalars)
        var rules: [([Unicode.Scalar], [Unicode.Scalar])] = []
        rules.reserveCapacity(4096)
        let n = text.count
        var lineStart = 0
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n && text[lineEnd] != "\n" { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            // Trimmed of spaces, tabs and CR; comments and filters (::) skipped; the final ; dropped.
            var a = lineStart, b = lineEnd
            while a < b && (text[a] == " " || text[a] == "\t" || text[a] == "\r") { a += 1 }
            while b > a && (text[b - 1] == " " || text[b - 1] == "\t" || text[b - 1] == "\r") { b -= 1 }
            if a == b || text[a] == "#" || (b - a >= 2 && text[a] == ":" && text[a + 1] == ":") { continue }
            if text[b - 1] == ";" { b -= 1 }
            // One " > " between source and target.
            var separators: [Int] = []
            var k = a
            while k + 3 <= b {
                if text[k] == " " && text[k + 1] == ">" && text[k + 2] == " " { separators.append(k); k += 3 } else { k += 1 }
            }
            guard separators.count == 1, let source = ICURuleText.unescape(text[a..<separators[0]]),
                  let target = ICURuleText.unescape(text[(separators[0] + 3)..<b]), !source.isEmpty else {
                throw LoadError(description: "cannot read ICU rule '\(String(scalars: text[lineStart..<lineEnd]))' of \(id) (ICU \(ICU.version))")
            }
            guard source.count == target.count else { continue }  // would move offsets: not used
            rules.append((source, target))
        }
        return rules
    }
}

/// ICU rule-text escapes: `\uXXXX`, `\UXXXXXXXX`, `'quoted'` and `\x` for a literal x.
enum ICURuleText {
    static func unescape(_ text: String) -> [Unicode.Scalar]? {
        let scalars = Array(text.unicodeScalars)
        return unescape(scalars[...])
    }

    static func unescape(_ scalars: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar]? {
        var result: [Unicode.Scalar] = []
        var i = scalars.startIndex
        let end = scalars.endIndex
        var quoted = false
        while i < end {
            let s = scalars[i]
            if s == "'" {
                if i + 1 < end && scalars[i + 1] == "'" { result.append("'"); i += 2; continue }
                quoted.toggle(); i += 1; continue
            }
            if !quoted && s == "\\" && i + 1 < end {
                let kind = scalars[i + 1]
                let digits = kind == "u" ? 4 : kind == "U" ? 8 : 0
                if digits > 0 {
                    guard i + 2 + digits <= end else { return nil }
                    var value: UInt32 = 0
                    for k in (i + 2)..<(i + 2 + digits) {
                        guard let digit = Self.hexValue(scalars[k]) else { return nil }
                        value = value << 4 | digit
                    }
                    guard let scalar = Unicode.Scalar(value) else { return nil }
                    result.append(scalar)
                    i += 2 + digits
                } else {
                    result.append(kind)
                    i += 2
                }
                continue
            }
            if !quoted && s == " " { i += 1; continue }
            result.append(s)
            i += 1
        }
        return result
    }

    private static func hexValue(_ s: Unicode.Scalar) -> UInt32? {
        switch s.value {
        case 0x30...0x39: s.value - 0x30
        case 0x41...0x46: s.value - 0x41 + 10
        case 0x61...0x66: s.value - 0x61 + 10
        default: nil
        }
    }
}
