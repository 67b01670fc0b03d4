import ArgumentParser
import Zhibiao
import ZhibiaoCore

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract every quantitative target and fact of documents into the indicator catalog.",
        discussion: """
            jsonl (the default) prints one indicator per line, as documented in the README; json one array over \
            every input; csv every field, one row per indicator, with the document's title, issuer and date \
            (UTF-8 with a byte order mark, for Excel; no cell starts a formula); md a table per document.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, json, csv, md }

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .jsonl

    @Option(help: "Only indicators of this role (target or fact).")
    var role: Role?

    func run() throws {
        let context = try CommandContext(global: global, input: input, output: output)
        let format = self.format, role = self.role
        var first = true
        switch format {
        case .json: context.console.write("[\n")
        case .csv: context.console.write(bytes: IndicatorTableRenderer.csvHeaderBytes(byteOrderMark: true))
        case .jsonl, .md: break
        }
        let run = try context.forEachDocument(input.inputs(console: context.console)) { pipeline, input, logger in
            let document = pipeline.extractDocument(try input.read(with: pipeline), logger: logger)
            let indicators = role.map { role in document.indicators.filter { $0.role == role } } ?? document.indicators
            switch format {
            case .jsonl: return Rendered(bytes: IndicatorJSONRenderer.jsonLines(indicators), count: indicators.count)
            case .json: return Rendered(bytes: IndicatorJSONRenderer.arrayElements(indicators, first: true), count: indicators.count)
            case .csv:
                let columns = DocumentColumns(document)
                return Rendered(bytes: IndicatorTableRenderer.csv(indicators, document: columns, header: false, byteOrderMark: false),
                                count: indicators.count)
            case .md: return Rendered(bytes: Array(IndicatorTableRenderer.markdown(doc: input.name, indicators).utf8), count: indicators.count)
            }
        } emit: { _, rendered in
            switch format {
            case .json:
                // Elements are separated by ",\n"; the first document with any opens the array.
                if !first && rendered.count > 0 { context.console.write(",\n") }
                context.console.write(bytes: rendered.bytes)
            case .md:
                if !first { context.console.write("\n") }
                context.console.write(bytes: rendered.bytes)
            case .jsonl, .csv: context.console.write(bytes: rendered.bytes)
            }
            if rendered.count > 0 || format == .md { first = false }
        }
        if format == .json { context.console.write("\n]\n") }
        try context.finish(run)
    }

    /// One document's output, rendered on a worker thread.
    struct Rendered: Sendable {
        var bytes: [UInt8]
        /// Indicators in it.
        var count: Int
    }
}

extension Role: ExpressibleByArgument {}
