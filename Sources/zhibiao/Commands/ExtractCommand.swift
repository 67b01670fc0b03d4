import ArgumentParser
import Zhibiao
import ZhibiaoCore

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract every quantitative target and fact of documents into the indicator catalog.",
        discussion: """
            jsonl (the default) prints one indicator per line, as documented in the README; json one array over \
            every input; csv every field, one row per indicator (UTF-8 with a byte order mark, for Excel); md a \
            table per document.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, json, csv, md }

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .jsonl

    @Option(help: "Only indicators of this role (target or fact).")
    var role: Role?

    func run() throws {
        let context = try CommandContext(global: global, input: input)
        let paths = input.expandedPaths(console: context.console)
        var first = true
        switch format {
        case .json: context.console.write("[\n")
        case .csv: context.console.write(bytes: IndicatorTableRenderer.csv([], header: true, byteOrderMark: true))
        case .jsonl, .md: break
        }
        defer {
            if format == .json { context.console.write("\n]\n"); context.console.flush() }
        }
        try context.forEachInput(paths) { path in
            var (_, _, indicators) = try context.pipeline.extract(path: path, logger: context.logger)
            if let role { indicators = indicators.filter { $0.role == role } }
            switch format {
            case .jsonl:
                // In slices, so that a document with a great many indicators is not held twice.
                for start in stride(from: 0, to: indicators.count, by: 512) {
                    context.console.write(bytes: IndicatorJSONRenderer.jsonLines(Array(indicators[start..<min(start + 512, indicators.count)])))
                }
            case .json: context.console.write(bytes: IndicatorJSONRenderer.arrayElements(indicators, first: first))
            case .csv: context.console.write(bytes: IndicatorTableRenderer.csv(indicators, header: false, byteOrderMark: false))
            case .md:
                if !first { context.console.write("\n") }
                context.console.write(IndicatorTableRenderer.markdown(doc: path, indicators))
            }
            if !indicators.isEmpty || format == .md { first = false }
        }
    }
}

extension Role: ExpressibleByArgument {}
