import Foundation
import Testing
import ZhibiaoCore
import ZhibiaoTestSupport
@testable import ZhibiaoText

@Suite struct ScriptConverterTests {
    @Test(arguments: [
        ("乾隆皇帝", "乾隆皇帝"), ("俱樂部", "俱乐部"), ("慰藉", "慰藉"), ("憑藉", "凭借"), ("姊妹", "姊妹"),
        ("諮詢", "咨询"), ("答覆", "答复"), ("頭髮發展", "头发发展"), ("臺灣製造", "台湾制造"), ("準確範圍", "准确范围"),
        ("合併並且", "合并并且"), ("裡面裏面", "里面里面"), ("看著", "看着"), ("餘杭", "余杭"), ("瞭解", "了解"),
    ])
    func convertsPolicyVocabulary(_ traditional: String, _ simplified: String) {
        var text = Array(traditional.unicodeScalars)
        TextFixtures.converter.convert(&text)
        #expect(String(scalars: text) == simplified)
    }

    /// The Swift table is a compiled form of ICU's rules plus the overrides: ICU, given the same
    /// merged rules, must produce the same text.
    @Test func tableAgreesWithICU() throws {
        let icu = try ICUTransliterator(id: "Zhibiao-T2S", rules: TextFixtures.converter.icuRules)
        var texts = [try TextFixtures.seed(RepoPaths.districtSeed)]
        for url in RepoPaths.sharedFiles("hant", extensions: ["txt", "md"]) {
            texts.append(String(try RepoPaths.read(url).prefix(40_000)))
        }
        for text in texts {
            var ours = Array(text.unicodeScalars)
            TextFixtures.converter.convert(&ours)
            let theirs = Array(try icu.transliterate(text).unicodeScalars)
            #expect(ours.count == theirs.count)
            let differences = zip(ours.indices, zip(ours, theirs)).filter { $0.1.0 != $0.1.1 }.map(\.0)
            for index in differences.prefix(5) {
                let window = max(0, index - 4)..<min(ours.count, index + 5)
                Issue.record("differs at \(index): ours \(String(scalars: ours[window])) ICU \(String(scalars: theirs[window]))")
            }
        }
    }

    @Test func overridesAreSortedUniqueAndLengthPreserving() throws {
        let url = RepoPaths.grammars.appendingPathComponent("script/t2s-overrides.tsv")
        let file = TSVFile(path: url.path, contents: try RepoPaths.read(url))
        #expect(file.lines.count == TextFixtures.converter.overrideCount)
        #expect(TextFixtures.converter.icuRuleCount > 3000)
        #expect(loadError("甲\t甲\n乙\t乙\n") == "o.tsv:2:1: error: keys must be sorted and unique: '乙' after '甲'")
        #expect(loadError("甚麼\t什\n") == "o.tsv:1:4: error: '甚麼' and '什' differ in length; conversion must keep offsets")
        #expect(loadError("甚麼\n") == "o.tsv:1:1: error: expected key<TAB>value")
    }

    private func loadError(_ contents: String) -> String? {
        do {
            _ = try ScriptConverter(overrides: TSVFile(path: "o.tsv", contents: contents))
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func countsDecideScript() {
        // Measured: Traditional texts have 30-35% Traditional-only and 4-5% shared-with-Simplified
        // characters (余 于 并 台 …); Simplified texts have none of the former and ~40% of the latter.
        #expect(ScriptConverter.Counts(han: 7129, traditional: 2523, simplified: 333).script == .hant)  // district seed
        #expect(ScriptConverter.Counts(han: 3508, traditional: 0, simplified: 1500).script == .hans)   // provincial seed
        #expect(ScriptConverter.Counts(han: 16400, traditional: 2, simplified: 6598).script == .hans)
        #expect(ScriptConverter.Counts(han: 100, traditional: 20, simplified: 20).script == .mixed)
        #expect(ScriptConverter.Counts(han: 0, traditional: 0, simplified: 0).script == .none)
    }
}

@Suite struct CharacterTableTests {
    @Test func reportsBadLinesWithPositions() {
        let unknown = TSVFile(path: "c.tsv", contents: "squash\tU+2014\t-\n")
        #expect(throws: DataFileError(path: "c.tsv", line: 1, column: 1, message: "unknown action 'squash' (expected keep, fold or delete)")) {
            try CharacterTable(file: unknown)
        }
        let twice = TSVFile(path: "c.tsv", contents: "delete\tU+200B\n\ndelete\tU+200B\n")
        #expect(throws: DataFileError(path: "c.tsv", line: 3, column: 8, message: "U+200B is listed twice")) {
            try CharacterTable(file: twice)
        }
        let fold = TSVFile(path: "c.tsv", contents: "fold\t—\tab\n")
        #expect(throws: DataFileError.self) { try CharacterTable(file: fold) }
    }

    @Test func readsRangesAndLiterals() throws {
        let table = try CharacterTable(file: TSVFile(path: "c.tsv", contents: "keep\tU+2460..U+2462\nfold\t「\tU+201C\ndelete\tU+200B\n"))
        #expect(table.action("②") == .keep)
        #expect(table.action("「") == .fold("“"))
        #expect(table.action("\u{200B}") == .delete)
        #expect(table.action("a") == nil)
    }
}

