import ZhibiaoCore

/// Reads the aligner's data files (`Grammars/align/`) and checks them up front.
///
/// - `synonyms.txt`: concept blocks (`concept ID`, then indented `terms`, `broader`, `except`,
///   `example`, `counter` lines).
/// - `directions.tsv`: `word<TAB>class<TAB>example<TAB>expected` (class `lower`, `decrease`,
///   `decrease-to`, `increase`, `increase-to`; expected `stricter=higher|lower`).
/// - `measures.tsv`: `word<TAB>class<TAB>example<TAB>expected` (class `per-unit`, `change`;
///   expected `measure=level|change`, `additive=true|false`, `subject=…`).
///
/// Errors are ``DataFileError``s: `path:line:col: error: message`, one line.
public enum AlignLexiconLoader {
    /// A data file's path (as reported in errors) and contents.
    public typealias Source = (path: String, contents: String)

    public static func load(synonyms: Source, directions: Source, measures: Source) throws(DataFileError) -> AlignLexicon {
        let concepts = try parseConcepts(path: synonyms.path, contents: synonyms.contents)
        let directionWords: [AlignLexicon.WordEntry<AlignLexicon.DirectionClass>] =
            try parseWords(path: directions.path, contents: directions.contents, fields: ["stricter": ["higher", "lower"]])
        let measureWords: [AlignLexicon.WordEntry<AlignLexicon.MeasureClass>] =
            try parseWords(path: measures.path, contents: measures.contents,
                           fields: ["measure": ["level", "change"], "additive": ["true", "false"], "subject": []])
        return AlignLexicon(concepts: concepts, directionWords: directionWords, measureWords: measureWords)
    }

    // MARK: Concepts

    static let directives = ["kind", "terms", "broader", "except", "example", "counter"]

    public static func parseConcepts(path: String, contents: String) throws(DataFileError) -> [AlignLexicon.Concept] {
        var concepts: [AlignLexicon.Concept] = []
        var ids: [String: Int] = [:]
        var termOwner: [String: (concept: String, line: Int)] = [:]
        var broaderLines: [(concept: Int, id: String, line: Int, column: Int)] = []
        var lineNumber = 0
        func error(_ column: Int, _ message: String) -> DataFileError {
            DataFileError(path: path, line: lineNumber, column: column, message: message)
        }
        for (number, text) in numberedLines(contents) {
            lineNumber = number
            let line = stripComment(text)
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let indented = line.first == " " || line.first == "\t"
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let head = words.first else { continue }
            if !indented {
                guard head == "concept" else { throw error(1, "expected 'concept ID' at the start of a line, got '\(head)'") }
                guard words.count == 2 else { throw error(9, "expected one concept id after 'concept'") }
                let id = words[1]
                if let previous = ids[id] { throw error(9, "duplicate concept id '\(id)' (first at line \(concepts[previous].line))") }
                ids[id] = concepts.count
                concepts.append(.init(id: id, kind: .topic, terms: [], broader: [], excepts: [], examples: [], path: path, line: lineNumber))
                continue
            }
            guard !concepts.isEmpty else { throw error(1, "'\(head)' outside a concept") }
            let column = (line.unicodeScalars.firstIndex { $0 != " " && $0 != "\t" }.map { line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: $0) } ?? 0) + 1
            let valueColumn = column + head.unicodeScalars.count + 1
            let rest = Array(words.dropFirst())
            let current = concepts.count - 1
            switch head {
            case "kind":
                guard rest.count == 1, let kind = AlignLexicon.ConceptKind(rawValue: rest[0]) else {
                    throw error(valueColumn, "'kind' is topic or metric")
                }
                concepts[current].kind = kind
            case "terms":
                guard !rest.isEmpty else { throw error(valueColumn, "'terms' lists no term") }
                for term in rest {
                    if let owner = termOwner[term] {
                        throw error(valueColumn, "term '\(term)' already names concept '\(owner.concept)' (line \(owner.line))")
                    }
                    termOwner[term] = (concepts[current].id, lineNumber)
                    concepts[current].terms.append(term)
                }
            case "broader":
                guard !rest.isEmpty else { throw error(valueColumn, "'broader' names no concept") }
                for id in rest {
                    concepts[current].broader.append(id)
                    broaderLines.append((current, id, lineNumber, valueColumn))
                }
            case "except":
                guard !rest.isEmpty else { throw error(valueColumn, "'except' lists no phrase") }
                concepts[current].excepts.append(contentsOf: rest)
                for phrase in rest where !concepts[current].terms.contains(where: { phrase.contains($0) }) {
                    throw error(valueColumn, "except phrase '\(phrase)' contains none of the terms of '\(concepts[current].id)' (list 'terms' first)")
                }
            case "example", "counter":
                let text = String(line.unicodeScalars.dropFirst(valueColumn - 1)).trimmingSpaces()
                if head == "counter" {
                    guard let marked = MarkedSentence(parsing: text) else { throw error(valueColumn, "a counter marks the text that must not be read as the concept with one ⟦…⟧") }
                    concepts[current].examples.append(.init(first: marked, second: nil, path: path, line: lineNumber))
                } else {
                    let sides = text.components(separatedBy: " ~ ")
                    guard sides.count == 2 else { throw error(valueColumn, "an example is two sentences separated by ' ~ '") }
                    guard let first = MarkedSentence(parsing: sides[0].trimmingSpaces()),
                          let second = MarkedSentence(parsing: sides[1].trimmingSpaces()) else {
                        throw error(valueColumn, "each sentence of an example marks its term with one ⟦…⟧")
                    }
                    concepts[current].examples.append(.init(first: first, second: second, path: path, line: lineNumber))
                }
            default:
                throw error(column, "unknown directive '\(head)'" + suggestion(head, among: directives))
            }
        }
        for concept in concepts {
            lineNumber = concept.line
            if concept.terms.isEmpty { throw error(1, "concept '\(concept.id)' has no terms") }
            if !concept.examples.contains(where: { !$0.isCounter }) { throw error(1, "concept '\(concept.id)' has no example") }
        }
        for reference in broaderLines {
            lineNumber = reference.line
            guard let target = ids[reference.id] else {
                throw error(reference.column, "unknown concept '\(reference.id)'" + suggestion(reference.id, among: Array(ids.keys).sorted()))
            }
            // A concept may not be broader than itself, directly or through others.
            var queue = [target], seen: Set<Int> = []
            while let next = queue.popLast() {
                if next == reference.concept { throw error(reference.column, "'\(concepts[reference.concept].id)' would be broader than itself through '\(reference.id)'") }
                if !seen.insert(next).inserted { continue }
                queue.append(contentsOf: concepts[next].broader.compactMap { ids[$0] })
            }
        }
        return concepts
    }

    // MARK: Word tables

    static func parseWords<Class: RawRepresentable & CaseIterable & Sendable>(
        path: String, contents: String, fields: [String: [String]]
    ) throws(DataFileError) -> [AlignLexicon.WordEntry<Class>] where Class.RawValue == String {
        let file = TSVFile(path: path, contents: contents)
        var entries: [AlignLexicon.WordEntry<Class>] = []
        var seen: [String: Int] = [:]
        for line in file.lines {
            let word = line[0].trimmingSpaces(), className = line[1].trimmingSpaces()
            guard !word.isEmpty else { throw file.error(line, "expected word<TAB>class<TAB>example<TAB>expected") }
            if let first = seen[word] { throw file.error(line, "duplicate word '\(word)' (first at line \(first))") }
            seen[word] = line.number
            let classColumn = word.unicodeScalars.count + 2
            guard let wordClass = Class(rawValue: className) else {
                let names = Class.allCases.map(\.rawValue)
                throw file.error(line, column: classColumn, "unknown class '\(className)'" + suggestion(className, among: names)
                                 + " (one of \(names.joined(separator: ", ")))")
            }
            let exampleColumn = classColumn + className.unicodeScalars.count + 1
            guard let example = MarkedSentence(parsing: line[2].trimmingSpaces()) else {
                throw file.error(line, column: exampleColumn, "the example marks its quantity with one ⟦…⟧")
            }
            guard example.text.contains(word) else {
                throw file.error(line, column: exampleColumn, "the example does not contain '\(word)'")
            }
            let expectedColumn = exampleColumn + line[2].unicodeScalars.count + 1
            var expected: [(field: String, value: String)] = []
            for part in line[3].split(separator: " ") where !part.isEmpty {
                let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard pieces.count == 2, let allowed = fields[pieces[0]] else {
                    throw file.error(line, column: expectedColumn, "expected field=value with a field among \(fields.keys.sorted().joined(separator: ", ")), got '\(part)'")
                }
                guard allowed.isEmpty || allowed.contains(pieces[1]) else {
                    throw file.error(line, column: expectedColumn, "'\(pieces[0])' is one of \(allowed.joined(separator: ", ")), not '\(pieces[1])'")
                }
                expected.append((pieces[0], pieces[1]))
            }
            guard !expected.isEmpty else { throw file.error(line, column: expectedColumn, "the example states what to expect (\(fields.keys.sorted().map { "\($0)=…" }.joined(separator: " ")))") }
            entries.append(.init(word: word, wordClass: wordClass, example: example, expected: expected, path: path, line: line.number))
        }
        return entries
    }

    // MARK: Helpers

    /// The line without a `#` comment (at the start, or after white space).
    static func stripComment(_ line: String) -> String {
        var previous: Unicode.Scalar = " "
        var kept = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            if scalar == "#" && (previous == " " || previous == "\t") { break }
            kept.append(scalar)
            previous = scalar
        }
        var text = String(kept)
        while let last = text.unicodeScalars.last, last == " " || last == "\t" { text.unicodeScalars.removeLast() }
        return text
    }

    /// " (did you mean 'x'?)" for the nearest name within two edits, else "".
    static func suggestion(_ word: String, among names: [String]) -> String {
        let target = Array(word.unicodeScalars)
        var best: (String, Int)?
        for name in names {
            let distance = editDistance(target, Array(name.unicodeScalars))
            let length = max(target.count, name.unicodeScalars.count)
            if distance <= 2 && distance * 2 <= length && distance < (best?.1 ?? .max) { best = (name, distance) }
        }
        return best.map { " (did you mean '\($0.0)'?)" } ?? ""
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            if b.isEmpty { continue }
            for j in 1...b.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
