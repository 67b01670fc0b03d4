import Testing
import ZhibiaoCore
import ZhibiaoText

@Suite struct SentenceBreakerTests {
    func split(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return SentenceBreaker().sentences(in: scalars, range: 0..<scalars.count).map { String(scalars: scalars[$0.range]) }
    }

    @Test func splitsOnTerminatorsSemicolonsAndLines() {
        #expect(split("到2025年,建成示范村10个。农村居民人均可支配收入达到5.7万元;出水水质达标率达到95%。\n新一行") ==
                ["到2025年,建成示范村10个。", "农村居民人均可支配收入达到5.7万元;", "出水水质达标率达到95%。", "新一行"])
    }

    @Test func keepsQuotesAndBracketsTogether() {
        #expect(split("推广“农村老年公寓+养老服务”等模式;落实《关于“千万工程”的实施方案。》精神。") ==
                ["推广“农村老年公寓+养老服务”等模式;", "落实《关于“千万工程”的实施方案。》精神。"])
        #expect(split("他说:“要抓紧。”随后离开。") == ["他说:“要抓紧。”", "随后离开。"])
    }

    @Test func doesNotSplitAtMarkersOrDecimals() {
        #expect(split("1.深化党建联建。鼓励片区内乡村建立联合党委。") == ["1.深化党建联建。", "鼓励片区内乡村建立联合党委。"])
        #expect(split("收入达到5.7万元,增长3.5%。") == ["收入达到5.7万元,增长3.5%。"])
    }

    @Test func anUnclosedBracketDoesNotSwallowTheLine() {
        #expect(split("推进“四治融合乡村治理。完善议事流程。") == ["推进“四治融合乡村治理。", "完善议事流程。"])
    }
}
