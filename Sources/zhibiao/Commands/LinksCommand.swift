import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoCatalog

struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Print which documents cite which: every citation (根据《…》, 国发〔2021〕4号) resolved against the other documents given.",
        discussion: """
            Citations are resolved by document number, then by title. --titles TSV adds titles the \
            texts lack (a header row naming the columns file or path, title, and optionally docNumber; \
            ../shared/corpus/MANIFEST.tsv works as it is). --db adds every document of a catalog with its \
            stored citations (without documents given, the graph of the catalog alone); a file given \
            stands for the stored document of the same path.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, dot }

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format (dot is Graphviz).")
    var format: Format = .text

    @Option(help: "A TSV of known titles: columns file (or path), title, docNumber.")
    var titles: String?

    @Option(name: .customLong("db"), help: ArgumentHelp("A catalog: its stored documents join the graph (alone when no document is given).",
                                                        valueName: "PATH|URL"))
    var db: String?

    func run() throws {
        let context = try CommandContext(global: global, input: input)
        let known = try titles.map { path in try KnownTitles(path: path, console: context.console) }
        let paths = input.paths.isEmpty ? [] : input.expandedPaths(console: context.console)
        if paths.isEmpty && db == nil {
            context.console.error("no input: give documents, or --db CATALOG for the stored documents' graph")
            throw ExitStatus.usage.code
        }
        var inputs: [LinkGraph.Input] = []
        var failure: Error?
        do {
            try context.forEachInput(paths) { path in
                let (document, tree) = try context.pipeline.outline(path: path, logger: context.logger)
                let extra = known?.lookup(path)
                inputs.append(LinkGraph.Input(document: document, tree: tree, extraTitles: extra?.title.map { [$0] } ?? [],
                                              docNumber: extra?.docNumber))
            }
        } catch {
            failure = error  // the documents that could be read are still linked
        }
        if let db {
            let records: [CitationRecord]
            do {
                records = try CatalogOpener.citationRecords(db)
            } catch let error as CatalogError {
                throw context.fail(error)
            }
            let given = Set(inputs.map(\.id))
            inputs += records.filter { !given.contains($0.path) }.map(LinkGraph.Input.init(stored:))
        }
        let graph = LinkGraph(inputs: inputs)
        switch format {
        case .text: context.console.write(LinksRenderer.text(graph))
        case .json: context.console.write(bytes: LinksRenderer.json(graph))
        case .dot: context.console.write(LinksRenderer.dot(graph))
        }
        context.console.flush()
        if let failure { throw failure }
    }
}

/// Titles from a TSV with a header row (file or path, title, docNumber), matched to inputs by
/// path or by path suffix.
struct KnownTitles {
    var rows: [(file: String, title: String?, docNumber: String?)] = []

    init(path: String, console: Console) throws {
        guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
            console.error("\(path): cannot read the titles file")
            throw ExitStatus.noInput.code
        }
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: true).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, let file = header.firstIndex(where: { $0 == "file" || $0 == "path" }),
              let title = header.firstIndex(of: "title") else {
            console.error("\(path): the titles file needs a header row with the columns file (or path) and title")
            throw ExitStatus.dataError.code
        }
        let number = header.firstIndex(of: "docNumber")
        for line in lines.dropFirst() where line.count > max(file, title) {
            let t = line[title].trimmingCharacters(in: .whitespaces)
            let n = number.flatMap { $0 < line.count ? line[$0].trimmingCharacters(in: .whitespaces) : nil }
            rows.append((line[file], t.isEmpty ? nil : t, (n?.isEmpty ?? true) ? nil : n))
        }
    }

    func lookup(_ path: String) -> (title: String?, docNumber: String?)? {
        rows.first { path == $0.file || path.hasSuffix("/" + $0.file) }.map { ($0.title, $0.docNumber) }
    }
}
