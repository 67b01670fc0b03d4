import ArgumentParser
import Zhibiao

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Print the checklist of a plan's targets, grouped by section, with a blank status column.",
        discussion: """
            md (the default) gives each section's heading and a table of its targets, the quantity in bold in its \
            sentence; csv gives one row per target over every input, with the years, base value and unit, range \
            ends and the document's title, issuer and date as columns; UTF-8 with a byte order mark so that Excel \
            opens it cleanly, and no cell starts a formula.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, csv }

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: md or csv.")
    var format: Format = .md

    @Option(name: .customLong("db"), help: ArgumentHelp("A catalog: inputs that are not files name stored documents (an id, path, hash prefix or title).", valueName: "PATH|URL"))
    var db: String?

    func run() throws {
        let context = try CommandContext(global: global, input: input, output: output)
        let format = self.format
        if format == .csv { context.console.write(bytes: ChecklistRenderer.csvHeaderBytes()) }
        var first = true
        let run = try context.forEachDocument(input.inputs(console: context.console)) { pipeline, input, logger -> [UInt8] in
            let document = try StoredInput.extractedDocument(input, db: db, pipeline: pipeline, logger: logger)
            let checklist = Checklist(document: document.document, tree: document.tree, indicators: document.indicators)
            switch format {
            case .md: return Array(ChecklistRenderer.markdown(checklist).utf8)
            case .csv: return ChecklistRenderer.csvRows(checklist)
            }
        } emit: { _, bytes in
            if format == .md && !first { context.console.write("\n") }
            context.console.write(bytes: bytes)
            first = false
        }
        try context.finish(run)
    }
}
