/// Writes JSON with keys in the order given, into UTF-8 bytes: the output contracts (JSON Lines,
/// outline JSON) must be byte-stable across runs, and fast.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"name":`; the next value belongs to it. Names are the writer's own field names
    /// (plain ASCII identifiers): they are copied without escaping.
    public mutating func key(_ name: String) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ value: String) { separator(); appendString(value) }
    public mutating func string<C: Collection>(scalars: C) where C.Element == Unicode.Scalar { separator(); appendString(scalars: scalars) }
    public mutating func int(_ value: Int) { separator(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func bool(_ value: Bool) { separator(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { separator(); bytes.append(contentsOf: "null".utf8) }
    /// A number already formatted as JSON (e.g. an exact decimal `16.4`).
    public mutating func number(literal: String) { separator(); bytes.append(contentsOf: literal.utf8) }

    public mutating func field(_ name: String, _ value: String?) { key(name); if let value { string(value) } else { null() } }
    public mutating func field(_ name: String, _ value: Int?) { key(name); if let value { int(value) } else { null() } }
    public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }

    /// Starts the next JSON Lines record.
    public mutating func newline() {
        bytes.append(0x0A)
        needsComma = [false]
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func appendString(_ value: String) {
        // Most strings need no escape: copy their UTF-8 at once (0xE2 may start U+2028/2029).
        let plain = value.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0xE2 }
        guard plain else { return appendString(scalars: value.unicodeScalars) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: value.utf8)
        bytes.append(UInt8(ascii: "\""))
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
                    let hex = String(scalar.value, radix: 16)
                    bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    UTF8Encoding.append(scalar, to: &bytes)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
