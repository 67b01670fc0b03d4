import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCore

/// A page or file to send.
struct WebResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    static func html(_ text: String, status: Int = 200) -> WebResponse {
        WebResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(text.utf8))
    }

    static func redirect(_ location: String) -> WebResponse {
        WebResponse(status: 303, headers: [("Location", location), ("Content-Type", "text/html; charset=utf-8")],
                    body: Array("<a href=\"\(HTML.escape(location))\">continue</a>".utf8))
    }

    /// A file to save: `name` is ASCII-safe; the UTF-8 form goes in `filename*`.
    static func download(_ bytes: [UInt8], type: String, name: String) -> WebResponse {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        return WebResponse(status: 200, headers: [
            ("Content-Type", type),
            ("Content-Disposition", "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(HTML.percent(name))"),
        ], body: bytes)
    }
}

/// Routing, access control, bounds and error pages over the page renderers.
struct WebApp: Sendable {
    let store: any CatalogStore
    let pipeline: Pipeline
    let levels: IssuerLevels?
    let configuration: WebConfiguration
    let logger: Logger

    static let cookieName = "zhibiao_token"

    /// Every response goes through here: errors become pages, headers are added.
    func respond(_ request: Request) async -> Response {
        var response: WebResponse
        do {
            response = try await route(request)
        } catch let error as WebError {
            response = .html(error.page, status: error.status)
        } catch let error as CatalogError {
            let web = WebError(error)
            response = .html(web.page, status: web.status)
        } catch {
            logger.error("internal error: \(error)")
            response = .html(WebError(500, "内部错误 Internal error", "the server could not answer this request").page, status: 500)
        }
        var fields = HTTPFields()
        for (name, value) in response.headers { if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) } }
        fields.append(HTTPField(name: .contentLength, value: String(response.body.count)))
        for (name, value) in Self.securityHeaders { if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) } }
        let body = request.method == .head ? ByteBuffer() : ByteBuffer(bytes: response.body)
        return Response(status: HTTPResponse.Status(code: response.status), headers: fields, body: ResponseBody(byteBuffer: body))
    }

    static let securityHeaders = [
        ("Content-Security-Policy", "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cache-Control", "no-store"),
    ]

    func route(_ request: Request) async throws -> WebResponse {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName.lowercased()
            if let earlier = headers[name] { headers[name] = earlier + (name == "cookie" ? "; " : ", ") + field.value } else { headers[name] = field.value }
        }
        // HTTP/1's Host header is the request's authority.
        if let authority = request.head.authority { headers["host"] = authority }
        var incoming = try WebRequest(method: request.method.rawValue, path: request.uri.path, rawQuery: request.uri.query, headers: headers)
        try checkHost(incoming)
        if let answer = try checkToken(&incoming) { return answer }
        let web = incoming
        let isGet = web.method == "GET" || web.method == "HEAD"
        let isPost = web.method == "POST"
        if isPost { try checkOrigin(web) }
        let s = web.segments

        // Static files: exact names from the binary, nothing from the file system.
        if s.first == "static" {
            guard isGet, s.count == 2, let file = Assets.files[s[1]] else { throw WebError.notFound("no such file") }
            var response = WebResponse(status: 200, headers: [("Content-Type", file.type)], body: Array(file.body.utf8))
            response.headers.append(("X-Robots-Tag", "noindex"))
            return response
        }
        if s == ["favicon.ico"] { return WebResponse(status: 204, headers: [], body: []) }

        let pages = Pages(store: store, pipeline: pipeline, levels: levels, configuration: configuration)
        let request = request
        switch (web.method, s.count, s.first) {
        case (_, 0, _) where isGet: return try await timed { try await pages.library(web) }
        case (_, 1, "query") where isGet: return try await timed { try await pages.query(web, format: nil) }
        case (_, 1, "query.csv") where isGet: return try await timed { try await pages.query(web, format: "csv") }
        case (_, 1, "query.jsonl") where isGet: return try await timed { try await pages.query(web, format: "jsonl") }
        case (_, 1, "query.xlsx") where isGet: return try await timed { try await pages.query(web, format: "xlsx") }
        case (_, 1, "diff") where isGet: return try await timed { try await pages.diff(web) }
        case (_, 1, "upload") where isPost:
            try requireEdits()
            let body = try await collect(request, limit: configuration.maxUploadBytes)
            return try await timed { try await pages.upload(web, body: body) }
        case (_, 2, "doc") where isGet: return try await timed { try await pages.document(web, id: try Self.documentID(s[1])) }
        case (_, 3, "doc") where isGet:
            let id = try Self.documentID(s[1])
            switch s[2] {
            case "checklist": return try await timed { try await pages.checklist(web, id: id, format: nil) }
            case "checklist.csv": return try await timed { try await pages.checklist(web, id: id, format: "csv") }
            case "checklist.xlsx": return try await timed { try await pages.checklist(web, id: id, format: "xlsx") }
            case "checklist-full.csv": return try await timed { try await pages.checklist(web, id: id, format: "full-csv") }
            default: throw WebError.notFound("no such page")
            }
        case (_, 3, "doc") where isPost && s[2] == "mark":
            try requireEdits()
            let id = try Self.documentID(s[1])
            var posted = web
            posted.form = try WebRequest.decodePairs(String(decoding: try await collect(request, limit: configuration.maxFormBytes), as: UTF8.self))
            let form = posted
            return try await timed { try await pages.setMark(form, id: id) }
        default:
            if !isGet && !isPost { throw WebError(405, "方法不允许 Method not allowed", "\(web.method) is not used here") }
            throw WebError.notFound("no page at \(String(web.path.prefix(200)))")
        }
    }

    static func documentID(_ text: String) throws(WebError) -> Int64 {
        guard let id = Int64(text), id > 0 else { throw WebError.notFound("no stored document has id '\(String(text.prefix(40)))'") }
        return id
    }

    func requireEdits() throws(WebError) {
        if !configuration.allowEdits {
            throw WebError.forbidden("this server is read-only: start it with zhibiao serve --allow-edits to change the catalog")
        }
    }

    /// The request body, refused with 413 as soon as it is known to pass `limit` (its declared
    /// length, or the bytes read so far): a large upload is never held in memory.
    func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit { throw WebError.tooLarge(limit) }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            if bytes.count + buffer.readableBytes > limit { throw WebError.tooLarge(limit) }
            bytes += buffer.readableBytesView
        }
        return bytes
    }

    /// Runs a page with the request time bound: past it the answer is 503 (the work is left to
    /// finish on its own; store reads are bounded by the store's own timeouts).
    func timed(_ body: @escaping @Sendable () async throws -> WebResponse) async throws -> WebResponse {
        let limit = configuration.requestTimeout
        let race = TimeoutRace()
        return try await withCheckedThrowingContinuation { continuation in
            race.set(continuation)
            let work = Task {
                do { race.finish(.success(try await body())) } catch { race.finish(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: limit)
                if race.finish(.failure(WebError(503, "超时 Timed out", "the page took longer than \(limit) to make; the catalog may be busy"))) {
                    work.cancel()
                }
            }
        }
    }

    // MARK: Access

    /// On loopback, only loopback host names: a page on another site cannot reach this server
    /// through a DNS name that points at 127.0.0.1.
    func checkHost(_ request: WebRequest) throws(WebError) {
        guard WebConfiguration.isLoopback(configuration.host) else { return }
        guard let host = request.headers["host"] else { return }
        var name = host
        if let close = name.lastIndex(of: "]") { name = String(name[...close]) } else if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        if !WebConfiguration.isLoopback(name) {
            throw WebError(421, "主机名不符 Misdirected request", "this server answers to localhost and 127.0.0.1 only")
        }
    }

    /// A posted form must come from this server's own pages.
    func checkOrigin(_ request: WebRequest) throws(WebError) {
        guard let origin = request.headers["origin"], origin != "null" else { return }
        guard let host = request.headers["host"], origin == "http://" + host || origin == "https://" + host else {
            throw WebError.forbidden("a form from another site (\(String(origin.prefix(80)))) cannot change this catalog")
        }
    }

    /// With a token: `?token=` sets the cookie and redirects to the page without it; otherwise
    /// the cookie or `Authorization: Bearer` must carry it. Nil when the request may go on.
    func checkToken(_ request: inout WebRequest) throws(WebError) -> WebResponse? {
        guard let token = configuration.token else { return nil }
        if let given = request.query.first(where: { $0.0 == "token" })?.1 {
            guard Self.same(given, token) else { throw WebError(401, "需要访问令牌 Token required", "the access token is wrong") }
            let rest = request.query.filter { $0.0 != "token" }
            let location = request.path + HTML.query(rest.map { ($0.0, Optional($0.1)) })
            var response = WebResponse.redirect(location.hasPrefix("/") ? location : "/")
            response.headers.append(("Set-Cookie", "\(Self.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"))
            return response
        }
        if let auth = request.headers["authorization"], auth.hasPrefix("Bearer "), Self.same(String(auth.dropFirst(7)), token) { return nil }
        if let header = request.headers["x-zhibiao-token"], Self.same(header, token) { return nil }
        for part in (request.headers["cookie"] ?? "").split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == Self.cookieName, Self.same(String(pair[1]), token) { return nil }
        }
        throw WebError(401, "需要访问令牌 Token required",
                       "open the address zhibiao serve printed (it ends in ?token=…), or send the token in an Authorization: Bearer header")
    }

    /// Compares in time that does not depend on where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) { diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0) }
        return diff == 0
    }
}

/// The first of a page and its time limit to finish resumes the request.
final class TimeoutRace: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<WebResponse, any Error>?
    private var pending: Result<WebResponse, any Error>?
    private var done = false

    func set(_ continuation: CheckedContinuation<WebResponse, any Error>) {
        lock.lock()
        if let pending {
            lock.unlock()
            continuation.resume(with: pending)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    /// True when this result was the first.
    @discardableResult
    func finish(_ result: Result<WebResponse, any Error>) -> Bool {
        lock.lock()
        if done { lock.unlock(); return false }
        done = true
        if let continuation {
            self.continuation = nil
            lock.unlock()
            continuation.resume(with: result)
        } else {
            pending = result
            lock.unlock()
        }
        return true
    }
}
