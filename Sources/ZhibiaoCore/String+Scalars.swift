extension String {
    /// Builds a string from Unicode scalars without going through `Character`.
    @inlinable
    public init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.count * 3)
        for scalar in scalars { UTF8Encoding.append(scalar, to: &utf8) }
        self = String(decoding: utf8, as: UTF8.self)
    }

    /// The string's Unicode scalars as an array.
    public var scalarArray: [Unicode.Scalar] { Array(unicodeScalars) }
}

/// Small UTF-8 helpers for hot loops.
public enum UTF8Encoding {
    @inlinable @inline(__always)
    public static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            bytes.append(UInt8(v))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | (v >> 6)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | (v >> 12)))
            bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (v >> 18)))
            bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// UTF-8 bytes of a scalar sequence.
    @inlinable
    public static func encode<C: Collection>(_ scalars: C) -> [UInt8] where C.Element == Unicode.Scalar {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 3)
        for scalar in scalars { append(scalar, to: &bytes) }
        return bytes
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces (data-file fields).
    package func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " { scalars.removeFirst() }
        while let last = scalars.last, last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
