import Foundation
import PostgresNIO
import ZhibiaoCatalog

/// A `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=…&host=/socket/dir` URL as a
/// connection configuration. Defaults follow libpq: user `$PGUSER` or `postgres`, password
/// `$PGPASSWORD`, port 5432, database the user's name; `?host=/dir` (or an empty host) connects
/// through the Unix socket `/dir/.s.PGSQL.PORT`. `sslmode` is `disable` (the default),
/// `prefer` or `require`.
struct PostgresLocation {
    var configuration: PostgresConnection.Configuration
    /// The URL without its password, for messages.
    var display: String

    init(url text: String) throws(CatalogError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw CatalogError(.badLocation, location: text, message: "not a postgres:// URL")
        }
        let environment = ProcessInfo.processInfo.environment
        let user = url.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? "postgres"
        let password = url.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        let port = url.port ?? 5432
        var database = String(url.path.drop(while: { $0 == "/" }))
        if database.isEmpty { database = user }
        let items = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        var socketDirectory = items["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        let host = url.host.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
        if host == nil && socketDirectory == nil { socketDirectory = "/var/run/postgresql" }
        var display = "postgres://\(user)@"
        if let socketDirectory {
            configuration = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
            display += "/\(database)?host=\(socketDirectory)"
        } else {
            let host = host ?? "localhost"
            let tls: PostgresConnection.Configuration.TLS
            switch items["sslmode"] ?? "disable" {
            case "disable", "allow": tls = .disable
            case "prefer":
                guard let context = try? NIOSSLContext(configuration: .makeClientConfiguration()) else {
                    throw CatalogError(.badLocation, location: text, message: "cannot set up TLS")
                }
                tls = .prefer(context)
            case "require", "verify-ca", "verify-full":
                guard let context = try? NIOSSLContext(configuration: .makeClientConfiguration()) else {
                    throw CatalogError(.badLocation, location: text, message: "cannot set up TLS")
                }
                tls = .require(context)
            case let other:
                throw CatalogError(.badLocation, location: text, message: "unknown sslmode '\(other)' (disable, prefer or require)")
            }
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
            display += "\(host):\(port)/\(database)"
        }
        configuration.options.connectTimeout = .seconds(10)
        self.display = display
    }
}
