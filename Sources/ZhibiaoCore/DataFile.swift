/// A problem in a data file of `Grammars/`, located for editors: `path:line:col: error: message`.
public struct DataFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int = 1, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}

/// The lines of a data file, each with its 1-based number and without a trailing "\r"; split on
/// scalars, since "\r\n" is a single Character and would never match "\n". Every loader of
/// `Grammars/` reads its file through this, so line numbers in errors agree.
public func numberedLines(_ contents: String) -> [(number: Int, text: String)] {
    var lines: [(number: Int, text: String)] = []
    var number = 0
    for raw in contents.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
        number += 1
        lines.append((number, String(String.UnicodeScalarView(raw.last == "\r" ? raw.dropLast() : raw))))
    }
    return lines
}

/// A tab-separated data file: `#` starts a comment line, blank lines are skipped, fields are
/// separated by tabs.
public struct TSVFile: Sendable {
    /// A data line: its number and its tab-separated fields.
    public struct Line: Sendable {
        /// 1-based line number in the file.
        public var number: Int
        public var fields: [String]

        /// Field `index`, or "" when the line has fewer fields.
        public subscript(index: Int) -> String { index < fields.count ? fields[index] : "" }
    }

    public var path: String
    public var lines: [Line]

    public init(path: String, contents: String) {
        self.path = path
        var lines: [Line] = []
        for (number, text) in numberedLines(contents) {
            if text.isEmpty || text.first == "#" { continue }
            if text.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            lines.append(Line(number: number, fields: text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)))
        }
        self.lines = lines
    }

    public func error(_ line: Line, column: Int = 1, _ message: String) -> DataFileError {
        DataFileError(path: path, line: line.number, column: column, message: message)
    }
}
