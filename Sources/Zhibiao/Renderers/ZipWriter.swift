import CZhibiaoZip

/// Writes a zip archive (PKWARE APPNOTE): deflated entries (stored when deflate does not help),
/// UTF-8 names, a fixed timestamp so that the same content gives the same bytes. No zip64: an
/// archive over 4 GB or 65,535 entries is not something Zhibiao writes.
public struct ZipWriter: Sendable {
    struct Entry {
        var name: [UInt8]
        var crc: UInt32
        var method: UInt16
        var compressed: Int
        var size: Int
        var offset: Int
    }

    public private(set) var bytes: [UInt8] = []
    private var entries: [Entry] = []

    public init() {}

    public mutating func add(_ name: String, _ data: [UInt8]) {
        let crc = data.withUnsafeBufferPointer { zb_crc32($0.baseAddress, $0.count) }
        var deflated = [UInt8](repeating: 0, count: zb_deflate_bound(data.count))
        let written = data.withUnsafeBufferPointer { input in
            deflated.withUnsafeMutableBufferPointer { output in
                zb_deflate_raw(input.baseAddress, input.count, output.baseAddress, output.count)
            }
        }
        let useDeflate = written > 0 && written < data.count
        let body = useDeflate ? Array(deflated[0..<written]) : data
        let entry = Entry(name: Array(name.utf8), crc: crc, method: useDeflate ? 8 : 0, compressed: body.count, size: data.count,
                          offset: bytes.count)
        u32(0x0403_4B50)
        u16(20); u16(0x0800); u16(entry.method); u16(0); u16(0x0021)  // version, UTF-8 names, method, 00:00, 1980-01-01
        u32(crc); u32(UInt32(body.count)); u32(UInt32(data.count))
        u16(UInt16(entry.name.count)); u16(0)
        bytes += entry.name
        bytes += body
        entries.append(entry)
    }

    /// The archive with its central directory.
    public mutating func finish() -> [UInt8] {
        let directoryStart = bytes.count
        for e in entries {
            u32(0x0201_4B50)
            u16(20); u16(20); u16(0x0800); u16(e.method); u16(0); u16(0x0021)
            u32(e.crc); u32(UInt32(e.compressed)); u32(UInt32(e.size))
            u16(UInt16(e.name.count)); u16(0); u16(0); u16(0); u16(0); u32(0); u32(UInt32(e.offset))
            bytes += e.name
        }
        let directorySize = bytes.count - directoryStart
        u32(0x0605_4B50)
        u16(0); u16(0); u16(UInt16(entries.count)); u16(UInt16(entries.count))
        u32(UInt32(directorySize)); u32(UInt32(directoryStart)); u16(0)
        return bytes
    }

    private mutating func u16(_ v: UInt16) { bytes += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private mutating func u32(_ v: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((v >> UInt32(shift)) & 0xFF)) } }
}
