import ArgumentParser
import Zhibiao
import ZhibiaoCore

/// `zhibiao text FILE…`: the original text every `start`/`end` of Zhibiao's output points into.
struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Print the original text of documents: what every start/end offset counts (Unicode scalars).",
        discussion: """
            For plain text, the decoded file (BOM left out); for HTML and DOCX, the text Zhibiao reads \
            from the page or the document, page furniture included. Offsets in outlines, catalogs and \
            diffs are Unicode scalars of this text.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let context = try CommandContext(global: global, input: input) { _ in }
        let paths = input.expandedPaths(console: context.console)
        try context.forEachInput(paths) { path in
            let document = try context.pipeline.reader.read(path: path)
            if paths.count > 1 { context.console.write("==> \(path) <==\n") }
            context.console.write(bytes: UTF8Encoding.encode(document.text))
            if paths.count > 1 { context.console.write("\n") }
        }
    }
}
