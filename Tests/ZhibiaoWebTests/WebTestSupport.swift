import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ZhibiaoTestSupport

/// A response as read off the socket.
struct RawResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}

/// A tiny HTTP/1.1 client over a POSIX socket: the path is sent exactly as given (no
/// normalization of `..`), and a body can be streamed from a generator.
enum RawHTTP {
    enum Failure: Error { case connect(Int32), closedEarly }

    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result != 0 { close(fd); throw Failure.connect(errno) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Sends all bytes; false when the peer closed (EPIPE/ECONNRESET).
    @discardableResult
    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    static func readResponse(_ fd: Int32) -> RawResponse? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data += buffer[0..<n]
            if let parsed = parse(data), parsed.complete { return parsed.response }
        }
        return parse(data)?.response
    }

    static func parse(_ data: [UInt8]) -> (response: RawResponse, complete: Bool)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, data.count - 3)).first(where: { Array(data[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: data[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        var headers: [(String, String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let body = Array(data[(end + 4)...])
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) }
        let response = RawResponse(status: status, headers: headers, body: length.map { Array(body.prefix($0)) } ?? body)
        return (response, length.map { body.count >= $0 } ?? false)
    }

    /// One request on its own connection.
    static func request(port: Int, _ method: String = "GET", _ path: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> RawResponse {
        let fd = try connect(port: port)
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\n"
        if headers["Host"] == nil { head += "Host: 127.0.0.1:\(port)\r\n" }
        head += "Connection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        send(fd, Array(head.utf8) + body)
        guard let response = readResponse(fd) else { throw Failure.closedEarly }
        return response
    }
}

/// `zhibiao serve` on a free loopback port over a temporary SQLite catalog holding the two
/// seeds of `Corpus/`; stopped (SIGTERM) by `stop()`.
final class ServedCatalog: @unchecked Sendable {
    let directory: URL
    let database: String
    let process = Process()
    let port: Int
    let url: String
    let token: String?
    private let errors = Pipe()

    /// The catalog with the seeds, made once per test run and copied for each server.
    static let seededCatalog: Result<URL, any Error> = Result {
        let directory = RepoPaths.temporaryDirectory("zhibiao-web-seed")
        let database = directory.appendingPathComponent("seed.sqlite").path
        let result = try CommandRunner.run(["ingest", "--db", database, RepoPaths.corpusFile(RepoPaths.provincialSeed).path,
                                            RepoPaths.corpusFile(RepoPaths.districtSeed).path], timeout: 300)
        guard result.status == 0 else { throw ServeError.failed("ingest: \(result.stderr)") }
        return URL(fileURLWithPath: database)
    }

    enum ServeError: Error, CustomStringConvertible {
        case failed(String)
        var description: String { switch self { case .failed(let s): s } }
    }

    init(_ arguments: [String] = [], database existing: String? = nil) throws {
        directory = RepoPaths.temporaryDirectory("zhibiao-web")
        if let existing {
            database = existing
        } else {
            database = directory.appendingPathComponent("catalog.sqlite").path
            // The catalog and its write-ahead log.
            let seed = try Self.seededCatalog.get()
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: seed.path + suffix) {
                try FileManager.default.copyItem(atPath: seed.path + suffix, toPath: database + suffix)
            }
        }
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve", "--db", database, "--port", "0"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first line on stderr names the address.
        var seen = Data()
        let deadline = Date().addingTimeInterval(60)
        let handle = errors.fileHandleForReading
        while !String(decoding: seen, as: UTF8.self).contains("\n") && Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        let line = String(decoding: seen, as: UTF8.self)
        guard let range = line.range(of: #"http://127\.0\.0\.1:(\d+)/(\?token=[0-9a-f]+)?"#, options: .regularExpression) else {
            process.terminate()
            throw ServeError.failed("zhibiao serve printed no address: \(line)")
        }
        let address = String(line[range])
        url = address.components(separatedBy: "?").first ?? address
        token = address.components(separatedBy: "?token=").dropFirst().first
        let portText = url.dropFirst("http://127.0.0.1:".count).dropLast()
        port = Int(portText) ?? 0
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> RawResponse {
        try RawHTTP.request(port: port, "GET", path, headers: headers)
    }

    func post(_ path: String, form: [(String, String)], headers: [String: String] = [:]) throws -> RawResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        var all = headers
        all["Content-Type"] = "application/x-www-form-urlencoded"
        return try RawHTTP.request(port: port, "POST", path, headers: all, body: Array(body.utf8))
    }

    /// The server's resident memory in kB (Linux).
    var residentKB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "")
        }
        return nil
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
