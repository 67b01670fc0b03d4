import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoCatalog

/// `zhibiao list`: the documents in a catalog, with their counts.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the documents in a catalog with their ids and counts of indicators and targets."
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "table, jsonl, csv, md or xlsx (default: table on a terminal, else jsonl).")
    var format: CatalogFormat?

    @Flag(help: "Check the catalog's integrity (the database's own check, and every document's rows against its counts).")
    var check = false

    func run() async throws {
        let context = try CommandContext(global: global, input: nil)
        let format = try CatalogFormat.resolve(self.format)
        let store: any CatalogStore
        do { store = try await catalog.open(create: false) } catch { throw context.fail(error) }
        let documents: [DocumentSummary]
        var problems: [String] = []
        do {
            documents = try await store.documents()
            if check { problems = try await store.check() }
        } catch {
            await store.close()
            throw context.fail(error)
        }
        await store.close()
        let console = context.console
        switch format {
        case .table: console.write(CatalogRenderer.documentSummary(documents).aligned(terminalWidth: CatalogFormat.terminalWidth))
        case .jsonl: console.write(bytes: CatalogRenderer.documentLines(documents))
        case .csv: console.write(bytes: CatalogRenderer.documentTable(documents).csv())
        case .md: console.write(CatalogRenderer.documentTable(documents).markdown())
        case .xlsx: console.write(bytes: XLSXWriter.workbook([CatalogRenderer.documentTable(documents)]))
        }
        console.flush()
        for problem in problems { console.error("\(store.location): \(problem)") }
        if check && problems.isEmpty && !global.quiet { console.note("zhibiao: \(store.location): integrity check passed (\(documents.count) documents)") }
        if !problems.isEmpty { throw ExitStatus.dataError.code }
    }
}
