/// A set of Unicode scalars with a constant-time membership test for the BMP (a bitmap), for
/// hot loops that ask "can a word start here?" at every character.
public struct ScalarSet: Sendable, Hashable {
    @usableFromInline var bmp = [UInt64](repeating: 0, count: 1024)
    @usableFromInline var supplementary: Set<UInt32> = []

    public init() {}

    public init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        for scalar in scalars { insert(scalar) }
    }

    public mutating func insert(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        if v < 0x10000 { bmp[Int(v >> 6)] |= 1 << UInt64(v & 63) } else { supplementary.insert(v) }
    }

    @inlinable @inline(__always)
    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x10000 { return bmp[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
        return supplementary.contains(v)
    }
}
