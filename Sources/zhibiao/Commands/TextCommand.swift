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
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let context = try CommandContext(global: global, input: input, output: output) { _ in }
        let inputs = input.inputs(console: context.console)
        let several = inputs.count > 1
        let run = try context.forEachDocument(inputs) { pipeline, input, _ -> [UInt8] in
            let document = try input.read(with: pipeline)
            var bytes: [UInt8] = several ? Array("==> \(input.name) <==\n".utf8) : []
            bytes += UTF8Encoding.encode(document.text)
            if several { bytes.append(0x0A) }
            return bytes
        } emit: { _, bytes in
            context.console.write(bytes: bytes)
        }
        try context.finish(run)
    }
}
