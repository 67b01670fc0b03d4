import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoGrammar
import ZhibiaoTestSupport

/// The linker's decisions run their examples (`Grammars/linker.examples` and every other
/// `*.examples` file); its vocabulary is declared (`lexicon/classes.tsv`, `linker.tsv`) and
/// checked against the lexicon and the rules.
@Suite struct LinkerTests {
    static let bundle = Fixtures.resources.grammar

    @Test(arguments: ExampleTopic.allCases)
    func everyExampleOfADecisionPasses(_ topic: ExampleTopic) {
        let examples = Self.bundle.examples.filter { $0.topic == topic }
        var report = ExampleRunner.Report()
        Fixtures.pipeline.exampleRunner().run(examples, into: &report)
        for failure in report.failures { Issue.record("\(failure)") }
    }

    @Test func theLinkerHasExamplesOfItsDecisions() {
        let topics = Set(Self.bundle.examples.map(\.topic))
        for topic in [ExampleTopic.clause, .time, .change, .metric, .scope, .ratio, .role] {
            #expect(topics.contains(topic), "no example of the decision '\(topic.rawValue)'")
        }
        #expect(Self.bundle.examples.count >= 30)
    }

    // MARK: The vocabulary is declared

    @Test func everyClassOfEveryWordIsDeclared() {
        let lexicon = Self.bundle.lexicon
        for name in lexicon.classNames { #expect(lexicon.declaredClasses[name] != nil, "class '\(name)' has words but is not declared") }
    }

    @Test func everyDeclaredClassHasTheReadersItSays() throws {
        let lexicon = Self.bundle.lexicon
        let roles = Set(lexicon.linkerRoles.values.joined())
        let usedByRules = Set(Self.bundle.grammar.rules.flatMap { rule in rule.pattern.all.flatMap(Self.wordClasses) })
        /// Classes the tokenizer and the grammar engine read in Swift (a name blocks its numerals; a unit makes a quantity).
        let readInCode: [String: Set<String>] = ["tokenizer": ["unit", "name", "standard.suffix"], "engine": ["unit"]]
        for (name, declaration) in lexicon.declaredClasses {
            #expect(declaration.readers.contains("linker") == roles.contains(name),
                    "class '\(name)': declared \(declaration.readers.contains("linker") ? "" : "not ")read by the linker, linker.tsv says otherwise")
            if declaration.readers.contains("rules") { #expect(usedByRules.contains(name), "class '\(name)' is declared read by rules, but no rule uses @\(name)") }
            for reader in ["tokenizer", "engine"] where declaration.readers.contains(reader) {
                #expect(readInCode[reader]?.contains(name) ?? false, "class '\(name)' is not read by the \(reader)")
            }
        }
        for role in LinkerRole.allCases { #expect(!(lexicon.linkerRoles[role] ?? []).isEmpty, "no class plays the linker role '\(role.rawValue)'") }
    }

    static func wordClasses(_ item: PatternItem) -> [String] {
        switch item.element {
        case .word(let name): [name]
        case .group(let alternatives): alternatives.flatMap { $0.flatMap(wordClasses) }
        default: []
        }
    }

    // MARK: Errors with their place

    func overlayError(_ file: String, _ contents: String) throws -> String {
        let overlay = RepoPaths.temporaryDirectory("zhibiao-linker-overlay")
        let url = overlay.appendingPathComponent(file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try Resources(directory: RepoPaths.grammars, overlays: [overlay])
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func aMisspeltClassInWordsTSVIsAnErrorWithASuggestion() throws {
        let message = try overlayError("lexicon/words.tsv", "# overlay\n达成\tverb.targte\n")
        #expect(message.hasSuffix("lexicon/words.tsv:2:4: error: unknown word class 'verb.targte' (did you mean 'verb.target'?) (classes are declared in lexicon/classes.tsv)"), "\(message)")
    }

    @Test func linkerTSVNamesDeclaredClassesAndKnownRoles() throws {
        let role = try overlayError("linker.tsv", "verb.target\tgovern\n")
        #expect(role.hasSuffix("linker.tsv:1:13: error: unknown linker role 'govern' (did you mean 'governs'?)"), "\(role)")
        let wordClass = try overlayError("linker.tsv", "verb.targte\tgoverns\n")
        #expect(wordClass.contains("linker.tsv:1:1: error: unknown word class 'verb.targte' (did you mean 'verb.target'?)"), "\(wordClass)")
    }

    @Test func anExampleFileNamesAKnownDecision() throws {
        let message = try overlayError("mine.examples", "decision metirc\n  example 建设⟦3个⟧村\n")
        #expect(message.contains("mine.examples:1:10: error: unknown decision 'metirc' (did you mean 'metric'?)"), "\(message)")
        let field = try overlayError("mine.examples", "decision metric\n  example 建设⟦3个⟧村 metrik=村\n")
        #expect(field.contains("mine.examples:2:11: error: unknown example field 'metrik' (did you mean 'metric'?)"), "\(field)")
    }

    @Test func aFailingExampleSaysWhere() throws {
        let overlay = RepoPaths.temporaryDirectory("zhibiao-linker-failing")
        try "decision metric\n  example 建设⟦3个⟧村庄 metric=乡镇\n".write(to: overlay.appendingPathComponent("mine.examples"), atomically: true, encoding: .utf8)
        let resources = try Resources(directory: RepoPaths.grammars, overlays: [overlay])
        let examples = resources.grammar.examples.filter { $0.example.path.hasSuffix("mine.examples") }
        var report = ExampleRunner.Report()
        Pipeline(resources: resources).exampleRunner().run(examples, into: &report)
        let failure = try #require(report.failures.first)
        #expect(failure.description.hasSuffix("mine.examples:2:1: error: metric: ⟦3个⟧: metric=村庄, expected 乡镇"), "\(failure)")
    }
}
