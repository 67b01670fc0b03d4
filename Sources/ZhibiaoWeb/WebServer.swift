import Foundation
import Hummingbird
import Logging
import NIOCore
import Zhibiao
import ZhibiaoCatalog

/// How `zhibiao serve` runs: where it listens, whether pages may change the catalog, the access
/// token and the bounds on every request.
public struct WebConfiguration: Sendable {
    /// 127.0.0.1 unless asked; any other host needs a token.
    public var host = "127.0.0.1"
    /// 0: the system picks a free port.
    public var port = 0
    /// Checklist marks and uploads change the catalog only when set.
    public var allowEdits = false
    /// Required on every request when set (query `?token=`, a cookie, or `Authorization: Bearer`).
    public var token: String?
    /// The largest uploaded file (bytes); a larger one is refused with 413 before it is read.
    public var maxUploadBytes = 16 * 1024 * 1024
    /// The largest posted form (bytes).
    public var maxFormBytes = 64 * 1024
    /// A request that takes longer gets 503.
    public var requestTimeout: Duration = .seconds(30)
    /// Rows per page of the library.
    public var libraryPageSize = 200

    public init() {}

    /// Whether a host name or address stays on this machine.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }

    /// A random access token: 32 bytes from the system's generator, as hex.
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// The web view over a catalog: Hummingbird serving ``WebApp``'s pages. Runs until SIGINT or
/// SIGTERM; never prints (the caller is told the address through `onReady`).
public struct WebServer: Sendable {
    let app: WebApp
    let configuration: WebConfiguration
    let logger: Logger

    public init(store: any CatalogStore, pipeline: Pipeline, levels: IssuerLevels?, configuration: WebConfiguration,
                logger: Logger = Logger(label: "zhibiao.web")) {
        app = WebApp(store: store, pipeline: pipeline, levels: levels, configuration: configuration, logger: logger)
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until interrupted; `onReady` gets the base URL (`http://127.0.0.1:PORT/`) once
    /// the server listens.
    public func run(onReady: @escaping @Sendable (String) -> Void) async throws {
        let app = self.app
        let host = configuration.host
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            await app.respond(request)
        }
        let application = Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: .seconds(60))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                onReady("http://\(shown):\(port)/")
            },
            logger: logger
        )
        try await application.runService()
    }
}
