import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoExtract

struct GrammarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grammar",
        abstract: "Check the rule grammars.",
        subcommands: [Test.self]
    )

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Load the grammars and run every rule's and lexicon entry's examples and counter-examples; failures are printed as path:line:col."
        )

        @Argument(help: "A grammar directory to layer over the bundled Grammars/ (same as --grammars).")
        var directory: String?

        @OptionGroup var global: GlobalOptions

        func run() throws {
            var global = self.global
            if let directory { global.grammars = directory }
            let context = try CommandContext(global: global, input: nil)
            let runner = context.pipeline.exampleRunner()
            var report = runner.run(context.pipeline.resources.grammar.grammar)
            let rulesReport = (report.examples, report.counters)
            runner.run(context.pipeline.resources.grammar.examples, into: &report)
            for failure in report.failures { context.console.write("\(failure)\n") }
            // Word lists with examples, example tables, citation words.
            let words = runner.runWordExamples(context.pipeline.resources.grammar.lexicon)
            for failure in words.failures { context.console.write("\(failure)\n") }
            let tablesPath = context.pipeline.resources.directory.appendingPathComponent("tables/examples.tables").path
            var tables = TableExamples.Report()
            do {
                let contents = try String(contentsOfFile: tablesPath, encoding: .utf8)
                tables = try TableExamples(path: tablesPath, contents: contents).run(with: context.pipeline)
            } catch {
                context.console.write("\(error)\n")
                tables.failures.append(TableExamples.Failure(path: tablesPath, line: 0, message: "cannot run the example tables"))
            }
            for failure in tables.failures { context.console.write("\(failure)\n") }
            for unused in tables.unusedVocabulary { context.console.write("\(unused): error: no example table uses this word\n") }
            let citations = CitationExamples.run(with: context.pipeline)
            for failure in citations.failures { context.console.write("\(failure)\n") }
            context.console.flush()
            let rules = context.pipeline.resources.grammar.grammar.rules.count
            let decisions = context.pipeline.resources.grammar.examples.count
            context.console.note("grammar: \(rules) rules with \(rulesReport.0) examples and \(rulesReport.1) counter-examples; "
                                 + "\(decisions) examples of linking decisions, names and units; \(report.failures.count) failed")
            context.console.note("words: \(words.examples) examples, \(words.failures.count) failed; tables: \(tables.examples) example tables, "
                                 + "\(tables.expectations) checks, \(tables.failures.count + tables.unusedVocabulary.count) failed; "
                                 + "citations: \(citations.examples) examples, \(citations.failures.count) failed")
            if !report.rulesWithoutExamples.isEmpty {
                context.console.note("grammar: rules without a positive example: \(report.rulesWithoutExamples.joined(separator: ", "))")
            }
            // The aligner's lexicon (Grammars/align/): concepts, direction and measure words.
            let align = AlignExampleRunner(pipeline: context.pipeline).run(context.pipeline.resources.align)
            for failure in align.failures { context.console.write("\(failure)\n") }
            context.console.flush()
            context.console.note("align: \(context.pipeline.resources.align.concepts.count) concepts, \(align.examples) examples, \(align.counters) counter-examples, \(align.failures.count) failed")
            if !report.failures.isEmpty || !words.failures.isEmpty || !tables.failures.isEmpty || !tables.unusedVocabulary.isEmpty
                || !citations.failures.isEmpty || !align.failures.isEmpty {
                throw ExitStatus.dataError.code
            }
        }
    }
}
