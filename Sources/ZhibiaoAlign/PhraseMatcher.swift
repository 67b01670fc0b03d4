import ZhibiaoCore

/// Finds lexicon phrases in a text of Unicode scalars: at each position the longest phrase that
/// starts there, left to right, without overlaps.
///
/// Phrases are grouped by their first scalar and tried longest first, so a lookup costs one
/// dictionary probe per position plus the comparisons of the few phrases sharing that scalar.
/// Built once per lexicon, immutable.
public struct PhraseMatcher<Payload: Sendable>: Sendable {
    /// One phrase and what it stands for.
    public struct Entry: Sendable {
        public var phrase: [Unicode.Scalar]
        public var payload: Payload
    }

    /// A phrase found in a text: its scalar range and payload.
    public struct Match: Sendable {
        public var range: Range<Int>
        public var payload: Payload
    }

    /// Phrases by first scalar, longest first: `lists[bmpIndex[scalar]]` for the BMP (a flat
    /// table, no hashing in the loop), `supplementary` beyond.
    private var lists: [[Entry]] = []
    private var bmpIndex: [Int32] = []
    private var supplementary: [UInt32: Int] = [:]

    public init() {}

    public init(_ entries: [(String, Payload)]) {
        for (phrase, payload) in entries { add(phrase, payload) }
    }

    public mutating func add(_ phrase: String, _ payload: Payload) {
        let scalars = Array(phrase.unicodeScalars)
        guard let first = scalars.first else { return }
        if bmpIndex.isEmpty { bmpIndex = [Int32](repeating: -1, count: 0x10000) }
        var index = first.value < 0x10000 ? Int(bmpIndex[Int(first.value)]) : (supplementary[first.value] ?? -1)
        if index < 0 {
            index = lists.count
            lists.append([])
            if first.value < 0x10000 { bmpIndex[Int(first.value)] = Int32(index) } else { supplementary[first.value] = index }
        }
        lists[index].append(Entry(phrase: scalars, payload: payload))
        lists[index].sort { $0.phrase.count > $1.phrase.count }
    }

    public var isEmpty: Bool { lists.isEmpty }

    @inline(__always) private func candidates(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x10000 { return Int(bmpIndex[Int(v)]) }
        return supplementary[v] ?? -1
    }

    /// The longest phrase starting at `position`, if any.
    public func longest(in text: [Unicode.Scalar], at position: Int, end: Int) -> Entry? {
        guard position < end, !lists.isEmpty else { return nil }
        let index = candidates(text[position])
        guard index >= 0 else { return nil }
        for entry in lists[index] where position + entry.phrase.count <= end {
            var equal = true
            for k in 1..<entry.phrase.count where text[position + k] != entry.phrase[k] {
                equal = false
                break
            }
            if equal { return entry }
        }
        return nil
    }

    /// Leftmost-longest matches in `text[range]`, without overlaps.
    public func matches(in text: [Unicode.Scalar], range: Range<Int>) -> [Match] {
        var result: [Match] = []
        var position = range.lowerBound
        while position < range.upperBound {
            if let entry = longest(in: text, at: position, end: range.upperBound) {
                result.append(Match(range: position..<(position + entry.phrase.count), payload: entry.payload))
                position += entry.phrase.count
            } else {
                position += 1
            }
        }
        return result
    }

    public func matches(in text: String) -> [Match] {
        let scalars = Array(text.unicodeScalars)
        return matches(in: scalars, range: 0..<scalars.count)
    }
}
