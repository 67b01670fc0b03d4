import ZhibiaoText

/// Why a file could not be ingested. `description` is one lowercase line without the path;
/// callers print `zhibiao: PATH: DESCRIPTION`.
public enum IngestError: Error, CustomStringConvertible, Sendable, Equatable {
    case notFound
    case isDirectory
    case notReadable(String)
    case empty
    case tooLarge(bytes: Int, limit: Int)
    case decoding(DecodingError)
    case unsupportedFormat(String)
    case notDOCX(String)
    case zipEntryTooLarge(entry: String, bytes: UInt64, limit: Int)
    case zipRatio(entry: String, ratio: Int, limit: Int)
    case malformedXML(part: String)
    case tooDeep(limit: Int)
    case noText(String)
    case garbage(encoding: String, reason: String)

    /// The sysexits-style class of the failure.
    public enum Kind: Sendable { case noInput, badData, io }

    public var kind: Kind {
        switch self {
        case .notFound, .isDirectory: return .noInput
        case .notReadable: return .io
        default: return .badData
        }
    }

    public var description: String {
        switch self {
        case .notFound: return "file does not exist"
        case .isDirectory: return "is a directory, not a file"
        case .notReadable(let reason): return "file is not readable: \(reason)"
        case .empty: return "file is empty"
        case .tooLarge(let bytes, let limit):
            return "file is \(Self.megabytes(bytes)), over the \(Self.megabytes(limit)) input limit; raise it with --max-input-mb"
        case .decoding(let error): return error.description
        case .unsupportedFormat(let what): return what
        case .notDOCX(let reason): return "not a DOCX file: \(reason)"
        case .zipEntryTooLarge(let entry, let bytes, let limit):
            return "zip entry \(entry) expands to \(bytes > UInt64(limit) ? "more than " + Self.megabytes(limit) : Self.megabytes(Int(bytes))) (limit \(Self.megabytes(limit))): refusing a possible zip bomb"
        case .zipRatio(let entry, let ratio, let limit):
            return "zip entry \(entry) compresses \(ratio):1 (limit \(limit):1): refusing a possible zip bomb"
        case .malformedXML(let part): return "\(part) is not well-formed XML"
        case .tooDeep(let limit): return "elements nest deeper than \(limit) levels; raise the limit with --max-depth"
        case .noText(let why): return "no text found (\(why))"
        case .garbage(let encoding, let reason):
            return DecodingError.garbage(encoding: encoding, reason: reason).description
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}

/// Limits that keep hostile input from exhausting memory or time.
public struct ReaderLimits: Sendable, Hashable {
    /// Largest file read, in bytes.
    public var maxInputBytes = 64 * 1_048_576
    /// Deepest element nesting walked in HTML and DOCX. Keep it under 2,048, where libxml2
    /// silently stops building the tree.
    public var maxDepth = 1_000
    /// Largest uncompressed zip entry read from a DOCX.
    public var maxZipEntryBytes = 256 * 1_048_576
    /// Highest compression ratio accepted for an entry over 1 MB.
    public var maxZipRatio = 200

    public init() {}
}
