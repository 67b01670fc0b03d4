/// Why bytes could not be turned into text. Descriptions are one lowercase line; the caller
/// prefixes the file name.
public enum DecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// An illegal byte sequence for the encoding.
    case invalidSequence(encoding: String, byteOffset: Int)
    /// The bytes end in the middle of a multi-byte character.
    case truncatedSequence(encoding: String, byteOffset: Int)
    /// A lone UTF-16 surrogate.
    case loneSurrogate(encoding: String, byteOffset: Int)
    /// NUL bytes in something that is not UTF-16/32.
    case binary(byteOffset: Int)
    /// Mostly valid UTF-8 with invalid sequences: two encodings mixed in one file.
    case mixedEncodings(validUTF8Sequences: Int, byteOffset: Int)
    /// Decoding succeeded but the result is not text.
    case garbage(encoding: String, reason: String)
    /// No supported encoding fits the bytes.
    case undetectable
    /// ICU does not know the encoding name.
    case unknownEncoding(String)
    /// ICU failed.
    case icu(ICUError)

    public var description: String {
        switch self {
        case .invalidSequence(let encoding, let offset):
            return "invalid \(encoding) byte sequence at byte \(offset); pass --encoding to force a decoder or --lossy to replace bad bytes"
        case .truncatedSequence(let encoding, let offset):
            return "truncated \(encoding) character at byte \(offset) (file ends mid-character)"
        case .loneSurrogate(let encoding, let offset):
            return "lone surrogate in \(encoding) at byte \(offset)"
        case .binary(let offset):
            return "looks binary (NUL byte at offset \(offset)); pass --encoding to force a decoder"
        case .mixedEncodings(let valid, let offset):
            return "mixed encodings: \(valid) valid UTF-8 characters, then an invalid sequence at byte \(offset); convert the file to one encoding or pass --encoding"
        case .garbage(let encoding, let reason):
            return "decodes to garbage as \(encoding) (\(reason)); pass --encoding to force a decoder"
        case .undetectable:
            return "cannot tell the encoding (not UTF-8, UTF-16, GB18030 or Big5); pass --encoding"
        case .unknownEncoding(let name):
            return "unknown encoding '\(name)'"
        case .icu(let error):
            return error.description
        }
    }
}
