import ArgumentParser
import Zhibiao

struct OutlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outline",
        abstract: "Print the structure of documents: metadata, sections, tasks, sentences and the noise taken out.",
        discussion: "text is an indented tree for people; json is the document model (one object per line per document), documented in the README."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format.")
    var format: Format = .text

    func run() throws {
        let context = try CommandContext(global: global, input: input, output: output)
        let inputs = input.inputs(console: context.console)
        let format = self.format, several = inputs.count > 1
        let run = try context.forEachDocument(inputs) { pipeline, input, logger -> [UInt8] in
            let document = pipeline.normalize(try input.read(with: pipeline), logger: logger)
            let tree = pipeline.outline(document, logger: logger)
            switch format {
            case .json: return OutlineJSONRenderer.render(document, tree)
            case .text: return Array(((several ? "==> \(input.name) <==\n" : "") + OutlineTextRenderer.render(document, tree)).utf8)
            }
        } emit: { _, bytes in
            context.console.write(bytes: bytes)
        }
        try context.finish(run)
    }
}
