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

/// A table's targets on the checklist: the cell as written with the row's unit, the baseline's
/// year and value, and the 属性.
@Suite struct TableChecklistTests {
    @Test func checklistShowsTableTargets() throws {
        let html = """
            <html><body><p>表1 “十四五”时期主要指标</p><table>
            <tr><td>指标</td><td>2020年</td><td>2025年</td><td>属性</td></tr>
            <tr><td>常住人口城镇化率（%）</td><td>60.6</td><td>65</td><td>预期性</td></tr>
            <tr><td>粮食综合生产能力（亿吨）</td><td>—</td><td>＞6.5</td><td>约束性</td></tr>
            </table></body></html>
            """
        let url = RepoPaths.temporaryDirectory("checklist-table").appendingPathComponent("plan.html")
        try html.write(to: url, atomically: true, encoding: .utf8)
        let (document, tree, indicators) = try Fixtures.pipeline.extract(path: url.path)
        let markdown = ChecklistRenderer.markdown(Checklist(document: document, tree: tree, indicators: indicators))
        #expect(markdown.contains("| 1 | 常住人口城镇化率 | 65% | 2021–2025年 | 2020年：60.6% | 预期性 |"), "\(markdown)")
        #expect(markdown.contains("| 2 | 粮食综合生产能力 | ＞6.5亿吨 | 2021–2025年 |  | 约束性 |"), "\(markdown)")
    }
}
