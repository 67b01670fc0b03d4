import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoTestSupport

/// The tables of the shared corpus: each table's rows and indicators printed, and the
/// indicator tables checked by hand against the documents.
@Suite(.enabled(if: RepoPaths.hasSharedCorpus)) struct CorpusTableTests {
    static let pipeline = Fixtures.pipeline

    struct Read {
        var document: NormalizedDocument
        var indicators: [Indicator]
        var reports: [IndicatorTableReader.TableReport]
    }

    static func read(_ relative: String) throws -> Read {
        let path = try #require(RepoPaths.sharedCorpus).appendingPathComponent(relative).path
        let (document, tree, indicators) = try pipeline.extract(path: path)
        let reports = pipeline.extractor.tables.analyze(document: document, tree: tree, sentenceIndicators: []).reports
        return Read(document: document, indicators: indicators, reports: reports)
    }

    /// Every corpus document with a table: per table, its rows, whether it is an indicator
    /// table, the indicators read from its value cells and the targets stated in its cells.
    @Test func everyCorpusTableIsReported() throws {
        let corpus = try #require(RepoPaths.sharedCorpus)
        let folders = ["html", "eval", "pairs", "bulk/national-fyp", "bulk/pkulaw-local-policies", "hant"]
        var tables = 0, indicatorTables = 0
        for folder in folders {
            for url in RepoPaths.sharedFiles(folder, extensions: ["txt", "md", "html", "docx"]) {
                let relative = String(url.path.dropFirst(corpus.path.count + 1))
                guard let read = try? Self.read(relative), !read.reports.isEmpty else { continue }
                for report in read.reports {
                    tables += 1
                    if report.isIndicatorTable { indicatorTables += 1 }
                    let inTable = read.indicators.filter { $0.cell?.table == report.number }
                    let targets = inTable.filter { $0.role == .target }.count
                    print("table \(relative) #\(report.number) \(report.origin.rawValue): \(report.dataRows) data rows, "
                          + (report.isIndicatorTable ? "indicator table, \(report.indicators) from value cells, " : "")
                          + "\(inTable.count) quantities (\(targets) targets)"
                          + (report.problem.map { ", not read: \($0)" } ?? "")
                          + (report.isIndicatorTable ? " columns \(report.columns.map { $0 ?? "-" }.joined(separator: "|"))" : ""))
                }
            }
        }
        print("tables: \(tables) in the corpus, \(indicatorTables) indicator tables")
        #expect(indicatorTables >= 3)
    }

    /// 推进广州市家庭医生签约服务高质量发展实施方案, 附件1: an evaluation table (一级指标 | 二级指标 |
    /// 评价标准 | 指标含义 | 数据来源) whose targets are sentences in 评价标准. Checked by hand.
    @Test func familyDoctorEvaluationTable() throws {
        let read = try Self.read("html/gz-wjw-family-doctor-implementation-plan-2023.html")
        let report = try #require(read.reports.first { $0.number == 2 })
        #expect(report.isIndicatorTable && report.dataRows == 19 && report.indicators == 0)
        #expect(report.columns == ["category", "name", "text-target", "description", "description"])
        func at(_ row: Int, _ surface: String) -> Indicator? {
            read.indicators.first { $0.cell == TableCell(table: 2, row: row, column: 3) && $0.surface == surface }
        }
        let expected: [(Int, String, String, String, Int?)] = [
            (3, "80%", "重点人群签约服务覆盖率", "签约数量指标", 2023),
            (3, "95%", "重点人群签约服务覆盖率", "签约数量指标", 2035),
            (4, "1-3个百分点", "签约服务覆盖率", "签约数量指标", nil),
            (4, "75%", "签约服务覆盖率", "签约数量指标", 2035),
            (6, "4名", "家庭医生人数", "增加服务供给", 2023),
            (6, "4.66名", "家庭医生人数", "增加服务供给", 2025),
            (8, "100%", "基层医疗卫生机构可以开具慢性病长处方的机构占比", "丰富服务内涵", 2025),
            (10, "3类", "家庭医生签约服务种类", "优化服务模式", nil),
            (17, "50%", "签约高血压患者血压控制率", "服务效果", nil),
        ]
        for (row, surface, metric, category, year) in expected {
            let indicator = try #require(at(row, surface), "\(row) \(surface)")
            #expect(indicator.role == .target && indicator.metric == metric && indicator.category == category && indicator.year == year,
                    "\(row) \(surface): \(indicator.metric ?? "-") \(indicator.category ?? "-") \(indicator.year.map(String.init) ?? "-")")
        }
        #expect(at(3, "95%")?.bindingness == .expected && at(3, "95%")?.aspirational == true)
        #expect(at(4, "1-3个百分点")?.accumulation == .annual)
        #expect(at(10, "3类")?.comparator == .more && at(17, "50%")?.comparator == .atLeast)
        // The formulas and definitions of 指标含义 are facts.
        let meaning = read.indicators.filter { $0.cell?.table == 2 && $0.cell?.column == 4 }
        #expect(!meaning.isEmpty && meaning.allSatisfy { $0.role == .fact })
        // The page's task table (序号 | 工作事项 | 主要内容 | 牵头单位…) is no indicator table.
        #expect(read.reports.first { $0.number == 3 }?.isIndicatorTable == false)
    }

    /// The same plan as plain text (eval/): its tables are tab-separated, but cells that held
    /// several paragraphs run over several lines, which breaks their rows. What can be read
    /// agrees with the HTML page.
    @Test func familyDoctorAsTextAgreesWithThePage() throws {
        let html = try Self.read("html/gz-wjw-family-doctor-implementation-plan-2023.html")
        let text = try Self.read("eval/gz-family-doctor-2023.txt")
        #expect(text.reports.first?.isIndicatorTable == true)
        func targets(_ read: Read, table: Int) -> [String] {
            read.indicators.filter { $0.cell?.table == table && $0.role == .target }
                .map { "\($0.surface) \($0.metric ?? "-") \($0.year.map(String.init) ?? "-")" }
        }
        let fromPage = Set(targets(html, table: 2))
        let fromText = targets(text, table: 1)
        let agreeing = fromText.filter(fromPage.contains)
        print("family doctor table: \(fromPage.count) targets from the page, \(fromText.count) from the text, \(agreeing.count) agree")
        #expect(agreeing.count >= 4)
    }

    /// 国务院办公厅关于加强三级公立医院绩效考核工作的意见, 附件: 55 indicators defined (一级 | 二级 | 三级指标 |
    /// 指标性质 | 指标说明), no target values: every quantity in it is a fact of a definition.
    @Test func hospitalPerformanceIndicatorDefinitions() throws {
        let read = try Self.read("html/govcn-zhengce-fragment-4.html")
        let report = try #require(read.reports.first { $0.isIndicatorTable })
        #expect(report.dataRows == 55 && report.indicators == 0)
        #expect(report.columns == ["category", "name", "name", "attribute", "description"])
        let inTable = read.indicators.filter { $0.cell?.table == report.number }
        #expect(inTable.count >= 25 && inTable.allSatisfy { $0.role == .fact })
    }
}
