import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCore

/// `zhibiao ingest PATH…`: documents into the catalog.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Store documents, their structure and indicators in a catalog (a SQLite file or PostgreSQL).",
        discussion: """
            Folders are read recursively. Documents are extracted in parallel and each is stored in one transaction: \
            a file stored before with the same content is skipped, a changed file replaces its old version, and an \
            interrupted run (Ctrl-C, kill, power loss) leaves every stored document complete, so running the same \
            command again goes on where it stopped. Exit 3 when some files failed (each reported on stderr).
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var global: GlobalOptions

    @Flag(help: "Extract and store again files stored unchanged.")
    var force = false

    @Option(help: "The administrative level of every document (national, provincial, municipal, county, township), instead of reading it from the issuer.")
    var level: String?

    mutating func validate() throws {
        if let level, !IssuerLevels.levels.contains(level) {
            throw ValidationError("--level must be one of \(IssuerLevels.levels.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let context = try CommandContext(global: global, input: input)
        signal(SIGXFSZ, SIG_IGN)  // a file size limit: a write error to report, not a kill
        let paths = input.expandedPaths(console: context.console)
        let store: any CatalogStore
        do { store = try await catalog.open(create: true) } catch { throw context.fail(error) }
        let levels: IssuerLevels?
        do { levels = try context.pipeline.resources.issuerLevels() } catch {
            context.console.error("\(error)")
            await store.close()
            throw ExitStatus.software.code
        }
        var ingester = CatalogIngester(pipeline: context.pipeline, store: store, levels: levels,
                                       jobs: input.threads)
        ingester.force = force
        ingester.level = level
        ingester.logger = context.logger
        let progress = IngestProgress(quiet: global.quiet)
        let stop = StopSignal()
        let summary = await ingester.run(paths: paths, shouldStop: { stop.isSet }, events: { progress.handle($0) })
        await store.close()
        progress.finish(summary, location: store.location)
        if let stopped = summary.stopped { throw ExitStatus(stopped).code }
        if summary.interrupted { throw ExitCode(130) }
        if summary.failed > 0 {
            if summary.failed < summary.files { throw ExitStatus.partial.code }
            switch progress.firstFailure {
            case .read(let error)?: throw ExitStatus(error).code
            case .store(let error)?: throw ExitStatus(error).code
            case nil: throw ExitStatus.dataError.code
            }
        }
    }
}
