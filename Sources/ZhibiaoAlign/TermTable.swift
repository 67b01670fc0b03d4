/// A map from terms to dense indices: open addressing with a multiplicative hash over one array
/// of keys, since looking terms up is the aligner's inner loop (Swift's `Dictionary` hashes with
/// SipHash, several times slower here).
struct TermTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0
    /// One bit per hash bucket of 2^16: most lookups of absent terms end here, in 8 KB that stay
    /// in the cache, instead of in the table.
    private var filter = [UInt64](repeating: 0, count: 1024)

    /// An empty key: no term packs to all ones (bit 63 set with bit 62 set is a concept, whose
    /// index never reaches 2^62 − 1).
    private static let empty = UInt64.max

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always) private static func bit(_ key: UInt64) -> (Int, UInt64) {
        let h = Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> 48)
        return (h >> 6, 1 << UInt64(h & 63))
    }

    /// The index of `key`, or -1.
    @inline(__always) func find(_ key: UInt64) -> Int32 {
        let (word, bit) = Self.bit(key)
        if filter[word] & bit == 0 { return -1 }
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == Self.empty { return -1 }
            i = (i + 1) & mask
        }
    }

    /// The index of `key`, inserting it with the next index when absent.
    mutating func insert(_ key: UInt64) -> Int32 {
        if (count + 1) * 2 > keys.count { grow() }
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == Self.empty {
                let (word, bit) = Self.bit(key)
                filter[word] |= bit
                keys[i] = key
                values[i] = Int32(count)
                count += 1
                return values[i]
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (k, key) in oldKeys.enumerated() where key != Self.empty {
            var i = slot(key)
            while keys[i] != Self.empty { i = (i + 1) & mask }
            keys[i] = key
            values[i] = oldValues[k]
        }
    }
}
