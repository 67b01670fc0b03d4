import Foundation
import Testing
import Zhibiao
import ZhibiaoAlign
import ZhibiaoCore
import ZhibiaoTestSupport

/// Parent/child pairs where the answer is unambiguous: every verdict, unit conversion, a 下降
/// target, a ceiling, additive totals, Traditional script, a DOCX child, an omitted target.
@Suite struct VerdictTests {
    static let aligner = Fixtures.pipeline.aligner

    /// The pairs of the parent target `surface` (its first occurrence) in the alignment with a child.
    static func pairs(of surface: String, goals: [String]) throws -> (Alignment, [IndicatorPair]) {
        let child = try AlignFixtures.extract(AlignFixtures.childText(goals: goals))
        let alignment = aligner.align(parent: AlignFixtures.parent, child: child)
        return (alignment, alignment.pairs.filter { $0.parent.surface == surface })
    }

    @Test(arguments: [
        // (what the child does, its goal sentence, the parent figure, the child figure, expected verdicts)
        ("copies", "到2025年,全区农村居民人均可支配收入达到3万元。", "3万元", "3万元", ["equal"]),
        ("raises", "到2025年,全区农村居民人均可支配收入达到3.5万元。", "3万元", "3.5万元", ["stricter"]),
        ("lowers", "到2025年,全区农村居民人均可支配收入达到2.8万元。", "3万元", "2.8万元", ["looser"]),
        ("delays", "到2027年,全区农村居民人均可支配收入达到3万元。", "3万元", "3万元", ["equal", "later"]),
        ("brings forward", "到2024年,全区农村居民人均可支配收入达到3万元。", "3万元", "3万元", ["equal", "earlier"]),
        ("raises and delays", "到2027年,全区农村居民人均可支配收入达到3.5万元。", "3万元", "3.5万元", ["stricter", "later"]),
        ("a synonym of the metric", "到2025年,全区农民人均可支配收入达到3.2万元。", "3万元", "3.2万元", ["stricter"]),
        ("cuts energy use more (下降)", "到2025年,单位地区生产总值能耗下降15%。", "13.5%", "15%", ["stricter"]),
        ("cuts energy use less (下降)", "到2025年,单位地区生产总值能耗下降10%。", "13.5%", "10%", ["looser"]),
        ("a lower ceiling", "到2025年,城镇调查失业率控制在5%以内。", "5.5%", "5%", ["stricter"]),
        ("a higher ceiling", "到2025年,城镇调查失业率控制在6%以内。", "5.5%", "6%", ["looser"]),
        ("万元 as 亿元, the same", "到2025年,区级财政安排乡村振兴专项资金0.5亿元。", "5000万元", "0.5亿元", ["equal"]),
        ("万元 as 亿元, a share", "到2025年,区级财政安排乡村振兴专项资金0.1亿元。", "5000万元", "0.1亿元", ["contributes"]),
        ("公顷 against 亩, a share", "到2025年,新建高标准农田2万公顷。", "100万亩", "2万公顷", ["contributes"]),
        ("a count of villages", "到2027年底,全区累计建设36个重点村组团片区。", "500个", "36个", ["contributes"]),
        ("a share against 个百分点", "到2025年,常住人口城镇化率提高3个百分点。", "70%", "3个百分点", ["different-measure"]),
        ("a count against a share", "到2025年,建成农村生活污水处理设施120个。", "90%", "120个", ["different-measure"]),
    ] as [(String, String, String, String, [String])])
    func verdict(_ what: String, _ goal: String, _ parentFigure: String, _ childFigure: String, _ expected: [String]) throws {
        let (_, pairs) = try Self.pairs(of: parentFigure, goals: [goal])
        let pair = try #require(pairs.first { $0.child.surface == childFigure }, "\(what): no pair \(parentFigure) ~ \(childFigure); pairs \(pairs.map { "\($0.child.surface) \($0.verdicts)" })")
        #expect(pair.verdicts.map(\.rawValue) == expected, "\(what): \(pair.explanation)")
        #expect(pair.verdict.rawValue == (expected.first { $0 != "equal" } ?? "equal"))
        #expect(!pair.explanation.isEmpty && !pair.explanation.contains("\n"))
        #expect(pair.score > 0 && pair.score <= 1)
        print("\(what): \(pair.verdicts.map(\.rawValue)) — \(pair.explanation)")
    }

    @Test func contributesGivesTheShare() throws {
        let (_, pairs) = try Self.pairs(of: "500个", goals: ["到2027年底,全区累计建设36个重点村组团片区。"])
        let pair = try #require(pairs.first)
        #expect(pair.share.map { abs($0 - 0.072) < 1e-9 } == true)
        #expect(pair.explanation.contains("7.2%"), "\(pair.explanation)")
    }

    @Test func unitsAreConvertedInTheExplanation() throws {
        let (_, pairs) = try Self.pairs(of: "5000万元", goals: ["到2025年,区级财政安排乡村振兴专项资金0.5亿元。"])
        let pair = try #require(pairs.first)
        #expect(pair.explanation.contains("0.5亿元 = 5000万元"), "\(pair.explanation)")
    }

    @Test func anOmittedTargetIsAGapAndAnExtraOneIsChildOnly() throws {
        let (alignment, pairs) = try Self.pairs(of: "3万元", goals: ["到2025年,建成农村文化礼堂20个。"])
        #expect(pairs.isEmpty)
        #expect(alignment.parentOnly.map(\.surface).contains("3万元"))
        #expect(alignment.childOnly.map(\.surface) == ["20个"])
        #expect(alignment.summary.missing == alignment.parentOnly.count)
    }

    @Test func aTraditionalChildGivesTheSameVerdict() throws {
        let child = try AlignFixtures.extract(AlignFixtures.traditionalChild, name: "hant.txt")
        #expect(child.document.source.script == .hant)
        let alignment = Self.aligner.align(parent: AlignFixtures.parent, child: child)
        let pair = try #require(alignment.pairs.first { $0.parent.surface == "3万元" })
        #expect(pair.child.surface == "3.5萬元")
        #expect(pair.verdicts == [.stricter])
        // Task coverage reads the Traditional text through its Simplified form.
        #expect(alignment.coverage.first { $0.section.path == "二/(一)/1" }?.matches.first?.section.path == "二/(一)/1")
    }

    @Test func aDOCXChildGivesTheSameAlignmentAsItsText() throws {
        let goals = ["到2027年,全区农村居民人均可支配收入达到3.5万元。", "到2025年,单位地区生产总值能耗下降15%。"]
        let text = AlignFixtures.childText(goals: goals)
        let docx = try AlignFixtures.docx(lines: text.split(separator: "\n").map(String.init))
        let url = RepoPaths.temporaryDirectory("zhibiao-align").appendingPathComponent("child.docx")
        try Data(docx).write(to: url)
        let fromDOCX = try Fixtures.pipeline.extractDocument(path: url.path)
        #expect(fromDOCX.document.source.format == .docx)
        let viaDOCX = Self.aligner.align(parent: AlignFixtures.parent, child: fromDOCX)
        let viaText = Self.aligner.align(parent: AlignFixtures.parent, child: try AlignFixtures.extract(text))
        func verdicts(_ a: Alignment) -> [String] { a.pairs.map { "\($0.parent.surface)~\($0.child.surface) \($0.verdicts.map(\.rawValue))" } }
        #expect(verdicts(viaDOCX) == verdicts(viaText))
        #expect(verdicts(viaDOCX).contains("3万元~3.5万元 [\"stricter\", \"later\"]"))
        #expect(viaDOCX.coverage.map { $0.matches.map(\.section.path) } == viaText.coverage.map { $0.matches.map(\.section.path) })
    }
}
