import CZhibiaoICU
import ZhibiaoCore

/// Splits normalized text into sentences: the Unicode sentence boundaries (UAX #29) after
/// 。！？ (with their closing quotes), plus boundaries after ；and at line ends, never inside
/// brackets or quotes (《…》 “…” (…) 【…】) that close on the same line.
///
/// The Unicode rules also break after an ASCII full stop before a Han character ("1.深化…"),
/// which in Chinese text is a list marker or a decimal point, not the end of a sentence: only
/// boundaries after 。！？!?… are kept.
///
/// The boundaries come from the project's own scanner over ICU's `Sentence_Break` property
/// table (read once): one pass over the text, no UTF-16 copy. ICU's sentence break iterator
/// gives the same boundaries (``icuBoundaries(of:)``, the reference the tests compare
/// against). Linear in the text.
public struct SentenceBreaker: Sendable {
    public init() {}

    /// Sentence boundaries of a whole text, to pass to ``sentences(in:range:boundaries:)``.
    public struct Boundaries: Sendable, Equatable {
        /// Offsets just after which a sentence may end, ascending.
        public fileprivate(set) var offsets: [Int]

        /// The first boundary at or after `offset` (an index into `offsets`).
        func first(atOrAfter offset: Int) -> Int {
            var low = 0, high = offsets.count
            while low < high {
                let mid = (low + high) / 2
                if offsets[mid] < offset { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    /// The kept boundaries over `text`: the Unicode ones after sentence-final punctuation.
    public func boundaries(of text: [Unicode.Scalar]) -> Boundaries {
        var offsets: [Int] = []
        text.withUnsafeBufferPointer { buffer in
            SentenceBreakScanner(text: buffer).forEachBoundary { boundary in
                if Self.keeps(boundary, in: buffer) { offsets.append(boundary) }
            }
        }
        return Boundaries(offsets: offsets)
    }

    /// The same boundaries from ICU's sentence break iterator over a UTF-16 copy of the text:
    /// the reference for ``boundaries(of:)``.
    public func icuBoundaries(of text: [Unicode.Scalar]) -> Boundaries {
        var offsets: [Int] = []
        text.withUnsafeBufferPointer { buffer in
            for boundary in icuBoundaries(text[...]) where Self.keeps(boundary, in: buffer) {
                offsets.append(boundary)
            }
        }
        return Boundaries(offsets: offsets)
    }

    /// Whether a Unicode sentence boundary ends a sentence here: a terminator inside quotes
    /// ends the sentence after the closing quote; inside a title or brackets (《…。》) it does
    /// not end the sentence at all.
    private static func keeps(_ boundary: Int, in text: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        guard boundary > 0 && boundary < text.count else { return false }
        var k = boundary - 1
        var closedBracket = false
        while k > 0 && (text[k] == " " || isClosing(text[k])) {
            if !isQuote(text[k]) && text[k] != " " { closedBracket = true }
            k -= 1
        }
        return isTerminator(text[k]) && !closedBracket
    }

    /// Sentence spans of `text[range]`, trimmed of spaces; line ends always end a sentence.
    public func sentences(in text: [Unicode.Scalar], range: Range<Int>, boundaries: Boundaries) -> [NormalizedSpan] {
        var result: [NormalizedSpan] = []
        var scratch = Scratch()
        sentences(in: text, range: range, boundaries: boundaries, into: &result, scratch: &scratch)
        return result
    }

    /// Working memory of ``sentences(in:range:boundaries:into:scratch:)``, kept across calls.
    public struct Scratch: Sendable {
        fileprivate var delta: [Int8] = []
        fileprivate var stacks = [[Int]](repeating: [], count: SentenceBreaker.bracketKinds)

        public init() {}
    }

    /// The same, appending to `result`, with buffers kept by the caller across lines.
    public func sentences(in text: [Unicode.Scalar], range: Range<Int>, boundaries: Boundaries,
                          into result: inout [NormalizedSpan], scratch: inout Scratch) {
        guard !range.isEmpty else { return }
        var sentenceStart = range.lowerBound
        func close(at end: Int) {
            var a = sentenceStart, b = end
            while a < b && (text[a] == " " || text[a] == "\n" || text[a] == "\t") { a += 1 }
            while b > a && (text[b - 1] == " " || text[b - 1] == "\n" || text[b - 1] == "\t") { b -= 1 }
            if b > a { result.append(NormalizedSpan(start: a, end: b)) }
            sentenceStart = end
        }
        // The next kept boundary (a sentence may end before it).
        var next = boundaries.first(atOrAfter: range.lowerBound + 1)
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            var lineEnd = lineStart
            while lineEnd < range.upperBound && text[lineEnd] != "\n" { lineEnd += 1 }
            Self.matchBrackets(text, lineStart..<lineEnd, delta: &scratch.delta, stacks: &scratch.stacks)
            var depth = 0
            for i in lineStart..<lineEnd {
                depth += Int(scratch.delta[i - lineStart])
                while next < boundaries.offsets.count && boundaries.offsets[next] < i + 1 { next += 1 }
                let atBoundary = next < boundaries.offsets.count && boundaries.offsets[next] == i + 1
                if depth == 0 && (text[i] == ";" || text[i] == "；" || atBoundary) {
                    close(at: i + 1)
                }
            }
            close(at: lineEnd)
            sentenceStart = lineEnd + 1
            lineStart = lineEnd + 1
        }
    }

    /// Convenience for a single range: computes the boundaries of the whole text first.
    public func sentences(in text: [Unicode.Scalar], range: Range<Int>) -> [NormalizedSpan] {
        sentences(in: text, range: range, boundaries: boundaries(of: text))
    }

    /// Depth changes of the brackets that open and close on the line (one stack per kind):
    /// `delta[k]` is +1 at a matched opening bracket, -1 at its closing one, 0 elsewhere. An
    /// unclosed bracket is a typo and must not swallow the rest of the line.
    private static func matchBrackets(_ text: [Unicode.Scalar], _ line: Range<Int>, delta: inout [Int8], stacks: inout [[Int]]) {
        delta.removeAll(keepingCapacity: true)
        delta.append(contentsOf: repeatElement(0, count: line.count))
        for k in stacks.indices { stacks[k].removeAll(keepingCapacity: true) }
        for i in line {
            let (kind, opening) = bracket(text[i])
            guard kind >= 0 else { continue }
            if opening {
                stacks[kind].append(i)
            } else if let open = stacks[kind].popLast() {
                delta[open - line.lowerBound] = 1
                delta[i - line.lowerBound] = -1
            }
        }
    }

    static let bracketKinds = 8

    /// Kind (index into the stacks) and direction of a bracket, or kind -1.
    @inline(__always)
    private static func bracket(_ s: Unicode.Scalar) -> (Int, Bool) {
        switch s {
        case "《": return (0, true)
        case "》": return (0, false)
        case "“": return (1, true)
        case "”": return (1, false)
        case "‘": return (2, true)
        case "’": return (2, false)
        case "(": return (3, true)
        case ")": return (3, false)
        case "【": return (4, true)
        case "】": return (4, false)
        case "〔": return (5, true)
        case "〕": return (5, false)
        case "[": return (6, true)
        case "]": return (6, false)
        case "「": return (7, true)
        case "」": return (7, false)
        default: return (-1, false)
        }
    }

    @inline(__always)
    static func isTerminator(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", "!", "?", "！", "？", "…": true
        default: false
        }
    }

    @inline(__always)
    static func isClosing(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "》", "”", "’", ")", "】", "〕", "]", "」": true
        default: false
        }
    }

    @inline(__always)
    static func isQuote(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "”", "’", "」": true
        default: false
        }
    }

    /// ICU sentence boundaries (scalar offsets relative to the slice start).
    private func icuBoundaries(_ slice: ArraySlice<Unicode.Scalar>) -> [Int] {
        let (units, scalarIndex) = UTF16Units.encode(slice, withIndex: true)
        var result: [Int] = []
        units.withUnsafeBufferPointer { buffer in
            var error: Int32 = 0
            guard let iterator = zb_brk_open_sentence("zh", buffer.baseAddress, Int32(buffer.count), &error), error <= 0 else { return }
            defer { zb_brk_close(iterator) }
            while true {
                let boundary = zb_brk_next(iterator)
                if boundary < 0 { break }
                result.append(scalarIndex[Int(boundary)])
            }
        }
        return result
    }
}
