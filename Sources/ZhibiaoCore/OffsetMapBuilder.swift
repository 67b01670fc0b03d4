/// Builds an ``OffsetMap`` while a normalizer walks the original text from left to right.
///
/// Consecutive aligned runs merge, so the map has one run per change in length.
public struct OffsetMapBuilder: Sendable {
    private var normalizedStarts: [Int] = []
    private var originalStarts: [Int] = []
    private var aligned: [Bool] = []
    private var normalizedPosition = 0
    private var originalPosition = 0

    public init() {}

    /// Scalars emitted so far.
    public var normalizedCount: Int { normalizedPosition }
    /// Original scalars consumed so far.
    public var originalCount: Int { originalPosition }

    /// `count` original scalars became `count` normalized scalars, one to one.
    public mutating func appendAligned(_ count: Int) {
        guard count > 0 else { return }
        if let last = aligned.last, last {
            // Extend the open aligned run.
        } else {
            openRun(aligned: true)
        }
        normalizedPosition += count
        originalPosition += count
    }

    /// `original` scalars became `normalized` scalars as one unit (either may be zero, not both).
    public mutating func appendGroup(normalized: Int, original: Int) {
        precondition(normalized >= 0 && original >= 0, "negative group")
        guard normalized > 0 || original > 0 else { return }
        if normalized == original && normalized == 1 {
            appendAligned(1)
            return
        }
        // Consecutive deletions merge into one.
        if normalized == 0, let last = aligned.last, !last,
           let start = normalizedStarts.last, start == normalizedPosition {
            originalPosition += original
            return
        }
        openRun(aligned: false)
        normalizedPosition += normalized
        originalPosition += original
    }

    private mutating func openRun(aligned isAligned: Bool) {
        normalizedStarts.append(normalizedPosition)
        originalStarts.append(originalPosition)
        aligned.append(isAligned)
    }

    /// The finished map. An empty text gives a map with no runs.
    public func build() -> OffsetMap {
        OffsetMap(
            normalizedStarts: normalizedStarts + [normalizedPosition],
            originalStarts: originalStarts + [originalPosition],
            aligned: aligned
        )
    }
}
