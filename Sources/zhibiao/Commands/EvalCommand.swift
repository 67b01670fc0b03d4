import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoExtract

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Compare extraction with hand annotations (NAME.indicators.jsonl beside each document).",
        discussion: "Prints precision, recall and F1 by kind, the accuracy of each field, and with --differences every difference."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    @Flag(help: "Also list every difference (missed, extra, wrong field).")
    var differences = false

    func run() throws {
        let context = try CommandContext(global: global, input: input)
        var evaluation = Evaluation()
        let paths = input.expandedPaths(console: context.console).filter { path in
            FileManager.default.fileExists(atPath: Self.annotationPath(path))
        }
        if paths.isEmpty {
            context.console.error("no document with an .indicators.jsonl annotation beside it")
            throw ExitStatus.noInput.code
        }
        try context.forEachInput(paths) { path in
            let (_, _, indicators) = try context.pipeline.extract(path: path, logger: context.logger)
            let lines = try String(contentsOfFile: Self.annotationPath(path), encoding: .utf8).split(separator: "\n")
            let decoder = JSONDecoder()
            let annotated = try lines.map { try decoder.decode(AnnotatedIndicator.self, from: Data($0.utf8)) }
            evaluation.add(predicted: indicators, annotated: annotated, document: path)
        }
        context.console.write(evaluation.report)
        if differences { for miss in evaluation.misses { context.console.write(miss + "\n") } }
    }

    static func annotationPath(_ path: String) -> String {
        ((path as NSString).deletingPathExtension) + ".indicators.jsonl"
    }
}
