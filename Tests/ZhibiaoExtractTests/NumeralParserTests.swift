import Testing
import ZhibiaoCore
import ZhibiaoGrammar
import ZhibiaoTestSupport

/// The numeral parser on the cases other tools get wrong (issue: "What it must understand").
@Suite struct NumeralParserTests {
    static let lexicon = Fixtures.resources.grammar.lexicon
    let parser = NumeralParser(vocabulary: NumeralParserTests.lexicon.numerals)

    /// The numeral at the start of `text`: its full value (magnitude applied) and what it read.
    func read(_ text: String) -> (value: String, read: String, number: NumberValue)? {
        let scalars = Array(text.unicodeScalars)
        guard let (number, length) = parser.parse(scalars, at: 0, end: scalars.count) else { return nil }
        let full = number.value.multiplied(byPowerOfTen: number.magnitude)?.description ?? "overflow"
        return (full, String(String.UnicodeScalarView(scalars[..<length])), number)
    }

    @Test(arguments: [
        ("二十万亿", "20000000000000"), ("一万五千亿", "1500000000000"), ("1,100万", "11000000"), ("3万4000", "34000"),
        ("25万6千", "256000"), ("13万2", "132000"), ("16.4亿", "1640000000"), ("5.7万", "57000"), ("0.6万", "6000"),
        ("22.29万", "222900"), ("1.2亿", "120000000"), ("3千", "3000"), ("三千二百万", "32000000"), ("十二点五", "12.5"),
        ("两千六", "2600"), ("三万五", "35000"), ("一百五", "150"), ("一百零五", "105"), ("一千零十", "1010"),
        ("一万一千", "11000"), ("一亿五千万零六千三百五十五", "150006355"), ("四十五亿四千零四万", "4540040000"),
        ("一千零一万一千零一", "10011001"), ("一百十一", "111"), ("二〇二三", "2023"), ("一七二零点一", "1720.1"),
        ("壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹", "111111111"), ("负三", "-3"), ("负0.5", "-0.5"), ("99.9", "99.9"),
    ])
    func reads(_ text: String, _ value: String) throws {
        let result = try #require(read(text), "\(text) is not read")
        #expect(result.read == text)
        #expect(result.value == value)
    }

    @Test func approximationsCarryAnInterval() throws {
        let tens = try #require(read("十几万"))
        #expect(tens.number.approximation == .about)
        #expect(tens.number.low?.description == "11" && tens.number.high?.description == "19" && tens.number.magnitude == 4)
        let more = try #require(read("二百余万"))
        #expect(more.number.approximation == .more)
        #expect(more.number.low?.description == "200" && more.number.high?.description == "300" && more.number.magnitude == 4)
        let thirty = try #require(read("三十万多亿"))
        #expect(thirty.number.approximation == .more && thirty.number.magnitude == 8 && thirty.read == "三十万多亿")
        let upTo = try #require(read("上百"))
        #expect(upTo.value == "100" && upTo.number.approximation == .about)
        let hundreds = try #require(read("数百万"))
        #expect(hundreds.number.approximation == .about && hundreds.number.magnitude == 4)
        let pair = try #require(read("三四"))
        #expect(pair.number.low?.description == "3" && pair.number.high?.description == "4")
    }

    @Test func keepsTheMagnitudeApartForTheUnit() throws {
        let result = try #require(read("5.7万"))
        #expect(result.number.value.description == "5.7" && result.number.magnitude == 4 && result.number.magnitudeLength == 1)
    }

    @Test(arguments: ["统一", "队伍", "大陆", "数据", "几个", "万", "百", "--9"])
    func readsNoNumberIn(_ text: String) {
        // 统一 starts with no numeral; 伍/陆 alone are words; two digits are no number.
        if let result = read(text) { Issue.record("\(text) read as \(result.value) (\(result.read))") }
    }

    @Test func twoDigitsAreNoNumberButThreeAre() {
        #expect(read("一一")?.read == "一")  // 一一对应: not 11
        #expect(read("一二三")?.value == "123")
    }

    @Test func readsTheLongestNumeralThatMakesSense() throws {
        // 七十百 is no numeral: 七十 is.
        let result = try #require(read("七十百分位"))
        #expect(result.read == "七十" && result.value == "70")
    }

    @Test func valuesAreExactDecimals() throws {
        // Never a binary-float artefact (1639999999.9999998).
        #expect(read("16.4亿")?.value == "1640000000")
        #expect(read("1.57")?.value == "1.57")
        #expect(read("0.1")?.number.value == DecimalNumber(significand: 1, exponent: -1))
    }
}
