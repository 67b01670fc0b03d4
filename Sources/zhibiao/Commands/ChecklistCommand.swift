import ArgumentParser
import Zhibiao

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Print the checklist of a plan's targets, grouped by section, with a blank status column.",
        discussion: """
            md (the default) gives each section's heading and a table of its targets, the quantity in bold in its \
            sentence; csv gives one row per target over every input, UTF-8 with a byte order mark so that Excel \
            opens it cleanly.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, csv }

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: md or csv.")
    var format: Format = .md

    @Option(name: .customLong("db"), help: ArgumentHelp("A catalog: inputs that are not files name stored documents (an id, path, hash prefix or title).", valueName: "PATH|URL"))
    var db: String?

    func run() throws {
        let context = try CommandContext(global: global, input: input)
        let paths = input.expandedPaths(console: context.console)
        var checklists: [Checklist] = []
        try context.forEachInput(paths) { path in
            let extracted = try StoredInput.extractedDocument(path, db: db, context: context)
            let checklist = Checklist(document: extracted.document, tree: extracted.tree, indicators: extracted.indicators)
            switch format {
            case .md:
                if !checklists.isEmpty { context.console.write("\n") }
                context.console.write(ChecklistRenderer.markdown(checklist))
                checklists.append(checklist)
            case .csv:
                checklists.append(checklist)
            }
        }
        if format == .csv {
            context.console.write(bytes: ChecklistRenderer.csv(checklists))
            context.console.flush()
        }
    }
}
