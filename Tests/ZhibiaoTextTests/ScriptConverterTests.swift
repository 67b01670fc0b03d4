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

/// Only what is Traditional is converted (issue: a Simplified document turned 显著 into 显着).
@Suite struct ScriptDecisionTests {
    private func simplified(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        TextFixtures.converter.convertTraditional(&scalars)
        return String(scalars: scalars)
    }

    @Test func aSimplifiedTextIsLeftAlone() {
        let text = "一、总体要求\n全市城乡居民收入增长显著,成绩显著的单位予以表彰。\n加强行车瞭望,开展巡察。\n乾坤湾景区年接待游客100万人次。"
        #expect(simplified(text) == text)
    }

    @Test func aTraditionalPassageInASimplifiedTextIsConverted() {
        let text = "全市常住人口城镇化率达到85%,成效显著,加强行车瞭望。\n一、总体要求\n二、主要目标\n三、重点任务\n"
            + "香港特別行政區政府宣佈,將於明年撥款二十億元。\n到2025年,全市建设示范村10个。"
        let expected = "全市常住人口城镇化率达到85%,成效显著,加强行车瞭望。\n一、总体要求\n二、主要目标\n三、重点任务\n"
            + "香港特别行政区政府宣布,将于明年拨款二十亿元。\n到2025年,全市建设示范村10个。"
        #expect(simplified(text) == expected)
    }

    @Test func aTraditionalTextIsConvertedThroughout() {
        #expect(simplified("到2025年,全區常住人口城鎮化率達到85%以上。\n看著") == "到2025年,全区常住人口城镇化率达到85%以上。\n看着")
        // A partly simplified report of 1957 mixes both scripts in its paragraphs.
        #expect(simplified("七万戶的私营工業企業已經变为公私合营企業。\n全年粮食产量显著增长。")
                == "七万户的私营工业企业已经变为公私合营企业。\n全年粮食产量显著增长。")
    }

    @Test func simplifiedToTraditional() throws {
        let converter = try ScriptConverter(overrides: nil, direction: .simplifiedToTraditional)
        var text = Array("到2025年,全区常住人口城镇化率达到85%以上,成效显著。".unicodeScalars)
        let counts = converter.convertTraditional(&text, detector: TextFixtures.converter)
        #expect(counts.script == .hans)
        #expect(String(scalars: text) == "到2025年,全區常住人口城鎮化率達到85%以上,成效顯著。")
        // A Traditional text is left alone.
        var traditional = Array("全區常住人口城鎮化率達到85%以上。".unicodeScalars)
        converter.convertTraditional(&traditional, detector: TextFixtures.converter)
        #expect(String(scalars: traditional) == "全區常住人口城鎮化率達到85%以上。")
    }

    @Test func normalizerModes() {
        let text = "全區城鎮化率達到85%。"
        #expect(TextFixtures.normalize(text, .hans) == "全区城镇化率达到85%。")
        #expect(TextFixtures.normalize(text, .keep) == text)
        #expect(TextFixtures.normalize("成效显著。", .hans) == "成效显著。")
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

