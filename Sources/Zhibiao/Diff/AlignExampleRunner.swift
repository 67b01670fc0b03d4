import ZhibiaoAlign
import ZhibiaoCore

/// Runs the examples of the aligner's lexicon (`Grammars/align/`), as `zhibiao grammar test`
/// and the test suite do:
///
/// - a concept `example S1 ~ S2`: in each sentence (normalized, so Traditional works), a term
///   naming the concept or a broader one is found exactly at the ⟦marked⟧ span, at least one of
///   the two names the concept itself, and the two meet on the concept or a broader one;
/// - a concept `counter S`: no term of the concept overlaps the marked span;
/// - a direction or measure word: the example sentence is extracted, the indicator at the marked
///   span exists, and its reading has the expected `stricter`, `measure` and `additive`.
public struct AlignExampleRunner: Sendable {
    public let pipeline: Pipeline

    public init(pipeline: Pipeline) {
        self.pipeline = pipeline
    }

    public struct Failure: Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var message: String
        public var description: String { "\(path):\(line):1: error: \(message)" }
    }

    public struct Report: Sendable {
        public var examples = 0
        public var counters = 0
        public var failures: [Failure] = []
    }

    public func run(_ lexicon: AlignLexicon) -> Report {
        var report = Report()
        for (k, concept) in lexicon.concepts.enumerated() {
            var family: Set<Int> = [k]
            for ancestor in ancestors(of: k, in: lexicon) { family.insert(ancestor) }
            for example in concept.examples {
                if example.isCounter { report.counters += 1 } else { report.examples += 1 }
                if let message = check(example, concept: k, family: family, lexicon: lexicon) {
                    report.failures.append(Failure(path: example.path, line: example.line, message: "concept \(concept.id): \(message)"))
                }
            }
        }
        let reader = IndicatorReader(lexicon: lexicon)
        for entry in lexicon.directionWords {
            report.examples += 1
            if let message = check(entry.example, entry.expected, reader: reader) {
                report.failures.append(Failure(path: entry.path, line: entry.line, message: "\(entry.word): \(message)"))
            }
        }
        for entry in lexicon.measureWords {
            report.examples += 1
            if let message = check(entry.example, entry.expected, reader: reader) {
                report.failures.append(Failure(path: entry.path, line: entry.line, message: "\(entry.word): \(message)"))
            }
        }
        return report
    }

    func ancestors(of concept: Int, in lexicon: AlignLexicon) -> [Int] {
        var index: [String: Int] = [:]
        for (k, c) in lexicon.concepts.enumerated() { index[c.id] = k }
        var seen: [Int] = [], queue = lexicon.concepts[concept].broader.compactMap { index[$0] }
        while let next = queue.popLast() {
            if seen.contains(next) { continue }
            seen.append(next)
            queue.append(contentsOf: lexicon.concepts[next].broader.compactMap { index[$0] })
        }
        return seen
    }

    /// The concept hits at the marked span of a sentence (normalized first).
    func hits(_ sentence: MarkedSentence, _ lexicon: AlignLexicon) -> (atMark: [AlignLexicon.ConceptHit], overlapping: [AlignLexicon.ConceptHit]) {
        let original = Array(sentence.text.unicodeScalars)
        let normalized = pipeline.normalizer.normalize(original)
        let mark = normalized.map.normalizedSpan(of: OriginalSpan(sentence.span))
        let all = lexicon.conceptTokens(in: normalized.text, range: 0..<normalized.text.count)
        return (all.filter { $0.range == mark.range }, all.filter { $0.range.overlaps(mark.range) })
    }

    func check(_ example: AlignLexicon.ConceptExample, concept: Int, family: Set<Int>, lexicon: AlignLexicon) -> String? {
        let first = hits(example.first, lexicon)
        guard let second = example.second else {
            if first.overlapping.contains(where: { $0.concept == concept }) {
                return "counter ⟦\(example.first.marked)⟧ is read as the concept"
            }
            return nil
        }
        let other = hits(second, lexicon)
        for (side, found, marked) in [(1, first.atMark, example.first.marked), (2, other.atMark, second.marked)] {
            if !found.contains(where: { family.contains($0.concept) }) {
                let names = found.isEmpty ? "no concept" : found.map { lexicon.concepts[$0.concept].id }.joined(separator: ", ")
                return "sentence \(side): ⟦\(marked)⟧ names \(names) at that span (mark the longest term found there)"
            }
        }
        if !(first.atMark + other.atMark).contains(where: { $0.concept == concept && $0.isDirect }) {
            return "neither sentence names the concept itself"
        }
        let meet = Set(first.atMark.map(\.concept)).intersection(other.atMark.map(\.concept)).intersection(family)
        if meet.isEmpty { return "the two sentences do not meet on the concept or a broader one" }
        return nil
    }

    func check(_ example: MarkedSentence, _ expected: [(field: String, value: String)], reader: IndicatorReader) -> String? {
        let original = Array(example.text.unicodeScalars)
        let normalized = pipeline.normalizer.normalize(original)
        let source = SourceInfo(path: "example", format: .text, encoding: "UTF-8", encodingSource: "detected",
                                byteCount: original.count, sha256: "example")
        let document = NormalizedDocument(source: source, original: original, text: normalized.text, map: normalized.map, blocks: [])
        let whole = OriginalSpan(start: 0, end: original.count)
        let root = StructureNode(path: "", level: 0, kind: .document, marker: nil, style: nil, number: nil, heading: nil,
                                 headingSpan: nil, span: whole, sentences: [whole])
        let indicators = pipeline.extractor.extract(from: document, tree: DocumentTree(metadata: DocumentMetadata(), nodes: [root], noise: []))
        guard let indicator = indicators.first(where: { $0.span.range == example.span }) else {
            let got = indicators.map { "\($0.surface)[\($0.span.start)..<\($0.span.end)]" }.joined(separator: ", ")
            return "no indicator at ⟦\(example.marked)⟧ (got \(got.isEmpty ? "none" : got))"
        }
        let reading = reader.read(indicator, in: document)
        var problems: [String] = []
        for (field, value) in expected {
            let got: String
            switch field {
            case "stricter": got = reading.stricter.rawValue
            case "measure": got = reading.measure.rawValue
            case "additive": got = String(reading.additive)
            case "subject": got = reading.subject
            default: got = "?"
            }
            if got != value { problems.append("\(field)=\(got), expected \(value)") }
        }
        return problems.isEmpty ? nil : "⟦\(example.marked)⟧: " + problems.joined(separator: "; ")
    }
}
