/// What went wrong in a catalog, where, and while doing what:
/// `catalog.sqlite: UNIQUE constraint failed: indicator.id — while storing Corpus/002_….txt`.
public struct CatalogError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// The file or database is not a Zhibiao catalog (not SQLite, foreign tables).
        case notACatalog
        /// Written by a newer Zhibiao: its schema has migrations this one does not know.
        case newerSchema
        /// No catalog at the place named (a query before any ingest).
        case missing
        /// The catalog cannot be written (a read-only file or folder, a read-only role).
        case readOnly
        /// The disk or the database is full.
        case full
        /// Reading or writing failed (an I/O error, a lost connection, a server that went away).
        case unavailable
        /// The stored data breaks a rule (a duplicate indicator id, a record that does not read back).
        case constraint
        /// No stored document matches a reference.
        case notFound
        /// More than one stored document matches a reference.
        case ambiguous
        /// A place that is neither a path nor a `postgres://` URL, or a bad URL.
        case badLocation
        /// Anything else the database said.
        case other
    }

    public var kind: Kind
    /// The catalog as the user named it (`zhibiao.sqlite`, `postgres://127.0.0.1:5432/zb`).
    public var location: String
    /// What failed, in the database's words when it gave some.
    public var message: String
    /// What was being done (`storing Corpus/002_….txt`), when known.
    public var doing: String?

    public init(_ kind: Kind, location: String, message: String, doing: String? = nil) {
        self.kind = kind
        self.location = location
        self.message = message
        self.doing = doing
    }

    /// The same error, saying what was being done.
    public func doing(_ what: String) -> CatalogError {
        var copy = self
        if copy.doing == nil { copy.doing = what }
        return copy
    }

    /// Whether the catalog as a whole cannot go on (full, read-only, gone), as opposed to one
    /// document that could not be stored.
    public var stopsEverything: Bool {
        switch kind {
        case .full, .readOnly, .unavailable, .notACatalog, .newerSchema, .missing, .badLocation: true
        case .constraint, .notFound, .ambiguous, .other: false
        }
    }

    public var description: String {
        "\(location): \(message)" + (doing.map { " — while \($0)" } ?? "")
    }
}
