import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoCore
import ZhibiaoIngest

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare plans with the plan they implement: task coverage, target pairs with verdicts, gaps.",
        discussion: """
            The first document is the parent (provincial, national); the others (or the documents in folders) are \
            its children (municipal, county, district). md (the default) prints a summary, the gaps, the target \
            pairs with their verdicts (equal, stricter, looser, earlier, later, different-measure, contributes), \
            the task coverage with evidence sentences and the local additions; json the same as documented in \
            the README; html one self-contained page with both documents side by side.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, json, html }

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: md, json or html.")
    var format: Format = .md

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if input.paths.count < 2 { throw ValidationError("give a parent document and at least one child: zhibiao diff PARENT CHILD…") }
    }

    func run() throws {
        let context = try CommandContext(global: global, input: input)
        let parentPath = input.paths[0]
        var childInput = input
        childInput.paths = Array(input.paths.dropFirst())
        let childPaths = childInput.expandedPaths(console: context.console)

        let parent: ExtractedDocument
        do {
            parent = try context.pipeline.extractDocument(path: parentPath, logger: context.logger)
        } catch {
            context.console.error("\(parentPath): \(error) (the parent)")
            throw ExitStatus(error).code
        }
        if parent.tree.sections.isEmpty && parent.targets.isEmpty {
            context.console.error("\(parentPath): warning: the parent has no numbered sections and no targets: nothing to align with")
        }

        var children: [ExtractedDocument] = []
        var failures: [ExitStatus] = []
        for path in childPaths {
            do {
                let child = try context.pipeline.extractDocument(path: path, logger: context.logger)
                if Self.samePath(path, parentPath) || child.document.source.sha256 == parent.document.source.sha256 {
                    context.console.error("\(path): the same document as the parent \(parentPath): nothing to compare")
                    failures.append(.dataError)
                    continue
                }
                children.append(child)
            } catch {
                context.console.error("\(path): \(error)")
                failures.append(ExitStatus(error))
            }
        }
        guard !children.isEmpty else {
            context.console.flush()
            throw (failures.first ?? .noInput).code
        }

        let report = DiffReport(parent: parent, children: children, aligner: context.pipeline.aligner)
        for child in report.children {
            for note in child.alignment.notes where !note.hasPrefix("the parent") {
                context.console.error("\(child.document.path): warning: \(note)")
            }
        }
        let bytes: [UInt8]
        switch format {
        case .md: bytes = Array(DiffMarkdownRenderer.render(report).utf8)
        case .json: bytes = DiffJSONRenderer.render(report)
        case .html: bytes = Array(DiffHTMLRenderer.render(report).utf8)
        }
        if let output {
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: output))
            } catch {
                context.console.error("\(output): cannot write the report: \(error.localizedDescription)")
                throw ExitStatus.ioError.code
            }
        } else {
            context.console.write(bytes: bytes)
            context.console.flush()
        }
        if !failures.isEmpty {
            context.console.note("zhibiao: \(children.count) of \(childPaths.count) children compared, \(failures.count) failed")
            throw ExitStatus.partial.code
        }
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
            == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

extension ExitStatus {
    init(_ error: any Error) {
        if let error = error as? IngestError { self.init(error) } else { self = .dataError }
    }
}
