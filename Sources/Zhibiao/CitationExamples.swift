import ZhibiaoCore
import ZhibiaoStructure

/// Runs the examples of `Grammars/lexicon/citations.tsv`: each sentence, outlined on its own,
/// must give a citation at the marked span, introduced by the word (for verbs) and with the
/// fields the example names.
public enum CitationExamples {
    public static func run(with pipeline: Pipeline) -> (examples: Int, failures: [TableExamples.Failure]) {
        let examples = pipeline.resources.structure.citationExamples
        var failures: [TableExamples.Failure] = []
        for example in examples {
            func fail(_ message: String) { failures.append(TableExamples.Failure(path: example.path, line: example.line, message: "\(example.word): \(message)")) }
            guard let ingested = try? pipeline.reader.read(bytes: Array(example.text.utf8), path: "example") else {
                fail("the example cannot be read")
                continue
            }
            let tree = pipeline.segmenter.segment(pipeline.normalizer.normalize(ingested))
            guard let citation = tree.citations.first(where: { $0.span.range == example.span }) else {
                fail("no citation at the marked span; got \(tree.citations.map { "\($0.span)" }.joined(separator: ", "))")
                continue
            }
            if example.kind != .alias && citation.verb != example.word { fail("verb=\(citation.verb ?? "null"), expected \(example.word)") }
            for (name, value) in example.expected {
                let actual = name == "title" ? citation.title : (name == "docNumber" ? citation.docNumber : citation.verb)
                if actual != value { fail("\(name)=\(actual ?? "null"), expected \(value)") }
            }
        }
        return (examples.count, failures)
    }
}
