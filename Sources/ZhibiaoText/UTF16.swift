/// Conversions between Unicode scalars and UTF-16 for ICU calls.
enum UTF16Units {
    /// UTF-16 units of `scalars`; `scalarIndex[u]` is the scalar each unit belongs to, with a
    /// final sentinel equal to `scalars.count` (only built when `withIndex`).
    static func encode(_ scalars: ArraySlice<Unicode.Scalar>, withIndex: Bool) -> (units: [UInt16], scalarIndex: [Int]) {
        var units: [UInt16] = []
        units.reserveCapacity(scalars.count + 8)
        var index: [Int] = []
        if withIndex { index.reserveCapacity(scalars.count + 9) }
        var position = 0
        for scalar in scalars {
            let v = scalar.value
            if v < 0x10000 {
                units.append(UInt16(v))
                if withIndex { index.append(position) }
            } else {
                let w = v - 0x10000
                units.append(UInt16(0xD800 + (w >> 10)))
                units.append(UInt16(0xDC00 + (w & 0x3FF)))
                if withIndex { index.append(position); index.append(position) }
            }
            position += 1
        }
        if withIndex { index.append(position) }
        return (units, index)
    }

    /// Scalars of well-formed UTF-16 (lone surrogates become U+FFFD; ICU never produces them).
    static func decode<C: Collection>(_ units: C) -> [Unicode.Scalar] where C.Element == UInt16 {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: break loop
            case .error: scalars.append("\u{FFFD}")
            }
        }
        return scalars
    }
}

/// `Array.withUnsafeBytes` for closures with a typed error.
func withBytes<R, E: Error>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    let result: Result<R, E> = bytes.withUnsafeBytes { raw in
        Result { () throws(E) -> R in try body(raw) }
    }
    return try result.get()
}
