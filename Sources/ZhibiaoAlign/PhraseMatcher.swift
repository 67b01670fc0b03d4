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

    private var byFirst: [Unicode.Scalar: [Entry]] = [:]
    /// The first scalars of the phrases: most positions are rejected by one bit test.
    private var starts = ScalarSet()

    public init() {}

    public init(_ entries: [(String, Payload)]) {
        for (phrase, payload) in entries { add(phrase, payload) }
    }

    public mutating func add(_ phrase: String, _ payload: Payload) {
        let scalars = Array(phrase.unicodeScalars)
        guard let first = scalars.first else { return }
        var list = byFirst[first] ?? []
        list.append(Entry(phrase: scalars, payload: payload))
        list.sort { $0.phrase.count > $1.phrase.count }
        byFirst[first] = list
        starts.insert(first)
    }

    public var isEmpty: Bool { byFirst.isEmpty }

    /// The longest phrase starting at `position`, if any.
    public func longest(in text: [Unicode.Scalar], at position: Int, end: Int) -> Entry? {
        guard position < end, starts.contains(text[position]), let candidates = byFirst[text[position]] else { return nil }
        for entry in candidates where position + entry.phrase.count <= end {
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
