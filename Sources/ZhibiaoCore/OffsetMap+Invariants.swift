extension OffsetMap {
    /// A broken invariant of an ``OffsetMap``.
    public struct InvariantViolation: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Checks that the runs tile both texts in order and that every normalized scalar maps to a
    /// non-empty, in-bounds original span whose starts and ends never decrease.
    ///
    /// Cost is linear in the normalized length; use in tests and fuzzing.
    public func checkInvariants() throws(InvariantViolation) {
        func fail(_ message: String) throws(InvariantViolation) { throw InvariantViolation(description: message) }
        if normalizedStarts.count != aligned.count + 1 || originalStarts.count != aligned.count + 1 {
            try fail("run arrays disagree in length")
        }
        if normalizedStarts.first != 0 || originalStarts.first != 0 { try fail("first run does not start at 0") }
        for run in aligned.indices {
            let n = normalizedStarts[run + 1] - normalizedStarts[run]
            let o = originalStarts[run + 1] - originalStarts[run]
            if n < 0 || o < 0 { try fail("run \(run) goes backwards") }
            if n == 0 && o == 0 { try fail("run \(run) is empty") }
            if aligned[run] && n != o { try fail("aligned run \(run) maps \(o) scalars to \(n)") }
        }
        var previous = OriginalSpan(start: 0, end: 0)
        for offset in 0..<normalizedCount {
            let span = originalSpan(of: NormalizedSpan(start: offset, end: offset + 1))
            if span.start < 0 || span.end > originalCount { try fail("scalar \(offset) maps outside the original: \(span)") }
            if span.isEmpty { try fail("scalar \(offset) maps to an empty span") }
            if span.start < previous.start || span.end < previous.end {
                try fail("scalar \(offset) maps to \(span), before \(previous) of scalar \(offset - 1)")
            }
            if span.start < previous.end && span != previous {
                try fail("scalar \(offset) maps to \(span), overlapping \(previous) of scalar \(offset - 1)")
            }
            previous = span
        }
        // Round trip: an original scalar maps to a normalized span that maps back over it.
        for offset in 0..<originalCount {
            let back = normalizedSpan(of: OriginalSpan(start: offset, end: offset + 1))
            if back.isEmpty { continue }  // deleted
            let forth = originalSpan(of: back)
            if !forth.contains(OriginalSpan(start: offset, end: offset + 1)) {
                try fail("original scalar \(offset) maps to \(back), which maps back to \(forth)")
            }
        }
    }

    /// Original scalars that no normalized scalar comes from (deleted by normalization).
    public var deletedOriginalSpans: [OriginalSpan] {
        var result: [OriginalSpan] = []
        for run in aligned.indices where normalizedStarts[run + 1] == normalizedStarts[run] {
            result.append(OriginalSpan(start: originalStarts[run], end: originalStarts[run + 1]))
        }
        return result
    }
}
