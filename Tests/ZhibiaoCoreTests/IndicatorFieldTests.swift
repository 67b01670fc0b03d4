import Testing
import ZhibiaoCore

@Suite struct IndicatorFieldTests {
    static func sample() -> Indicator {
        Indicator(doc: "a/b.txt", id: "abc-5-9", span: OriginalSpan(start: 5, end: 9), surface: "5.7萬元",
                  sentenceSpan: OriginalSpan(start: 0, end: 20), sentence: "收入達到\"5.7萬元\"\n", value: DecimalNumber(parsing: "5.7".unicodeScalars)!,
                  unit: "萬元", baseValue: DecimalNumber(57000), baseUnit: .yuan, kind: .money, comparator: .atLeast, approximate: false,
                  low: nil, high: nil, year: 2025, baselineYear: 2022, baseline: nil, periodStart: 2023, periodEnd: 2027,
                  accumulation: .annualAverage, change: .increase, aspirational: true, metric: "农村居民人均可支配收入", scope: "全区",
                  section: "二/(一)", role: .target, rules: ["quantity.unit", "time.deadline"], yearSource: .heading,
                  baselineValue: DecimalNumber(parsing: "4.66".unicodeScalars), bindingness: .expected, action: "实现",
                  metricKey: "农村居民人均可支配收入", roleBasis: "frame:到2025年", cell: TableCell(table: 1, row: 3, column: 2),
                  category: "经济发展")
    }

    @Test func everyFieldIsWrittenInContractOrderAndReadBack() throws {
        let indicator = Self.sample()
        var json = JSONWriter()
        indicator.write(into: &json)
        let value = try JSONValue(parsing: json.string)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == IndicatorField.allCases.map(\.rawValue))
        let back = try Indicator(json: value)
        #expect(back == indicator)
        #expect(IndicatorField.cell.value(of: back).text == "1:3:2")
        #expect(IndicatorField.rules.value(of: back).text == "quantity.unit time.deadline")
    }

    @Test func exactDecimalsSurviveTheRoundTrip() throws {
        let value = try JSONValue(parsing: #"{"a": 1640000000.0000001, "b": -0.5e3, "c": "\u4e2d\ud83d\ude00"}"#)
        #expect(value["a"] == .number("1640000000.0000001"))
        #expect(value["b"] == .number("-0.5e3"))
        #expect(value["c"]?.stringValue == "中😀")
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "\"\u{01}\"", "01x", String(repeating: "[", count: 600)])
    func malformedJSONIsRefusedWithAnOffset(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func aRecordWithoutARequiredFieldSaysWhich() throws {
        let value = try JSONValue(parsing: #"{"doc":"x","id":"i","start":1,"end":2,"surface":"5个","value":5,"baseUnit":"count","kind":"count","comparator":"=","role":"goal"}"#)
        #expect(throws: IndicatorDecodingError.self) { try Indicator(json: value) }
        do { _ = try Indicator(json: value) } catch { #expect(error.description == "field 'role': unknown value 'goal'") }
    }
}
