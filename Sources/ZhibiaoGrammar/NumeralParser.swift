import ZhibiaoCore

/// The characters Chinese numerals are made of, from `numerals.tsv`.
public struct NumeralVocabulary: Sendable {
    /// What a numeral character does in a number.
    public enum Role: Sendable, Hashable {
        /// 零〇一二两…九 and financial forms: a digit.
        case digit(Int)
        /// 十百千: a power of ten inside a section.
        case unit(Int)
        /// 万亿: a power of ten that closes a section.
        case section(Int)
        /// 点: the decimal point.
        case point
        /// 几 数: an unknown digit (2-9; 1-9 after 十).
        case several
        /// 余 多: "more than" after a round number.
        case more
        /// 上 (上百, 上千): "up to about".
        case upTo
        /// 负: the number after it is negative (负增长 aside: a numeral must follow).
        case minus
    }

    private var roles: [UInt32: Role] = [:]
    /// The same characters as a bitmap: most characters are no numerals, and say so at once.
    private var members = ScalarSet()
    /// Characters that are a number only next to another numeral character (伍 alone is 队伍,
    /// 陆 alone is 大陆, 数 alone is 数据).
    private var notAlone = ScalarSet()

    public init() {}

    public init(file: TSVFile) throws(GrammarError) {
        for line in file.lines {
            let scalars = Array(line[0].unicodeScalars)
            guard scalars.count == 1 else { throw GrammarError(file.error(line, "expected one character, got '\(line[0])'")) }
            let value = Int(line[2])
            let role: Role
            switch (line[1], value) {
            case ("digit", let v?) where (0...9).contains(v): role = .digit(v)
            case ("unit", let v?) where (1...3).contains(v): role = .unit(v)
            case ("section", let v?) where v == 4 || v == 8: role = .section(v)
            case ("point", _): role = .point
            case ("several", _): role = .several
            case ("more", _): role = .more
            case ("up-to", _): role = .upTo
            case ("minus", _): role = .minus
            default:
                throw GrammarError(file.error(line, column: line[0].count + 2,
                                              "bad role '\(line[1]) \(line[2])' (digit 0-9, unit 1-3, section 4 or 8, point, several, more, up-to, minus)"))
            }
            guard roles[scalars[0].value] == nil else { throw GrammarError(file.error(line, "'\(line[0])' is listed twice")) }
            roles[scalars[0].value] = role
            members.insert(scalars[0])
            switch line[3] {
            case "", "yes": break
            case "no": notAlone.insert(scalars[0])
            default:
                throw GrammarError(file.error(line, column: line[0].count + line[1].count + line[2].count + 4,
                                              "bad 'alone' column '\(line[3])' (yes or no)"))
            }
        }
    }

    @inline(__always)
    public func role(_ scalar: Unicode.Scalar) -> Role? { members.contains(scalar) ? roles[scalar.value] : nil }

    /// Whether a Chinese numeral can start with this character.
    public func canStart(_ scalar: Unicode.Scalar) -> Bool {
        switch role(scalar) {
        case .digit?, .unit(1)?, .several?, .upTo?, .minus?: return true
        default: return false
        }
    }

    /// Whether the character on its own is a number (伍 is not: 队伍).
    public func standsAlone(_ scalar: Unicode.Scalar) -> Bool { !notAlone.contains(scalar) }

    /// Any numeral character (for a quick "has numbers" test).
    public func isNumeral(_ scalar: Unicode.Scalar) -> Bool { members.contains(scalar) }
}

/// How a numeral's value is approximate.
public enum Approximation: String, Sendable, Hashable {
    case exact
    /// 十几, 数百, 上百, 三四: about, within `low…high`.
    case about
    /// 二百余, 300多: more than `low`, below `high`.
    case more
}

/// A number as the tokenizer read it.
public struct NumberValue: Sendable, Hashable {
    /// The value as written, without a trailing magnitude (5.7 for 5.7万).
    public var value: DecimalNumber
    /// Power of ten of the trailing magnitude (4 for 万, 12 for 万亿), 0 when none.
    public var magnitude: Int
    /// Scalars of the trailing magnitude at the end of the token: they belong to the unit.
    public var magnitudeLength: Int
    public var approximation: Approximation
    /// Bounds of an approximate numeral, as written (without the magnitude).
    public var low: DecimalNumber?
    public var high: DecimalNumber?
    /// Written in Arabic digits.
    public var isArabic: Bool
    /// An integer of four digits between 1900 and 2100: maybe a year.
    public var isYear: Bool

    /// The same number below zero (负三: -3); bounds swap.
    var negated: NumberValue {
        var n = self
        n.value = value.negated
        n.low = high?.negated
        n.high = low?.negated
        n.isYear = false
        return n
    }
}

/// Reads Arabic, Chinese and mixed numerals at a position.
///
/// Arabic: digits, thousands separators (1,100; 94 500), a decimal point, a trailing magnitude (5.7万,
/// 1.2亿, 20万亿, 3千) and the colloquial continuations 3万4000, 25万6千, 13万2 (= 13.2万).
/// Chinese: 三千二百万, 十二点五, 二十万亿, 一万五千亿, 二〇二三 (digit by digit), and the
/// approximations 十几万, 二百余万, 三十多, 三十万多亿, 数百, 上百, 三四 (three or four).
/// Values are exact; a trailing magnitude is kept apart so that it joins the unit as written.
public struct NumeralParser: Sendable {
    public let vocabulary: NumeralVocabulary

    public init(vocabulary: NumeralVocabulary) {
        self.vocabulary = vocabulary
    }

    /// The longest numeral starting at `i` (before `end`), with its length in scalars.
    public func parse(_ text: [Unicode.Scalar], at i: Int, end: Int) -> (NumberValue, Int)? {
        guard i < end else { return nil }
        if Self.isDigit(text[i]) { return parseArabic(text, at: i, end: end) }
        if case .minus? = vocabulary.role(text[i]) {
            // 负一, 负0.5: the number that follows, negated.
            guard i + 1 < end, vocabulary.role(text[i + 1]) != .minus,
                  case let (number, length)? = parse(text, at: i + 1, end: end) else { return nil }
            return (number.negated, length + 1)
        }
        if vocabulary.canStart(text[i]) { return parseChinese(text, at: i, end: end) }
        return bareMagnitude(text, at: i, end: end)
    }

    /// A magnitude written without a digit: 百万 (100万), 千亿 (1000亿), 万亿 (1万亿), as in
    /// 超万亿元, 保持在千亿元以上. Its value is 100, 1000 or 1; the sections stay the magnitude.
    private func bareMagnitude(_ text: [Unicode.Scalar], at i: Int, end: Int) -> (NumberValue, Int)? {
        let value: DecimalNumber
        var magnitude = 0
        switch vocabulary.role(text[i]) {
        case .unit(let p)? where p >= 2: value = DecimalNumber(significand: 1, exponent: p)
        case .section(let p)?: value = .one; magnitude = p
        default: return nil
        }
        var j = i + 1
        while j < end, case .section(let p)? = vocabulary.role(text[j]), p > magnitude || magnitude == 4 && p == 8 {
            magnitude += p
            j += 1
        }
        let sections = j - i - (value == .one ? 0 : 1)
        guard (value == .one ? sections >= 2 : sections >= 1), j == end || vocabulary.role(text[j]) == nil else { return nil }
        return (NumberValue(value: value, magnitude: magnitude, magnitudeLength: value == .one ? j - i : j - i - 1, approximation: .exact,
                            low: nil, high: nil, isArabic: false, isYear: false), j - i)
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// The longest Chinese numeral read (一千一百一十一万一千一百一十一亿… has 31 characters):
    /// a longer run of numeral characters is no number.
    public static let maxChineseRun = 48
    /// The most digits a number may have (an exact decimal holds 38).
    public static let maxDigits = 38

    /// How far a run of characters that could be a numeral goes from `i`: digits (with
    /// separators and points), or Chinese numeral characters. A reader that finds no number at
    /// `i` skips the run, so a long run is read once, not once per character.
    public func runLength(_ text: [Unicode.Scalar], at i: Int, end: Int) -> Int {
        var j = i
        if Self.isDigit(text[i]) {
            while j < end && (Self.isDigit(text[j]) || text[j] == "," || text[j] == ".") { j += 1 }
        } else {
            while j < end && vocabulary.role(text[j]) != nil { j += 1 }
        }
        return max(1, j - i)
    }

    // MARK: Arabic

    private func parseArabic(_ text: [Unicode.Scalar], at start: Int, end: Int) -> (NumberValue, Int)? {
        var j = start
        while j < end && Self.isDigit(text[j]) { j += 1 }
        // Thousands separators: ",ddd" groups after a first group of one to three digits; Hong
        // Kong and Taiwan also group with a space (94 500, 1 200: a thin or no-break space is a
        // space after NFKC). One separator throughout a number.
        var commas = false
        // OCR puts a space between every digit (2 9 0 0 亿元, 4 8 %, 2 0 0 5年): single digits
        // each followed by one space and one digit are one number. Not 1 200 (a group of three).
        var spacedDigits = false
        if j - start == 1 {
            var k = j
            while k + 1 < end, text[k] == " ", Self.isDigit(text[k + 1]), !(k + 2 < end && Self.isDigit(text[k + 2])) {
                k += 2
            }
            if k > j { spacedDigits = true; j = k }
        }
        if !spacedDigits, j - start <= 3, j < end, text[j] == "," || text[j] == " " {
            let separator = text[j]
            while j + 3 < end, text[j] == separator, Self.isDigit(text[j + 1]), Self.isDigit(text[j + 2]), Self.isDigit(text[j + 3]),
                  !(j + 4 < end && Self.isDigit(text[j + 4])) {
                commas = true
                j += 4
            }
        }
        var isInteger = true
        // 6 .5 %: OCR's space before the point.
        if j + 2 < end && text[j] == " " && text[j + 1] == "." && Self.isDigit(text[j + 2]) {
            isInteger = false
            j += 2
            while j < end && Self.isDigit(text[j]) { j += 1 }
        } else if j + 1 < end && text[j] == "." && Self.isDigit(text[j + 1]) {
            isInteger = false
            j += 1
            while j < end && Self.isDigit(text[j]) { j += 1 }
        }
        guard var value = DecimalNumber(parsing: text[start..<j].lazy.filter { $0 != " " }) else { return nil }
        let digitCount = text[start..<j].lazy.filter { Self.isDigit($0) }.count
        var approximation = Approximation.exact
        var low: DecimalNumber?, high: DecimalNumber?
        if isInteger, j < end, case .more? = vocabulary.role(text[j]) {
            approximation = .more
            low = value
            high = value.adding(Self.step(of: value))
            j += 1
        }
        var (magnitude, magnitudeLength) = arabicMagnitude(text, at: j, end: end)
        j += magnitudeLength
        // Colloquial continuation after 万 or 亿: 3万4000, 25万6千, 13万2.
        if magnitudeLength > 0, isInteger, approximation == .exact, j < end,
           case .section? = vocabulary.role(text[j - 1]),
           let (rest, restLength) = continuation(text, at: j, end: end, below: magnitude),
           let whole = value.multiplied(byPowerOfTen: magnitude), let total = whole.adding(rest) {
            value = total
            magnitude = 0
            magnitudeLength = 0
            j += restLength
        }
        let isYear = isInteger && !commas && magnitudeLength == 0 && digitCount == 4 && approximation == .exact
            && (value.intValue.map { (1900...2100).contains($0) } ?? false)
        return (NumberValue(value: value, magnitude: magnitude, magnitudeLength: magnitudeLength, approximation: approximation,
                            low: low, high: high, isArabic: true, isYear: isYear), j - start)
    }

    /// 万, 亿, 万亿, 千万, 百万, 千亿 after Arabic digits: the summed power and the length.
    private func arabicMagnitude(_ text: [Unicode.Scalar], at start: Int, end: Int) -> (Int, Int) {
        var power = 0
        var j = start
        while j < end && j - start < 3 {
            switch vocabulary.role(text[j]) {
            case .section(let p)?: power += p
            case .unit(let p)? where p >= 2: power += p
            default: return (power, j - start)
            }
            j += 1
        }
        return (power, j - start)
    }

    /// What follows 3万 in 3万4000 (4000), 25万6千 (6000) or 13万2 (2000: a lone digit counts
    /// the next power down), when smaller than the magnitude.
    private func continuation(_ text: [Unicode.Scalar], at i: Int, end: Int, below magnitude: Int) -> (DecimalNumber, Int)? {
        var digits: DecimalNumber
        var j = i
        if Self.isDigit(text[i]) {
            while j < end && Self.isDigit(text[j]) { j += 1 }
            if j < end && text[j] == "." { return nil }
            guard let parsed = DecimalNumber(parsing: text[i..<j]) else { return nil }
            digits = parsed
        } else if case .digit(let d)? = vocabulary.role(text[i]) {
            digits = DecimalNumber(d)
            j += 1
        } else {
            return nil
        }
        var power = 0
        if j < end, case .unit(let p)? = vocabulary.role(text[j]) {
            power = p
            j += 1
        } else if j - i == 1 && !(j < end && Self.isDigit(text[j])) {
            power = magnitude - 1  // 13万2: 2 × 1000
        }
        guard let value = digits.multiplied(byPowerOfTen: power),
              value < DecimalNumber(significand: 1, exponent: magnitude) else { return nil }
        return (value, j - i)
    }

    /// The step of "more than" after an Arabic integer: 300多 → 100, 50余 → 10, 12多 → 1.
    static func step(of value: DecimalNumber) -> DecimalNumber {
        guard let int = value.intValue, int > 0 else { return .one }
        var step = 1
        var rest = int
        while rest % 10 == 0 { rest /= 10; step *= 10 }
        return DecimalNumber(step)
    }

    // MARK: Chinese

    private func parseChinese(_ text: [Unicode.Scalar], at start: Int, end: Int) -> (NumberValue, Int)? {
        // 上百 / 上千 / 上万.
        if case .upTo? = vocabulary.role(text[start]) {
            guard start + 1 < end else { return nil }
            switch vocabulary.role(text[start + 1]) {
            case .unit(let p)? where p >= 2, .section(let p)?:
                return (NumberValue(value: DecimalNumber(significand: 1, exponent: p), magnitude: 0, magnitudeLength: 0,
                                    approximation: .about, low: nil, high: nil, isArabic: false, isYear: false), 2)
            default:
                return nil
            }
        }
        // The run: digits, units, sections, 几/数, 点 before a digit, 余/多 after a numeral.
        if start + 1 == end || vocabulary.role(text[start + 1]) == nil || vocabulary.role(text[start + 1]) == .upTo
            || vocabulary.role(text[start + 1]) == .minus {
            guard vocabulary.standsAlone(text[start]) else { return nil }
        }
        var roles: [NumeralVocabulary.Role] = []
        var j = start
        scan: while j < end, roles.count < Self.maxChineseRun, let role = vocabulary.role(text[j]) {
            switch role {
            case .digit, .unit, .section, .several:
                break
            case .point:
                guard j + 1 < end, case .digit? = vocabulary.role(text[j + 1]) else { break scan }
            case .more:
                guard let previous = roles.last, previous != .more, previous != .point else { break scan }
            case .upTo, .minus:
                break scan
            }
            roles.append(role)
            j += 1
        }
        // The longest prefix of the run that is a numeral: 百分之七十百分位 reads 七十, not
        // the impossible 七十百.
        while !roles.isEmpty {
            if let result = evaluate(roles) { return result }
            roles.removeLast()
            if roles.count == 1, !vocabulary.standsAlone(text[start]) { return nil }
        }
        return nil
    }

    /// Evaluates a run of numeral roles.
    private func evaluate(_ roles: [NumeralVocabulary.Role]) -> (NumberValue, Int)? {
        guard !roles.isEmpty else { return nil }
        let length = roles.count
        let hasDigit = roles.contains { if case .digit = $0 { true } else { false } }
        let hasSeveral = roles.contains(.several)
        // A bare unit or section (百, 千, 万) is not a number; 十 and 几十 are.
        if !hasDigit && !hasSeveral {
            guard case .unit(1) = roles[0] else { return nil }
        }
        // Digit by digit: 二〇二三; two consecutive digits: 三四 (three or four).
        let digitsOnly = roles.allSatisfy { if case .digit = $0 { true } else { false } }
        // Digit by digit with a decimal part: 一七二零点一.
        if let point = roles.firstIndex(of: .point), point >= 2,
           roles.allSatisfy({ if case .digit = $0 { true } else { $0 == .point } }) {
            let digits = roles.compactMap { if case .digit(let d) = $0 { d } else { nil } }
            guard digits.count <= 30, digits[0] != 0 else { return nil }
            var significand: Int128 = 0
            for d in digits { significand = significand * 10 + Int128(d) }
            return (NumberValue(value: DecimalNumber(significand: significand, exponent: -(roles.count - point - 1)), magnitude: 0,
                                magnitudeLength: 0, approximation: .exact, low: nil, high: nil, isArabic: false, isYear: false), length)
        }
        if digitsOnly {
            let digits = roles.map { if case .digit(let d) = $0 { d } else { 0 } }
            if digits.count == 2 && digits[0] > 0 && digits[1] == digits[0] + 1 {
                return (NumberValue(value: DecimalNumber(digits[0]), magnitude: 0, magnitudeLength: 0, approximation: .about,
                                    low: DecimalNumber(digits[0]), high: DecimalNumber(digits[1]), isArabic: false, isYear: false), length)
            }
            // Two digits that are not a 三四 pair are words (一一对应, 大陆一…), not 11 or 61.
            guard digits.count <= 18, digits.count == 1 || (digits.count >= 3 && digits[0] != 0) else { return nil }
            let value = digits.reduce(0) { $0 * 10 + $1 }
            return (NumberValue(value: DecimalNumber(value), magnitude: 0, magnitudeLength: 0, approximation: .exact, low: nil,
                                high: nil, isArabic: false, isYear: digits.count == 4 && (1900...2100).contains(value)), length)
        }
        // Split off the trailing magnitude (the sections at the end, 多 aside): 二十万亿 → 二十 + 万亿.
        var body = roles
        var magnitude = 0
        var magnitudeLength = 0
        // Only when every section before is smaller: 一万五千亿 is 1.5万 × 亿, but
        // 四十五亿四千零四万 is 45亿 + 4004万 (no magnitude).
        while let last = body.last, case .section(let p) = last, body.count > 1,
              !body.dropLast().contains(where: { if case .section(let q) = $0 { q >= p } else { false } }) {
            let before = body[body.count - 2]
            if case .more = before, body.count > 2 {
                // 三十万多亿: the 亿 is the magnitude, "30万多" the value.
                magnitude += p
                magnitudeLength += 1
                body.removeLast()
                break
            }
            if case .section = before { magnitude += p; magnitudeLength += 1; body.removeLast(); continue }
            magnitude += p
            magnitudeLength += 1
            body.removeLast()
            break
        }
        // "More than": 二百余, 三十多, 30万多.
        var approximation = Approximation.exact
        var step = DecimalNumber.one
        if let last = body.last, case .more = last {
            body.removeLast()
            approximation = .more
            switch body.last {
            case .unit(let p)?, .section(let p)?: step = DecimalNumber(significand: 1, exponent: p)
            default: step = .one
            }
        }
        guard !body.isEmpty, !body.contains(.more) else { return nil }
        // Decimal part: 十二点五.
        var fraction: [Int] = []
        if let point = body.firstIndex(of: .point) {
            for role in body[(point + 1)...] {
                guard case .digit(let d) = role else { return nil }
                fraction.append(d)
            }
            body = Array(body[..<point])
            if approximation == .more { return nil }
        }
        guard var value = integer(body, several: hasSeveral ? .low : nil) else { return nil }
        if !fraction.isEmpty {
            var fractional: Int128 = 0
            for d in fraction { fractional = fractional * 10 + Int128(d) }
            guard let sum = value.adding(DecimalNumber(significand: fractional, exponent: -fraction.count)) else { return nil }
            value = sum
        }
        var low: DecimalNumber?, high: DecimalNumber?
        if hasSeveral {
            low = value
            high = integer(body, several: .high)
            approximation = .about
        } else if approximation == .more {
            low = value
            high = value.adding(step)
        }
        return (NumberValue(value: value, magnitude: magnitude, magnitudeLength: magnitudeLength, approximation: approximation,
                            low: low, high: high, isArabic: false, isYear: false), length)
    }

    private enum Bound { case low, high }

    /// The integer of digits, units and sections (with 几/数 taken at a bound).
    ///
    /// Sections group from the right: 一亿五千万零六 is 1×10⁸ + 5000×10⁴ + 6, and a section
    /// scales the smaller groups before it (一万亿 is 1×10⁴×10⁸).
    private func integer(_ body: [NumeralVocabulary.Role], several: Bound?) -> DecimalNumber? {
        var groups: [(value: Int128, power: Int)] = []  // completed sections, larger first
        var section: Int128 = 0    // the current section below 万
        var current: Int128?       // a pending digit
        var lastUnit = Int.max     // the last unit inside the section
        var lastSection = Int.max
        var zeroBefore = false     // a 零 just before the last digit (一百零五)
        for (index, role) in body.enumerated() {
            switch role {
            case .digit(0):
                if current != nil { return nil }
                zeroBefore = true
            case .digit(let d):
                if current != nil { return nil }
                current = Int128(d)
            case .several:
                if current != nil { return nil }
                // After 十 (十几) the unknown digit is 1-9; before a unit (几十, 数百) 2-9.
                let afterTen = index > 0 && body[index - 1] == .unit(1)
                current = several == .high ? 9 : (afterTen ? 1 : 2)
            case .unit(let p):
                guard p < lastUnit else { return nil }
                // 十 stands for 一十 anywhere: 十五, 一千零十, 一百十一.
                let multiplier = current ?? (p == 1 ? 1 : 0)
                guard multiplier > 0 else { return nil }
                section += multiplier * Self.pow10(p)
                current = nil
                lastUnit = p
                zeroBefore = false
            case .section(let p):
                var sum = section + (current ?? 0)
                current = nil
                while let last = groups.last, last.power < p {
                    sum += last.value
                    groups.removeLast()
                }
                guard sum > 0 else { return nil }
                if let last = groups.last, last.power == p { return nil }  // 一万二万
                let (scaled, overflow) = sum.multipliedReportingOverflow(by: Self.pow10(p))
                if overflow { return nil }
                groups.append((scaled, p))
                section = 0
                lastUnit = Int.max
                lastSection = p
                zeroBefore = false
            case .point, .more, .upTo, .minus:
                return nil
            }
        }
        if let current {
            // 一百五 is 150, 三千二 is 3200: a digit after 百/千 counts the next power down;
            // 一百零五 (a zero between) or 二十五 is just the digit.
            if lastUnit >= 2 && lastUnit != Int.max && !zeroBefore {
                section += current * Self.pow10(lastUnit - 1)
            } else if lastUnit == Int.max && lastSection != Int.max && !zeroBefore {
                // 三万五 is 35000: after a section, the next power down.
                section += current * Self.pow10(lastSection - 1)
            } else {
                section += current
            }
        }
        var total = section
        for group in groups {
            let (sum, overflow) = total.addingReportingOverflow(group.value)
            if overflow { return nil }
            total = sum
        }
        return DecimalNumber(significand: total)
    }

    private static func pow10(_ k: Int) -> Int128 {
        var v: Int128 = 1
        for _ in 0..<k { v *= 10 }
        return v
    }
}
