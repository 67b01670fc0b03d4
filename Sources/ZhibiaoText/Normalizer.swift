import CZhibiaoICU
import ZhibiaoCore

/// Turns an original text into the normalized text every later stage reads, with an exact map
/// back to the original.
///
/// In one left-to-right pass: NFKC (full-width digits, letters and ASCII punctuation become
/// half-width, `（一）` becomes `(一)`), except for characters `characters.tsv` keeps; the
/// character table's folds and deletions (dashes, quotes, zero-width characters); layout
/// whitespace (runs of spaces become one, lines are trimmed, CR LF becomes LF, at most one
/// blank line). Then, unless the script is kept, Traditional to Simplified, which never
/// changes a length.
///
/// NFKC runs through ICU only on runs of characters that are not NFKC-inert; Han characters
/// and digits, most of a Chinese document, are copied without a call.
public struct Normalizer: Sendable {
    /// What to do with the script.
    public enum ScriptMode: String, Sendable, CaseIterable {
        /// Convert Traditional to Simplified (the default).
        case hans
        /// Keep the script as written.
        case keep
    }

    public var scriptMode: ScriptMode
    public let characters: CharacterTable
    /// Needed when `scriptMode` is `.hans`, and to detect the script.
    public let converter: ScriptConverter?

    public init(characters: CharacterTable, converter: ScriptConverter?, scriptMode: ScriptMode = .hans) {
        self.characters = characters
        self.converter = converter
        self.scriptMode = scriptMode
    }

    /// The result of normalizing a text.
    public struct Result: Sendable {
        public var text: [Unicode.Scalar]
        public var map: OffsetMap
        /// Script of the input (`.none` when no converter is available to tell).
        public var script: Script
    }

    public func normalize(_ document: IngestedDocument) -> NormalizedDocument {
        let result = normalize(document.text)
        var source = document.source
        source.script = result.script
        return NormalizedDocument(source: source, original: document.text, text: result.text, map: result.map,
                                  blocks: document.blocks)
    }

    public func normalize(_ original: [Unicode.Scalar]) -> Result {
        var pass = NormalizationPass(characters: characters, capacity: original.count)
        pass.run(original)
        var text = pass.emitter.output
        let map = pass.emitter.finish()
        var script = Script.none
        if let converter {
            let counts = scriptMode == .hans ? converter.convert(&text) : converter.counts(text)
            script = counts.script
        }
        return Result(text: text, map: map, script: script)
    }
}

/// NFKC-inert BMP characters, read once from ICU.
enum NFKCInert {
    static let bmp: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for c in 0..<0x10000 where zb_nfkc_is_inert(Int32(c)) != 0 {
            bits[c >> 6] |= 1 << UInt64(c & 63)
        }
        return bits
    }()

    @inline(__always)
    static func contains(_ scalar: Unicode.Scalar, in bits: UnsafeBufferPointer<UInt64>) -> Bool {
        let v = scalar.value
        if v < 0x10000 { return bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
        return zb_nfkc_is_inert(Int32(v)) != 0
    }
}

/// One normalization pass: NFKC and character folds feed the whitespace-collapsing emitter.
struct NormalizationPass {
    let characters: CharacterTable
    var emitter: Emitter

    init(characters: CharacterTable, capacity: Int) {
        self.characters = characters
        self.emitter = Emitter(capacity: capacity)
    }

    mutating func run(_ input: [Unicode.Scalar]) {
        let n = input.count
        NFKCInert.bmp.withUnsafeBufferPointer { inert in
            var i = 0
            while i < n {
                let scalar = input[i]
                if NFKCInert.contains(scalar, in: inert) || characters.keeps(scalar) {
                    single(scalar, at: i)
                    i += 1
                    continue
                }
                // A run of scalars NFKC may change. Characters the table deletes are removed
                // before NFKC, not after: "a<U+FEFF>\u{301}" must compose to "á" now, or a
                // second normalization would compose it and differ.
                var j = i + 1
                while j < n {
                    let next = input[j]
                    if characters.deletes(next) || !(NFKCInert.contains(next, in: inert) || characters.keeps(next)) {
                        j += 1
                    } else {
                        break
                    }
                }
                nfkc(input, i..<j)
                i = j
            }
        }
    }

    /// One scalar that maps to one original scalar.
    @inline(__always)
    mutating func single(_ scalar: Unicode.Scalar, at offset: Int) {
        var s = scalar
        switch characters.action(scalar) {
        case .delete?:
            emitter.deleted(original: offset..<(offset + 1))
            return
        case .fold(let target)?:
            s = target
        case .keep?, nil:
            break
        }
        if Emitter.isSpace(s) {
            emitter.whitespace(s, original: offset..<(offset + 1))
        } else {
            emitter.aligned(s)
        }
    }

    /// A run of non-inert scalars through ICU's NFKC, segment by segment. Deleted characters
    /// inside the run are left out of ICU's input and recorded as deletions.
    mutating func nfkc(_ input: [Unicode.Scalar], _ run: Range<Int>) {
        var kept: [Unicode.Scalar] = []
        var origin: [Int] = []  // original offset of each kept scalar
        kept.reserveCapacity(run.count)
        origin.reserveCapacity(run.count + 1)
        for offset in run where !characters.deletes(input[offset]) {
            kept.append(input[offset])
            origin.append(offset)
        }
        var consumed = run.lowerBound
        defer {
            if consumed < run.upperBound { emitter.deleted(original: consumed..<run.upperBound) }
        }
        guard !kept.isEmpty else { return }
        let (units, scalarIndex) = UTF16Units.encode(kept[...], withIndex: true)
        var capacity = units.count * 4 + 16
        var mapStart = [Int32](repeating: 0, count: capacity)
        var mapEnd = mapStart
        var output = [UInt16](repeating: 0, count: capacity)
        var error: Int32 = 0
        var produced = Int(zb_nfkc_mapped(units, Int32(units.count), &output, Int32(capacity), &mapStart, &mapEnd, &error))
        if error == Int32(ZB_U_BUFFER_OVERFLOW_ERROR) {
            capacity = produced + 16
            mapStart = [Int32](repeating: 0, count: capacity)
            mapEnd = mapStart
            output = [UInt16](repeating: 0, count: capacity)
            error = 0
            produced = Int(zb_nfkc_mapped(units, Int32(units.count), &output, Int32(capacity), &mapStart, &mapEnd, &error))
        }
        if error > 0 {
            // ICU could not normalize (it should not happen): keep the run as written.
            for offset in run {
                if characters.deletes(input[offset]) { emitter.deleted(original: offset..<(offset + 1)) }
                else { single(input[offset], at: offset) }
            }
            consumed = run.upperBound
            return
        }
        // Group output scalars by the input segment they came from; a surrogate pair copied
        // unit by unit shows up as two adjacent one-unit ranges and is joined here.
        var k = 0
        var segment: [Unicode.Scalar] = []
        var segmentStart = -1, segmentEnd = -1
        func flush(_ pass: inout NormalizationPass) {
            guard segmentStart >= 0 else { return }
            let first = origin[scalarIndex[segmentStart]]
            let last = origin[scalarIndex[segmentEnd] - 1]
            if first > consumed { pass.emitter.deleted(original: consumed..<first) }
            let contiguous = scalarIndex[segmentEnd] - scalarIndex[segmentStart] == last + 1 - first
            pass.segment(segment, original: first..<(last + 1), contiguous: contiguous)
            consumed = last + 1
            segment.removeAll(keepingCapacity: true)
        }
        while k < produced {
            var length = 1
            var value = UInt32(output[k])
            if value >= 0xD800 && value <= 0xDBFF && k + 1 < produced {
                value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(output[k + 1]) - 0xDC00)
                length = 2
            }
            let start = Int(mapStart[k]), end = Int(mapEnd[k + length - 1])
            if start != segmentStart || end != segmentEnd {
                flush(&self)
                segmentStart = start
                segmentEnd = end
            }
            segment.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            k += length
        }
        flush(&self)
    }

    /// The output of one NFKC segment.
    mutating func segment(_ scalars: [Unicode.Scalar], original: Range<Int>, contiguous: Bool) {
        if scalars.count == original.count && contiguous {
            // Same length: NFKC changed characters one for one (full-width forms, spaces).
            for (k, scalar) in scalars.enumerated() { single(scalar, at: original.lowerBound + k) }
            return
        }
        var folded: [Unicode.Scalar] = []
        folded.reserveCapacity(scalars.count)
        for scalar in scalars {
            switch characters.action(scalar) {
            case .delete?: continue
            case .fold(let target)?: folded.append(target)
            case .keep?, nil: folded.append(scalar)
            }
        }
        if folded.isEmpty {
            emitter.deleted(original: original)
        } else if folded.allSatisfy(Emitter.isSpace) {
            emitter.whitespace(folded[0], original: original)
        } else {
            // White space inside a mixed segment (U+3000 before a combining mark, NFKC of ¨)
            // is dropped, so that normalizing again gives the same text.
            emitter.group(folded.filter { !Emitter.isSpace($0) }, original: original)
        }
    }
}

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
