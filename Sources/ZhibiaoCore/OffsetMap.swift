/// Maps every scalar of a normalized text back to the original scalars it came from.
///
/// The map is a list of runs that tile both texts in order. A *aligned* run pairs scalars one
/// to one (full-width `５` became `5`, `後` became `后`). A *group* run maps all its normalized
/// scalars to all its original scalars: an expansion (`㈱` → `(株)`), a contraction (`\r\n` →
/// `\n`) or a deletion (a zero-width space, collapsed layout whitespace), which has no
/// normalized scalars at all. Runs are few (one per change in length), so the map stays small
/// and a lookup is a binary search.
///
/// ## Topics
/// - ``originalSpan(of:)``
/// - ``normalizedSpan(of:)``
/// - ``checkInvariants()``
public struct OffsetMap: Sendable, Hashable {
    /// Normalized start of each run, plus a final sentinel equal to `normalizedCount`.
    var normalizedStarts: [Int]
    /// Original start of each run, plus a final sentinel equal to `originalCount`.
    var originalStarts: [Int]
    /// Whether each run is aligned (one to one); false for groups.
    var aligned: [Bool]

    /// Scalars in the normalized text.
    public var normalizedCount: Int { normalizedStarts.last ?? 0 }
    /// Scalars in the original text.
    public var originalCount: Int { originalStarts.last ?? 0 }
    /// Number of runs (a measure of how much normalization changed lengths).
    public var runCount: Int { aligned.count }

    /// The identity map over a text of `count` scalars.
    public static func identity(count: Int) -> OffsetMap {
        var builder = OffsetMapBuilder()
        builder.appendAligned(count)
        return builder.build()
    }

    init(normalizedStarts: [Int], originalStarts: [Int], aligned: [Bool]) {
        self.normalizedStarts = normalizedStarts
        self.originalStarts = originalStarts
        self.aligned = aligned
    }

    /// The original span that produced the normalized span.
    ///
    /// An empty span maps to the empty span at the original position of its offset. Deleted
    /// original scalars between two normalized scalars belong to any span covering both.
    public func originalSpan(of span: NormalizedSpan) -> OriginalSpan {
        precondition(span.start >= 0 && span.end <= normalizedCount, "span \(span) outside 0..<\(normalizedCount)")
        if span.isEmpty {
            let at = originalStart(ofNormalized: span.start)
            return OriginalSpan(start: at, end: at)
        }
        return OriginalSpan(start: originalStart(ofNormalized: span.start), end: originalEnd(ofNormalized: span.end - 1))
    }

    /// The normalized span produced from the original span (the smallest one covering it).
    ///
    /// Original scalars that were deleted map to an empty span at their position.
    public func normalizedSpan(of span: OriginalSpan) -> NormalizedSpan {
        precondition(span.start >= 0 && span.end <= originalCount, "span \(span) outside 0..<\(originalCount)")
        let start = normalizedStart(ofOriginal: span.start)
        if span.isEmpty { return NormalizedSpan(start: start, end: start) }
        let end = max(start, normalizedEnd(ofOriginal: span.end - 1))
        return NormalizedSpan(start: start, end: end)
    }

    /// Original offset where the normalized scalar at `offset` starts (`originalCount` at the end).
    public func originalStart(ofNormalized offset: Int) -> Int {
        if offset >= normalizedCount { return originalCount }
        let run = run(containingNormalized: offset)
        if aligned[run] { return originalStarts[run] + (offset - normalizedStarts[run]) }
        return originalStarts[run]
    }

    /// Original offset just past the normalized scalar at `offset`.
    public func originalEnd(ofNormalized offset: Int) -> Int {
        let run = run(containingNormalized: offset)
        if aligned[run] { return originalStarts[run] + (offset - normalizedStarts[run]) + 1 }
        return originalStarts[run + 1]
    }

    /// Normalized offset of the first scalar produced from original scalar `offset` or later.
    public func normalizedStart(ofOriginal offset: Int) -> Int {
        if offset >= originalCount { return normalizedCount }
        let run = run(containingOriginal: offset)
        if aligned[run] { return normalizedStarts[run] + (offset - originalStarts[run]) }
        return normalizedStarts[run]
    }

    /// Normalized offset just past everything produced from original scalar `offset`.
    public func normalizedEnd(ofOriginal offset: Int) -> Int {
        let run = run(containingOriginal: offset)
        if aligned[run] { return normalizedStarts[run] + (offset - originalStarts[run]) + 1 }
        return normalizedStarts[run + 1]
    }

    /// The run whose normalized range contains `offset`.
    ///
    /// The last run starting at or before `offset` contains it: a deletion run shares its start
    /// with the run after it, so it is never the last one.
    private func run(containingNormalized offset: Int) -> Int {
        lastRun(startingAtOrBefore: offset, in: normalizedStarts)
    }

    /// The run whose original range contains `offset` (likewise never an empty run).
    private func run(containingOriginal offset: Int) -> Int {
        lastRun(startingAtOrBefore: offset, in: originalStarts)
    }

    private func lastRun(startingAtOrBefore offset: Int, in starts: [Int]) -> Int {
        var low = 0, high = aligned.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
