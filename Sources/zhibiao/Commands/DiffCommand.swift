import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoAlign
import ZhibiaoCatalog
import ZhibiaoCore
import ZhibiaoIngest
import ZhibiaoStructure

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

            With --db, a document may be a stored one: db:REF (an id, a hash prefix, a path or a title of the \
            catalog), or any argument that is not a file; its stored text and indicators are used as they are. \
            With --db and one document, that document is the child and its parent is the stored document it \
            cites (根据《…》, 文号).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, json, html }

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: md, json or html.")
    var format: Format = .md

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "A catalog: db:REF (or an argument that is not a file) names a stored document; with one document, its cited parent is looked up there.",
        valueName: "PATH|URL"))
    var db: String?

    func validate() throws {
        if input.paths.count < 2 && db == nil {
            throw ValidationError("give a parent document and at least one child: zhibiao diff PARENT CHILD… (or one child and --db CATALOG to take the parent it cites)")
        }
        if input.paths.isEmpty { throw ValidationError("give a child document (and the parent, or --db to take the parent it cites)") }
        if db == nil, let stored = input.paths.first(where: { $0.hasPrefix(StoredInput.prefix) }), !FileManager.default.fileExists(atPath: stored) {
            throw ValidationError("\(stored) names a stored document: give the catalog with --db")
        }
    }

    func run() throws {
        let context = try CommandContext(global: global, input: input, output: output)
        let limit = input.maxInputMB * 1_048_576
        let aligner = context.pipeline.aligner
        if input.paths.count == 1, let db {
            // One child: its parent is the stored document it cites.
            let child = try Self.single(input.paths[0], role: "the child", limit: limit, context: context)
            let childDocument = try Self.load(child, role: "the child", db: db, context: context)
            let parent = try citedParent(of: childDocument, name: child.name, db: db, context: context)
            let alignment = aligner.align(parent: aligner.prepareParent(parent), child: childDocument)
            let report = DiffReport(parent: parent, children: [DiffReport.Child(document: childDocument, alignment: alignment)])
            warn(report.children[0], name: child.name, context: context)
            write(report, context: context)
            try context.finish(CommandContext.RunSummary(inputs: 1, failures: []))
            return
        }
        let parentInput = try Self.single(input.paths[0], role: "the parent", limit: limit, context: context)
        let childInputs = InputExpander.inputs(Array(input.paths.dropFirst()), maxInputBytes: limit, console: context.console)
        let parent = try Self.load(parentInput, role: "the parent", db: db, context: context)
        if parent.tree.sections.isEmpty && parent.targets.isEmpty {
            context.console.error("\(parentInput.name): warning: the parent has no numbered sections and no targets: nothing to align with")
        }

        let prepared = aligner.prepareParent(parent)
        let parentName = parentInput.name, parentHash = parent.document.source.sha256, db = self.db
        var children: [DiffReport.Child] = []
        let run = try context.forEachDocument(childInputs) { pipeline, input, logger -> DiffReport.Child in
            let child = try StoredInput.extractedDocument(input, db: db, pipeline: pipeline, logger: logger)
            if child.document.source.sha256 == parentHash && !parentHash.isEmpty {
                throw InputFailure(message: "the same document as the parent \(parentName): nothing to compare", status: .dataError)
            }
            return DiffReport.Child(document: child, alignment: aligner.align(parent: prepared, child: child))
        } emit: { input, child in
            warn(child, name: input.name, context: context)
            children.append(child)
        }
        if !children.isEmpty { write(DiffReport(parent: parent, children: children), context: context) }
        try context.finish(run)
    }

    private func warn(_ child: DiffReport.Child, name: String, context: CommandContext) {
        for note in child.alignment.notes where !note.hasPrefix("the parent") {
            context.console.error("\(name): warning: \(note)")
        }
    }

    private func write(_ report: DiffReport, context: CommandContext) {
        switch format {
        case .md: context.console.write(DiffMarkdownRenderer.render(report))
        case .json: context.console.write(bytes: DiffJSONRenderer.render(report))
        case .html: context.console.write(DiffHTMLRenderer.render(report))
        }
    }

    /// The one input a path names (not a folder).
    static func single(_ path: String, role: String, limit: Int, context: CommandContext) throws -> Input {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            context.console.error("\(path): \(role) is a folder: give one document")
            throw ExitStatus.usage.code
        }
        return InputExpander.inputs([path], maxInputBytes: limit, console: context.console)[0]
    }

    /// Reads (or loads from the catalog) the parent or the lone child; a failure ends the run.
    static func load(_ input: Input, role: String, db: String?, context: CommandContext) throws -> ExtractedDocument {
        do {
            return try StoredInput.extractedDocument(input, db: db, pipeline: context.pipeline, logger: context.logger)
        } catch {
            let (message, status) = StoredInput.describe(error)
            context.console.error("\(input.name): \(message) (\(role))")
            throw status.code
        }
    }

    /// The stored document the child cites, chosen by ``ParentPicker``; says on stderr which and why.
    private func citedParent(of child: ExtractedDocument, name: String, db: String,
                             context: CommandContext) throws -> ExtractedDocument {
        let childHash = child.document.source.sha256
        let records: [CitationRecord]
        do {
            records = try CatalogOpener.citationRecords(db)
        } catch {
            let (message, status) = StoredInput.describe(error)
            context.console.error(message)
            throw status.code
        }
        let others = records.filter { $0.sha256 != childHash }
        let picker = ParentPicker(known: others.map(KnownDocument.init(stored:)))
        let citations = child.tree.citations
        let usage = "give the parent: zhibiao diff PARENT \(name)"
        switch picker.pick(citations, excluding: child.document.source.path) {
        case .none(let unresolved):
            if unresolved.isEmpty {
                context.console.error("\(name): no parent: the child cites no document (根据《…》, 文号); \(usage)")
            } else {
                let list = unresolved.prefix(5).map(LinkGraph.Input.reference).joined(separator: ", ")
                context.console.error("\(name): no parent: none of its \(unresolved.count) citations (\(list)\(unresolved.count > 5 ? ", …" : "")) names a document of \(db); \(usage)")
            }
            throw ExitStatus.dataError.code
        case .ambiguous(let tied):
            let list = tied.map { candidate in
                let record = others.first { $0.path == candidate.document.id }
                return "\(record.map { "db:\($0.id) " } ?? "")\(candidate.document.id) (\(Self.describe(candidate)))"
            }.joined(separator: "; ")
            context.console.error("\(name): \(tied.count) cited documents are equally likely parents: \(list); \(usage)")
            throw ExitStatus.usage.code
        case .picked(let candidate, let others2):
            guard let record = others.first(where: { $0.path == candidate.document.id }) else { throw ExitStatus.software.code }
            var line = "\(name): parent: db:\(record.id) \(record.path)"
            if let title = record.title { line += " 《\(title)》" }
            line += ", \(Self.describe(candidate))"
            if !others2.isEmpty {
                line += "; also cited: " + others2.prefix(3).map { "\($0.document.id) (\(Self.describe($0)))" }.joined(separator: "; ")
            }
            context.console.note("zhibiao: " + line)
            let input = Input(name: StoredInput.prefix + String(record.id), source: .file(StoredInput.prefix + String(record.id)), byteCount: 0)
            return try Self.load(input, role: "the parent", db: db, context: context)
        }
    }

    /// How a candidate was cited: `cited as 根据《…》 [12..<30], by title`, and how often.
    static func describe(_ candidate: ParentPicker.Candidate) -> String {
        let first = candidate.citations[0]
        let verb = first.verb.map { $0 + " " } ?? ""
        var text = "cited as \(verb)\(LinkGraph.Input.reference(first)) [\(first.span.start)..<\(first.span.end)] by \(candidate.match.rawValue)"
        if candidate.citations.count > 1 { text += ", \(candidate.citations.count) citations" }
        return text
    }
}

extension ExitStatus {
    init(_ error: any Error) {
        if let error = error as? IngestError { self.init(error) } else { self = .dataError }
    }
}
