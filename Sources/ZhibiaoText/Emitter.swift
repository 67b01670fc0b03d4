import ZhibiaoCore

/// Writes normalized scalars and the offset map, collapsing layout whitespace on the way.
struct Emitter {
    var output: [Unicode.Scalar] = []
    private var builder = OffsetMapBuilder()
    /// Original offset where the pending whitespace run starts, or -1.
    private var pendingStart = -1
    private var pendingEnd = 0
    private var pendingBreaks = 0
    private var pendingTab = false
    private var lastWasCR = false

    init(capacity: Int) {
        output.reserveCapacity(capacity)
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// A space, tab or line break at `original`.
    mutating func whitespace(_ s: Unicode.Scalar, original: Range<Int>) {
        if pendingStart < 0 { pendingStart = original.lowerBound }
        pendingEnd = original.upperBound
        switch s.value {
        case 0x20:
            lastWasCR = false
        case 0x09:
            pendingTab = true
            lastWasCR = false
        case 0x0A:
            if !lastWasCR { pendingBreaks += 1 }
            lastWasCR = false
        case 0x0D:
            pendingBreaks += 1
            lastWasCR = true
        default:
            pendingBreaks += 1
            lastWasCR = false
        }
    }

    /// Original scalars that produce nothing.
    mutating func deleted(original: Range<Int>) {
        if pendingStart >= 0 {
            pendingEnd = original.upperBound
        } else {
            builder.appendGroup(normalized: 0, original: original.count)
        }
    }

    /// Characters copied as they are, one to one.
    @inline(__always)
    mutating func plain(_ scalars: Slice<UnsafeBufferPointer<Unicode.Scalar>>) {
        if pendingStart >= 0 { flush() }
        output.append(contentsOf: scalars)
        builder.appendAligned(scalars.count)
    }

    /// One scalar from one original scalar.
    @inline(__always)
    mutating func aligned(_ s: Unicode.Scalar) {
        if pendingStart >= 0 { flush() }
        output.append(s)
        builder.appendAligned(1)
    }

    /// Scalars that came from `original` as a unit.
    mutating func group(_ scalars: [Unicode.Scalar], original: Range<Int>) {
        if pendingStart >= 0 { flush() }
        output.append(contentsOf: scalars)
        builder.appendGroup(normalized: scalars.count, original: original.count)
    }

    private mutating func flush() {
        let length = pendingEnd - pendingStart
        let atStart = output.isEmpty
        if pendingBreaks > 0 {
            if atStart {
                builder.appendGroup(normalized: 0, original: length)
            } else {
                let breaks = min(pendingBreaks, 2)
                for _ in 0..<breaks { output.append("\n") }
                builder.appendGroup(normalized: breaks, original: length)
            }
        } else if atStart || output.last == "\n" {
            builder.appendGroup(normalized: 0, original: length)
        } else {
            output.append(pendingTab ? "\t" : " ")
            builder.appendGroup(normalized: 1, original: length)
        }
        pendingStart = -1
        pendingBreaks = 0
        pendingTab = false
        lastWasCR = false
    }

    /// Drops trailing whitespace and returns the map.
    mutating func finish() -> OffsetMap {
        if pendingStart >= 0 {
            builder.appendGroup(normalized: 0, original: pendingEnd - pendingStart)
            pendingStart = -1
        }
        return builder.build()
    }
}
