import Testing
import ZhibiaoCore
import ZhibiaoTestSupport
@testable import ZhibiaoText

@Suite struct NormalizerTests {
    @Test(arguments: [
        ("（一）推进组织共建。", "(一)推进组织共建。"),
        ("ＡＢＣ１２３，：；", "ABC123,:;"),
        ("占比达到１００％", "占比达到100%"),
        ("2023—2027年", "2023-2027年"),
        ("20%–30%", "20%-30%"),
        ("「千万工程」", "“千万工程”"),
        ("10～15个", "10~15个"),
        ("①加强②推进", "①加强②推进"),
        ("㈱", "(株)"),
        ("面积１０㎡", "面积10m2"),
        ("a\u{200B}b", "ab"),
        ("中共浙江省委组织部　浙江省财政厅", "中共浙江省委组织部 浙江省财政厅"),
        ("e\u{301}", "é"),
    ])
    func normalizes(_ input: String, _ expected: String) {
        #expect(TextFixtures.normalize(input) == expected)
    }

    @Test(arguments: [
        ("  a   b  ", "a b"),
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a \n\n\n \n b", "a\n\nb"),
        ("\n\n标题\n\n", "标题"),
        ("x\t\ty", "x\ty"),
        ("x \t y", "x\ty"),
        ("行一\u{2028}行二", "行一\n行二"),
    ])
    func collapsesLayoutWhitespace(_ input: String, _ expected: String) {
        #expect(TextFixtures.normalize(input) == expected)
    }

    @Test func convertsTraditionalToSimplified() {
        #expect(TextFixtures.normalize("餘杭區人民政府辦公室關於印發") == "余杭区人民政府办公室关于印发")
        #expect(TextFixtures.normalize("於是後來幹部乾淨著作") == "于是后来干部干净著作")
    }

    @Test func keepsScriptWhenAsked() {
        #expect(TextFixtures.normalize("關於（一）", .keep) == "關於(一)")
    }

    @Test func detectsScript() {
        let normalizer = TextFixtures.normalizer()
        #expect(normalizer.normalize(Array("关于推进乡村片区组团发展的实施意见".unicodeScalars)).script == .hans)
        #expect(normalizer.normalize(Array("關於推進鄉村片區組團發展".unicodeScalars)).script == .hant)
        #expect(normalizer.normalize(Array("ABC 123".unicodeScalars)).script == .none)
    }

    @Test func mapsExpansionsBackToTheirSource() throws {
        let input = Array("前㈱后\r\n（一）".unicodeScalars)
        let result = TextFixtures.normalizer().normalize(input)
        #expect(String(scalars: result.text) == "前(株)后\n(一)")
        try result.map.checkInvariants()
        // "(株)" (normalized 1..<4) comes from "㈱" (original 1..<2)
        #expect(result.map.originalSpan(of: NormalizedSpan(start: 1, end: 4)) == OriginalSpan(start: 1, end: 2))
        // "\n" comes from "\r\n"
        #expect(result.map.originalSpan(of: NormalizedSpan(start: 5, end: 6)) == OriginalSpan(start: 3, end: 5))
    }

    @Test(arguments: [RepoPaths.provincialSeed, RepoPaths.districtSeed])
    func seedsKeepInvariantsAndAreIdempotent(_ name: String) throws {
        let original = Array(try TextFixtures.seed(name).unicodeScalars)
        let normalizer = TextFixtures.normalizer()
        let once = normalizer.normalize(original)
        try once.map.checkInvariants()
        #expect(once.map.originalCount == original.count)
        let twice = normalizer.normalize(once.text)
        #expect(twice.text == once.text)
        checkSpansCoverOriginal(original: original, result: once)
    }

    /// A combining mark after white space stays after it: dropping the space (or a deleted
    /// character next to it) would put the mark on the character before and a second pass
    /// would compose them. The first input is what a random run found in CI.
    @Test(arguments: [
        "c\n\0\u{301}", "c\n\u{301}", "c\t\u{301}", "c \u{301}", "c\u{3000}\u{301}",
        "e\u{A8}", "\n\u{A8}x", "a\n\u{B4}", "a\u{200B}\n\u{301}", "c\r\n\u{7F}\u{301}",
        "c\u{3000}\u{7F}\u{301}", "c\u{3000}\u{200B}\u{301}\u{301}",
    ])
    func marksAfterWhiteSpaceAreIdempotent(_ input: String) throws {
        let normalizer = TextFixtures.normalizer()
        let original = Array(input.unicodeScalars)
        let once = normalizer.normalize(original)
        try once.map.checkInvariants()
        #expect(once.map.originalCount == original.count)
        #expect(normalizer.normalize(once.text).text == once.text, "\(input.debugDescription) → \(String(scalars: once.text).debugDescription)")
        checkSpansCoverOriginal(original: original, result: once)
    }

    /// Random text from a pool that stresses every transformation.
    @Test func randomTextKeepsInvariants() throws {
        let seed = RepeatableRandom.testSeed("NormalizerTests.randomTextKeepsInvariants")
        var random = RepeatableRandom(seed: seed)
        let pool: [Unicode.Scalar] = Array("關於後乾著臺製準範併中文１２３ＡＢ，。（）「」—–-~〜 \t\n\r\u{3000}\u{200B}\u{FEFF}㈱①⑴㍘ﬁe\u{301}\u{0}\u{7F}abc%％．".unicodeScalars)
            + ["\u{1F600}", "\u{20000}", "\u{2F800}"]
        let normalizer = TextFixtures.normalizer()
        for _ in 0..<1000 {
            let length = Int.random(in: 0...60, using: &random)
            let original = (0..<length).map { _ in pool[Int.random(in: 0..<pool.count, using: &random)] }
            let result = normalizer.normalize(original)
            try result.map.checkInvariants()
            #expect(result.map.originalCount == original.count)
            #expect(result.map.normalizedCount == result.text.count)
            #expect(normalizer.normalize(result.text).text == result.text, "not idempotent: \(String(scalars: original).debugDescription)")
            checkSpansCoverOriginal(original: original, result: result)
        }
    }

    /// Every original scalar that normalization dropped is white space or a character the
    /// character table deletes: nothing meaningful disappears.
    private func checkSpansCoverOriginal(original: [Unicode.Scalar], result: Normalizer.Result) {
        for span in result.map.deletedOriginalSpans {
            for scalar in original[span.range] {
                let deletable = scalar.properties.isWhitespace || TextFixtures.characters.action(scalar) == .delete
                #expect(deletable, "dropped U+\(String(scalar.value, radix: 16)) at \(span)")
            }
        }
    }
}
