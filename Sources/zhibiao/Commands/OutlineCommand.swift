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
    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format.")
    var format: Format = .text

    func run() throws {
        let context = try CommandContext(global: global, input: input)
        let paths = input.expandedPaths(console: context.console)
        try context.forEachInput(paths) { path in
            let (document, tree) = try context.pipeline.outline(path: path, logger: context.logger)
            switch format {
            case .json:
                context.console.write(bytes: OutlineJSONRenderer.render(document, tree))
            case .text:
                if paths.count > 1 { context.console.write("==> \(path) <==\n") }
                context.console.write(OutlineTextRenderer.render(document, tree))
            }
        }
    }
}
