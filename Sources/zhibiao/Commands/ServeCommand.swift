import ArgumentParser
import Foundation
import Logging
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoWeb

/// `zhibiao serve`: the catalog in a browser (ZhibiaoWeb does the work).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Browse a catalog in a web browser: library, documents, checklists, diffs and queries.",
        discussion: """
            Listens on 127.0.0.1 (a free port unless --port) and prints the address on stderr. Another --host makes \
            a random access token that every request must carry (the printed address holds it). Read-only unless \
            --allow-edits (checklist statuses and notes, uploads). Stops on Ctrl-C.
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "The port (0: a free one).")
    var port: Int = 0

    @Option(help: "The address to listen on; anything but loopback requires the printed access token.")
    var host: String = "127.0.0.1"

    @Flag(help: "Let pages change the catalog: checklist statuses and notes, uploaded files.")
    var allowEdits = false

    @Flag(help: "Require the printed access token on loopback too (a machine shared with other users).")
    var tokenRequired = false

    @Option(help: "The largest uploaded file, in MB.")
    var maxUpload: Int = 16

    mutating func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
        if host.isEmpty { throw ValidationError("--host is empty") }
        if !(1...1024).contains(maxUpload) { throw ValidationError("--max-upload must be 1 to 1024 (MB)") }
    }

    func run() async throws {
        let context = try CommandContext(global: global, input: nil)
        let store: any CatalogStore
        do { store = try await CatalogOpener.open(catalog.db, create: allowEdits) } catch { throw context.fail(error) }
        let levels: IssuerLevels?
        do { levels = try context.pipeline.resources.issuerLevels() } catch {
            context.console.error("\(error)")
            await store.close()
            throw ExitStatus.software.code
        }
        var configuration = WebConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.allowEdits = allowEdits
        configuration.maxUploadBytes = maxUpload * 1_048_576
        let loopback = WebConfiguration.isLoopback(host)
        if !loopback || tokenRequired { configuration.token = WebConfiguration.makeToken() }
        let token = configuration.token
        let console = context.console
        let quiet = global.quiet
        let location = store.location
        let allowEdits = self.allowEdits
        // The address line goes straight to stderr (the server calls this from its own task).
        let say: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        let server = WebServer(store: store, pipeline: context.pipeline, levels: levels, configuration: configuration, logger: context.logger)
        do {
            try await server.run { url in
                if let token {
                    say("zhibiao: serving \(location) on \(url)?token=\(token) (every request needs this token)")
                } else if !quiet {
                    say("zhibiao: serving \(location) on \(url)\(allowEdits ? " (edits allowed)" : " (read-only)")")
                }
            }
        } catch {
            console.error("zhibiao: serve: \(error)")
            await store.close()
            throw ExitStatus.ioError.code
        }
        await store.close()
    }
}
