import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoCore
import ZhibiaoExtract

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Compare extraction with hand annotations (NAME.indicators.jsonl beside each document).",
        discussion: "Prints precision, recall and F1 by kind, the accuracy of each field, role-aware precision and recall of targets per document and pooled (with metric agreement and explicit years), and with --differences every difference."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    @Flag(help: "Also list every difference (missed, extra, wrong field).")
    var differences = false

    @Option(help: ArgumentHelp("Read NAME.indicators.jsonl from this directory instead of beside each document (NAME: the document's file name without extension).", valueName: "DIR"))
    var annotations: String?

    func run() throws {
        let context = try CommandContext(global: global, input: input, output: output)
        var evaluation = Evaluation()
        let annotationPath = self.annotationPath
        let inputs = input.inputs(console: context.console).filter { input in
            guard case .file(let path) = input.source else { return false }
            return FileManager.default.fileExists(atPath: annotationPath(path))
        }
        if inputs.isEmpty {
            context.console.error("no document with an .indicators.jsonl annotation beside it")
            throw ExitStatus.noInput.code
        }
        let run = try context.forEachDocument(inputs) { pipeline, input, logger -> (DocumentTree, [Indicator], [AnnotatedIndicator]) in
            let document = pipeline.extractDocument(try input.read(with: pipeline), logger: logger)
            let lines = try String(contentsOfFile: annotationPath(input.name), encoding: .utf8).split(separator: "\n")
            let decoder = JSONDecoder()
            let annotated = try lines.map { try decoder.decode(AnnotatedIndicator.self, from: Data($0.utf8)) }
            return (document.tree, document.indicators, annotated)
        } emit: { input, result in
            evaluation.add(predicted: result.1, annotated: result.2, document: input.name, tree: result.0)
        }
        context.console.write(evaluation.report)
        if differences { for miss in evaluation.misses { context.console.write(miss + "\n") } }
        try context.finish(run)
    }

    func annotationPath(_ path: String) -> String {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if let annotations { return (annotations as NSString).appendingPathComponent(name + ".indicators.jsonl") }
        return ((path as NSString).deletingPathExtension) + ".indicators.jsonl"
    }
}
