import CZhibiaoICU
import ZhibiaoCore

/// Converts Traditional to Simplified script with ICU's `Traditional-Simplified` rules plus the
/// overrides of `Grammars/script/t2s-overrides.tsv`, compiled into a table scanned in Swift.
///
/// ICU is the source of truth: the rules are read from ICU at load time (`utrans_toRules`)
/// and ``icuRules`` rebuilds an ICU transliterator that the tests compare against. ICU's rules
/// are ordered so that a longer rule always precedes a shorter one with the same prefix, so
/// "first matching rule" is "longest match", which is what the scanner does. Every rule maps
/// as many scalars as it reads, so conversion never moves an offset.
public struct ScriptConverter: Sendable {
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

    /// ICU's transliteration rules or the overrides file could not be loaded.
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Reads ICU's rules and merges `overrides` (an OpenCC-style `key<TAB>value` file).
    public init(overrides: TSVFile?) throws {
        let icuRules = try Self.readICURules()
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
    }

    /// Converts in place and counts. Length never changes.
    @discardableResult
    public func convert(_ text: inout [Unicode.Scalar]) -> Counts {
        scan(&text, write: true)
    }

    /// Counts without converting.
    public func counts(_ text: [Unicode.Scalar]) -> Counts {
        var copy = text
        return scan(&copy, write: false)
    }

    private func scan(_ text: inout [Unicode.Scalar], write: Bool) -> Counts {
        var counts = Counts()
        let n = text.count
        var i = 0
        text.withUnsafeMutableBufferPointer { buffer in
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
                            if let phrase = candidates.first(where: { Self.matches($0.source, buffer, at: i) }) {
                                var changed = false
                                for k in 0..<phrase.source.count where phrase.target[k] != phrase.source[k] {
                                    if write { buffer[i + k] = phrase.target[k] }
                                    changed = true
                                }
                                if changed { counts.traditional += 1 }
                                for k in 1..<phrase.source.count where Self.isHan(phrase.source[k].value) { counts.han += 1 }
                                i += phrase.source.count
                                continue
                            }
                        }
                        let target = entry & Self.valueMask
                        if target != 0 {
                            if write { buffer[i] = Unicode.Scalar(target - 1)! }
                            counts.traditional += 1
                        }
                    } else if let target = supplementary[v] {
                        if write { buffer[i] = target }
                        counts.traditional += 1
                    }
                    i += 1
                }
            }
        }
        return counts
    }

    @inline(__always)
    private static func matches(_ source: [Unicode.Scalar], _ buffer: UnsafeMutableBufferPointer<Unicode.Scalar>, at i: Int) -> Bool {
        guard i + source.count <= buffer.count else { return false }
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

    /// Reads `Traditional-Simplified` from ICU as (source, target) pairs.
    static func readICURules() throws -> [([Unicode.Scalar], [Unicode.Scalar])] {
        let transliterator = try ICUTransliterator(id: "Traditional-Simplified")
        let text = try transliterator.rules()
        var rules: [([Unicode.Scalar], [Unicode.Scalar])] = []
        for raw in text.split(separator: "\n") {
            var line = String(raw).trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("::") { continue }
            if line.hasSuffix(";") { line.removeLast() }
            let parts = line.components(separatedByString: " > ")
            guard parts.count == 2, let source = ICURuleText.unescape(parts[0]), let target = ICURuleText.unescape(parts[1]),
                  !source.isEmpty else {
                throw LoadError(description: "cannot read ICU rule '\(raw)' of Traditional-Simplified (ICU \(ICU.version))")
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
        var result: [Unicode.Scalar] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var quoted = false
        while i < scalars.count {
            let s = scalars[i]
            if s == "'" {
                if i + 1 < scalars.count && scalars[i + 1] == "'" { result.append("'"); i += 2; continue }
                quoted.toggle(); i += 1; continue
            }
            if !quoted && s == "\\" && i + 1 < scalars.count {
                let kind = scalars[i + 1]
                let digits = kind == "u" ? 4 : kind == "U" ? 8 : 0
                if digits > 0 {
                    guard i + 2 + digits <= scalars.count,
                          let value = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 2 + digits)])), radix: 16),
                          let scalar = Unicode.Scalar(value) else { return nil }
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
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let drop = Set(set.unicodeScalars)
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, drop.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, drop.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
