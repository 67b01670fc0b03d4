import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoCore
import ZhibiaoExtract

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Compare extraction with hand annotations (NAME.indicators.jsonl beside each document).",
        discussion: "Prints precision, recall and F1 by kind, the accuracy of each field, and with --differences every difference."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    @Flag(help: "Also list every difference (missed, extra, wrong field).")
    var differences = false

    func run() throws {
        let context = try CommandContext(global: global, input: input, output: output)
        var evaluation = Evaluation()
        let inputs = input.inputs(console: context.console).filter { input in
            guard case .file(let path) = input.source else { return false }
            return FileManager.default.fileExists(atPath: Self.annotationPath(path))
        }
        if inputs.isEmpty {
            context.console.error("no document with an .indicators.jsonl annotation beside it")
            throw ExitStatus.noInput.code
        }
        let run = try context.forEachDocument(inputs) { pipeline, input, logger -> ([Indicator], [AnnotatedIndicator]) in
            let document = pipeline.extractDocument(try input.read(with: pipeline), logger: logger)
            let lines = try String(contentsOfFile: Self.annotationPath(input.name), encoding: .utf8).split(separator: "\n")
            let decoder = JSONDecoder()
            let annotated = try lines.map { try decoder.decode(AnnotatedIndicator.self, from: Data($0.utf8)) }
            return (document.indicators, annotated)
        } emit: { input, result in
            evaluation.add(predicted: result.0, annotated: result.1, document: input.name)
        }
        context.console.write(evaluation.report)
        if differences { for miss in evaluation.misses { context.console.write(miss + "\n") } }
        try context.finish(run)
    }

    static func annotationPath(_ path: String) -> String {
        ((path as NSString).deletingPathExtension) + ".indicators.jsonl"
    }
}
