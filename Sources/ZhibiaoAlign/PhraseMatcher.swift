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

    /// The phrases sharing a first scalar, longest first, with their scalars after the first laid
    /// end to end, so that trying them touches two flat arrays (no reference counting per phrase).
    private struct List: Sendable {
        var entries: [Entry] = []
        var tails: [UInt32] = []
        var lengths: [Int32] = []

        mutating func add(_ entry: Entry) {
            entries.append(entry)
            entries.sort { $0.phrase.count > $1.phrase.count }
            tails.removeAll(keepingCapacity: true)
            lengths.removeAll(keepingCapacity: true)
            for entry in entries {
                lengths.append(Int32(entry.phrase.count))
                for scalar in entry.phrase.dropFirst() { tails.append(scalar.value) }
            }
        }
    }

    /// Phrases by first scalar, longest first: `lists[bmpIndex[scalar]]` for the BMP (a flat
    /// table, no hashing in the loop), `supplementary` beyond.
    private var lists: [List] = []
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
            lists.append(List())
            if first.value < 0x10000 { bmpIndex[Int(first.value)] = Int32(index) } else { supplementary[first.value] = index }
        }
        lists[index].add(Entry(phrase: scalars, payload: payload))
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
        let list = lists[index]
        let found: Int? = list.tails.withUnsafeBufferPointer { tails in
            text.withUnsafeBufferPointer { text in
                var offset = 0
                for (k, length32) in list.lengths.enumerated() {
                    let length = Int(length32)
                    if position + length <= end {
                        var equal = true
                        var j = 1
                        while j < length {
                            if text[position + j].value != tails[offset + j - 1] {
                                equal = false
                                break
                            }
                            j += 1
                        }
                        if equal { return k }
                    }
                    offset += length - 1
                }
                return nil
            }
        }
        return found.map { list.entries[$0] }
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
