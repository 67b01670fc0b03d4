import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoExtract

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Compare extraction with hand annotations (NAME.indicators.jsonl beside each document).",
        discussion: "Prints precision, recall and F1 by kind, the accuracy of each field, role-aware precision and recall of targets per document and pooled (with metric agreement and explicit years), and with --differences every difference."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    @Flag(help: "Also list every difference (missed, extra, wrong field).")
    var differences = false

    @Option(help: ArgumentHelp("Read NAME.indicators.jsonl from this directory instead of beside each document (NAME: the document's file name without extension).", valueName: "DIR"))
    var annotations: String?

    func run() throws {
        let context = try CommandContext(global: global, input: input)
        var evaluation = Evaluation()
        let paths = input.expandedPaths(console: context.console).filter { path in
            FileManager.default.fileExists(atPath: annotationPath(path))
        }
        if paths.isEmpty {
            context.console.error("no document with an .indicators.jsonl annotation beside it")
            throw ExitStatus.noInput.code
        }
        try context.forEachInput(paths) { path in
            let (_, tree, indicators) = try context.pipeline.extract(path: path, logger: context.logger)
            let lines = try String(contentsOfFile: annotationPath(path), encoding: .utf8).split(separator: "\n")
            let decoder = JSONDecoder()
            let annotated = try lines.map { try decoder.decode(AnnotatedIndicator.self, from: Data($0.utf8)) }
            evaluation.add(predicted: indicators, annotated: annotated, document: path, tree: tree)
        }
        context.console.write(evaluation.report)
        if differences { for miss in evaluation.misses { context.console.write(miss + "\n") } }
    }

    func annotationPath(_ path: String) -> String {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if let annotations { return (annotations as NSString).appendingPathComponent(name + ".indicators.jsonl") }
        return ((path as NSString).deletingPathExtension) + ".indicators.jsonl"
    }
}
