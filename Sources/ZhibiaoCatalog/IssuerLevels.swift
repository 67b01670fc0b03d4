import ZhibiaoCore

/// The administrative level of a document's issuer, read from its name with the table in
/// `Grammars/lexicon/issuer-levels.tsv`: 杭州市余杭区人民政府办公室 is `county` (the lowest
/// unit named at its start), 浙江省人民政府 `provincial`, 国务院办公厅 `national`.
public struct IssuerLevels: Sendable {
    /// Levels from the top.
    public static let levels = ["national", "provincial", "municipal", "county", "township"]

    public enum Kind: String, Sendable, CaseIterable {
        /// Removed from the start before reading (中共).
        case strip
        /// An issuer starting so is of this level (国务院, 国家).
        case prefix
        /// A unit name of its own level, read before the suffixes (北京市 is provincial).
        case name
        /// A unit name ends so (省, 市, 区, 街道); at least one character before it.
        case suffix
        /// An issuer with no unit name ending so is of this level (财政部).
        case organ
    }

    public struct Entry: Sendable {
        public var kind: Kind
        public var text: String
        public var level: String
        /// An issuer the entry decides, with the level it must get (`issuer=level`), tested.
        public var example: (issuer: String, level: String)?
        public var line: Int
    }

    public let entries: [Entry]
    public let path: String
    private let longestName: Int

    public init(file: TSVFile) throws(DataFileError) {
        var entries: [Entry] = []
        for line in file.lines {
            guard let kind = Kind(rawValue: line[0]) else {
                throw file.error(line, "unknown kind '\(line[0])' (one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let text = line[1]
            if text.isEmpty { throw file.error(line, column: 2, "the text is empty") }
            let level = line[2]
            if kind != .strip && !Self.levels.contains(level) {
                throw file.error(line, column: 3, "unknown level '\(level)' (one of \(Self.levels.joined(separator: ", ")))")
            }
            var example: (String, String)?
            if !line[3].isEmpty {
                let parts = line[3].split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, Self.levels.contains(parts[1]) || parts[1] == "none" else {
                    throw file.error(line, column: 4, "an example is ISSUER=LEVEL (a level or none)")
                }
                example = (parts[0], parts[1])
            }
            entries.append(Entry(kind: kind, text: text, level: level, example: example, line: line.number))
        }
        self.entries = entries
        path = file.path
        longestName = entries.filter { $0.kind == .name || $0.kind == .suffix }.map { $0.text.unicodeScalars.count }.max() ?? 0
    }

    /// The level of the first issuer whose level can be read.
    public func level(of issuers: [String]) -> String? {
        for issuer in issuers {
            if let level = level(of: issuer) { return level }
        }
        return nil
    }

    public func level(of issuer: String) -> String? {
        var name = Substring(issuer.filter { !$0.isWhitespace })
        for entry in entries where entry.kind == .strip && name.hasPrefix(entry.text) { name = name.dropFirst(entry.text.count) }
        for entry in entries where entry.kind == .prefix && name.hasPrefix(entry.text) { return entry.level }
        let scalars = Array(name.unicodeScalars)
        var position = 0
        var lowest: Int?
        while position < scalars.count {
            guard let (length, level) = unit(in: scalars, at: position) else { break }
            let rank = Self.levels.firstIndex(of: level) ?? 0
            lowest = max(lowest ?? rank, rank)
            position += length
        }
        if let lowest { return Self.levels[lowest] }
        for entry in entries where entry.kind == .organ && name.hasSuffix(entry.text) { return entry.level }
        return nil
    }

    /// The unit name starting at `start`: a `name` entry (longest first), else the shortest run
    /// of up to 10 characters ending in a `suffix` with a character before it (longest suffix).
    private func unit(in s: [Unicode.Scalar], at start: Int) -> (Int, String)? {
        var best: (Int, String)?
        for entry in entries where entry.kind == .name {
            let t = Array(entry.text.unicodeScalars)
            if start + t.count <= s.count, Array(s[start..<start + t.count]) == t, t.count > (best?.0 ?? 0) { best = (t.count, entry.level) }
        }
        if let best { return best }
        let limit = min(s.count - start, max(10, longestName))
        guard limit >= 2 else { return nil }
        for length in 2...limit {
            let candidate = s[start..<start + length]
            var found: (Int, String)?
            for entry in entries where entry.kind == .suffix {
                let t = Array(entry.text.unicodeScalars)
                if t.count < length, Array(candidate.suffix(t.count)) == t, t.count > (found?.0 ?? 0) { found = (t.count, entry.level) }
            }
            if let found { return (length, found.1) }
        }
        return nil
    }
}
