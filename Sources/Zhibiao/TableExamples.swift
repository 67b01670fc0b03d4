import ZhibiaoCore
import ZhibiaoExtract

/// The example tables of `Grammars/tables/examples.tables`: small documents holding a table, and
/// what the catalog must say about its cells. Run by the test suite and by `zhibiao grammar test`.
///
/// ```text
/// example 十四五主要指标 text          # a name, then the format: text (the default) or html
///   表1 “十四五”时期经济社会发展主要指标    # the document, each line indented by two spaces
///   | 指标 | 2020年 | 2025年 | 属性 |
///   | 常住人口城镇化率(%) | 60.6 | 65 | 预期性 |
/// expect 2:3 role=fact year=2020            # the indicator of table 1, row 2, column 3
/// expect 2:4 ⟦65⟧ year=2025 baselineValue=0.606   # ⟦surface⟧ picks one of several in a cell
/// expect 2:2 none                           # no indicator in that cell
/// count 2                                   # indicators the table reader made (rules table.*)
/// ```
/// Cells are `ROW:COLUMN` of the first table or `TABLE:ROW:COLUMN`, counted from 1 on the
/// table's grid (merged cells laid out), the header row being row 1.
public struct TableExamples: Sendable {
    public struct Expectation: Sendable {
        public var cell: TableCell
        public var surface: String?
        public var fields: [(name: String, value: String)]
        public var none: Bool
        public var line: Int
    }

    public struct Example: Sendable {
        public var name: String
        public var format: DocumentFormat
        public var document: String
        public var expectations: [Expectation]
        public var count: (value: Int, line: Int)?
        public var path: String
        public var line: Int
    }

    public struct Failure: Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var message: String
        public var description: String { "\(path):\(line):1: error: \(message)" }

        public init(path: String, line: Int, message: String) {
            self.path = path
            self.line = line
            self.message = message
        }
    }

    public struct Report: Sendable {
        public var examples = 0
        public var expectations = 0
        public var failures: [Failure] = []
        /// Vocabulary entries that no example document uses.
        public var unusedVocabulary: [String] = []

        public init() {}
    }

    public var examples: [Example]

    /// Parses an examples file, failing with `path:line:col` on a malformed line.
    public init(path: String, contents: String) throws(DataFileError) {
        var examples: [Example] = []
        var current: Example?
        var documentLines: [String] = []
        var inDocument = false
        func finish() {
            guard var example = current else { return }
            while documentLines.last?.trimmingSpaces().isEmpty == true { documentLines.removeLast() }
            example.document = documentLines.joined(separator: "\n") + "\n"
            examples.append(example)
            current = nil
            documentLines = []
        }
        for (number, line) in numberedLines(contents) {
            if line.hasPrefix("example ") {
                finish()
                let words = line.split(separator: " ").map(String.init)
                guard words.count >= 2 else { throw DataFileError(path: path, line: number, message: "an example needs a name") }
                var format = DocumentFormat.text
                if words.count >= 3 {
                    guard let f = DocumentFormat(rawValue: words[2]), f != .docx else {
                        throw DataFileError(path: path, line: number, column: 10 + words[1].count,
                                            message: "unknown format '\(words[2])' (text or html)")
                    }
                    format = f
                }
                current = Example(name: words[1], format: format, document: "", expectations: [], count: nil, path: path, line: number)
                inDocument = true
                continue
            }
            if line.hasPrefix("#") && !inDocument { continue }
            if line.hasPrefix("expect ") || line.hasPrefix("count ") {
                guard current != nil else { throw DataFileError(path: path, line: number, message: "'\(line.prefix(6))' before any example") }
                inDocument = false
                if line.hasPrefix("count ") {
                    guard let n = Int(String(line.dropFirst(6)).trimmingSpaces()) else {
                        throw DataFileError(path: path, line: number, column: 7, message: "count takes a number")
                    }
                    current?.count = (n, number)
                } else {
                    current?.expectations.append(try Self.expectation(String(line.dropFirst(7)), path: path, line: number))
                }
                continue
            }
            if inDocument {
                documentLines.append(line.hasPrefix("  ") ? String(line.dropFirst(2)) : line)
            } else if !line.trimmingSpaces().isEmpty && !line.hasPrefix("#") {
                throw DataFileError(path: path, line: number, message: "expected 'expect', 'count' or 'example', got '\(line.prefix(20))'")
            }
        }
        finish()
        self.examples = examples
    }

    private static func expectation(_ text: String, path: String, line: Int) throws(DataFileError) -> Expectation {
        var parts = text.split(separator: " ").map(String.init)
        guard !parts.isEmpty else { throw DataFileError(path: path, line: line, column: 8, message: "expect needs a cell") }
        let numbers = parts.removeFirst().split(separator: ":").compactMap { Int($0) }
        guard numbers.count == 2 || numbers.count == 3, numbers.allSatisfy({ $0 >= 1 }) else {
            throw DataFileError(path: path, line: line, column: 8, message: "a cell is ROW:COLUMN or TABLE:ROW:COLUMN, counted from 1")
        }
        let cell = numbers.count == 2 ? TableCell(table: 1, row: numbers[0], column: numbers[1])
            : TableCell(table: numbers[0], row: numbers[1], column: numbers[2])
        var expectation = Expectation(cell: cell, surface: nil, fields: [], none: false, line: line)
        for part in parts {
            if part == "none" { expectation.none = true; continue }
            if part.hasPrefix("⟦") && part.hasSuffix("⟧") {
                expectation.surface = String(part.dropFirst().dropLast())
                continue
            }
            guard let equals = part.firstIndex(of: "=") else {
                throw DataFileError(path: path, line: line, message: "expected field=value, got '\(part)'")
            }
            let name = String(part[..<equals])
            guard IndicatorField(rawValue: name) != nil else {
                throw DataFileError(path: path, line: line, message: "unknown field '\(name)'")
            }
            expectation.fields.append((name, String(part[part.index(after: equals)...])))
        }
        return expectation
    }

    /// Runs every example through the pipeline.
    public func run(with pipeline: Pipeline) -> Report {
        var report = Report()
        var texts: [String] = []
        for example in examples {
            report.examples += 1
            var reader = pipeline.reader
            reader.format = example.format
            let indicators: [Indicator]
            do {
                let document = pipeline.normalizer.normalize(try reader.read(bytes: Array(example.document.utf8), path: example.name))
                let tree = pipeline.segmenter.segment(document)
                indicators = pipeline.extractor.extract(from: document, tree: tree)
                texts.append(String(scalars: document.text))
            } catch {
                report.failures.append(Failure(path: example.path, line: example.line, message: "example \(example.name): \(error)"))
                continue
            }
            for expectation in example.expectations {
                report.expectations += 1
                if let problem = check(expectation, indicators) {
                    report.failures.append(Failure(path: example.path, line: expectation.line, message: "example \(example.name): \(problem)"))
                }
            }
            if let count = example.count {
                let made = indicators.filter { $0.rules.contains { $0.hasPrefix("table.") } }.count
                if made != count.value {
                    report.failures.append(Failure(path: example.path, line: count.line,
                                                   message: "example \(example.name): the table reader made \(made) indicators, expected \(count.value)"))
                }
            }
        }
        // Every vocabulary entry (normalized as documents are) is used by some example.
        for entry in pipeline.resources.tableVocabulary.entries {
            let word = String(scalars: entry.word)
            // A bracket pair is used when both its characters are.
            let parts = entry.role == "bracket" ? entry.word.map { String($0) } : [word]
            if !texts.contains(where: { text in parts.allSatisfy { text.contains($0) } }) { report.unusedVocabulary.append("\(entry.path):\(entry.line): \(word)") }
        }
        return report
    }

    private func check(_ expectation: Expectation, _ indicators: [Indicator]) -> String? {
        let c = expectation.cell
        let label = "\(c.table):\(c.row):\(c.column)"
        var found = indicators.filter { $0.cell == c }
        if let surface = expectation.surface { found = found.filter { $0.surface == surface } }
        if expectation.none {
            return found.isEmpty ? nil : "\(label): expected no indicator, got \(found.map(\.surface).joined(separator: ", "))"
        }
        guard found.count == 1, let indicator = found.first else {
            let all = indicators.filter { $0.cell == c }.map(\.surface)
            return "\(label)\(expectation.surface.map { " ⟦\($0)⟧" } ?? ""): expected one indicator, got \(found.count)"
                + (all.isEmpty ? "" : " (the cell has \(all.joined(separator: ", ")))")
        }
        var problems: [String] = []
        for (name, expected) in expectation.fields {
            let actual = ExampleRunner.field(name, of: indicator)
            if !ExampleRunner.matches(actual, expected) { problems.append("\(name)=\(actual ?? "null"), expected \(expected)") }
        }
        return problems.isEmpty ? nil : "\(label) ⟦\(indicator.surface)⟧: " + problems.joined(separator: "; ")
    }
}
