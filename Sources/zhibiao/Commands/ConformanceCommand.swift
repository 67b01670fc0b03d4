import ArgumentParser
import Foundation
import Zhibiao

struct ConformanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Run other projects' published number, percent, currency and dimension cases; print the pass rate per file.",
        discussion: """
            DIR is a peer-specs directory (cn2an/cases.jsonl, recognizers-zh/*.jsonl). Each line of output is a file: \
            cases, cases that apply, passed, the pass rate, and the failures by kind. --failures lists every failure as \
            file:line: kind: detail.
            """
    )

    @Argument(help: "The peer-specs directory.")
    var directory: String

    @Flag(help: "List every failing case.")
    var failures = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let context = try CommandContext(global: global, input: nil, output: output)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            context.console.error("\(directory): no such directory")
            throw ExitStatus.noInput.code
        }
        let suite = PeerSpecSuite(pipeline: context.pipeline)
        let reports: [PeerSpecSuite.FileReport]
        do {
            reports = try suite.run(directory: URL(fileURLWithPath: directory))
        } catch {
            context.console.error("\(directory): \(error)")
            throw ExitStatus.dataError.code
        }
        guard !reports.isEmpty else {
            context.console.error("\(directory): none of \(PeerSpecSuite.files.joined(separator: ", ")) is there")
            throw ExitStatus.noInput.code
        }
        context.console.write("file\tcases\tapplicable\tpassed\trate\tfailures\n")
        for report in reports {
            let categories = report.categories.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            let rate = String(format: "%.1f%%", report.passRate * 100)
            context.console.write("\(report.file)\t\(report.cases)\t\(report.applicable)\t\(report.passed)\t\(rate)\t\(categories)\n")
        }
        for report in reports {
            for (reason, count) in report.notApplicable.sorted(by: { $0.key < $1.key }) {
                context.console.note("\(report.file): \(count) cases not applicable: \(reason)")
            }
        }
        if failures {
            for report in reports {
                for failure in report.failures {
                    context.console.write("\(report.file):\(failure.line): \(failure.category): \(failure.detail)  ⟨\(failure.input)⟩\n")
                }
            }
        }
        try context.finish(.empty)
    }
}
