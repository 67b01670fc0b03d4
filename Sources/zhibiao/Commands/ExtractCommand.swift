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
            if format == .jsonl {
                // Streamed: each indicator written as it is made, so a document dense with
                // quantities is never held as indicators (its output can be 100x its size).
                var json = JSONWriter(capacity: 1 << 17)
                _ = try context.pipeline.extract(path: path, logger: context.logger) { indicator in
                    if let role, indicator.role != role { return }
                    indicator.write(into: &json)
                    json.newline()
                    if json.bytes.count >= 1 << 16 {
                        context.console.write(bytes: json.bytes)
                        json.removeAll()
                    }
                }
                context.console.write(bytes: json.bytes)
                return
            }
            var (_, _, indicators) = try context.pipeline.extract(path: path, logger: context.logger)
            if let role { indicators = indicators.filter { $0.role == role } }
            switch format {
            case .jsonl:
                break  // streamed above
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
