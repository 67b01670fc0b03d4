import ZhibiaoCore

/// The data the segmenter reads from `Grammars/`: noise phrases, organization suffixes,
/// document types, metadata labels and plan periods.
public struct StructureLexicon: Sendable {
    /// How a noise phrase must match a line.
    public enum Match: String, Sendable { case line, prefix, contains }
    /// `strong`: the line is noise on its own; `weak`: only next to noise of the same reason.
    public enum Strength: String, Sendable { case strong, weak }

    /// A phrase that marks a block as noise (`lexicon/noise.tsv`), with how it matches and why.
    public struct NoisePhrase: Sendable {
        public var match: Match
        public var phrase: [Unicode.Scalar]
        public var reason: NoiseReason
        public var strength: Strength
    }

    /// A metadata field a label introduces (`发布于` → published).
    public enum LabelField: String, Sendable, CaseIterable {
        case title, issuers, docNumber, date, published, modified, attachments, ignore
    }

    public var noise: [NoisePhrase] = []
    /// Endings of organization names (办公室, 人民政府, 厅 …), longest first.
    public var organizationSuffixes: [[Unicode.Scalar]] = []
    /// Document-type words a title ends with (意见, 实施方案, 通知 …), longest first.
    public var documentTypes: [[Unicode.Scalar]] = []
    public var labels: [(label: [Unicode.Scalar], field: LabelField)] = []
    /// First characters of the labels, to skip most positions at once.
    public var labelStarts = ScalarSet()
    /// Named plan periods: 十四五 → 2021…2025.
    public var periods: [(word: [Unicode.Scalar], start: Int, end: Int)] = []
    /// Words that introduce a citation (`lexicon/citations.tsv`), longest first.
    public var citationWords: [(word: [Unicode.Scalar], kind: CitationWordKind)] = []
    /// The examples of `lexicon/citations.tsv`, run as tests.
    public var citationExamples: [CitationExample] = []

    /// What a word of `lexicon/citations.tsv` does.
    public enum CitationWordKind: String, Sendable, CaseIterable {
        /// Introduces a document this one rests on or implements (根据, 为贯彻落实).
        case verb
        /// Introduces a document this one issues or forwards (印发, 转发).
        case issue
        /// Introduces a short name for the title just cited (以下简称).
        case alias
    }

    /// A sentence with the citation a word must give marked ⟦…⟧, and the fields it must have.
    public struct CitationExample: Sendable {
        public var word: String
        public var kind: CitationWordKind
        public var text: String
        /// The marked span, in scalars of `text` without the markers.
        public var span: Range<Int>
        public var expected: [(name: String, value: String)]
        public var path: String
        public var line: Int
    }

    public init() {}

    /// Loads `lexicon/citations.tsv`: `word<TAB>verb|issue|alias<TAB>example`.
    public mutating func loadCitations(_ file: TSVFile) throws(DataFileError) {
        for line in file.lines {
            let word = line[0].trimmingSpaces()
            guard !word.isEmpty else { throw file.error(line, "empty word") }
            guard let kind = CitationWordKind(rawValue: line[1]) else {
                throw file.error(line, column: line[0].count + 2,
                                 "unknown kind '\(line[1])' (one of \(CitationWordKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let column = line[0].count + line[1].count + 3
            var rest = Array(line.fields.dropFirst(2).joined(separator: " ").unicodeScalars)[...]
            var sentence: [Unicode.Scalar]
            if rest.first == "\"" {
                rest = rest.dropFirst()
                guard let close = rest.firstIndex(of: "\"") else { throw file.error(line, column: column, "unterminated quoted example") }
                sentence = Array(rest[..<close])
                rest = rest[(close + 1)...]
            } else {
                let end = rest.firstIndex { $0 == " " || $0 == "\t" } ?? rest.endIndex
                sentence = Array(rest[..<end])
                rest = rest[end...]
            }
            guard let open = sentence.firstIndex(of: "⟦"), let close = sentence.firstIndex(of: "⟧"), close > open + 1 else {
                throw file.error(line, column: column, "every word needs an example that marks its citation ⟦…⟧")
            }
            sentence.remove(at: close)
            sentence.remove(at: open)
            guard String(scalars: sentence).contains(word) else { throw file.error(line, column: column, "the example does not contain '\(word)'") }
            var expected: [(String, String)] = []
            for part in String(String.UnicodeScalarView(rest)).split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                guard let equals = part.firstIndex(of: "="), ["title", "docNumber", "verb"].contains(String(part[..<equals])) else {
                    throw file.error(line, column: column, "expected title=, docNumber= or verb= after the example, got '\(part)'")
                }
                expected.append((String(part[..<equals]), String(part[part.index(after: equals)...])))
            }
            citationWords.append((Array(word.unicodeScalars), kind))
            citationExamples.append(CitationExample(word: word, kind: kind, text: String(scalars: sentence), span: open..<(close - 1),
                                                    expected: expected, path: file.path, line: line.number))
        }
        citationWords.sort { $0.word.count > $1.word.count }
    }

    /// Loads `lexicon/noise.tsv`, `lexicon/organization-suffixes.txt`,
    /// `lexicon/document-types.txt`, `lexicon/metadata-labels.tsv` and the periods of
    /// `time-words.tsv`.
    public init(noise: TSVFile, organizationSuffixes: TSVFile, documentTypes: TSVFile, labels: TSVFile,
                timeWords: TSVFile, citations: TSVFile? = nil) throws(DataFileError) {
        for line in noise.lines {
            guard let match = Match(rawValue: line[0]) else {
                throw noise.error(line, "unknown match '\(line[0])' (expected line, prefix or contains)")
            }
            guard !line[1].isEmpty else { throw noise.error(line, column: line[0].count + 2, "empty phrase") }
            guard let reason = NoiseReason(rawValue: line[2]) else {
                throw noise.error(line, column: line[0].count + line[1].count + 3,
                                  "unknown reason '\(line[2])' (one of \(NoiseReason.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let strength = line[3].isEmpty ? Strength.strong : Strength(rawValue: line[3])
            guard let strength else {
                throw noise.error(line, column: line[0].count + line[1].count + line[2].count + 4, "unknown strength '\(line[3])' (strong or weak)")
            }
            self.noise.append(NoisePhrase(match: match, phrase: Array(line[1].unicodeScalars), reason: reason, strength: strength))
        }
        self.organizationSuffixes = try Self.words(organizationSuffixes)
        self.documentTypes = try Self.words(documentTypes)
        for line in labels.lines {
            guard let field = LabelField(rawValue: line[1]) else {
                throw labels.error(line, column: line[0].count + 2,
                                   "unknown field '\(line[1])' (one of \(LabelField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            self.labels.append((Array(line[0].unicodeScalars), field))
        }
        self.labels.sort { $0.label.count > $1.label.count }
        self.labelStarts = ScalarSet(self.labels.compactMap(\.label.first))
        for line in timeWords.lines where line[1] == "period" {
            let years = line[2].split(separator: "-").compactMap { Int($0) }
            guard years.count == 2, years[0] <= years[1] else {
                throw timeWords.error(line, column: line[0].count + line[1].count + 3, "a period needs START-END years, got '\(line[2])'")
            }
            periods.append((Array(line[0].unicodeScalars), years[0], years[1]))
        }
        if let citations { try loadCitations(citations) }
    }

    private static func words(_ file: TSVFile) throws(DataFileError) -> [[Unicode.Scalar]] {
        var result: [[Unicode.Scalar]] = []
        for line in file.lines {
            let word = line[0].trimmingSpaces()
            guard !word.isEmpty else { throw file.error(line, "empty entry") }
            result.append(Array(word.unicodeScalars))
        }
        return result.sorted { $0.count > $1.count }
    }
}
