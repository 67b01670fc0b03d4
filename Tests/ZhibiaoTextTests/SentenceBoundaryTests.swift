import Foundation
import Testing
import ZhibiaoCore
import ZhibiaoTestSupport
import ZhibiaoText

/// The project's sentence boundary scanner against ICU's sentence break iterator, the
/// reference: the same kept boundaries on the seeds, the shared corpus and random text made of
/// the characters the rules turn on.
@Suite struct SentenceBoundaryTests {
    let breaker = SentenceBreaker()

    private func agree(_ text: [Unicode.Scalar], _ label: String) {
        let ours = breaker.boundaries(of: text), icu = breaker.icuBoundaries(of: text)
        guard ours != icu else { return }
        let missing = Set(icu.offsets).subtracting(ours.offsets).sorted(), extra = Set(ours.offsets).subtracting(icu.offsets).sorted()
        func around(_ offset: Int) -> String {
            String(scalars: text[max(0, offset - 8)..<min(text.count, offset + 8)]).debugDescription
        }
        Issue.record("\(label): ICU only \(missing.prefix(3).map(around)), ours only \(extra.prefix(3).map(around))")
    }

    @Test func examples() {
        for text in ["他说:“要抓紧。”随后离开。", "是吗?!对。 好的 。下一句", "1.深化党建联建。鼓励", "U.S. Army. next", "结束。\n下一行", "a.B c.d", "v1.2 版",
                     "完成。。。然后", "完成……然后", "“好。”“好。”", "收尾。\u{301}接着", "句子。\u{200B}再来", "句子。 ,接着", "(完成。)再来", "《方案。》好",
                     "达到85%。达到85%。", "?", "。", "。。", "a. b", "Mr. smith", "是。\t下一句"] {
            agree(Array(text.unicodeScalars), text)
        }
    }

    @Test func seedsAndTheSharedCorpus() throws {
        var files = [RepoPaths.corpusFile(RepoPaths.provincialSeed), RepoPaths.corpusFile(RepoPaths.districtSeed)]
        for folder in ["pairs", "eval", "hant", "html"] { files += RepoPaths.sharedFiles(folder, extensions: ["txt", "md"]) }
        for file in files {
            agree(Array(try RepoPaths.read(file).unicodeScalars), file.lastPathComponent)
        }
    }

    /// Strings over an alphabet of terminators, closing and opening punctuation, spaces, line
    /// breaks, combining and format characters, continuation punctuation, letters of each case,
    /// digits and Han.
    @Test func randomText() {
        let alphabet: [Unicode.Scalar] = ["。", "!", "?", "！", "？", "…", ".", "．", "｡", "‼", "؟", "”", "’", "」", "》", ")", "]", "】", "〕",
                                          "“", "《", "(", "「", " ", "\t", "\u{3000}", "\u{A0}", "\n", "\r", "\u{2029}", "\u{85}",
                                          "\u{301}", "\u{200B}", "\u{200D}", "\u{FE0F}", ",", "，", "、", ":", ";", "-", "a", "b", "A", "B",
                                          "1", "5", "中", "国", "〇", "ｱ", "\u{1F600}", "\u{20000}"]
        var random = RepeatableRandom(seed: RepeatableRandom.testSeed("SentenceBoundaryTests.randomText"))
        for round in 0..<3_000 {
            let length = Int(random.next() % 24) + 1
            let text = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            agree(text, "round \(round)")
        }
    }
}
