import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoTestSupport

/// The example tables of Grammars/tables/examples.tables, and the word examples of
/// lexicon/bindingness.tsv, run as tests.
@Suite struct TableExamplesTests {
    @Test func everyExampleTableGivesItsIndicators() throws {
        let url = RepoPaths.grammars.appendingPathComponent("tables/examples.tables")
        let examples = try TableExamples(path: url.path, contents: try RepoPaths.read(url))
        let report = examples.run(with: Fixtures.pipeline)
        for failure in report.failures { Issue.record("\(failure)") }
        #expect(report.examples >= 6)
        #expect(report.unusedVocabulary.isEmpty, "vocabulary without an example: \(report.unusedVocabulary)")
        print("tables: \(report.examples) example tables, \(report.expectations) expectations, \(report.failures.count) failed")
    }

    @Test func malformedExamplesAreRefusedWithTheirPlace() {
        func error(_ text: String) -> String? {
            do { _ = try TableExamples(path: "x.tables", contents: text); return nil } catch { return error.description }
        }
        #expect(error("expect 1:1 value=1") == "x.tables:1:1: error: 'expect' before any example")
        #expect(error("example a docx\n") == "x.tables:1:11: error: unknown format 'docx' (text or html)")
        #expect(error("example a\n  x\nexpect 0:1") == "x.tables:3:8: error: a cell is ROW:COLUMN or TABLE:ROW:COLUMN, counted from 1")
        #expect(error("example a\n  x\nexpect 1:1 colour=red") == "x.tables:3:1: error: unknown field 'colour'")
    }

    @Test func everyBindingnessWordGivesItsExample() {
        let normalizer = Fixtures.pipeline.normalizer
        let runner = ExampleRunner(extractor: Fixtures.pipeline.extractor) { text in
            let result = normalizer.normalize(text)
            return (result.text, result.map)
        }
        let report = runner.runWordExamples(Fixtures.resources.grammar.lexicon)
        for failure in report.failures { Issue.record("\(failure)") }
        #expect(report.examples >= 15)
    }
}
