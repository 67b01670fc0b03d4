import CZhibiaoICU

/// NFKC of every BMP character on its own, read once from ICU (a few milliseconds).
struct NFKCTable: Sendable {
    let codes: [UInt32]
    let mapping: [UInt16]

    static let shared = NFKCTable()

    private init() {
        var codes = [UInt32](repeating: 0, count: 0x10000)
        var mapping = [UInt16](repeating: 0, count: 1 << 15)
        var error: Int32 = 0
        var used = Int(zb_nfkc_bmp_table(&codes, &mapping, Int32(mapping.count), &error))
        if error == Int32(ZB_U_BUFFER_OVERFLOW_ERROR) {
            mapping = [UInt16](repeating: 0, count: used)
            error = 0
            used = Int(zb_nfkc_bmp_table(&codes, &mapping, Int32(mapping.count), &error))
        }
        if error > 0 {
            // Without the table every non-ASCII character goes through ICU: slower, still right.
            codes = (0..<0x10000).map { $0 < 0x80 ? 0 : UInt32(ZB_NFKC_COMBINING) }
            used = 0
        }
        self.codes = codes
        self.mapping = Array(mapping.prefix(used))
    }
}

/// What the normalizer does with each BMP character: the NFKC table combined with
/// `characters.tsv`. Built once per normalizer (one pass over 65,536 entries).
final class CharacterClasses: Sendable {
    enum Class: UInt8 {
        /// Unchanged, not white space, no table entry: copied in bulk.
        case plain
        /// Space, tab or line break: collapsed by the emitter.
        case space
        /// Kept out of NFKC, deleted, or folded (when NFKC leaves it alone).
        case table
        /// NFKC maps it, on its own, to part of `NFKCTable.mapping`.
        case mapped
        /// No normalization boundary before it (a combining mark), or outside the BMP and not
        /// NFKC-inert: normalized by ICU with its neighbours.
        case combining
    }

    let bmp: [UInt8]
    let nfkc = NFKCTable.shared
    let characters: CharacterTable

    init(characters: CharacterTable) {
        self.characters = characters
        var bmp = [UInt8](repeating: Class.plain.rawValue, count: 0x10000)
        for c in 0..<0x10000 {
            let code = nfkc.codes[c]
            guard let scalar = Unicode.Scalar(UInt32(c)) else { continue }
            let cls: Class
            if code == UInt32(ZB_NFKC_COMBINING) {
                cls = .combining
            } else if let action = characters.action(scalar) {
                switch action {
                case .keep, .delete: cls = .table
                case .fold: cls = code == UInt32(ZB_NFKC_IDENTITY) ? .table : .mapped
                }
            } else if code != UInt32(ZB_NFKC_IDENTITY) {
                cls = .mapped
            } else if Emitter.isSpace(scalar) {
                cls = .space
            } else {
                cls = .plain
            }
            bmp[c] = cls.rawValue
        }
        self.bmp = bmp
    }

    @inline(__always)
    func classify(_ scalar: Unicode.Scalar, _ table: UnsafeBufferPointer<UInt8>) -> Class {
        let v = scalar.value
        if v < 0x10000 { return Class(rawValue: table[Int(v)]).unsafelyUnwrapped }
        if characters.action(scalar) != nil { return .table }
        return zb_nfkc_is_inert(Int32(v)) != 0 ? .plain : .combining
    }
}
