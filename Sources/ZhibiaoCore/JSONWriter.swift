/// Writes JSON with keys in the order given, into UTF-8 bytes: the output contracts (JSON Lines,
/// outline JSON) must be byte-stable across runs, and fast.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value at the current depth needs a comma before it; the outer depths'
    /// flags wait in `outer`.
    private var needsComma = false
    private var outer: [Bool] = []

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); outer.append(needsComma); needsComma = false }
    public mutating func endObject() { needsComma = outer.popLast() ?? false; bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); outer.append(needsComma); needsComma = false }
    public mutating func endArray() { needsComma = outer.popLast() ?? false; bytes.append(UInt8(ascii: "]")) }

    /// Writes `"name":`; the next value belongs to it. Names are the writer's own field names
    /// (plain ASCII identifiers): they are copied without escaping.
    public mutating func key(_ name: String) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        var name = name
        name.withUTF8 { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A key as ``key(_:)`` writes it, `"name":`, for ``key(bytes:)``.
    public static func keyBytes(_ name: String) -> [UInt8] { Array(("\"" + name + "\":").utf8) }

    /// Writes a key prepared by ``keyBytes(_:)``: a writer that repeats the same keys for every
    /// record copies them.
    public mutating func key(bytes key: [UInt8]) {
        separator()
        appendBytes(key)
        needsComma = false
    }

    /// A decimal number in plain notation (as `DecimalNumber.description`), written digit by
    /// digit without an intermediate string.
    public mutating func decimal(_ value: DecimalNumber) {
        separator()
        let significand = value.significand, exponent = value.exponent
        guard let small = UInt64(exactly: significand.magnitude) else {
            var text = value.description
            text.withUTF8 { bytes.append(contentsOf: $0) }
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
            var count = 0
            var rest = small
            repeat {
                digits[count] = UInt8(truncatingIfNeeded: 0x30 &+ rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            if significand < 0 { bytes.append(UInt8(ascii: "-")) }
            if exponent >= 0 {
                while count > 0 { count -= 1; bytes.append(digits[count]) }
                if significand != 0 { for _ in 0..<exponent { bytes.append(UInt8(ascii: "0")) } }
                return
            }
            let point = -exponent
            if count <= point {
                // 0.05: zeros before the digits.
                bytes.append(UInt8(ascii: "0"))
                bytes.append(UInt8(ascii: "."))
                for _ in 0..<(point - count) { bytes.append(UInt8(ascii: "0")) }
                while count > 0 { count -= 1; bytes.append(digits[count]) }
                return
            }
            while count > 0 {
                if count == point { bytes.append(UInt8(ascii: ".")) }
                count -= 1
                bytes.append(digits[count])
            }
        }
    }

    private static let trueBytes = Array("true".utf8), falseBytes = Array("false".utf8), nullBytes = Array("null".utf8)

    @inline(__always)
    private mutating func appendBytes(_ source: [UInt8]) {
        source.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    public mutating func string(_ value: String) { separator(); appendString(value) }
    public mutating func string<C: Collection>(scalars: C) where C.Element == Unicode.Scalar { separator(); appendString(scalars: scalars) }
    public mutating func int(_ value: Int) { separator(); appendInt(value) }
    public mutating func bool(_ value: Bool) { separator(); appendBytes(value ? Self.trueBytes : Self.falseBytes) }
    public mutating func null() { separator(); appendBytes(Self.nullBytes) }
    /// A number already formatted as JSON (e.g. an exact decimal `16.4`).
    public mutating func number(literal: String) {
        separator()
        var literal = literal
        literal.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func field(_ name: String, _ value: String?) { key(name); if let value { string(value) } else { null() } }
    public mutating func field(_ name: String, _ value: Int?) { key(name); if let value { int(value) } else { null() } }
    public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }

    /// Starts the next JSON Lines record.
    public mutating func newline() {
        bytes.append(0x0A)
        needsComma = false
        outer.removeAll(keepingCapacity: true)
    }

    /// Forgets what was written, keeping the buffer's capacity (one writer for many records).
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
        outer.removeAll(keepingCapacity: true)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    private mutating func separator() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    private mutating func appendInt(_ value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 + value))
            return
        }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[count] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            while count > 0 {
                count -= 1
                bytes.append(digits[count])
            }
        }
    }

    /// A string's UTF-8 between quotes: the runs that need no escape copied at once, each
    /// escape written between them (the same output as ``appendString(scalars:)``).
    private mutating func appendString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            let n = utf8.count
            var runStart = 0
            var i = 0
            while i < n {
                let b = utf8[i]
                // 0xE2 may start U+2028/2029 (E2 80 A8/A9): only those two are escaped.
                guard b < 0x20 || b == 0x22 || b == 0x5C || (b == 0xE2 && Self.isLineSeparator(utf8, at: i)) else {
                    i += 1
                    continue
                }
                if i > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                switch b {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0xE2:
                    appendUnicodeEscape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    i += 2
                default: appendUnicodeEscape(UInt32(b))
                }
                i += 1
                runStart = i
            }
            if n > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    @inline(__always)
    private static func isLineSeparator(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9)
    }

    private mutating func appendUnicodeEscape(_ value: UInt32) {
        let hex = String(value, radix: 16)
        bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
    }

    private mutating func appendString<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        bytes.append(UInt8(ascii: "\""))
        for scalar in scalars {
            switch scalar {
            case "\"": bytes.append(contentsOf: [0x5C, 0x22])
            case "\\": bytes.append(contentsOf: [0x5C, 0x5C])
            case "\n": bytes.append(contentsOf: [0x5C, 0x6E])
            case "\r": bytes.append(contentsOf: [0x5C, 0x72])
            case "\t": bytes.append(contentsOf: [0x5C, 0x74])
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    appendUnicodeEscape(scalar.value)
                } else {
                    UTF8Encoding.append(scalar, to: &bytes)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
