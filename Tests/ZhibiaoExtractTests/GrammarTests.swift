import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoGrammar
import ZhibiaoTestSupport

/// Every rule's examples and counter-examples in Grammars/ run as tests; the loader rejects bad
/// grammars with the file, line, column and reason.
@Suite struct GrammarTests {
    static let pipeline = Fixtures.pipeline

    @Test func everyExampleOfEveryRulePasses() {
        let normalizer = Self.pipeline.normalizer
        let runner = ExampleRunner(extractor: Self.pipeline.extractor) { text in
            let result = normalizer.normalize(text)
            return (result.text, result.map)
        }
        let report = runner.run(Self.pipeline.resources.grammar.grammar)
        for failure in report.failures { Issue.record("\(failure)") }
        #expect(report.rulesWithoutExamples.isEmpty, "rules without a positive example: \(report.rulesWithoutExamples)")
        #expect(report.examples >= 60)
        print("grammar: \(report.examples) examples, \(report.counters) counter-examples, \(report.failures.count) failed")
    }

    // MARK: Loader errors

    let loader = GrammarLoader(lexicon: Fixtures.resources.grammar.lexicon)

    func loadError(_ contents: String) -> GrammarError? {
        do {
            _ = try loader.load(path: "test.rules", contents: contents)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("rule a\n  stage quantity\n  pattern number:n @comparator.sufix\n  produce value=$n", 3, "unknown word class '@comparator.sufix' (did you mean '@comparator.suffix'?)"),
        ("rule a\n  stage quantity\n  pattern number:n unit:u\n  produce value=$n\nrule a\n  stage quantity\n  pattern number:n\n  produce value=$n", 5, "duplicate rule id 'a'"),
        ("rule a\n  stage quantity\n  pattern number:n\n  produce value=$n unit=furlong", 4, "unit 'furlong' is not in units.tsv"),
        ("rule a\n  stage quantity\n  pattern\n  produce value=$n", 3, "empty pattern"),
        ("rule a\n  stage quantity\n  pattern number:n\n  produce value=$m", 4, "'value=$m' names no binding of the pattern"),
        ("rule a\n  stage quantity\n  pattern number:n\n  produce value=$n colour=red", 4, "unknown field 'colour'"),
        ("rule a\n  stage weekly\n  pattern number:n", 2, "unknown stage 'weekly'"),
        ("rule a\n  stage quantity\n  pattern ((((number))))\n  produce value=1", 3, "groups nested deeper than 3"),
        ("rule a\n  stage quantity\n  pattern " + Array(repeating: "number", count: 17).joined(separator: " ") + "\n  produce value=1", 3,
         "pattern longer than 16 elements"),
        ("rule a\n  stage quantity\n  pattern number:n\n  produce value=lots", 4, "'value' is a $binding or a decimal, not 'lots'"),
        ("rule a\n  stage quantity\n  pattern number:n\n  produce value=$n\n  example 没有方括号", 5, "⟦"),
        ("rule a\n  stage quantity\n  pattern numbr:n\n  produce value=$n", 3, "unknown element 'numbr' (did you mean 'number'?)"),
        ("  stage quantity", 1, "outside a rule"),
    ] as [(String, Int, String)])
    func rejects(_ contents: String, _ line: Int, _ message: String) throws {
        let error = try #require(loadError(contents), "accepted:\n\(contents)")
        #expect(error.path == "test.rules")
        #expect(error.line == line, "\(error)")
        #expect(error.message.contains(message), "\(error.message)")
        #expect(!error.description.contains("\n"), "one line: \(error.description)")
    }

    @Test func aBlowUpPatternStillMatchesInLinearTime() throws {
        // Optional elements and alternatives everywhere: the automaton keeps one path per
        // (offset, state), so a long run of numbers costs time linear in its length.
        let rules = try loader.load(path: "blowup.rules", contents: """
            rule blowup
              stage quantity
              pattern (number | @range.separator)? (number | @range.separator)? (number | @range.separator)? number:n unit:u
              produce value=$n unit=$u
            """)
        let lexicon = Fixtures.resources.grammar.lexicon
        let engine = GrammarEngine(grammar: Grammar(rules: rules), lexicon: lexicon)
        let text = Array((String(repeating: "1至", count: 2000) + "1个").unicodeScalars)
        let lattice = engine.run(text, range: 0..<text.count)
        #expect(lattice.quantities.contains { $0.value == DecimalNumber(1) && $0.kind == .count })
    }

    @Test func anOverlayReplacesARuleAndAddsAUnit() throws {
        let base = RepoPaths.grammars
        let overlay = RepoPaths.temporaryDirectory("zhibiao-overlay")
        try "垧\tarea\tm2\t10000\tnortheast land measure\n".write(to: overlay.appendingPathComponent("units.tsv"), atomically: true, encoding: .utf8)
        let resources = try Resources(directory: base, overlays: [overlay])
        let runner = ExampleRunner(extractor: Pipeline(resources: resources).extractor)
        let found = runner.indicators(in: "新增耕地50垧")
        let land = try #require(found.first)
        #expect(land.kind == .area && land.baseValue == DecimalNumber(500000) && land.unit == "垧")
        // Without the overlay the unit is unknown: no area.
        #expect(!ExampleRunner(extractor: Fixtures.pipeline.extractor).indicators(in: "新增耕地50垧").contains { $0.kind == .area })
    }
}
