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
            context.console.flush()
            let rules = context.pipeline.resources.grammar.grammar.rules.count
            let decisions = context.pipeline.resources.grammar.examples.count
            context.console.note("grammar: \(rules) rules with \(rulesReport.0) examples and \(rulesReport.1) counter-examples; "
                                 + "\(decisions) examples of linking decisions, names and units; \(report.failures.count) failed")
            if !report.rulesWithoutExamples.isEmpty {
                context.console.note("grammar: rules without a positive example: \(report.rulesWithoutExamples.joined(separator: ", "))")
            }
            // The aligner's lexicon (Grammars/align/): concepts, direction and measure words.
            let align = AlignExampleRunner(pipeline: context.pipeline).run(context.pipeline.resources.align)
            for failure in align.failures { context.console.write("\(failure)\n") }
            context.console.flush()
            context.console.note("align: \(context.pipeline.resources.align.concepts.count) concepts, \(align.examples) examples, \(align.counters) counter-examples, \(align.failures.count) failed")
            if !report.failures.isEmpty || !align.failures.isEmpty { throw ExitStatus.dataError.code }
        }
    }
}
