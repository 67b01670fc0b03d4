/// An exact decimal number: `significand × 10^exponent`, with a 128-bit significand (38 digits).
///
/// Values of indicators are exact: 16.4亿 is 1640000000, never 1639999999.9999998. Arithmetic
/// that would overflow returns nil, so that a number too large for the type (9999…9亿) is
/// reported rather than wrapped.
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public private(set) var significand: Int128
    public private(set) var exponent: Int

    public init(significand: Int128, exponent: Int = 0) {
        self.significand = significand
        self.exponent = exponent
        normalize()
    }

    public init(_ value: Int) { self.init(significand: Int128(value)) }

    /// The number with the opposite sign.
    public var negated: DecimalNumber { DecimalNumber(significand: -significand, exponent: exponent) }

    public static let zero = DecimalNumber(0)
    public static let one = DecimalNumber(1)

    /// Parses ASCII digits with an optional sign, one decimal point and thousands commas
    /// ("1,100", "22.29", "-0.5"). Nil when malformed or beyond 38 digits.
    public init?<C: Collection>(parsing text: C) where C.Element == Unicode.Scalar {
        var significand: Int128 = 0
        var exponent = 0
        var negative = false
        var seenPoint = false
        var digits = 0
        var first = true
        for scalar in text {
            defer { first = false }
            switch scalar {
            case "-" where first: negative = true
            case "+" where first: break
            case ",": continue
            case ".":
                if seenPoint { return nil }
                seenPoint = true
            case "0"..."9":
                let (product, overflow1) = significand.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = product.addingReportingOverflow(Int128(scalar.value - 48))
                if overflow1 || overflow2 { return nil }
                significand = sum
                digits += 1
                if seenPoint { exponent -= 1 }
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        self.init(significand: negative ? -significand : significand, exponent: exponent)
    }

    private mutating func normalize() {
        if significand == 0 { exponent = 0; return }
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
    }

    public var isZero: Bool { significand == 0 }
    public var isInteger: Bool { exponent >= 0 }

    /// The value when it is an integer that fits an Int.
    public var intValue: Int? {
        guard exponent >= 0, exponent <= 38 else { return nil }
        var value = significand
        for _ in 0..<exponent {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = product
        }
        return Int(exactly: value)
    }

    public var doubleValue: Double {
        var result = Double(significand)
        if exponent > 0 { for _ in 0..<exponent { result *= 10 } } else { for _ in 0..<(-exponent) { result /= 10 } }
        return result
    }

    /// Multiplies by 10^power; nil on overflow.
    public func multiplied(byPowerOfTen power: Int) -> DecimalNumber? {
        guard abs(exponent + power) < 200 else { return nil }
        return DecimalNumber(significand: significand, exponent: exponent + power)
    }

    public func multiplied(by other: DecimalNumber) -> DecimalNumber? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        if overflow { return nil }
        return DecimalNumber(significand: product, exponent: exponent + other.exponent)
    }

    public func adding(_ other: DecimalNumber) -> DecimalNumber? {
        var a = self, b = other
        guard a.align(with: &b) else { return nil }
        let (sum, overflow) = a.significand.addingReportingOverflow(b.significand)
        if overflow { return nil }
        return DecimalNumber(significand: sum, exponent: a.exponent)
    }

    /// Divides, rounding half to even at `scale` decimal places (exact quotients come out
    /// exact: 100 / 4 is 25). Nil on division by zero or overflow.
    public func divided(by other: DecimalNumber, scale: Int = 6) -> DecimalNumber? {
        guard !other.isZero else { return nil }
        // result = round(s1 × 10^(e1 - e2 + scale) / s2) × 10^-scale
        let shift = exponent - other.exponent + scale
        var n = significand, d = other.significand
        guard let power = Self.powerOfTen(abs(shift)) else { return nil }
        if shift >= 0 {
            let (product, overflow) = n.multipliedReportingOverflow(by: power)
            if overflow { return nil }
            n = product
        } else {
            let (product, overflow) = d.multipliedReportingOverflow(by: power)
            if overflow { return nil }
            d = product
        }
        var q = n / d
        let r = n % d
        let twice = r.magnitude * 2
        if twice > d.magnitude || (twice == d.magnitude && q % 2 != 0) {
            q += (n < 0) != (d < 0) ? -1 : 1
        }
        return DecimalNumber(significand: q, exponent: -scale)
    }

    private static func powerOfTen(_ k: Int) -> Int128? {
        guard k <= 38 else { return nil }
        var value: Int128 = 1
        for _ in 0..<k { value *= 10 }
        return value
    }

    /// Brings both to the smaller exponent; false on overflow.
    private mutating func align(with other: inout DecimalNumber) -> Bool {
        while exponent > other.exponent {
            let (product, overflow) = significand.multipliedReportingOverflow(by: 10)
            if overflow { return false }
            significand = product
            exponent -= 1
        }
        while other.exponent > exponent {
            let (product, overflow) = other.significand.multipliedReportingOverflow(by: 10)
            if overflow { return false }
            other.significand = product
            other.exponent -= 1
        }
        return true
    }

    public static func < (a: DecimalNumber, b: DecimalNumber) -> Bool {
        var x = a, y = b
        if x.align(with: &y) { return x.significand < y.significand }
        return a.doubleValue < b.doubleValue
    }

    /// Plain decimal notation, never exponent notation: "1640000000", "0.0157", "-3.5".
    public var description: String {
        let negative = significand < 0
        var digits = String(significand.magnitude)
        if exponent >= 0 {
            if significand != 0 { digits += String(repeating: "0", count: exponent) }
        } else {
            let point = -exponent
            if digits.count <= point { digits = String(repeating: "0", count: point - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -point))
        }
        return negative ? "-" + digits : digits
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = DecimalNumber(parsing: text.unicodeScalars) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a decimal: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
