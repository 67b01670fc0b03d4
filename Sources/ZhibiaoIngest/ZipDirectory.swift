/// A zip's central directory, read and checked against the file before anything is inflated.
///
/// The end-of-central-directory record gives where the directory is; each directory entry gives
/// where its local header and data are. Every offset is checked to lie inside the file, so a
/// damaged or hostile zip is refused here, not followed. Zip64 records are read the same way.
///
/// Zhibiao reads zips itself rather than through `ZIPFoundation.Archive` because fuzzing found
/// two ways that reader fails on damaged files: its in-memory reader traps on a seek past the
/// end, and its inflater loops forever on a deflate stream that never ends (it keeps reading
/// empty chunks at the end of the file, and tells zlib a short last chunk is full length).
/// Entries are inflated by zlib in one call over exactly ``Entry/data`` (`zb_inflate_raw`).
struct ZipDirectory {
    struct Broken: Error, CustomStringConvertible {
        var description: String
    }

    struct Entry {
        /// The name as stored (UTF-8 or, in old zips, code page 437; OOXML part names are ASCII).
        var path: String
        /// 0 stored, 8 deflated.
        var method: Int
        var encrypted: Bool
        var crc32: UInt32
        var uncompressedSize: UInt64
        /// Where the entry's compressed bytes are in the file.
        var data: Range<Int>
    }

    /// Entries by path; the first of duplicate names wins, as in most unzip tools.
    private(set) var entries: [String: Entry] = [:]

    subscript(path: String) -> Entry? { entries[path] }

    init(_ bytes: [UInt8]) throws(Broken) {
        let count = bytes.count
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
        func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= count && u32(at) == value }

        // The end-of-central-directory record: 22 bytes and a comment of up to 65,535.
        var end = -1
        var at = count - 22
        while at >= max(0, count - 22 - 65_535) {
            if signature(at, 0x0605_4B50) { end = at; break }
            at -= 1
        }
        guard end >= 0 else { throw Broken(description: "no zip central directory") }
        var entryCount = UInt64(u16(end + 10))
        var directorySize = UInt64(u32(end + 12))
        var directoryOffset = UInt64(u32(end + 16))
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // Zip64: a locator just before points to the zip64 end record.
            guard signature(end - 20, 0x0706_4B50) else { throw Broken(description: "zip64 locator missing") }
            let record = u64(end - 20 + 8)
            guard count >= 56, record <= UInt64(count - 56), signature(Int(record), 0x0606_4B50) else {
                throw Broken(description: "zip64 end record outside the file")
            }
            entryCount = u64(Int(record) + 32)
            directorySize = u64(Int(record) + 40)
            directoryOffset = u64(Int(record) + 48)
        }
        guard directoryOffset <= UInt64(count), directorySize <= UInt64(count) - directoryOffset,
              entryCount <= directorySize / 46 else {
            throw Broken(description: "the zip directory points outside the file")
        }
        // Each central directory entry and the local header it points to.
        var position = Int(directoryOffset)
        for _ in 0..<Int(entryCount) {
            guard position + 46 <= count, signature(position, 0x0201_4B50) else {
                throw Broken(description: "damaged zip directory entry at byte \(position)")
            }
            let flags = u16(position + 8), method = u16(position + 10)
            let crc32 = UInt32(u32(position + 16))
            var compressed = UInt64(u32(position + 20))
            var uncompressed = UInt64(u32(position + 24))
            var local = UInt64(u32(position + 42))
            let nameLength = u16(position + 28), extraLength = u16(position + 30), commentLength = u16(position + 32)
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= count else { throw Broken(description: "damaged zip directory entry at byte \(position)") }
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                // Zip64 extra field (id 1): the 8-byte values that overflowed, in order.
                var extra = position + 46 + nameLength
                let extraEnd = extra + extraLength
                while extra + 4 <= extraEnd {
                    let id = u16(extra), size = u16(extra + 2)
                    if id == 1 {
                        var field = extra + 4
                        if uncompressed == 0xFFFF_FFFF, field + 8 <= extraEnd { uncompressed = u64(field); field += 8 }
                        if compressed == 0xFFFF_FFFF, field + 8 <= extraEnd { compressed = u64(field); field += 8 }
                        if local == 0xFFFF_FFFF, field + 8 <= extraEnd { local = u64(field) }
                    }
                    extra += 4 + size
                }
            }
            guard count >= 30, local <= UInt64(count - 30), signature(Int(local), 0x0403_4B50) else {
                throw Broken(description: "a zip entry's header is outside the file")
            }
            let start = Int(local) + 30 + u16(Int(local) + 26) + u16(Int(local) + 28)
            guard start <= count, compressed <= UInt64(count - start) else {
                throw Broken(description: "a zip entry's data runs past the end of the file")
            }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            if entries[name] == nil {
                entries[name] = Entry(path: name, method: method, encrypted: flags & 1 != 0, crc32: crc32,
                                      uncompressedSize: uncompressed, data: start..<(start + Int(compressed)))
            }
            position = next
        }
    }
}
