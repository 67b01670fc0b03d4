import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoCatalog

/// `zhibiao remove DOC…`: documents out of a catalog.
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove stored documents (by id, path, hash prefix or title) and everything extracted from them."
    )

    @Argument(help: "Stored documents: an id (see zhibiao list), a path, a hash prefix or a title.")
    var documents: [String]

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try CommandContext(global: global, input: nil)
        let store: any CatalogStore
        do { store = try await catalog.open(create: false) } catch { throw context.fail(error) }
        var failures: [ExitStatus] = []
        for reference in documents {
            do {
                let summary = try await store.resolveOne(reference, normalizedTitle: context.pipeline.normalizedQuery(reference))
                _ = try await store.remove(id: summary.id)
                if !global.quiet { context.console.note("zhibiao: removed \(summary.id) \(summary.title ?? "") (\(summary.path))") }
            } catch {
                context.console.error(error.description)
                failures.append(ExitStatus(error))
            }
        }
        await store.close()
        if failures.isEmpty { return }
        throw failures.count < documents.count ? ExitStatus.partial.code : failures[0].code
    }
}
