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
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "hans converts what is Traditional to Simplified (Simplified text is left alone); keep leaves the script as written; hant converts what is Simplified to Traditional.")
    var script: ScriptChoice = .hans

    @Flag(help: "Print the whole extracted text of HTML/DOCX, boilerplate included.")
    var all = false

    func run() throws {
        let context = try CommandContext(global: global, input: input, output: output) { options in
            switch script {
            case .hans: options.scriptMode = .hans
            case .keep: options.scriptMode = .keep
            case .hant: options.scriptMode = .hant
            }
        }
        let inputs = input.inputs(console: context.console)
        let several = inputs.count > 1, all = self.all
        let run = try context.forEachDocument(inputs) { pipeline, input, logger -> [UInt8] in
            let document = pipeline.normalize(try input.read(with: pipeline), logger: logger)
            var bytes: [UInt8] = several ? Array("==> \(input.name) <==\n".utf8) : []
            let spans = all ? [NormalizedSpan(start: 0, end: document.text.count)] : document.bodySpans
            for span in spans where !span.isEmpty {
                bytes += UTF8Encoding.encode(document.text[span.range])
                bytes.append(0x0A)
            }
            return bytes
        } emit: { _, bytes in
            context.console.write(bytes: bytes)
        }
        try context.finish(run)
    }
}
