import Foundation

/// A throwaway PostgreSQL server for tests: `initdb` into a temporary folder, listening on
/// 127.0.0.1 at a free port (and a Unix socket in that folder), stopped and removed when the test
/// process exits. Uses Debian's `postgresql` package (`make test` installs it); when it cannot
/// start, `unavailable` says why and the PostgreSQL cases are left out (with that note printed).
public final class TestPostgres: @unchecked Sendable {
    public let directory: URL
    public let port: Int
    let bin: String
    let asPostgresUser: Bool
    private let lock = NSLock()
    private var stopped = false

    /// The server shared by every test of the process, started on first use.
    public static let shared: Result<TestPostgres, TestPostgresUnavailable> = {
        let result = Result { () throws(TestPostgresUnavailable) -> TestPostgres in try TestPostgres() }
        switch result {
        case .success(let server):
            print("PostgreSQL tests: a throwaway server at \(server.url()) (\(server.directory.path))")
            sharedForExit = server
            atexit { TestPostgres.sharedForExit?.stop() }
        case .failure(let reason):
            print("PostgreSQL tests skipped: \(reason.reason)")
        }
        return result
    }()

    nonisolated(unsafe) static var sharedForExit: TestPostgres?

    public static var isAvailable: Bool { (try? shared.get()) != nil }

    /// Starts a server of its own (for tests that stop it).
    public init() throws(TestPostgresUnavailable) {
        let fm = FileManager.default
        let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .filter { fm.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb") }
            .sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
        guard let version = versions.last else {
            throw TestPostgresUnavailable(reason: "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb; Debian package postgresql, which make test installs)")
        }
        bin = "/usr/lib/postgresql/\(version)/bin"
        asPostgresUser = getuid() == 0
        directory = URL(fileURLWithPath: "/tmp/zhibiao-pg-\(UUID().uuidString.prefix(8))")
        port = Self.freePort()
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            if asPostgresUser {
                guard Self.shell("chown postgres \(directory.path) && chmod 700 \(directory.path)").status == 0 else {
                    throw TestPostgresUnavailable(reason: "cannot hand \(directory.path) to the postgres user (is there one?)")
                }
            }
            let initdb = run("\(bin)/initdb -D \(directory.path)/data -A trust -U zb -E UTF8 --locale=C.UTF-8 -N")
            guard initdb.status == 0 else { throw TestPostgresUnavailable(reason: "initdb failed: \(initdb.output.suffix(300))") }
            let options = "-k \(directory.path) -p \(port) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
            let start = run("\(bin)/pg_ctl -D \(directory.path)/data -o '\(options)' -l \(directory.path)/log -w -t 60 start")
            guard start.status == 0 else {
                let log = (try? String(contentsOfFile: directory.path + "/log", encoding: .utf8)) ?? ""
                throw TestPostgresUnavailable(reason: "pg_ctl start failed: \(start.output.suffix(200)) \(log.suffix(300))")
            }
        } catch let error as TestPostgresUnavailable {
            try? fm.removeItem(at: directory)
            throw error
        } catch {
            try? fm.removeItem(at: directory)
            throw TestPostgresUnavailable(reason: "\(error)")
        }
    }

    /// `postgres://zb@127.0.0.1:PORT/DATABASE`.
    public func url(_ database: String = "postgres") -> String { "postgres://zb@127.0.0.1:\(port)/\(database)" }

    /// A new empty database (one per test), as a URL.
    public func createDatabase(_ prefix: String = "t") -> String {
        let name = "\(prefix)_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        let result = run("\(bin)/createdb -h 127.0.0.1 -p \(port) -U zb -T template0 \(name)")
        if result.status != 0 { print("createdb \(name) failed: \(result.output)") }
        return url(name)
    }

    /// Runs SQL with psql against a database URL; the output (unaligned, tuples only).
    @discardableResult
    public func sql(_ url: String, _ statement: String) -> (status: Int32, output: String) {
        let database = url.split(separator: "/").last.map(String.init) ?? "postgres"
        let file = directory.appendingPathComponent("q-\(UUID().uuidString).sql")
        try? statement.write(to: file, atomically: true, encoding: .utf8)
        if asPostgresUser { _ = Self.shell("chown postgres \(file.path)") }
        defer { try? FileManager.default.removeItem(at: file) }
        return run("\(bin)/psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p \(port) -U zb -d \(database) -f \(file.path)")
    }

    /// Stops the server at once (as a crash would) and removes its folder.
    public func stop(remove: Bool = true) {
        lock.lock()
        defer { lock.unlock() }
        if stopped { return }
        stopped = true
        _ = run("\(bin)/pg_ctl -D \(directory.path)/data -m immediate -w stop")
        if remove { try? FileManager.default.removeItem(at: directory) }
    }

    /// Stops the server at once, keeping its data, so that ``restart()`` brings it back.
    public func kill() {
        _ = run("\(bin)/pg_ctl -D \(directory.path)/data -m immediate -w stop")
    }

    public func restart() -> Bool {
        let options = "-k \(directory.path) -p \(port) -c listen_addresses=127.0.0.1 -c fsync=off"
        return run("\(bin)/pg_ctl -D \(directory.path)/data -o '\(options)' -l \(directory.path)/log -w -t 60 start").status == 0
    }

    func run(_ command: String) -> (status: Int32, output: String) {
        if asPostgresUser {
            return Self.shell("su postgres -s /bin/sh -c \"\(command.replacingOccurrences(of: "\"", with: "\\\""))\"")
        }
        return Self.shell(command)
    }

    /// Runs a shell command with posix_spawn and waitpid (Foundation's Process can miss the end of
    /// a child whose grandchild, the server, lives on), its output through a file.
    static func shell(_ command: String) -> (status: Int32, output: String) {
        let output = "/tmp/zhibiao-pg-out-\(UUID().uuidString)"
        defer { unlink(output) }
        let arguments = ["/bin/sh", "-c", "exec </dev/null >\(output) 2>&1; " + command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 else { return (-1, "cannot run /bin/sh") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let exited = status & 0x7F == 0
        return (exited ? (status >> 8) & 0xFF : -1, text)
    }

    /// A TCP port nobody listens on now (the kernel's pick).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct TestPostgresUnavailable: Error, Sendable {
    public var reason: String
}

/// The catalog backends a store test runs against: SQLite always, PostgreSQL when a throwaway
/// server could be started (otherwise its cases are left out, and the reason printed).
public enum Backend: String, Sendable, CustomStringConvertible, CaseIterable {
    case sqlite, postgres

    public var description: String { rawValue }

    public static var available: [Backend] { TestPostgres.isAvailable ? [.sqlite, .postgres] : [.sqlite] }

    /// A fresh, empty catalog location: a file in a new temporary folder, or a new database.
    public func freshLocation(_ name: String = "catalog") -> String {
        switch self {
        case .sqlite: return RepoPaths.temporaryDirectory("zhibiao-catalog").appendingPathComponent("\(name).sqlite").path
        case .postgres: return (try? TestPostgres.shared.get())?.createDatabase() ?? "postgres://unavailable"
        }
    }
}
