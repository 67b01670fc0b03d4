import ZhibiaoCore

/// A problem in a grammar or lexicon file: `path:line:col: error: message`, with the line and a
/// caret under the column when the line is known.
public struct GrammarError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    /// The offending line, for the caret excerpt.
    public var excerpt: String?

    public init(path: String, line: Int, column: Int, message: String, excerpt: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.excerpt = excerpt
    }

    public init(_ error: DataFileError) {
        self.init(path: error.path, line: error.line, column: error.column, message: error.message)
    }

    /// The one-line form, as editors read it.
    public var description: String { "\(path):\(line):\(column): error: \(message)" }

    /// The one-line form plus the line and a caret.
    public var detailed: String {
        guard let excerpt else { return description }
        let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
        return description + "\n" + excerpt + "\n" + caret
    }
}
