import ZhibiaoText

/// Reads plain text in UTF-8 (with or without BOM), UTF-16/32, GB18030 (GBK, GB2312) or Big5.
public struct TextReader: Sendable {
    public var forcedEncoding: TextEncoding?
    public var lossy: Bool

    public init(forcedEncoding: TextEncoding? = nil, lossy: Bool = false) {
        self.forcedEncoding = forcedEncoding
        self.lossy = lossy
    }

    public func read(_ bytes: [UInt8]) throws(IngestError) -> (text: [Unicode.Scalar], encoding: TextEncoding, source: CharsetDetector.Source) {
        let decoder = TextDecoder(lossy: lossy)
        do {
            if let forced = forcedEncoding {
                // A BOM of the forced encoding is still not text.
                let bom = bytes.withUnsafeBytes { CharsetDetector().byteOrderMark($0) }
                let skip = bom?.encoding == forced ? bom!.bomLength : 0
                let text = try decoder.decode(Array(bytes[skip...]), as: forced)
                return (text, forced, .forced)
            }
            // Most files are UTF-8: a strict decode is the cheapest test of that. A BOM is not
            // text: offsets count from after it.
            let utf8BOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
            if let text = try? TextDecoder(lossy: false).decode(utf8BOM ? Array(bytes[3...]) : bytes, as: .utf8), !text.contains("\u{0}") {
                if let problem = TextQuality.problem(text) { throw IngestError.garbage(encoding: "UTF-8", reason: problem) }
                return (text, .utf8, utf8BOM ? .bom : .detected)
            }
            let detection = try CharsetDetector().detect(bytes)
            let text = try decoder.decode(Array(bytes[detection.bomLength...]), as: detection.encoding)
            if let problem = TextQuality.problem(text) {
                throw IngestError.garbage(encoding: detection.encoding.name, reason: problem)
            }
            return (text, detection.encoding, detection.source)
        } catch let error as IngestError {
            throw error
        } catch let error as DecodingError {
            throw .decoding(error)
        } catch {
            throw .noText("\(error)")
        }
    }
}
