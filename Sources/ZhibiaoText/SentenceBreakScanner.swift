import CZhibiaoICU

/// The Unicode sentence boundaries (UAX #29) that follow sentence-final punctuation, found in
/// one pass over the text with a table of the `Sentence_Break` property (read from ICU once).
///
/// Only rule SB11 (`SATerm Close* Sp* ÷`) makes a boundary after a terminator; SB6, SB7, SB8
/// and SB8a forbid some of those, and SB5 attaches `Extend`/`Format` characters to the one
/// before them. Boundaries after a paragraph separator (SB4, and SB11 with `ParaSep`) are not
/// reported: no sentence-final punctuation comes right before them.
struct SentenceBreakScanner {
    let text: UnsafeBufferPointer<Unicode.Scalar>
    /// The BMP's classes (a reference to the table read once).
    private let bmp = SentenceBreakClass.bmp

    init(text: UnsafeBufferPointer<Unicode.Scalar>) {
        self.text = text
    }

    @inline(__always)
    private func classOf(_ scalar: Unicode.Scalar) -> SentenceBreakClass {
        let v = scalar.value
        return v < 0x10000 ? bmp[Int(v)] : SentenceBreakClass.supplementary(v)
    }

    /// Calls `body` with each boundary, ascending.
    func forEachBoundary(_ body: (Int) -> Void) {
        let n = text.count
        var i = 0
        while i < n {
            let term = classOf(text[i])
            guard term == .sTerm || term == .aTerm else { i += 1; continue }
            let j = extendedEnd(after: i)
            let next = j < n ? classOf(text[j]) : nil
            if term == .aTerm, let next {
                // SB6: ATerm × Numeric. SB7: (Upper | Lower) ATerm × Upper.
                if next == .numeric { i = j; continue }
                if next == .upper, let previous = previousClass(before: i), previous == .upper || previous == .lower { i = j; continue }
            }
            // SATerm Close* Sp*: no boundary inside (SB9, SB10).
            var k = j
            while k < n && classOf(text[k]) == .close { k = extendedEnd(after: k) }
            while k < n && classOf(text[k]) == .sp { k = extendedEnd(after: k) }
            guard k < n else { return }  // the end of the text is no boundary to report
            let following = classOf(text[k])
            switch following {
            case .sTerm, .aTerm:
                // SB8a: SATerm Close* Sp* × SATerm; the next terminator starts its own run.
                i = k
                continue
            case .sContinue, .sep, .cr, .lf:
                // SB8a: × SContinue. SB9/SB10: × ParaSep (the boundary comes after it).
                i = k
                continue
            default:
                break
            }
            // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower.
            if term == .aTerm && lowerFollows(from: k) { i = k; continue }
            body(k)  // SB11
            i = k
        }
    }

    /// The end of the extended character at `i`: the character and the `Extend`/`Format`
    /// characters after it (SB5).
    @inline(__always)
    private func extendedEnd(after i: Int) -> Int {
        var j = i + 1
        while j < text.count {
            let c = classOf(text[j])
            guard c == .extend || c == .format else { break }
            j += 1
        }
        return j
    }

    /// The class of the extended character before offset `i`, or nil at the start of the text
    /// or after a paragraph separator.
    private func previousClass(before i: Int) -> SentenceBreakClass? {
        var k = i - 1
        while k >= 0 {
            let c = classOf(text[k])
            if c == .extend || c == .format {
                k -= 1
                continue
            }
            return c
        }
        return nil
    }

    /// Whether a lower-case letter follows `k` after characters that are none of OLetter,
    /// Upper, Lower, ParaSep and SATerm (SB8's look-ahead).
    private func lowerFollows(from k: Int) -> Bool {
        var m = k
        while m < text.count {
            switch classOf(text[m]) {
            case .lower: return true
            case .oLetter, .upper, .sep, .cr, .lf, .sTerm, .aTerm: return false
            default: m += 1
            }
        }
        return false
    }
}

/// Values of the Unicode `Sentence_Break` property.
enum SentenceBreakClass: UInt8, Sendable {
    case other = 0, aTerm, close, format, lower, numeric, oLetter, sep, sp, sTerm, upper, cr, extend, lf, sContinue

    /// The BMP's classes, read from ICU once.
    static let bmp: [SentenceBreakClass] = {
        var raw = [UInt8](repeating: 0, count: 0x10000)
        raw.withUnsafeMutableBufferPointer { zb_sentence_break_table($0.baseAddress, 0x10000) }
        return raw.map { SentenceBreakClass(rawValue: $0) ?? .other }
    }()

    /// The class of a character outside the BMP, from ICU.
    static func supplementary(_ v: UInt32) -> SentenceBreakClass {
        SentenceBreakClass(rawValue: UInt8(truncatingIfNeeded: zb_sentence_break(Int32(bitPattern: v)))) ?? .other
    }
}
