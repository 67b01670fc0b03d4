import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoCatalog

/// `zhibiao search TEXT`: stored sentences that hold a text.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find stored sentences that hold a text, in either script (托位, 城鎮化率, 2025年).",
        discussion: """
            The text is normalized like the documents (full-width forms, Traditional to Simplified) and looked up in \
            a character-bigram index, then matched exactly. Prints the sentences as written.
            """
    )

    @Argument(help: "The text to find.")
    var text: String

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only the stored documents this names (an id, a path, a hash prefix or a title).", valueName: "DOC"))
    var doc: String?

    @Option(help: "At most this many sentences (default: 100 on a terminal, all otherwise; 0: all).")
    var limit: Int?

    @Option(help: "table, jsonl, csv, md or xlsx (default: table on a terminal, else jsonl).")
    var format: CatalogFormat?

    mutating func validate() throws {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("the text to search is empty") }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
    }

    func run() async throws {
        let context = try CommandContext(global: global, input: nil)
        let format = try CatalogFormat.resolve(self.format)
        let pipeline = context.pipeline
        let limit = self.limit ?? (format == .table ? 100 : 0)
        var query = SentenceQuery(text: pipeline.normalizedQuery(text))
        if limit > 0 { query.limit = limit + 1 }
        let store: any CatalogStore
        do { store = try await catalog.open(create: false) } catch { throw context.fail(error) }
        var hits: [SentenceHit]
        do throws(CatalogError) {
            if let doc {
                let documents = try await store.resolve(doc, normalizedTitle: pipeline.normalizedQuery(doc))
                if documents.isEmpty { throw CatalogError(.notFound, location: store.location, message: "no stored document is '\(doc)'") }
                query.documents = documents.map(\.id)
            }
            hits = try await store.sentences(query)
        } catch {
            await store.close()
            throw context.fail(error)
        }
        await store.close()
        let more = limit > 0 && hits.count > limit
        if more { hits.removeLast(hits.count - limit) }
        let console = context.console
        switch format {
        case .table: console.write(CatalogRenderer.sentenceSummary(hits).aligned(terminalWidth: CatalogFormat.terminalWidth))
        case .jsonl: console.write(bytes: CatalogRenderer.sentenceLines(hits))
        case .csv: console.write(bytes: CatalogRenderer.sentenceTable(hits).csv())
        case .md: console.write(CatalogRenderer.sentenceMarkdown(hits))
        case .xlsx: console.write(bytes: XLSXWriter.workbook([CatalogRenderer.sentenceTable(hits)]))
        }
        console.flush()
        if more { console.note("zhibiao: more than \(limit) sentences; --limit N shows more, --limit 0 all") }
        else if format == .table && !global.quiet { console.note("\(hits.count) sentence\(hits.count == 1 ? "" : "s")") }
    }
}
