import Foundation
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoGrammar

/// Runs other projects' published test cases for Chinese numbers, percentages, currencies and
/// dimensions (`../shared/peer-specs/`) against Zhibiao, and says per file how many pass and
/// why the others fail.
///
/// - `cn2an/cases.jsonl`: `cn2an:*` cases read the whole input as one numeral (an expected error
///   must not read as one); `transform:cn2an` rewrites every numeral of a sentence to digits;
///   `chinese2digits` lists the numbers of a sentence. Writing Chinese numerals (`an2cn`,
///   `transform:an2cn`) is not something Zhibiao does: those cases are counted as not applicable.
/// - `recognizers-zh/{number,percent,currency,dimension}.jsonl`: the numbers, percentages, money
///   and measures Zhibiao finds in the sentence must be exactly the expected ones (same text,
///   same value in the same unit).
public struct PeerSpecSuite: Sendable {
    public let pipeline: Pipeline
    private let runner: ExampleRunner

    public init(pipeline: Pipeline) {
        self.pipeline = pipeline
        let normalizer = pipeline.normalizer
        runner = ExampleRunner(extractor: pipeline.extractor) { text in
            let result = normalizer.normalize(text)
            return (result.text, result.map)
        }
    }

    /// The files the suite knows, relative to the peer-specs directory.
    public static let files = ["cn2an/cases.jsonl", "recognizers-zh/number.jsonl", "recognizers-zh/percent.jsonl",
                               "recognizers-zh/currency.jsonl", "recognizers-zh/dimension.jsonl"]

    /// A case that did not pass: its line in the spec file, the input and why.
    public struct Failure: Sendable {
        public var line: Int
        public var input: String
        /// The kind of failure (missed, extra, value, span, unit, rejected, accepted…), for counts.
        public var category: String
        public var detail: String
    }

    /// The result of one spec file: cases, how many apply and pass, and the failures.
    public struct FileReport: Sendable {
        public var file: String
        public var cases = 0
        /// Cases outside what Zhibiao does, by reason.
        public var notApplicable: [String: Int] = [:]
        public var passed = 0
        public var failures: [Failure] = []

        public var applicable: Int { cases - notApplicable.values.reduce(0, +) }
        public var passRate: Double { applicable == 0 ? 0 : Double(passed) / Double(applicable) }

        /// Failure categories with their counts, most frequent first.
        public var categories: [(String, Int)] {
            Dictionary(grouping: failures, by: \.category).map { ($0.key, $0.value.count) }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        }
    }

    /// Runs every known file found under `directory`; missing files are left out.
    public func run(directory: URL) throws -> [FileReport] {
        try Self.files.compactMap { relative in
            let url = directory.appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return try run(file: url, name: relative)
        }
    }

    public func run(file url: URL, name: String) throws -> FileReport {
        let contents = try String(contentsOf: url, encoding: .utf8)
        var report = FileReport(file: name)
        var objects: [(Int, [String: Any])] = []
        for (index, line) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw SuiteError(message: "\(url.path):\(index + 1): not a JSON object")
            }
            objects.append((index, object))
        }
        // Inputs that cn2an reads as numbers in some mode: its strict mode's errors on them are
        // a strictness setting, not a reading.
        let readSomewhere = Set(objects.compactMap { _, object in
            (object["mode"] as? String)?.hasPrefix("cn2an:") == true && Self.number(object["expected"]) != nil ? object["input"] as? String : nil
        })
        for (index, object) in objects {
            report.cases += 1
            let input = (object["input"] as? String) ?? (object["input"].map { "\($0)" } ?? "")
            let outcome: Outcome
            if name.hasPrefix("cn2an/") {
                outcome = cn2an(object, input, readSomewhere: readSomewhere)
            } else {
                let kind = (name as NSString).lastPathComponent.replacingOccurrences(of: ".jsonl", with: "")
                outcome = recognizers(kind, object, input)
            }
            switch outcome {
            case .pass: report.passed += 1
            case .notApplicable(let reason): report.notApplicable[reason, default: 0] += 1
            case .fail(let category, let detail): report.failures.append(Failure(line: index + 1, input: input, category: category, detail: detail))
            }
        }
        return report
    }

    struct SuiteError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    enum Outcome {
        case pass
        case notApplicable(String)
        case fail(String, String)
    }

    // MARK: Readings

    /// A number Zhibiao reads in a text: its original span and full value (magnitude applied).
    struct Reading {
        var start: Int
        var end: Int
        var text: String
        var value: Double
    }

    /// The numbers of a text as the tokenizer reads them (names, quotes and ordinals excluded).
    func numbers(in input: String) -> [Reading] {
        let original = Array(input.unicodeScalars)
        let result = pipeline.normalizer.normalize(original)
        let lattice = pipeline.extractor.engine.tokenizer.tokenize(result.text, range: 0..<result.text.count)
        return lattice.tokens.filter { $0.kind == .number }.map { token in
            let number = lattice.numbers[token.payload]
            let span = result.map.originalSpan(of: NormalizedSpan(start: token.start, end: token.end))
            let value = number.value.multiplied(byPowerOfTen: number.magnitude).map { Double($0.description) ?? .nan } ?? .nan
            return Reading(start: span.start, end: span.end, text: String(scalars: original[span.range]), value: value)
        }
    }

    static func number(_ any: Any?) -> Double? {
        switch any {
        case let n as NSNumber: return n.doubleValue
        case let s as String:
            var text = s.trimmingCharacters(in: .whitespaces)
            var scale = 1.0
            if text.hasSuffix("%") { text.removeLast(); scale = 1 }
            return Double(text).map { $0 * scale }
        default: return nil
        }
    }

    static func same(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    }

    // MARK: cn2an and chinese2digits

    func cn2an(_ object: [String: Any], _ input: String, readSomewhere: Set<String>) -> Outcome {
        let mode = object["mode"] as? String ?? ""
        let expected = object["expected"]
        if mode.hasPrefix("an2cn") || mode.hasPrefix("transform:an2cn") {
            return .notApplicable("writes Chinese numerals (an2cn); Zhibiao reads them")
        }
        if mode.hasPrefix("transform:cn2an") {
            guard let target = expected as? String else { return .fail("spec", "no expected text") }
            let rewritten = rewrite(input)
            return rewritten == target ? .pass : .fail("rewrite", "got \(rewritten)")
        }
        if mode.hasPrefix("chinese2digits") {
            guard let object = expected as? [String: Any], let values = object["digitsStringList"] as? [String] else {
                return .fail("spec", "no digitsStringList")
            }
            if values.contains(where: { $0.contains("/") || $0.hasSuffix("%") }) {
                return .notApplicable("fractions and percents kept as text (2345/432, 4%): a notation choice")
            }
            let found = numbers(in: input).map(\.value)
            let wanted = values.compactMap(Double.init)
            if found.count == wanted.count && zip(found, wanted).allSatisfy({ Self.same($0, $1) }) { return .pass }
            return .fail(found.count == wanted.count ? "value" : (found.count < wanted.count ? "missed" : "extra"),
                         "expected \(values), got \(found.map(Self.format))")
        }
        // cn2an(input, mode): the whole input is one numeral, or an error.
        let whole = numbers(in: input)
        let readsWhole = whole.count == 1 && whole[0].start == 0 && whole[0].end == input.unicodeScalars.count
        if let error = expected as? [String: Any], error["error"] != nil {
            guard readsWhole else { return .pass }
            if readSomewhere.contains(input) {
                return .notApplicable("strict-mode errors on forms cn2an's normal or smart mode reads (三万五, 16.4亿): Zhibiao reads them")
            }
            return .fail("accepted", "read as \(Self.format(whole[0].value)), expected an error")
        }
        guard let value = Self.number(expected) else { return .fail("spec", "no expected number") }
        guard readsWhole else {
            let got = whole.map { "⟦\($0.text)⟧=\(Self.format($0.value))" }.joined(separator: " ")
            return .fail("rejected", "expected \(Self.format(value)), read \(got.isEmpty ? "nothing" : got)")
        }
        return Self.same(whole[0].value, value) ? .pass : .fail("value", "expected \(Self.format(value)), got \(Self.format(whole[0].value))")
    }

    /// The input with every number read replaced by its digits (transform:cn2an).
    func rewrite(_ input: String) -> String {
        var scalars = Array(input.unicodeScalars)
        for reading in numbers(in: input).reversed() {
            scalars.replaceSubrange(reading.start..<reading.end, with: Self.format(reading.value).unicodeScalars)
        }
        return String(scalars: scalars[...])
    }

    static func format(_ value: Double) -> String {
        if value.isFinite && value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    // MARK: Recognizers-Text

    /// Their units in our base units.
    static let dimensionUnits: [String: (BaseUnit, Double)] = [
        "Mu": (.m2, 10000.0 / 15), "Hectare": (.m2, 10000), "Square meter": (.m2, 1), "Square kilometer": (.m2, 1e6),
        "Kilogram": (.kg, 1), "Gram": (.kg, 0.001), "Ton": (.kg, 1000), "Jin": (.kg, 0.5), "Liang": (.kg, 0.05),
        "Microgram": (.kg, 1e-9), "Milligram": (.kg, 1e-6),
        "Meter": (.m, 1), "Kilometer": (.m, 1000), "Centimeter": (.m, 0.01), "Millimeter": (.m, 0.001),
    ]
    static let currencies: [String: BaseUnit] = [
        "Chinese yuan": .yuan, "Hong Kong dollar": .hkd, "United States dollar": .usd, "New Taiwan dollar": .twd,
        "Euro": .eur, "Japanese yen": .jpy, "British pound": .gbp,
    ]

    func recognizers(_ kind: String, _ object: [String: Any], _ input: String) -> Outcome {
        let results = object["results"] as? [[String: Any]] ?? []
        struct Expected { var start: Int; var end: Int; var text: String; var value: Double?; var unit: String? }
        let expected = results.map { r in
            Expected(start: r["start"] as? Int ?? 0, end: (r["end"] as? Int ?? 0) + 1, text: r["text"] as? String ?? "",
                     value: Self.number(r["value"]), unit: r["unit"] as? String)
        }
        // What Zhibiao finds, as (span, text, value in the spec's terms).
        var found: [(start: Int, end: Int, text: String, value: Double?, base: BaseUnit?)] = []
        switch kind {
        case "number":
            found = numbers(in: input).map { ($0.start, $0.end, $0.text, $0.value, nil) }
        default:
            // Percentage points are percentages to the spec (六个百分点 is 6%).
            let kinds: Set<QuantityKind> = kind == "percent" ? [.percentage, .pp] : kind == "currency" ? [.money] : [.area, .mass, .length]
            for i in runner.indicators(in: input) where kinds.contains(i.kind) {
                var value = i.baseValue.flatMap { Double($0.description) }
                if i.kind == .percentage { value = value.map { $0 * 100 } }
                found.append((i.span.start, i.span.end, i.surface, value, i.baseUnit))
            }
        }
        if expected.isEmpty && found.isEmpty { return .pass }
        var problems: [(String, String)] = []
        var unmatched = found
        for e in expected {
            // The same span, or one that overlaps it (they include a comparator or a unit we read apart).
            guard let index = unmatched.firstIndex(where: { $0.start == e.start && $0.end == e.end })
                ?? unmatched.firstIndex(where: { $0.start < e.end && e.start < $0.end }) else {
                if kind == "currency", let unit = e.unit, Self.currencies[unit] == nil {
                    problems.append(("unit", "\(unit) (⟦\(e.text)⟧) is not in units.tsv"))
                } else if kind == "dimension", let unit = e.unit, Self.dimensionUnits[unit] == nil {
                    problems.append(("unit", "\(unit) (⟦\(e.text)⟧) is not a policy measure"))
                } else {
                    problems.append(("missed", "⟦\(e.text)⟧"))
                }
                continue
            }
            let f = unmatched.remove(at: index)
            if f.start != e.start || f.end != e.end { problems.append(("span", "expected ⟦\(e.text)⟧, got ⟦\(f.text)⟧")) }
            guard var want = e.value else { continue }
            if kind == "dimension", let unit = e.unit, let (base, factor) = Self.dimensionUnits[unit] {
                want *= factor
                if f.base != base { problems.append(("unit", "⟦\(e.text)⟧ expected \(base.rawValue), got \(f.base?.rawValue ?? "none")")) }
            }
            if kind == "currency", let unit = e.unit, let base = Self.currencies[unit], f.base != base {
                problems.append(("unit", "⟦\(e.text)⟧ expected \(base.rawValue), got \(f.base?.rawValue ?? "none")"))
            }
            if let got = f.value, !Self.same(got, want) {
                problems.append(("value", "⟦\(e.text)⟧ expected \(Self.format(want)), got \(Self.format(got))"))
            } else if f.value == nil {
                problems.append(("value", "⟦\(e.text)⟧ has no value"))
            }
        }
        for f in unmatched { problems.append(("extra", "⟦\(f.text)⟧")) }
        guard let first = problems.first else { return .pass }
        return .fail(first.0, problems.map { "\($0.0): \($0.1)" }.joined(separator: "; "))
    }
}
