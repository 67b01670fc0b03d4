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
        let inputs = input.inputs(console: context.console)
        if format == .jsonl && (inputs.count <= 1 || context.jobs <= 1) {
            // Streamed: each indicator is written as it is made, so a document dense with
            // quantities is never held as indicators (its output can be 100 times its size). With
            // one input or one job, reading and writing both run on this thread, in input order.
            let run = try context.forEachDocument(inputs) { pipeline, input, logger in
                let document = pipeline.normalize(try input.read(with: pipeline), logger: logger)
                return Outlined(document: document, tree: pipeline.outline(document, logger: logger))
            } emit: { _, outlined in
                var json = JSONWriter(capacity: 1 << 17)
                context.withDiagnostics { logger in
                    context.pipeline.extract(outlined.document, tree: outlined.tree, logger: logger) { indicator in
                        if let role, indicator.role != role { return }
                        indicator.write(into: &json)
                        json.newline()
                        if json.bytes.count >= 1 << 16 {
                            context.console.write(bytes: json.bytes)
                            json.removeAll()
                        }
                    }
                    context.console.write(bytes: json.bytes)
                }
            }
            try context.finish(run)
            return
        }
        let run = try context.forEachDocument(inputs) { pipeline, input, logger in
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

    /// A document read and outlined, its indicators still to be extracted (and streamed).
    struct Outlined: Sendable {
        var document: NormalizedDocument
        var tree: DocumentTree
    }

    /// One document's output, rendered on a worker thread.
    struct Rendered: Sendable {
        var bytes: [UInt8]
        /// Indicators in it.
        var count: Int
    }
}

extension Role: ExpressibleByArgument {}
