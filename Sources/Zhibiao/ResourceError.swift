import ZhibiaoCore
import ZhibiaoGrammar

/// Why the grammar set could not be loaded: not found, or a file of it unreadable or invalid.
///
/// `description` says what failed while doing what, on one line:
/// `loading the grammar set: Grammars/units.tsv:12:3: error: unknown base unit 'kgs'`.
public enum ResourceError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No grammar directory was found; `searched` lists the places looked at, in order.
    case notFound(searched: [String])
    /// A grammar directory given explicitly (`--grammars`, ``Resources/load(directory:overlays:)``)
    /// does not exist or is not a grammar directory.
    case notAGrammarDirectory(path: String)
    /// A file of the grammar set is missing, unreadable or invalid, at `path:line:col`.
    case invalid(GrammarError)

    public var description: String {
        switch self {
        case .notFound(let searched):
            let places = searched.isEmpty ? "" : " (looked in \(searched.joined(separator: ", ")))"
            return "cannot find the grammar set (the Grammars/ directory)\(places); set ZHIBIAO_GRAMMARS to its path"
        case .notAGrammarDirectory(let path):
            return "\(path): not a grammar directory (no such directory)"
        case .invalid(let error):
            return "loading the grammar set: \(error.description)"
        }
    }

    /// The description plus, for an invalid rule, the offending line and a caret under the column.
    public var detailed: String {
        if case .invalid(let error) = self { return "loading the grammar set: \(error.detailed)" }
        return description
    }
}
