import ArgumentParser
import Zhibiao
import ZhibiaoCore
import ZhibiaoText

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Print the normalized text of documents (NFKC, unified punctuation and spaces, Simplified script).",
        discussion: "For HTML and DOCX, only the body is printed unless --all is given; page furniture is left out."
    )

    enum ScriptChoice: String, ExpressibleByArgument, CaseIterable {
        case hans, keep, hant
    }

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "hans converts what is Traditional to Simplified (Simplified text is left alone); keep leaves the script as written; hant converts what is Simplified to Traditional.")
    var script: ScriptChoice = .hans

    @Flag(help: "Print the whole extracted text of HTML/DOCX, boilerplate included.")
    var all = false

    func run() throws {
        let context = try CommandContext(global: global, input: input) { options in
            switch script {
            case .hans: options.scriptMode = .hans
            case .keep: options.scriptMode = .keep
            case .hant: options.scriptMode = .hant
            }
        }
        let paths = input.expandedPaths(console: context.console)
        try context.forEachInput(paths) { path in
            let document = try context.pipeline.normalize(path: path, logger: context.logger)
            if paths.count > 1 { context.console.write("==> \(path) <==\n") }
            let spans = all ? [NormalizedSpan(start: 0, end: document.text.count)] : document.bodySpans
            for span in spans where !span.isEmpty {
                context.console.write(bytes: UTF8Encoding.encode(document.text[span.range]))
                context.console.write("\n")
            }
        }
    }
}
