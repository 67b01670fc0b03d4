import ZhibiaoCore

/// A conversion factor to a base unit, exact as a fraction: 1 亩 = 10000/15 m².
public struct Factor: Sendable, Hashable {
    public var numerator: DecimalNumber
    public var denominator: DecimalNumber

    public static let one = Factor(numerator: .one, denominator: .one)

    public init(numerator: DecimalNumber, denominator: DecimalNumber = .one) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// "1000", "0.5", "10000/15".
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let numerator = DecimalNumber(parsing: parts[0].unicodeScalars), !numerator.isZero else { return nil }
        var denominator = DecimalNumber.one
        if parts.count == 2 {
            guard let d = DecimalNumber(parsing: parts[1].unicodeScalars), !d.isZero else { return nil }
            denominator = d
        }
        self.init(numerator: numerator, denominator: denominator)
    }

    /// `value × self`, exact when the denominator divides, else rounded to 6 decimal places.
    public func apply(to value: DecimalNumber) -> DecimalNumber? {
        guard let product = value.multiplied(by: numerator) else { return nil }
        if denominator == .one { return product }
        return product.divided(by: denominator, scale: 6)
    }

    /// `self × other`.
    public func multiplied(by other: Factor) -> Factor? {
        guard let n = numerator.multiplied(by: other.numerator), let d = denominator.multiplied(by: other.denominator) else { return nil }
        return Factor(numerator: n, denominator: d)
    }
}
