import CZhibiaoICU

/// Decides how the bytes of a text file are encoded.
///
/// In order: a byte-order mark; NUL bytes (UTF-16/32 without BOM, or binary); valid UTF-8;
/// ICU's charset detector over the first 64 KiB, keeping only candidates that decode the
/// whole file strictly. Mostly-valid UTF-8 with a few bad sequences is reported as mixed
/// encodings rather than guessed.
public struct CharsetDetector: Sendable {
    /// How the encoding was decided.
    public enum Source: String, Sendable, Hashable, Codable {
        case bom, declared, detected, forced
    }

    /// The outcome: an encoding and how many leading bytes (a BOM) to skip.
    public struct Detection: Sendable, Hashable {
        public var encoding: TextEncoding
        public var source: Source
        public var bomLength: Int
        /// ICU's confidence (0-100) when detected by ICU.
        public var confidence: Int?
    }

    /// Bytes handed to ICU's detector.
    public var sampleSize = 64 * 1024

    public init() {}

    /// The byte-order mark at the start of `bytes`, if any.
    public func byteOrderMark(_ bytes: UnsafeRawBufferPointer) -> Detection? {
        let b = Array(bytes.prefix(4))
        func has(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && Array(b.prefix(prefix.count)) == prefix }
        if has([0xEF, 0xBB, 0xBF]) { return Detection(encoding: .utf8, source: .bom, bomLength: 3) }
        if has([0xFF, 0xFE, 0x00, 0x00]) { return Detection(encoding: .utf32LE, source: .bom, bomLength: 4) }
        if has([0x00, 0x00, 0xFE, 0xFF]) { return Detection(encoding: .utf32BE, source: .bom, bomLength: 4) }
        if has([0xFF, 0xFE]) { return Detection(encoding: .utf16LE, source: .bom, bomLength: 2) }
        if has([0xFE, 0xFF]) { return Detection(encoding: .utf16BE, source: .bom, bomLength: 2) }
        if has([0x84, 0x31, 0x95, 0x33]) { return Detection(encoding: .gb18030, source: .bom, bomLength: 4) }
        return nil
    }

    public func detect(_ bytes: [UInt8]) throws(DecodingError) -> Detection {
        try withBytes(bytes) { (raw) throws(DecodingError) in try detect(raw) }
    }

    public func detect(_ bytes: UnsafeRawBufferPointer) throws(DecodingError) -> Detection {
        if let bom = byteOrderMark(bytes) { return bom }
        let p = bytes.bindMemory(to: UInt8.self)
        if let nul = p.firstIndex(of: 0) {
            if let wide = guessWideEncoding(p) { return Detection(encoding: wide, source: .detected, bomLength: 0) }
            throw .binary(byteOffset: nul)
        }
        switch scanUTF8(p) {
        case .valid:
            return Detection(encoding: .utf8, source: .detected, bomLength: 0)
        case .invalid(let validSequences, let offset, let truncatedAtEnd):
            if truncatedAtEnd { throw .truncatedSequence(encoding: "UTF-8", byteOffset: offset) }
            // Plenty of valid multi-byte UTF-8 before the first bad byte: not a legacy encoding,
            // whose Chinese text is almost never valid UTF-8 for long.
            if validSequences >= 16 { throw .mixedEncodings(validUTF8Sequences: validSequences, byteOffset: offset) }
        }
        return try detectLegacy(bytes)
    }

    /// UTF-16/32 without BOM: NUL bytes in every other (or three of four) position.
    private func guessWideEncoding(_ p: UnsafeBufferPointer<UInt8>) -> TextEncoding? {
        let n = min(p.count, 4096)
        guard n >= 2 else { return nil }
        var zeros = [0, 0, 0, 0]
        for i in 0..<n where p[i] == 0 { zeros[i & 3] += 1 }
        let quarter = n / 4
        if p.count % 4 == 0 && quarter > 0 {
            let high = quarter * 9 / 10
            if zeros[1] > high && zeros[2] > high && zeros[3] > high { return .utf32LE }
            if zeros[0] > high && zeros[1] > high && zeros[2] > high { return .utf32BE }
        }
        // UTF-16 puts NULs in the high byte of ASCII characters only: all on one parity.
        // (Binary files have NULs on both.) The caller's strict decode and quality check decide.
        guard p.count % 2 == 0 else { return nil }
        let odd = zeros[1] + zeros[3], even = zeros[0] + zeros[2]
        if odd > 0 && even == 0 { return .utf16LE }
        if even > 0 && odd == 0 { return .utf16BE }
        return nil
    }

    package enum UTF8Scan {
        case valid
        case invalid(validSequences: Int, offset: Int, truncatedAtEnd: Bool)
    }

    package func scanUTF8(_ p: UnsafeBufferPointer<UInt8>) -> UTF8Scan {
        var i = 0
        var sequences = 0
        let n = p.count
        while i < n {
            if p[i] < 0x80 { i += 1; continue }
            switch UTF8Validation.sequence(p, at: i) {
            case .scalar(_, let length):
                sequences += 1
                i += length
            case .invalid:
                return .invalid(validSequences: sequences, offset: i, truncatedAtEnd: false)
            case .truncated:
                return .invalid(validSequences: sequences, offset: i, truncatedAtEnd: sequences > 0)
            }
        }
        return .valid
    }

    /// ICU's detector, checked by a strict decode of the whole text.
    private func detectLegacy(_ bytes: UnsafeRawBufferPointer) throws(DecodingError) -> Detection {
        let sample = UnsafeRawBufferPointer(rebasing: bytes.prefix(sampleSize))
        var names = [UnsafePointer<CChar>?](repeating: nil, count: 16)
        var confidences = [Int32](repeating: 0, count: 16)
        var error: Int32 = 0
        let found = sample.withMemoryRebound(to: CChar.self) { chars in
            zb_detect_charsets(chars.baseAddress, Int32(chars.count), &names, &confidences, 16, &error)
        }
        if error > 0 { throw .icu(ICUError(code: error, context: "detecting the charset")) }
        // Chinese encodings first in ICU's order, then the two Chinese encodings as fallbacks.
        var candidates: [(TextEncoding, Int?)] = []
        for k in 0..<Int(found) {
            guard let name = names[k].map({ String(cString: $0) }) else { continue }
            let encoding: TextEncoding
            switch name.lowercased() {
            case "gb18030": encoding = .gb18030
            case "big5": encoding = .big5
            default: continue  // ISO-8859-x, Shift_JIS, EUC-KR…: not policy documents in Chinese
            }
            if !candidates.contains(where: { $0.0 == encoding }) { candidates.append((encoding, Int(confidences[k]))) }
        }
        for fallback in [TextEncoding.gb18030, .big5] where !candidates.contains(where: { $0.0 == fallback }) {
            candidates.append((fallback, nil))
        }
        let strict = TextDecoder(lossy: false)
        for (encoding, confidence) in candidates {
            if (try? strict.decodeWithICU(bytes, encoding: encoding)) != nil {
                return Detection(encoding: encoding, source: .detected, bomLength: 0, confidence: confidence)
            }
        }
        throw .undetectable
    }
}
