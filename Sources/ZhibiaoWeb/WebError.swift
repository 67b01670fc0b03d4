import ZhibiaoCatalog

/// What a request could not get, as an HTML page with a status code: never a stack trace.
struct WebError: Error, Sendable {
    var status: Int
    var title: String
    var message: String

    init(_ status: Int, _ title: String, _ message: String) {
        self.status = status
        self.title = title
        self.message = message
    }

    static func badRequest(_ message: String) -> WebError { WebError(400, "请求有误 Bad request", message) }
    static func notFound(_ message: String) -> WebError { WebError(404, "未找到 Not found", message) }
    static func forbidden(_ message: String) -> WebError { WebError(403, "不允许 Forbidden", message) }
    static func tooLarge(_ limit: Int) -> WebError {
        WebError(413, "文件过大 Too large", "the request body is larger than the limit of \(limit) bytes")
    }

    /// A catalog error with the status that fits: a busy or unreachable store is 503.
    init(_ error: CatalogError) {
        switch error.kind {
        case .notFound: self.init(404, "未找到 Not found", error.message)
        case .ambiguous, .badLocation: self.init(400, "请求有误 Bad request", error.message)
        case .unavailable: self.init(503, "目录暂不可用 Catalog unavailable", "the catalog is busy or unreachable; try again in a moment (\(error.message))")
        case .readOnly: self.init(503, "目录只读 Catalog read-only", "the catalog cannot be written (\(error.message))")
        case .full: self.init(507, "磁盘已满 Storage full", error.message)
        case .missing, .notACatalog, .newerSchema: self.init(503, "目录不可用 Catalog unavailable", error.message)
        case .constraint, .other: self.init(500, "目录出错 Catalog error", error.message)
        }
    }

    var page: String {
        HTML.page(title: title, active: "", editable: false, body: """
            <div class="error-page">
            <h1>\(status) \(HTML.escape(title))</h1>
            <p>\(HTML.escape(message))</p>
            <p><a href="/">返回文库 Back to the library</a></p>
            </div>
            """)
    }
}
