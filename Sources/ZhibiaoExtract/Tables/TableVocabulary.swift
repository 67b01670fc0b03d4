import ZhibiaoCore

/// What a column of an indicator table holds, as its header says.
public enum TableColumnRole: String, Sendable, Hashable, CaseIterable {
    case name, category, number, unit, baseline, target, annual, cumulative
    case annualOrCumulative = "annual-or-cumulative"
    case attribute
    case textTarget = "text-target"
    case description, estimate
}

/// The words of indicator tables (`Grammars/tables/vocabulary.tsv`): header words and the column
/// roles they give, caption words, unit labels, note openers, the cells that mean "no value",
/// the brackets of cumulative figures and footnote marks.
public struct TableVocabulary: Sendable {
    public struct Entry: Sendable, Hashable {
        public var word: [Unicode.Scalar]
        public var role: String
        public var path: String
        public var line: Int
    }

    /// Every entry, in file order.
    public private(set) var entries: [Entry] = []
    /// Header words, longest first.
    public private(set) var headers: [(word: [Unicode.Scalar], role: TableColumnRole)] = []
    public private(set) var captionWords: [[Unicode.Scalar]] = []
    public private(set) var unitLabels: [[Unicode.Scalar]] = []
    public private(set) var noteOpeners: [[Unicode.Scalar]] = []
    public private(set) var noValue: Set<String> = []
    public private(set) var brackets: [(open: Unicode.Scalar, close: Unicode.Scalar)] = []
    public private(set) var footnotes: Set<Unicode.Scalar> = []

    public static let otherRoles = ["caption", "unit-label", "note", "no-value", "bracket", "footnote"]

    public init() {}

    /// Loads `tables/vocabulary.tsv` (and overlays after it), failing with `path:line:col`.
    /// Words are compared with normalized text: `normalize` turns them into it (注： is 注:,
    /// — is -), as the documents' normalizer does.
    public init(files: [TSVFile], normalize: ([Unicode.Scalar]) -> [Unicode.Scalar] = { $0 }) throws(DataFileError) {
        for file in files {
            for line in file.lines {
                guard !line[0].isEmpty else { throw file.error(line, "empty word") }
                let role = line[1]
                let scalars = normalize(Array(line[0].unicodeScalars))
                let word = String(scalars: scalars)
                guard !scalars.isEmpty else { throw file.error(line, "the word is empty once normalized") }
                if let column = TableColumnRole(rawValue: role) {
                    headers.append((scalars, column))
                } else {
                    switch role {
                    case "caption": captionWords.append(scalars)
                    case "unit-label": unitLabels.append(scalars)
                    case "note": noteOpeners.append(scalars)
                    case "no-value": noValue.insert(word)
                    case "bracket":
                        guard scalars.count == 2 else {
                            throw file.error(line, "a bracket is two characters, an opening and a closing one, got '\(word)'")
                        }
                        brackets.append((scalars[0], scalars[1]))
                    case "footnote":
                        guard scalars.count == 1 else { throw file.error(line, "a footnote mark is one character, got '\(word)'") }
                        footnotes.insert(scalars[0])
                    default:
                        let known = TableColumnRole.allCases.map(\.rawValue) + Self.otherRoles
                        throw file.error(line, column: line[0].unicodeScalars.count + 2,
                                         "unknown role '\(role)' (one of \(known.joined(separator: ", ")))")
                    }
                }
                entries.append(Entry(word: scalars, role: role, path: file.path, line: line.number))
            }
        }
        headers.sort { $0.word.count > $1.word.count }
    }

    /// The role of a header cell's text: the longest header word it contains.
    public func role(ofHeader text: [Unicode.Scalar]) -> TableColumnRole? {
        for (word, role) in headers where Self.contains(text, word) { return role }
        return nil
    }

    /// Whether `text` holds `word` anywhere.
    static func contains(_ text: [Unicode.Scalar], _ word: [Unicode.Scalar]) -> Bool {
        guard !word.isEmpty, word.count <= text.count else { return false }
        var i = 0
        while i + word.count <= text.count {
            if text[i] == word[0] && text[i..<(i + word.count)].elementsEqual(word) { return true }
            i += 1
        }
        return false
    }

    /// Where `word` first occurs in `text`, if it does.
    static func find(_ word: [Unicode.Scalar], in text: [Unicode.Scalar], from start: Int = 0) -> Int? {
        guard !word.isEmpty else { return nil }
        var i = start
        while i + word.count <= text.count {
            if text[i] == word[0] && text[i..<(i + word.count)].elementsEqual(word) { return i }
            i += 1
        }
        return nil
    }
}
