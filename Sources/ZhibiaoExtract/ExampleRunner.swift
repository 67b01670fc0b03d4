import ZhibiaoCore
import ZhibiaoGrammar

/// Runs the examples of every rule: each example sentence is extracted on its own, and the
/// indicator at the marked span must exist, involve the rule, and have the expected fields; a
/// counter-example must give no indicator that involves the rule.
public struct ExampleRunner: Sendable {
    public let extractor: Extractor
    /// Normalizes example text the way documents are (NFKC, folds, script): the text and the
    /// map back to what the example says.
    public let normalize: @Sendable ([Unicode.Scalar]) -> (text: [Unicode.Scalar], map: OffsetMap)
    /// Builds the document tree of an example that holds line breaks (a heading above its
    /// sentence); without it, or for one line, the example is one sentence of the root.
    public let segment: (@Sendable (NormalizedDocument) -> DocumentTree)?

    public init(extractor: Extractor,
                normalize: @escaping @Sendable ([Unicode.Scalar]) -> (text: [Unicode.Scalar], map: OffsetMap) = { ($0, .identity(count: $0.count)) },
                segment: (@Sendable (NormalizedDocument) -> DocumentTree)? = nil) {
        self.extractor = extractor
        self.normalize = normalize
        self.segment = segment
    }

    /// A failed example, located for editors.
    public struct Failure: Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var rule: String
        public var message: String

        public var description: String { "\(path):\(line):1: error: \(rule): \(message)" }
    }

    /// What a run of the examples found: how many ran, the failures, rules without examples.
    public struct Report: Sendable {
        public var examples = 0
        public var counters = 0
        public var failures: [Failure] = []
        public var rulesWithoutExamples: [String] = []

        public init() {}
    }

    /// Runs the examples of `*.examples` files (the linker's decisions, names, units): an
    /// example's marked span must be an indicator with the expected fields; a counter-example
    /// must give no indicator overlapping its marked span (or none at all without a span).
    public func run(_ examples: [TopicExample], into report: inout Report) {
        for item in examples {
            let example = item.example
            if example.isCounter { report.counters += 1 } else { report.examples += 1 }
            if let message = check(example) {
                report.failures.append(Failure(path: example.path, line: example.line, rule: item.topic.rawValue, message: message))
            }
        }
    }

    public func run(_ grammar: Grammar) -> Report {
        var report = Report()
        for rule in grammar.rules {
            if rule.examples.allSatisfy(\.isCounter) { report.rulesWithoutExamples.append(rule.id) }
            for example in rule.examples {
                if example.isCounter { report.counters += 1 } else { report.examples += 1 }
                if let message = check(example, of: rule) {
                    report.failures.append(Failure(path: example.path, line: example.line, rule: rule.id, message: message))
                }
            }
        }
        return report
    }

    /// Runs the examples of word list entries (`lexicon/bindingness.tsv`): the indicator at the
    /// marked span must exist and have the expected fields.
    public func runWordExamples(_ lexicon: Lexicon) -> Report {
        var report = Report()
        for item in lexicon.wordExamples {
            report.examples += 1
            if let message = check(item.example, of: nil) {
                report.failures.append(Failure(path: item.example.path, line: item.example.line, rule: item.word, message: message))
            }
        }
        return report
    }

    /// Indicators of a sentence on its own.
    public func indicators(in sentence: String) -> [Indicator] {
        let original = Array(sentence.unicodeScalars)
        let (text, map) = normalize(original)
        let source = SourceInfo(path: "example", format: .text, encoding: "UTF-8", encodingSource: "detected", byteCount: original.count, sha256: "example")
        let document = NormalizedDocument(source: source, original: original, text: text, map: map, blocks: [])
        if let segment, original.contains("\n") {
            return extractor.extract(from: document, tree: segment(document))
        }
        let whole = OriginalSpan(start: 0, end: original.count)
        let root = StructureNode(path: "", level: 0, kind: .document, marker: nil, style: nil, number: nil, heading: nil,
                                 headingSpan: nil, span: whole, sentences: [whole])
        return extractor.extract(from: document, tree: DocumentTree(metadata: DocumentMetadata(), nodes: [root], noise: []))
    }

    private func check(_ example: RuleExample, of rule: Rule? = nil) -> String? {
        let found = indicators(in: example.text)
        if example.isCounter {
            if let rule {
                if let bad = found.first(where: { $0.rules.contains(rule.id) }) {
                    return "counter-example \(example.text) gives \(bad.surface) through the rule"
                }
            } else if let span = example.span {
                if let bad = found.first(where: { $0.span.start < span.upperBound && span.lowerBound < $0.span.end }) {
                    return "counter-example gives \(bad.surface)[\(bad.span.start)..<\(bad.span.end)] inside its marked span"
                }
            } else if let bad = found.first {
                return "counter-example gives \(bad.surface)[\(bad.span.start)..<\(bad.span.end)]"
            }
            return nil
        }
        guard let span = example.span else { return "no span" }
        let scalars = Array(example.text.unicodeScalars)
        let marked = String(scalars: scalars[span])
        guard let indicator = found.first(where: { $0.span.start == span.lowerBound && $0.span.end == span.upperBound }) else {
            let got = found.map { "\($0.surface)[\($0.span.start)..<\($0.span.end)]" }.joined(separator: ", ")
            return "expected an indicator at ⟦\(marked)⟧, got \(got.isEmpty ? "none" : got)"
        }
        if let rule, !indicator.rules.contains(rule.id) {
            return "⟦\(marked)⟧ comes from \(indicator.rules.joined(separator: "+")), not from this rule"
        }
        var problems: [String] = []
        for (name, expected) in example.expected {
            let actual = Self.field(name, of: indicator)
            if !Self.matches(actual, expected) { problems.append("\(name)=\(actual ?? "null"), expected \(expected)") }
        }
        return problems.isEmpty ? nil : "⟦\(marked)⟧: " + problems.joined(separator: "; ")
    }

    /// Whether a field's value is what an example expects (numbers compare by value, `null` is nil).
    public static func matches(_ actual: String?, _ expected: String) -> Bool {
        if expected == "null" { return actual == nil }
        guard let actual else { return false }
        if actual == expected { return true }
        // Numbers compare by value: 0.850 is 0.85.
        if let a = DecimalNumber(parsing: actual.unicodeScalars), let e = DecimalNumber(parsing: expected.unicodeScalars) { return a == e }
        return false
    }

    /// An indicator field as text, for examples and evaluation (nil for null or an unknown name).
    public static func field(_ name: String, of i: Indicator) -> String? {
        IndicatorField(rawValue: name)?.value(of: i).text
    }
}
