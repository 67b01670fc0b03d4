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

    /// Role-aware scores of targets in one document (or pooled): an annotated target counts as
    /// found only when it is reported, at its span, with role target.
    public struct TargetScore: Sendable {
        public var counts = Counts()
        /// Found targets whose metric agrees with the annotation (character F1 ≥ 0.6), of those
        /// whose annotation names a metric.
        public var metricRight = 0
        public var metricJudged = 0
        /// Found targets whose annotated year is written in their sentence or a heading above
        /// it, and whose reported year is that year.
        public var yearRight = 0
        public var yearJudged = 0

        public var metricAgreement: Double { metricJudged == 0 ? 1 : Double(metricRight) / Double(metricJudged) }
        public var yearAccuracy: Double { yearJudged == 0 ? 1 : Double(yearRight) / Double(yearJudged) }

        mutating func add(_ other: TargetScore) {
            counts.truePositives += other.counts.truePositives
            counts.falsePositives += other.counts.falsePositives
            counts.falseNegatives += other.counts.falseNegatives
            metricRight += other.metricRight
            metricJudged += other.metricJudged
            yearRight += other.yearRight
            yearJudged += other.yearJudged
        }
    }

    /// A metric agrees with the annotated one when the character F1 of the two is at least this.
    public static let metricAgreementThreshold = 0.6

    /// Character F1 of two metrics (as multisets of characters, in Simplified script).
    public static func characterF1(_ a: String, _ b: String) -> Double {
        var counts: [Unicode.Scalar: Int] = [:]
        for c in a.unicodeScalars { counts[c, default: 0] += 1 }
        var common = 0
        for c in b.unicodeScalars where (counts[c] ?? 0) > 0 {
            common += 1
            counts[c]! -= 1
        }
        let na = a.unicodeScalars.count, nb = b.unicodeScalars.count
        guard common > 0, na > 0, nb > 0 else { return 0 }
        let p = Double(common) / Double(na), r = Double(common) / Double(nb)
        return 2 * p * r / (p + r)
    }

    /// Role-aware target scores per document, in the order added.
    public var targetsByDocument: [(document: String, score: TargetScore)] = []
    /// The same, pooled over every document.
    public var pooledTargets = TargetScore()

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
                                      "baseline", "accumulation", "change", "action", "metric", "scope"]

    /// Adds one document's comparison. With the document's tree, a year written in a heading
    /// above a target counts as explicit too.
    public mutating func add(predicted: [Indicator], annotated: [AnnotatedIndicator], document: String, tree: DocumentTree? = nil) {
        addTargets(predicted: predicted, annotated: annotated, document: document, tree: tree)
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

    private mutating func addTargets(predicted: [Indicator], annotated: [AnnotatedIndicator], document: String, tree: DocumentTree?) {
        var score = TargetScore()
        var predictedTargets: [String: Indicator] = [:]
        for indicator in predicted where indicator.role == .target { predictedTargets["\(indicator.span.start)-\(indicator.span.end)"] = indicator }
        var annotatedTargets = Set<String>()
        var headings: [String: String] = [:]
        for node in tree?.nodes ?? [] { headings[node.path] = node.heading ?? "" }
        for truth in annotated where truth.role == "target" {
            let key = "\(truth.start)-\(truth.end)"
            annotatedTargets.insert(key)
            guard let found = predictedTargets[key] else {
                score.counts.falseNegatives += 1
                misses.append("\(document): target missed \(truth.surface) [\(key)]")
                continue
            }
            score.counts.truePositives += 1
            if let expected = truth.fields["metric"] ?? nil, !expected.isEmpty {
                score.metricJudged += 1
                let f1 = found.metric.map { Self.characterF1($0, expected) } ?? 0
                if f1 >= Self.metricAgreementThreshold { score.metricRight += 1 } else {
                    misses.append("\(document): target \(truth.surface) [\(key)] metric \(found.metric ?? "null"), annotated \(expected)")
                }
            }
            if let expected = truth.fields["year"] ?? nil, let year = Int(expected) {
                // Explicit: written in the sentence, or in the heading of a node above.
                var context = [found.sentence]
                var path = found.section
                while true {
                    context.append(headings[path] ?? "")
                    guard let slash = path.lastIndex(of: "/") else { break }
                    path = String(path[..<slash])
                }
                if path != "" { context.append(headings[""] ?? "") }
                if context.contains(where: { $0.contains("\(year)") }) {
                    score.yearJudged += 1
                    if found.year == year { score.yearRight += 1 } else {
                        misses.append("\(document): target \(truth.surface) [\(key)] year \(found.year.map(String.init) ?? "null"), annotated \(year) (explicit)")
                    }
                }
            }
        }
        for (key, indicator) in predictedTargets.sorted(by: { $0.value.span.start < $1.value.span.start }) where !annotatedTargets.contains(key) {
            score.counts.falsePositives += 1
            misses.append("\(document): target extra \(indicator.surface) [\(key)] (\(indicator.roleBasis ?? ""))")
        }
        targetsByDocument.append((document, score))
        pooledTargets.add(score)
    }

    /// Role-aware target scores, one line per document and the pooled line.
    public var targetReport: String {
        func pct(_ x: Double) -> String { String(format: "%5.1f%%", x * 100) }
        var lines = ["targets (role-aware)   precision  recall      F1   tp  fp  fn   metric agreement   explicit years"]
        func row(_ name: String, _ s: TargetScore) -> String {
            let c = s.counts
            var cells = (name.count > 20 ? String(name.suffix(20)) : name.padding(toLength: 20, withPad: " ", startingAt: 0)) + "  "
            cells += pct(c.precision) + "    " + pct(c.recall) + "  " + pct(c.f1)
            cells += String(format: " %4d %3d %3d", c.truePositives, c.falsePositives, c.falseNegatives)
            cells += "   " + pct(s.metricAgreement) + String(format: " %3d/%-3d", s.metricRight, s.metricJudged)
            cells += "  " + pct(s.yearAccuracy) + String(format: " %3d/%-3d", s.yearRight, s.yearJudged)
            return cells
        }
        for (document, score) in targetsByDocument {
            let name = ((document as NSString).lastPathComponent as NSString).deletingPathExtension
            lines.append(row(name, score))
        }
        lines.append(row("pooled", pooledTargets))
        return lines.joined(separator: "\n") + "\n"
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
        lines.append("")
        return lines.joined(separator: "\n") + "\n" + targetReport
    }
}
