import Foundation
import ZhibiaoCore
import ZhibiaoText

/// Reads any supported file into an ``IngestedDocument``: sniffs the format, decodes, extracts.
public struct DocumentReader: Sendable {
    public var limits: ReaderLimits
    /// Overrides detection for text and HTML.
    public var encoding: TextEncoding?
    /// Replace undecodable bytes with U+FFFD instead of failing.
    public var lossy: Bool
    /// Overrides format sniffing.
    public var format: DocumentFormat?
    public var hints: BoilerplateHints

    public init(limits: ReaderLimits = ReaderLimits(), encoding: TextEncoding? = nil, lossy: Bool = false,
                format: DocumentFormat? = nil, hints: BoilerplateHints = BoilerplateHints()) {
        self.limits = limits
        self.encoding = encoding
        self.lossy = lossy
        self.format = format
        self.hints = hints
    }

    /// Reads the file at `path` (as the user gave it; recorded in the document).
    public func read(path: String) throws(IngestError) -> IngestedDocument {
        let bytes = try Self.load(path: path, limit: limits.maxInputBytes)
        return try read(bytes: bytes, path: path)
    }

    /// Reads bytes as if they came from `path`.
    public func read(bytes: [UInt8], path: String) throws(IngestError) -> IngestedDocument {
        if bytes.isEmpty { throw .empty }
        if bytes.count > limits.maxInputBytes { throw .tooLarge(bytes: bytes.count, limit: limits.maxInputBytes) }
        let format: DocumentFormat
        if let forced = self.format { format = forced } else { format = try FormatSniffer.sniff(bytes, path: path) }
        let hash = SHA256.hex(bytes)
        switch format {
        case .text:
            let (text, encoding, source) = try TextReader(forcedEncoding: encoding, lossy: lossy).read(bytes)
            if text.isEmpty { throw .noText("the file holds only a byte order mark") }
            if text.allSatisfy({ $0.properties.isWhitespace }) { throw .noText("the file holds only white space") }
            return IngestedDocument(source: SourceInfo(path: path, format: .text, encoding: encoding.name,
                                                       encodingSource: source.rawValue, byteCount: bytes.count, sha256: hash),
                                    text: text, tables: TextTableDetector().tables(in: text))
        case .html:
            let reader = HTMLReader(limits: limits, hints: hints, forcedEncoding: encoding, lossy: lossy)
            let page = try reader.readPage(bytes)
            return IngestedDocument(source: SourceInfo(path: path, format: .html, encoding: page.encoding.name,
                                                       encodingSource: page.encodingSource.rawValue, byteCount: bytes.count, sha256: hash),
                                    text: page.text, blocks: page.blocks, tables: page.tables)
        case .docx:
            let (text, blocks, tables) = try DOCXReader(limits: limits).readDocument(bytes)
            return IngestedDocument(source: SourceInfo(path: path, format: .docx, encoding: "UTF-8",
                                                       encodingSource: CharsetDetector.Source.declared.rawValue,
                                                       byteCount: bytes.count, sha256: hash),
                                    text: text, blocks: blocks, tables: tables)
        }
    }

    /// The file's bytes, after checking that it exists, is a regular file and is within the limit.
    public static func load(path: String, limit: Int) throws(IngestError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound }
        if isDirectory.boolValue { throw .isDirectory }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .notReadable(FileManager.default.isReadableFile(atPath: path) ? "cannot open" : "permission denied")
        }
        defer { try? handle.close() }
        do {
            let size = try handle.seekToEnd()
            if size > UInt64(limit) { throw IngestError.tooLarge(bytes: Int(size), limit: limit) }
            try handle.seek(toOffset: 0)
            // Read one byte past the limit: special files may report size 0.
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            if data.count > limit { throw IngestError.tooLarge(bytes: data.count, limit: limit) }
            return [UInt8](data)
        } catch let error as IngestError {
            throw error
        } catch {
            throw .notReadable(error.localizedDescription)
        }
    }
}
