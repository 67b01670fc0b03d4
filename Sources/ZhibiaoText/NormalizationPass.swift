import CZhibiaoICU
import ZhibiaoCore

/// One normalization pass: NFKC and character folds feed the whitespace-collapsing emitter.
struct NormalizationPass {
    let characters: CharacterTable
    let classes: CharacterClasses
    var emitter: Emitter

    init(characters: CharacterTable, classes: CharacterClasses, capacity: Int) {
        self.characters = characters
        self.classes = classes
        self.emitter = Emitter(capacity: capacity)
    }

    mutating func run(_ input: [Unicode.Scalar]) {
        let n = input.count
        let characters = self.characters, classes = self.classes  // the helpers below must not capture self
        input.withUnsafeBufferPointer { text in
            classes.bmp.withUnsafeBufferPointer { table in
                // Whether a combining mark follows position `j` (deleted characters skipped):
                // then the character before `j` is normalized together with the marks.
                func combiningFollows(_ j: Int) -> Bool {
                    var k = j
                    while k < n && characters.deletes(text[k]) { k += 1 }
                    return k < n && classes.classify(text[k], table) == .combining
                }
                // A base character (or a lone mark) with its marks and the deleted characters
                // among them, through ICU. Returns the index after the segment.
                func icuSegment(_ pass: inout NormalizationPass, from i: Int) -> Int {
                    var j = i + 1
                    while j < n && (characters.deletes(text[j]) || classes.classify(text[j], table) == .combining) { j += 1 }
                    pass.nfkc(input, i..<j)
                    return j
                }
                var i = 0
                while i < n {
                    switch classes.classify(text[i], table) {
                    case .plain:
                        var j = i + 1
                        while j < n && classes.classify(text[j], table) == .plain { j += 1 }
                        if j < n && combiningFollows(j) { j -= 1 }
                        if j > i {
                            emitter.plain(text[i..<j])
                            i = j
                        } else {
                            i = icuSegment(&self, from: i)
                        }
                    case .space:
                        // Never joined with marks that follow: the space may collapse away,
                        // and the marks must not land on the character before it.
                        single(text[i], at: i)
                        i += 1
                    case .table:
                        if combiningFollows(i + 1) && !characters.deletes(text[i]) && !characters.keeps(text[i]) {
                            i = icuSegment(&self, from: i)
                        } else {
                            single(text[i], at: i)
                            i += 1
                        }
                    case .mapped:
                        if combiningFollows(i + 1) {
                            i = icuSegment(&self, from: i)
                        } else {
                            mapped(text[i], at: i)
                            i += 1
                        }
                    case .combining:
                        i = icuSegment(&self, from: i)
                    }
                }
            }
        }
    }

    /// A BMP character whose NFKC on its own comes from the table.
    @inline(__always)
    mutating func mapped(_ scalar: Unicode.Scalar, at offset: Int) {
        let code = classes.nfkc.codes[Int(scalar.value)] - 2
        let start = Int(code >> 5), length = Int(code & 31)
        if length == 1, let target = Unicode.Scalar(UInt32(classes.nfkc.mapping[start])) {
            single(target, at: offset)
            return
        }
        segment(UTF16Units.decode(classes.nfkc.mapping[start..<(start + length)]), original: offset..<(offset + 1), contiguous: true)
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
        } else if Emitter.isSpace(folded[0]) {
            // White space before combining marks (U+3000 and a mark, NFKC of ¨) stays a space
            // of its own, so the marks never land on the character before it; the space takes
            // the first original character, the marks the rest.
            let split = original.lowerBound + 1
            emitter.whitespace(folded[0], original: original.lowerBound..<split)
            emitter.group(folded.dropFirst().filter { !Emitter.isSpace($0) }, original: split..<original.upperBound)
        } else {
            // Any other white space inside a mixed segment is dropped, so that normalizing
            // again gives the same text.
            emitter.group(folded.filter { !Emitter.isSpace($0) }, original: original)
        }
    }
}
