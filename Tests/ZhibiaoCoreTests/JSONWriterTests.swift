import Testing
import ZhibiaoCore

@Suite struct JSONWriterTests {
    private func written(_ body: (inout JSONWriter) -> Void) -> String {
        var json = JSONWriter()
        body(&json)
        return json.string
    }

    @Test func escapesWhatJSONNeedsAndNothingElse() {
        #expect(written { $0.string("达到85%") } == "\"达到85%\"")
        #expect(written { $0.string("“两个先行”…") } == "\"“两个先行”…\"")
        #expect(written { $0.string("a\"b\\c\nd\re\tf\u{1}g") } == #""a\"b\\c\nd\re\tf\u0001g""#)
        #expect(written { $0.string("x\u{2028}y\u{2029}z\u{2027}") } == "\"x\\u2028y\\u2029z\u{2027}\"")
        #expect(written { $0.string("🙂\u{0}") } == "\"🙂\\u0000\"")
    }

    /// The byte path for strings and the scalar path give the same bytes.
    @Test func stringsAndScalarsAgree() {
        let samples = ["", "plain", "“引号”", "a\u{2028}", "\u{2028}", "\u{E2}\u{80}", "tab\there", "\u{1F}end", "\\\"", "结尾\u{2029}"]
        for sample in samples {
            #expect(written { $0.string(sample) } == written { $0.string(scalars: sample.unicodeScalars) }, "\(sample.debugDescription)")
        }
    }

    /// Decimals are written as their description, digit by digit.
    @Test func decimalsAsTheirDescription() {
        var values: [DecimalNumber] = [DecimalNumber(0), DecimalNumber(significand: 0, exponent: -2), DecimalNumber(significand: 5, exponent: -2),
                                       DecimalNumber(significand: -1234, exponent: -2), DecimalNumber(significand: 7, exponent: 3),
                                       DecimalNumber(significand: Int128.max, exponent: -5), DecimalNumber(significand: -Int128.max, exponent: 2)]
        for significand in [1, 9, 10, 85, 100, 12_345, -3, 4_660] as [Int128] {
            for exponent in -8...3 { values.append(DecimalNumber(significand: significand, exponent: exponent)) }
        }
        for value in values {
            #expect(written { $0.decimal(value) } == value.description, "\(value)")
        }
    }

    @Test func separatorsAndNumbers() {
        let text = written { json in
            json.beginObject()
            json.field("a", 0)
            json.field("b", -1234567)
            json.key("c")
            json.beginArray()
            json.int(Int.max)
            json.int(Int.min)
            json.beginObject()
            json.endObject()
            json.endArray()
            json.field("d", nil as String?)
            json.field("e", true)
            json.endObject()
            json.newline()
            json.beginObject()
            json.field("f", "g")
            json.endObject()
        }
        #expect(text == #"{"a":0,"b":-1234567,"c":[9223372036854775807,-9223372036854775808,{}],"d":null,"e":true}"# + "\n" + #"{"f":"g"}"#)
    }
}
