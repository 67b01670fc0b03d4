/// Writes CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a line
/// break), optionally starting with a UTF-8 byte order mark so that Excel reads it as UTF-8.
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(byteOrderMark: Bool) {
        if byteOrderMark { bytes = [0xEF, 0xBB, 0xBF] }
    }

    public mutating func row(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            if needsQuotes {
                bytes.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: field.utf8)
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }
}
