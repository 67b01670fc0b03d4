import Testing
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoTestSupport

@Suite struct LocalCurrencyTests {
    let lexicon = Fixtures.resources.grammar.lexicon
    let runner = ExampleRunner(extractor: Fixtures.pipeline.extractor)

    func currency(_ text: String) -> BaseUnit { lexicon.localCurrency(of: Array(text.unicodeScalars)) }

    @Test func cuesPlaceTheDocument() {
        #expect(currency("香港特别行政区政府将拨款30亿元，立法会财务委员会已批准。") == .hkd)
        #expect(currency("立法院第8届会议：行政院提出预算，新台币部分共计2亿元。") == .twd)
        #expect(currency("省人民政府关于加快发展的意见：安排资金5亿元。") == .yuan)
        #expect(currency("安排资金5亿元。") == .yuan)  // no cue: yuan
        #expect(currency("香港 人民政府") == .yuan)  // a tie: yuan
    }

    @Test func aBareYuanFollowsTheDocumentButANamedCurrencyDoesNot() throws {
        let found = runner.indicators(in: "香港特别行政区政府预留30亿元，另拨5亿美元；香港的财政司司长表示。")
        #expect(found.first { $0.surface == "30亿元" }?.baseUnit == .hkd)
        #expect(found.first { $0.surface == "5亿美元" }?.baseUnit == .usd)
        #expect(runner.indicators(in: "安排资金30亿元。").first?.baseUnit == .yuan)
    }
}
