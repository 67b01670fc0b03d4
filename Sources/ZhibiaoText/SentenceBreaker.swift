import CZhibiaoICU
import ZhibiaoCore

/// Splits normalized text into sentences: ICU's sentence boundaries after 。！？ (with their
/// closing quotes), plus boundaries after ；and at line ends, never inside brackets or quotes
/// (《…》 “…” (…) 【…】) that close on the same line.
///
/// ICU also breaks after an ASCII full stop before a Han character ("1.深化…"), which in
/// Chinese text is a list marker or a decimal point, not the end of a sentence: only
/// boundaries after 。！？!?… are kept. Linear in the text.
public struct SentenceBreaker: Sendable {
    public init() {}

    /// Sentence boundaries of a whole text, to pass to ``sentences(in:range:boundaries:)``.
    public struct Boundaries: Sendable {
        /// `isBoundary[i]`: a sentence may end just before offset i.
        fileprivate var isBoundary: [Bool]
    }

    /// ICU's boundaries over `text`, filtered to those after sentence-final punctuation.
    public func boundaries(of text: [Unicode.Scalar]) -> Boundaries {
        var isBoundary = [Bool](repeating: false, count: text.count + 1)
        for boundary in icuBoundaries(text[...]) where boundary > 0 && boundary < text.count {
            // A terminator inside quotes ends the sentence after the closing quote; inside a
            // title or brackets (《…。》) it does not end the sentence at all.
            var k = boundary - 1
            var closedBracket = false
            while k > 0 && (text[k] == " " || Self.closing.contains(text[k])) {
                if !Self.quotes.contains(text[k]) && text[k] != " " { closedBracket = true }
                k -= 1
            }
            if Self.terminators.contains(text[k]) && !closedBracket { isBoundary[boundary] = true }
        }
        return Boundaries(isBoundary: isBoundary)
    }

    /// Sentence spans of `text[range]`, trimmed of spaces; line ends always end a sentence.
    public func sentences(in text: [Unicode.Scalar], range: Range<Int>, boundaries: Boundaries) -> [NormalizedSpan] {
        guard !range.isEmpty else { return [] }
        var result: [NormalizedSpan] = []
        var sentenceStart = range.lowerBound
        func close(at end: Int) {
            var a = sentenceStart, b = end
            while a < b && (text[a] == " " || text[a] == "\n" || text[a] == "\t") { a += 1 }
            while b > a && (text[b - 1] == " " || text[b - 1] == "\n" || text[b - 1] == "\t") { b -= 1 }
            if b > a { result.append(NormalizedSpan(start: a, end: b)) }
            sentenceStart = end
        }
        var lineStart = range.lowerBound
        var delta: [Int8] = []
        var stacks = [[Int]](repeating: [], count: Self.bracketKinds)
        while lineStart < range.upperBound {
            var lineEnd = lineStart
            while lineEnd < range.upperBound && text[lineEnd] != "\n" { lineEnd += 1 }
            Self.matchBrackets(text, lineStart..<lineEnd, delta: &delta, stacks: &stacks)
            var depth = 0
            for i in lineStart..<lineEnd {
                depth += Int(delta[i - lineStart])
                if depth == 0 && (text[i] == ";" || text[i] == "；" || boundaries.isBoundary[i + 1]) {
                    close(at: i + 1)
                }
            }
            close(at: lineEnd)
            sentenceStart = lineEnd + 1
            lineStart = lineEnd + 1
        }
        return result
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

    static let terminators: Set<Unicode.Scalar> = ["。", "!", "?", "！", "？", "…"]
    static let closing: Set<Unicode.Scalar> = ["》", "”", "’", ")", "】", "〕", "]", "」"]
    static let quotes: Set<Unicode.Scalar> = ["”", "’", "」"]

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
