import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoTestSupport

@Suite struct ChecklistTests {
    func checklist(_ seed: String) throws -> (Checklist, [Indicator]) {
        let (document, tree, indicators) = try Fixtures.pipeline.extract(path: RepoPaths.corpusFile(seed).path)
        return (Checklist(document: document, tree: tree, indicators: indicators), indicators)
    }

    @Test func holdsEveryTargetUnderItsHeading() throws {
        let (list, indicators) = try checklist(RepoPaths.districtSeed)
        #expect(list.itemCount == indicators.filter { $0.role == .target }.count)
        // Headings as written, in document order, ancestors before their sections.
        let titles = list.groups.map(\.title)
        #expect(titles.first == "二、總體目標")
        let paths = list.groups.map(\.path)
        for (index, path) in paths.enumerated() where path.contains("/") {
            let parent = String(path[..<path.lastIndex(of: "/")!])
            #expect(paths[..<index].contains(parent), "\(path) before its parent")
        }
        let first = try #require(list.groups.first?.items.first)
        #expect(first.target == "≥ 85%" && first.deadline == "2025年" && first.indicator.metric == "常住人口城镇化率")
        let difference = try #require(list.groups.first?.items.first { $0.indicator.surface == "0.01" })
        #expect(difference.target == "≥ 0.01（减少）" && difference.baseline == "比2022年")
    }

    @Test func markdownBoldsTheQuantityInItsSentence() throws {
        let (list, _) = try checklist(RepoPaths.provincialSeed)
        let markdown = ChecklistRenderer.markdown(list)
        #expect(markdown.hasPrefix("# "))
        #expect(markdown.contains("## 一、总体要求"))
        #expect(markdown.contains("主要目标:2025年全省建设**200个**重点村组团片区"))
        #expect(markdown.contains("| 1 | 重点村组团片区 | 200个 | 2025年 |  |  | 全省 |"))
        // Facts are not on the checklist: 2至3年 is a typical duration.
        #expect(!markdown.contains("**2至3年**"))
    }

    @Test func csvOpensInExcel() throws {
        let (list, _) = try checklist(RepoPaths.provincialSeed)
        let bytes = ChecklistRenderer.csv([list])
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == ChecklistRenderer.csvHeader.joined(separator: ","))
        #expect(lines.count == list.itemCount + 1)
        // A sentence with commas is quoted; the status column is blank.
        #expect(lines[1].contains(",\"主要目标:2025年全省建设200个重点村组团片区,") && lines[1].hasSuffix(","))
    }

    @Test func csvQuotesWhatNeedsIt() {
        var writer = CSVWriter(byteOrderMark: false)
        writer.row(["a", "b,c", "say \"hi\"", "two\nlines", ""])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
    }
}
