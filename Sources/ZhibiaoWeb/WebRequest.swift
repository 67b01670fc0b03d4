import Foundation

/// A request as the pages see it: method, path segments, decoded query parameters (repeated
/// names kept in order), headers by lower-cased name, and the form fields of a posted form.
struct WebRequest: Sendable {
    var method: String
    var path: String
    var segments: [String]
    var query: [(String, String)]
    var headers: [String: String]
    var form: [(String, String)] = []

    init(method: String, path: String, rawQuery: String?, headers: [String: String]) throws(WebError) {
        self.method = method
        self.path = path
        self.headers = headers
        guard let decodedPath = path.removingPercentEncoding else { throw .badRequest("the path is not valid percent-encoding") }
        segments = decodedPath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        query = try Self.decodePairs(rawQuery ?? "")
    }

    /// `a=1&b=%E4%B8%AD+x` as pairs; bad percent-encoding is a 400.
    static func decodePairs(_ text: String) throws(WebError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) throws(WebError) -> String {
                guard let d = s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw .badRequest("the query is not valid percent-encoding: \(String(s.prefix(60)))")
                }
                return d
            }
            let name = try decode(halves[0])
            let value = halves.count > 1 ? try decode(halves[1]) : ""
            pairs.append((name, value))
        }
        if pairs.count > 500 { throw .badRequest("too many parameters") }
        return pairs
    }

    /// The first value of a parameter, trimmed; nil when absent or empty.
    func param(_ name: String) -> String? {
        guard let value = query.first(where: { $0.0 == name })?.1.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }

    /// Every value of a repeated parameter.
    func params(_ name: String) -> [String] {
        query.filter { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func field(_ name: String) -> String? { form.first { $0.0 == name }?.1 }

    /// An integer parameter within bounds; a value that is not one is a 400.
    func intParam(_ name: String, default value: Int, range: ClosedRange<Int>) throws(WebError) -> Int {
        guard let text = param(name) else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw .badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(String(text.prefix(40)))'")
        }
        return n
    }

    /// One of a fixed set of values, or the default; anything else is a 400.
    func choice(_ name: String, _ allowed: [String], default value: String? = nil) throws(WebError) -> String? {
        guard let text = param(name) else { return value }
        guard allowed.contains(text) else {
            throw .badRequest("\(name) must be one of \(allowed.joined(separator: ", ")), not '\(String(text.prefix(40)))'")
        }
        return text
    }
}
