import CZhibiaoICU

/// An ICU transliterator handle. Not thread-safe: one per task.
public final class ICUTransliterator {
    private let handle: OpaquePointer
    public let id: String

    /// A system transliterator, e.g. `Traditional-Simplified`.
    public init(id: String) throws(ICUError) {
        var error: Int32 = 0
        let handle = zb_translit_open(id, &error)
        guard error <= 0, let handle else { throw ICUError(code: error, context: "opening transliterator \(id)") }
        self.handle = handle
        self.id = id
    }

    /// A transliterator compiled from rule text.
    public init(id: String, rules: String) throws(ICUError) {
        var error: Int32 = 0
        var line: Int32 = -1, offset: Int32 = -1
        let units = Array(rules.utf16)
        let handle = zb_translit_open_rules(id, units, Int32(units.count), &line, &offset, &error)
        guard error <= 0, let handle else {
            throw ICUError(code: error, context: "compiling transliterator rules (line \(line), offset \(offset))")
        }
        self.handle = handle
        self.id = id
    }

    deinit { zb_translit_close(handle) }

    /// The rules as ICU source text.
    public func rules() throws(ICUError) -> String {
        let units = try ICU.withGrowingBuffer(UInt16.self, initialCapacity: 1 << 16, context: "reading rules of \(id)") { buffer, capacity, error in
            zb_translit_rules(handle, buffer, capacity, &error)
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Transliterates a string (the whole text in one call, so phrase rules apply).
    public func transliterate(_ text: String) throws(ICUError) -> String {
        let units = Array(text.utf16)
        var capacity = units.count + units.count / 4 + 16
        while true {
            var buffer = units + [UInt16](repeating: 0, count: capacity - units.count)
            var error: Int32 = 0
            let length = zb_translit_apply(handle, &buffer, Int32(units.count), Int32(capacity), &error)
            if error == Int32(ZB_U_BUFFER_OVERFLOW_ERROR) { capacity = max(Int(length), capacity * 2); continue }
            if error > 0 { throw ICUError(code: error, context: "transliterating with \(id)") }
            return String(decoding: buffer[..<Int(length)], as: UTF16.self)
        }
    }
}
