/// The coordinate system of the original decoded text (Unicode scalars, BOM excluded).
public enum OriginalSpace {}
/// The coordinate system of the normalized text (Unicode scalars).
public enum NormalizedSpace {}

/// A half-open range of Unicode scalar offsets, tagged with the text it indexes.
///
/// Offsets are counted in Unicode scalars, never bytes, UTF-16 units or grapheme clusters, so
/// `Span<OriginalSpace>` and `Span<NormalizedSpace>` cannot be mixed up by accident.
public struct Span<Space>: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// First scalar offset (inclusive).
    public var start: Int
    /// One past the last scalar offset.
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(start <= end, "span start \(start) after end \(end)")
        self.start = start
        self.end = end
    }

    public init(_ range: Range<Int>) {
        self.start = range.lowerBound
        self.end = range.upperBound
    }

    public var range: Range<Int> { start..<end }
    public var count: Int { end - start }
    public var isEmpty: Bool { start == end }

    public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }
    public func contains(_ other: Span) -> Bool { other.start >= start && other.end <= end }
    public func overlaps(_ other: Span) -> Bool { other.start < end && start < other.end }

    public static func < (a: Span, b: Span) -> Bool {
        a.start != b.start ? a.start < b.start : a.end < b.end
    }

    public var description: String { "\(start)..<\(end)" }
}

/// A span of the original decoded text: what every provenance field points to.
public typealias OriginalSpan = Span<OriginalSpace>
/// A span of the normalized text: what the segmenter and the grammars work on.
public typealias NormalizedSpan = Span<NormalizedSpace>
