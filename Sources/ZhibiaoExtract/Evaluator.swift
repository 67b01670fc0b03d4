import Foundation
import ZhibiaoCore

/// An annotated indicator (a line of `NAME.indicators.jsonl`); fields left out are not judged.
public struct AnnotatedIndicator: Sendable, Decodable {
    public var start: Int
    public var end: Int
    public var surface: String
    public var role: String?
    public var fields: [String: String?]

    private struct Key: CodingKey {
        var stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        start = try container.decode(Int.self, forKey: Key(stringValue: "start"))
        end = try container.decode(Int.self, forKey: Key(stringValue: "end"))
        surface = try container.decode(String.self, forKey: Key(stringValue: "surface"))
        var fields: [String: String?] = [:]
        for key in container.allKeys where !["start", "end", "surface"].contains(key.stringValue) {
            if try container.decodeNil(forKey: key) {
                fields[key.stringValue] = .some(nil)
            } else if let string = try? container.decode(String.self, forKey: key) {
                fields[key.stringValue] = string
            } else if let int = try? container.decode(Int.self, forKey: key) {
                fields[key.stringValue] = String(int)
            } else if let double = try? container.decode(Double.self, forKey: key) {
                fields[key.stringValue] = DecimalNumber(parsing: String(double).unicodeScalars)?.description ?? String(double)
            } else if let bool = try? container.decode(Bool.self, forKey: key) {
                fields[key.stringValue] = String(bool)
            }
        }
        self.fields = fields
        role = fields["role"] ?? nil
    }
}

/// Precision, recall and F1 of extraction against annotations, by kind, and the accuracy of
/// each field on the indicators both agree exist.
public struct Evaluation: Sendable {
    /// True and false positives and false negatives, with precision, recall and F1.
    public struct Counts: Sendable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    public var overall = Counts()
    public var byKind: [String: Counts] = [:]
    /// Field → (correct, judged).
    public var fields: [String: (correct: Int, total: Int)] = [:]
    /// Annotated targets found with the right value, base unit, comparator and year.
    public var targets = (found: 0, total: 0)
    /// Readable differences.
    public var misses: [String] = []

    public init() {}

    public static let judgedFields = ["role", "value", "unit", "baseValue", "baseUnit", "kind", "comparator", "year", "baselineYear",
                                      "baseline", "accumulation", "change", "metric", "scope"]

    /// Adds one document's comparison.
    public mutating func add(predicted: [Indicator], annotated: [AnnotatedIndicator], document: String) {
        var byspan: [String: Indicator] = [:]
        for indicator in predicted { byspan["\(indicator.span.start)-\(indicator.span.end)"] = indicator }
        var matched = Set<String>()
        for truth in annotated {
            let key = "\(truth.start)-\(truth.end)"
            let kind = truth.fields["kind"].flatMap { $0 } ?? "other"
            guard let found = byspan[key] else {
                overall.falseNegatives += 1
                byKind[kind, default: Counts()].falseNegatives += 1
                misses.append("\(document): missed \(truth.surface) [\(key)]")
                if truth.role == "target" { targets.total += 1 }
                continue
            }
            matched.insert(key)
            overall.truePositives += 1
            byKind[kind, default: Counts()].truePositives += 1
            var strict = true
            for name in Self.judgedFields {
                guard let expected = truth.fields[name] else { continue }
                let actual = ExampleRunner.field(name, of: found)
                let ok = expected.map { ExampleRunner.matches(actual, $0) } ?? (actual == nil || actual == "")
                fields[name, default: (0, 0)].total += 1
                if ok { fields[name, default: (0, 0)].correct += 1 } else {
                    misses.append("\(document): \(truth.surface) [\(key)] \(name)=\(actual ?? "null"), annotated \(expected ?? "null")")
                    if ["value", "baseUnit", "comparator", "year", "role"].contains(name) { strict = false }
                }
            }
            if truth.role == "target" {
                targets.total += 1
                if strict { targets.found += 1 }
            }
        }
        for indicator in predicted where !matched.contains("\(indicator.span.start)-\(indicator.span.end)") {
            overall.falsePositives += 1
            byKind[indicator.kind.rawValue, default: Counts()].falsePositives += 1
            misses.append("\(document): extra \(indicator.surface) [\(indicator.span.start)-\(indicator.span.end)] (\(indicator.rule))")
        }
    }

    /// A plain-text report.
    public var report: String {
        func pct(_ x: Double) -> String { String(format: "%5.1f%%", x * 100) }
        var lines = ["kind          precision  recall      F1   tp  fp  fn"]
        func row(_ name: String, _ c: Counts) -> String {
            name.padding(toLength: 12, withPad: " ", startingAt: 0) + "  " + pct(c.precision) + "    " + pct(c.recall) + "  " + pct(c.f1)
                + String(format: " %4d %3d %3d", c.truePositives, c.falsePositives, c.falseNegatives)
        }
        for kind in byKind.keys.sorted() { lines.append(row(kind, byKind[kind]!)) }
        lines.append(row("all", overall))
        lines.append("")
        lines.append("field         accuracy on matched indicators")
        for name in Self.judgedFields {
            guard let (correct, total) = fields[name] else { continue }
            lines.append(name.padding(toLength: 12, withPad: " ", startingAt: 0) + "  " + pct(total == 0 ? 1 : Double(correct) / Double(total))
                         + String(format: "  (%d/%d)", correct, total))
        }
        lines.append("")
        lines.append("targets with the right value, base unit, comparator, year and role: \(targets.found)/\(targets.total)")
        return lines.joined(separator: "\n") + "\n"
    }
}
