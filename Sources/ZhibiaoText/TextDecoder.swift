import CZhibiaoICU

/// Decodes bytes in a known encoding into Unicode scalars.
///
/// UTF-8, UTF-16 and UTF-32 are decoded in Swift (validating, with byte offsets in errors);
/// every other encoding goes through an ICU converter. Strict by default: the first bad
/// sequence is an error naming its byte offset. With `lossy`, bad sequences become U+FFFD.
public struct TextDecoder: Sendable {
    public var lossy: Bool

    public init(lossy: Bool = false) {
        self.lossy = lossy
    }

    public func decode(_ bytes: UnsafeRawBufferPointer, as encoding: TextEncoding) throws(DecodingError) -> [Unicode.Scalar] {
        switch encoding {
        case .utf8: return try decodeUTF8(bytes)
        case .utf16LE: return try decodeUTF16(bytes, bigEndian: false, encoding: encoding)
        case .utf16BE: return try decodeUTF16(bytes, bigEndian: true, encoding: encoding)
        case .utf32LE: return try decodeUTF32(bytes, bigEndian: false, encoding: encoding)
        case .utf32BE: return try decodeUTF32(bytes, bigEndian: true, encoding: encoding)
        default: return try decodeWithICU(bytes, encoding: encoding)
        }
    }

    public func decode(_ bytes: [UInt8], as encoding: TextEncoding) throws(DecodingError) -> [Unicode.Scalar] {
        try withBytes(bytes) { (raw) throws(DecodingError) in try decode(raw, as: encoding) }
    }

    // MARK: UTF-8

    /// Validating UTF-8 decoder with an ASCII fast path.
    func decodeUTF8(_ bytes: UnsafeRawBufferPointer) throws(DecodingError) -> [Unicode.Scalar] {
        let p = bytes.bindMemory(to: UInt8.self)
        let n = p.count
        // Valid UTF-8 has one scalar per byte that is not a continuation byte: the array is
        // made with exactly that capacity (4 bytes per scalar, not per byte).
        var leads = 0
        for k in 0..<n where p[k] & 0xC0 != 0x80 { leads += 1 }
        var failure: DecodingError?
        var overflow = false
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: leads) { out, count in
            var i = 0, o = 0
            while i < n {
                guard o < leads else { overflow = true; break }
                let b0 = p[i]
                if b0 < 0x80 {
                    out[o] = Unicode.Scalar(b0)
                    o += 1
                    i += 1
                    continue
                }
                // Fast path for the three-byte sequences of CJK text (U+0800..U+FFFF, no surrogates).
                if b0 >= 0xE1 && b0 <= 0xEC && i + 2 < n {
                    let b1 = p[i + 1], b2 = p[i + 2]
                    if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 {
                        let value = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
                        out[o] = Unicode.Scalar(value).unsafelyUnwrapped
                        o += 1
                        i += 3
                        continue
                    }
                }
                switch UTF8Validation.sequence(p, at: i) {
                case .scalar(let value, let length):
                    out[o] = Unicode.Scalar(value)!
                    o += 1
                    i += length
                case .invalid(let length):
                    if !lossy { failure = .invalidSequence(encoding: "UTF-8", byteOffset: i); count = o; return }
                    out[o] = "\u{FFFD}"
                    o += 1
                    i += length
                case .truncated:
                    if !lossy { failure = .truncatedSequence(encoding: "UTF-8", byteOffset: i); count = o; return }
                    out[o] = "\u{FFFD}"
                    o += 1
                    i = n
                }
            }
            count = o
        }
        if let failure { throw failure }
        // Lossy decoding of invalid bytes can give more scalars than lead bytes: read again with
        // room for one scalar per byte.
        if overflow { return try decodeUTF8Growing(p) }
        return scalars
    }

    /// The same decoding into an array that grows: for lossy input with stray continuation bytes.
    private func decodeUTF8Growing(_ p: UnsafeBufferPointer<UInt8>) throws(DecodingError) -> [Unicode.Scalar] {
        let n = p.count
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(n)
        var i = 0
        while i < n {
            let b0 = p[i]
            if b0 < 0x80 {
                scalars.append(Unicode.Scalar(b0))
                i += 1
                continue
            }
            switch UTF8Validation.sequence(p, at: i) {
            case .scalar(let value, let length):
                scalars.append(Unicode.Scalar(value)!)
                i += length
            case .invalid(let length):
                if !lossy { throw .invalidSequence(encoding: "UTF-8", byteOffset: i) }
                scalars.append("\u{FFFD}")
                i += length
            case .truncated:
                if !lossy { throw .truncatedSequence(encoding: "UTF-8", byteOffset: i) }
                scalars.append("\u{FFFD}")
                i = n
            }
        }
        return scalars
    }

    // MARK: UTF-16 / UTF-32

    func decodeUTF16(_ bytes: UnsafeRawBufferPointer, bigEndian: Bool, encoding: TextEncoding) throws(DecodingError) -> [Unicode.Scalar] {
        let n = bytes.count
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(n / 2)
        @inline(__always) func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1]) : UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at])
        }
        var i = 0
        while i + 1 < n {
            let u = unit(i)
            if u < 0xD800 || u > 0xDFFF {
                scalars.append(Unicode.Scalar(u)!)
                i += 2
            } else if u <= 0xDBFF, i + 3 < n, case let low = unit(i + 2), low >= 0xDC00 && low <= 0xDFFF {
                scalars.append(Unicode.Scalar(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))!)
                i += 4
            } else if u <= 0xDBFF && i + 3 >= n {
                if !lossy { throw .truncatedSequence(encoding: encoding.name, byteOffset: i) }
                scalars.append("\u{FFFD}")
                i += 2
            } else {
                if !lossy { throw .loneSurrogate(encoding: encoding.name, byteOffset: i) }
                scalars.append("\u{FFFD}")
                i += 2
            }
        }
        if i < n {
            if !lossy { throw .truncatedSequence(encoding: encoding.name, byteOffset: i) }
            scalars.append("\u{FFFD}")
        }
        return scalars
    }

    func decodeUTF32(_ bytes: UnsafeRawBufferPointer, bigEndian: Bool, encoding: TextEncoding) throws(DecodingError) -> [Unicode.Scalar] {
        let n = bytes.count
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(n / 4)
        var i = 0
        while i + 3 < n {
            let b = (UInt32(bytes[i]), UInt32(bytes[i + 1]), UInt32(bytes[i + 2]), UInt32(bytes[i + 3]))
            let value = bigEndian ? b.0 << 24 | b.1 << 16 | b.2 << 8 | b.3 : b.3 << 24 | b.2 << 16 | b.1 << 8 | b.0
            if let scalar = Unicode.Scalar(value) {
                scalars.append(scalar)
            } else {
                if !lossy { throw .invalidSequence(encoding: encoding.name, byteOffset: i) }
                scalars.append("\u{FFFD}")
            }
            i += 4
        }
        if i < n {
            if !lossy { throw .truncatedSequence(encoding: encoding.name, byteOffset: i) }
            scalars.append("\u{FFFD}")
        }
        return scalars
    }

    // MARK: ICU

    func decodeWithICU(_ bytes: UnsafeRawBufferPointer, encoding: TextEncoding) throws(DecodingError) -> [Unicode.Scalar] {
        guard bytes.count <= Int(Int32.max) / 2 else { throw .garbage(encoding: encoding.name, reason: "too large for ICU") }
        if bytes.isEmpty { return [] }
        var errorOffset: Int32 = -1
        let base = bytes.baseAddress!.assumingMemoryBound(to: CChar.self)
        let units: [UInt16]
        do {
            units = try ICU.withGrowingBuffer(UInt16.self, initialCapacity: bytes.count + 16,
                                              context: "decoding \(encoding.name)") { buffer, capacity, error in
                zb_decode(encoding.name, base, Int32(bytes.count), buffer, capacity, lossy ? 0 : 1, &errorOffset, &error)
            }
        } catch {
            switch error.code {
            case Int32(ZB_U_TRUNCATED_CHAR_FOUND):
                throw .truncatedSequence(encoding: encoding.name, byteOffset: Int(max(errorOffset, 0)))
            case Int32(ZB_U_ILLEGAL_CHAR_FOUND), Int32(ZB_U_INVALID_CHAR_FOUND):
                throw .invalidSequence(encoding: encoding.name, byteOffset: Int(max(errorOffset, 0)))
            default:
                throw .icu(error)
            }
        }
        return UTF16Units.decode(units)
    }
}

/// UTF-8 sequence validation shared by the decoder and the charset detector.
enum UTF8Validation {
    enum Step {
        case scalar(UInt32, length: Int)
        case invalid(length: Int)
        case truncated
    }

    /// Decodes the multi-byte sequence starting at `i` (whose first byte is >= 0x80).
    @inline(__always)
    static func sequence(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Step {
        let n = p.count
        let b0 = UInt32(p[i])
        let length: Int
        var value: UInt32
        var lowest: UInt32 = 0x80, highest: UInt32 = 0xBF  // allowed range of the second byte
        switch b0 {
        case 0xC2...0xDF: length = 2; value = b0 & 0x1F
        case 0xE0: length = 3; value = b0 & 0x0F; lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3; value = b0 & 0x0F
        case 0xED: length = 3; value = b0 & 0x0F; highest = 0x9F
        case 0xF0: length = 4; value = b0 & 0x07; lowest = 0x90
        case 0xF1...0xF3: length = 4; value = b0 & 0x07
        case 0xF4: length = 4; value = b0 & 0x07; highest = 0x8F
        default: return .invalid(length: 1)
        }
        for k in 1..<length {
            if i + k >= n { return .truncated }
            let b = UInt32(p[i + k])
            let low = k == 1 ? lowest : 0x80, high = k == 1 ? highest : 0xBF
            if b < low || b > high { return .invalid(length: k) }
            value = value << 6 | (b & 0x3F)
        }
        return .scalar(value, length: length)
    }
}
