import Testing
import Zhibiao
import ZhibiaoAlign
import ZhibiaoCore
import ZhibiaoTestSupport

/// Every entry of `Grammars/align/` runs its examples; the loader refuses bad lines with
/// `path:line:col`.
@Suite struct AlignLexiconTests {
    @Test func everyExampleOfTheAlignLexiconPasses() {
        let lexicon = Fixtures.resources.align
        let report = AlignExampleRunner(pipeline: Fixtures.pipeline).run(lexicon)
        for failure in report.failures { Issue.record("\(failure)") }
        print("align lexicon: \(lexicon.concepts.count) concepts, \(lexicon.directionWords.count) direction words, \(lexicon.measureWords.count) measure words; \(report.examples) examples, \(report.counters) counter-examples, \(report.failures.count) failed")
        #expect(report.examples >= 100)
        #expect(lexicon.concepts.contains { $0.kind == .metric })
    }

    @Test func theIssuesSynonymsMeet() {
        let lexicon = Fixtures.resources.align
        for (a, b) in [("村集体经济经营性收入", "集体经营性年收入"), ("城乡居民收入倍差", "收入比"), ("养老服务", "居家养老")] {
            let x = Set(lexicon.conceptTokens(in: a).map(\.concept)), y = Set(lexicon.conceptTokens(in: b).map(\.concept))
            #expect(!x.isDisjoint(with: y), "\(a) ~ \(b)")
        }
        // An except phrase: 收入比上年 is not the ratio.
        #expect(lexicon.conceptTokens(in: "农民收入比上年增长8%").allSatisfy { lexicon.concepts[$0.concept].id != "城乡居民收入倍差" })
    }

    static func load(synonyms: String = "concept a\n  terms 甲\n  example ⟦甲⟧ ~ ⟦甲⟧\n", directions: String = "", measures: String = "") throws(DataFileError) -> AlignLexicon {
        try AlignLexiconLoader.load(synonyms: ("synonyms.txt", synonyms), directions: ("directions.tsv", directions), measures: ("measures.tsv", measures))
    }

    @Test(arguments: [
        ("concept a\n  terms 甲\n", "synonyms.txt:1:1: error: concept 'a' has no example"),
        ("concept a\n  trems 甲\n", "synonyms.txt:2:3: error: unknown directive 'trems' (did you mean 'terms'?)"),
        ("  terms 甲\n", "synonyms.txt:1:1: error: 'terms' outside a concept"),
        ("concept a\n  terms 甲\n  example ⟦甲⟧ ~ ⟦甲⟧\nconcept a\n  terms 乙\n", "synonyms.txt:4:9: error: duplicate concept id 'a' (first at line 1)"),
        ("concept a\n  terms 甲\n  example ⟦甲⟧ ~ ⟦甲⟧\nconcept b\n  terms 甲\n", "synonyms.txt:5:9: error: term '甲' already names concept 'a' (line 2)"),
        ("concept a\n  terms 甲\n  broader c\n  example ⟦甲⟧ ~ ⟦甲⟧\n", "synonyms.txt:3:11: error: unknown concept 'c'"),
        ("concept a\n  terms 甲\n  broader b\n  example ⟦甲⟧ ~ ⟦甲⟧\nconcept b\n  terms 乙\n  broader a\n  example ⟦乙⟧ ~ ⟦乙⟧\n",
         "synonyms.txt:3:11: error: 'a' would be broader than itself through 'b'"),
        ("concept a\n  terms 甲\n  example 甲 ~ ⟦甲⟧\n", "synonyms.txt:3:11: error: each sentence of an example marks its term with one ⟦…⟧"),
        ("concept a\n  terms 甲\n  example ⟦甲⟧\n", "synonyms.txt:3:11: error: an example is two sentences separated by ' ~ '"),
        ("concept a\n  terms 甲\n  except 乙丙\n", "synonyms.txt:3:10: error: except phrase '乙丙' contains none of the terms of 'a' (list 'terms' first)"),
        ("concept a\n  kind measure\n", "synonyms.txt:2:8: error: 'kind' is topic or metric"),
    ] as [(String, String)])
    func refusesBadConcepts(_ contents: String, _ message: String) {
        do {
            _ = try Self.load(synonyms: contents)
            Issue.record("accepted:\n\(contents)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test(arguments: [
        ("能耗\tlowr\t能耗为⟦1吨⟧\tstricter=lower\n", "directions.tsv:1:4: error: unknown class 'lowr' (did you mean 'lower'?) (one of lower, decrease, decrease-to, increase, increase-to, none)"),
        ("能耗\tlower\t能耗为1吨\tstricter=lower\n", "directions.tsv:1:10: error: the example marks its quantity with one ⟦…⟧"),
        ("能耗\tlower\t失业率为⟦5%⟧\tstricter=lower\n", "directions.tsv:1:10: error: the example does not contain '能耗'"),
        ("能耗\tlower\t能耗为⟦1吨⟧\tstricter=down\n", "directions.tsv:1:18: error: 'stricter' is one of higher, lower, not 'down'"),
        ("能耗\tlower\t能耗为⟦1吨⟧\t\n", "directions.tsv:1:18: error: the example states what to expect (stricter=…)"),
        ("能耗\tlower\t能耗为⟦1吨⟧\tstricter=lower\n能耗\tlower\t能耗为⟦1吨⟧\tstricter=lower\n", "directions.tsv:2:1: error: duplicate word '能耗' (first at line 1)"),
    ] as [(String, String)])
    func refusesBadWords(_ contents: String, _ message: String) {
        do {
            _ = try Self.load(directions: contents)
            Issue.record("accepted:\n\(contents)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func leftmostLongestPhrases() {
        let matcher = PhraseMatcher([("下降", 1), ("下降到", 2), ("降到", 3)])
        #expect(matcher.matches(in: "失业率下降到5%").map(\.payload) == [2])
        #expect(matcher.matches(in: "能耗下降3%,再降到1%").map(\.payload) == [1, 3])
    }
}
