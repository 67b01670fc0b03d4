import ArgumentParser
import Zhibiao
import ZhibiaoCore

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract every quantitative target and fact of documents into the indicator catalog.",
        discussion: "jsonl (the default) prints one indicator per line, as documented in the README."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, json, csv, md }

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format.")
    var format: Format = .jsonl

    func run() throws {
        let context = try CommandContext(global: global, input: input)
        let paths = input.expandedPaths(console: context.console)
        try context.forEachInput(paths) { path in
            let (_, _, indicators) = try context.pipeline.extract(path: path, logger: context.logger)
            context.console.write(bytes: IndicatorJSONRenderer.jsonLines(indicators))
        }
    }
}
