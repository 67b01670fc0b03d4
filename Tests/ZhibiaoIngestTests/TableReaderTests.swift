import Foundation
import Testing
import ZhibiaoCore
import ZhibiaoTestSupport
@testable import ZhibiaoIngest
import Zhibiao

/// Tables as the readers give them: every cell's text at its span in the original text, and
/// merged cells (rowspan/colspan, w:vMerge/w:gridSpan) laid out on the grid.
@Suite struct TableReaderTests {
    /// Every cell's text, by grid position (row, column from 0), "" for an empty cell; a merged
    /// cell appears at each position it covers.
    static func grid(_ table: SourceTable, _ text: [Unicode.Scalar]) throws -> [[String]] {
        let grid = try #require(TableGrid(table))
        return (0..<grid.rowCount).map { r in
            (0..<grid.columnCount).map { c in
                guard let index = grid.cell(row: r, column: c) else { return "·" }
                return String(scalars: text[table.rows[index.row].cells[index.cell].span.range])
            }
        }
    }

    @Test func htmlRowspanColspanCaptionAndNestedTable() throws {
        let html = """
            <html><body><div class="article"><p>规划如下。</p>
            <table border="1"><caption>表1 主要指标</caption>
            <thead><tr><th rowspan="2">类别</th><th rowspan="2">指标</th><th colspan="2">目标值</th><th rowspan="2">属性</th></tr>
            <tr><th>2025年</th><th>2035年</th></tr></thead>
            <tbody><tr><td rowspan="2">经济发展</td><td> 1.城镇化率（%） </td><td>65</td><td>70</td><td>预期性</td></tr>
            <tr><td>2.研发经费投入增长（%）</td><td colspan="2">&gt;7</td><td>预期性</td></tr>
            <tr><td></td><td>3.森林覆盖率<br/>（%）</td><td><table><tr><td>24.1</td><td>26</td></tr></table></td><td>—</td><td>约束性</td></tr>
            </tbody></table><p>注：〔 〕内为5年累计数。</p></div></body></html>
            """
        let page = try HTMLReader().readPage(Array(html.utf8))
        #expect(page.tables.count == 1)
        let table = try #require(page.tables.first)
        #expect(table.origin == .html)
        #expect(String(scalars: page.text[try #require(table.caption).range]) == "表1 主要指标")
        let cells = try Self.grid(table, page.text)
        #expect(cells == [
            ["类别", "指标", "目标值", "目标值", "属性"],
            ["类别", "指标", "2025年", "2035年", "属性"],
            ["经济发展", "1.城镇化率（%）", "65", "70", "预期性"],
            ["经济发展", "2.研发经费投入增长（%）", ">7", ">7", "预期性"],
            ["", "3.森林覆盖率 （%）", "24.1 26", "—", "约束性"],
        ])
        #expect(table.rows[0].cells.allSatisfy { $0.header })
        // Every row is its line of the text.
        for row in table.rows {
            let line = String(scalars: page.text[row.span.range])
            #expect(line == row.cells.map { String(scalars: page.text[$0.span.range]) }.joined(separator: "\t") || row.cells.first?.span.count == 0)
        }
    }

    @Test func htmlLayoutTablesAreNotDataTables() throws {
        let html = """
            <html><body><table><tr><td>导航</td></tr></table>
            <table><tr><td><p>正文在布局表格里。</p><table><tr><td>指标</td><td>2025年</td></tr><tr><td>城镇化率(%)</td><td>65</td></tr></table></td></tr></table>
            </body></html>
            """
        let page = try HTMLReader().readPage(Array(html.utf8))
        #expect(page.tables.count == 1)
        let cells = try Self.grid(try #require(page.tables.first), page.text)
        #expect(cells == [["指标", "2025年"], ["城镇化率(%)", "65"]])
    }

    static func cell(_ text: String, span: Int = 1, merge: String? = nil) -> String {
        var properties = ""
        if span > 1 { properties += "<w:gridSpan w:val=\"\(span)\"/>" }
        if let merge { properties += merge.isEmpty ? "<w:vMerge/>" : "<w:vMerge w:val=\"\(merge)\"/>" }
        let paragraphs = text.isEmpty ? "<w:p/>" : text.components(separatedBy: "\n").map { "<w:p><w:r><w:t>\(IngestFixtures.escape($0))</w:t></w:r></w:p>" }.joined()
        return "<w:tc>" + (properties.isEmpty ? "" : "<w:tcPr>\(properties)</w:tcPr>") + paragraphs + "</w:tc>"
    }

    static func row(_ cells: [String], header: Bool = false) -> String {
        "<w:tr>" + (header ? "<w:trPr><w:tblHeader/></w:trPr>" : "") + cells.joined() + "</w:tr>"
    }

    @Test func docxVerticalMergeGridSpanAndNestedTable() throws {
        let nested = "<w:tbl>" + Self.row([Self.cell("内"), Self.cell("表")]) + "</w:tbl>"
        let body = "<w:p><w:r><w:t>表1 主要指标</w:t></w:r></w:p><w:tbl>"
            + Self.row([Self.cell("类别"), Self.cell("指标"), Self.cell("2020年"), Self.cell("2025年"), Self.cell("属性")], header: true)
            + Self.row([Self.cell("经济发展", merge: "restart"), Self.cell("城镇化率（%）"), Self.cell("60.6"), Self.cell("65"), Self.cell("预期性")])
            + Self.row([Self.cell("", merge: ""), Self.cell("研发经费\n投入增长（%）"), Self.cell(">7", span: 2), Self.cell("预期性")])
            + Self.row([Self.cell("绿色生态"), Self.cell("能耗降低（%）"), "<w:tc><w:p><w:r><w:t>〔13.5〕</w:t></w:r></w:p>" + nested + "</w:tc>",
                        Self.cell(""), Self.cell("约束性")])
            + "</w:tbl><w:p><w:r><w:t>注：〔 〕内为5年累计数。</w:t></w:r></w:p>"
        let document = try DOCXReader().readDocument(try IngestFixtures.docx(body: body))
        #expect(document.tables.count == 1)
        let table = try #require(document.tables.first)
        #expect(table.origin == .docx)
        let cells = try Self.grid(table, document.text)
        #expect(cells == [
            ["类别", "指标", "2020年", "2025年", "属性"],
            ["经济发展", "城镇化率（%）", "60.6", "65", "预期性"],
            ["经济发展", "研发经费 投入增长（%）", ">7", ">7", "预期性"],
            ["绿色生态", "能耗降低（%）", "〔13.5〕 内 表", "", "约束性"],
        ])
        #expect(table.rows[0].cells.allSatisfy { $0.header })
        #expect(!table.rows[1].cells.contains { $0.header })
    }

    @Test(arguments: [
        // Runs of spaces, a row that leaves columns out (aligned by position), a category line.
        ("""
         表1 主要指标
         指标                    2020年     2025年     属性
         常住人口城镇化率(%)     60.6       65         预期性
         研发经费投入增长(%)                >7         预期性
         绿色生态
         森林覆盖率(%)           23.2       24.1       约束性
         注：带*的为2019年数据。
         """, [["指标", "2020年", "2025年", "属性"], ["常住人口城镇化率(%)", "60.6", "65", "预期性"],
               ["研发经费投入增长(%)", "", ">7", "预期性"], ["绿色生态", "·", "·", "·"], ["森林覆盖率(%)", "23.2", "24.1", "约束性"]]),
        // Tabs, and ideographic spaces.
        ("指标\t2025年\t属性\n城镇化率(%)\t65\t预期性\n森林覆盖率(%)\t24.1\t约束性\n",
         [["指标", "2025年", "属性"], ["城镇化率(%)", "65", "预期性"], ["森林覆盖率(%)", "24.1", "约束性"]]),
        ("指标　2025年　属性\n城镇化率(%)　65　预期性\n森林覆盖率(%)　　24.1　约束性\n",
         [["指标", "2025年", "属性"], ["城镇化率(%)", "65", "预期性"], ["森林覆盖率(%)", "24.1", "约束性"]]),
        // Markdown.
        ("| 指标 | 2025年 | 属性 |\n|---|:---:|---|\n| 城镇化率(%) | 65 | 预期性 |\n| 森林覆盖率(%) | | 约束性 |\n",
         [["指标", "2025年", "属性"], ["城镇化率(%)", "65", "预期性"], ["森林覆盖率(%)", "", "约束性"]]),
    ])
    func plainTextTables(_ text: String, _ expected: [[String]]) throws {
        let scalars = Array(text.unicodeScalars)
        let tables = TextTableDetector().tables(in: scalars)
        #expect(tables.count == 1)
        let cells = try Self.grid(try #require(tables.first), scalars)
        #expect(cells == expected)
    }

    @Test(arguments: [
        "第三章  经济社会发展的主要目标     根据全面建设小康社会的总体要求\n国内生产总值年均增长 7.5%，实现人均国内生产总值比 2000 年翻一番\n",
        "一段正文。\n\n另一段正文，  中间有两个空格。\n",
        "   缩进的段落一。\n   缩进的段落二。\n   缩进的段落三。\n",
    ])
    func proseIsNoTable(_ text: String) {
        #expect(TextTableDetector().tables(in: Array(text.unicodeScalars)).isEmpty)
    }

    @Test func gridRefusesHostileSpans() {
        let cell = SourceTableCell(span: OriginalSpan(start: 0, end: 0), rowSpan: 1, columnSpan: 1_000)
        let wide = SourceTable(origin: .html, span: OriginalSpan(start: 0, end: 0),
                               rows: Array(repeating: SourceTableRow(span: OriginalSpan(start: 0, end: 0), cells: [cell, cell]), count: 3))
        #expect(TableGrid(wide) == nil)
        let tall = SourceTableCell(span: OriginalSpan(start: 0, end: 0), rowSpan: 65_534, columnSpan: 1)
        let table = SourceTable(origin: .html, span: OriginalSpan(start: 0, end: 0),
                                rows: [SourceTableRow(span: OriginalSpan(start: 0, end: 0), cells: [tall, tall])])
        let grid = TableGrid(table)
        #expect(grid?.rowCount == 1)
        #expect(grid?.columnCount == 2)
    }
}

/// An indicator table in a Word document, read end to end: the pipeline over the DOCX bytes.
@Suite struct DOCXIndicatorTableTests {
    @Test func mergedCellsCaptionUnitNoteAndCumulativeBrackets() throws {
        typealias T = TableReaderTests
        let body = "<w:p><w:r><w:t>表2 “十四五”时期全区农业农村主要指标（单位：万元）</w:t></w:r></w:p><w:tbl>"
            + T.row([T.cell("类别"), T.cell("指标"), T.cell("2020年"), T.cell("2025年"), T.cell("年均/累计"), T.cell("属性")], header: true)
            + T.row([T.cell("农业", merge: "restart"), T.cell("1.农业总产值"), T.cell("52000*"), T.cell("68000"), T.cell("[300000]"), T.cell("预期性")])
            + T.row([T.cell("", merge: ""), T.cell("2.高标准农田面积（万亩）"), T.cell("12.5"), T.cell("≥15", span: 2), T.cell("约束性")])
            + T.row([T.cell("农民"), T.cell("3.农村居民人均可支配收入增长（%）"), T.cell("7.1"), T.cell("—"), T.cell("6.5左右"), T.cell("预期性")])
            + "</w:tbl><w:p><w:r><w:t>注：[ ]内为五年累计数；带*的为2019年数据。</w:t></w:r></w:p>"
        let directory = RepoPaths.temporaryDirectory("docx-table")
        let path = directory.appendingPathComponent("plan.docx").path
        try Data(try IngestFixtures.docx(body: body)).write(to: URL(fileURLWithPath: path))
        let (document, _, indicators) = try Fixtures.pipeline.extract(path: path)
        func at(_ row: Int, _ column: Int) -> Indicator? { indicators.first { $0.cell == TableCell(table: 1, row: row, column: column) } }
        // The surface is the cell's text, at its place in the text the DOCX reader gives.
        for indicator in indicators where indicator.cell != nil {
            #expect(document.originalString(indicator.span) == indicator.surface)
        }
        let base = try #require(at(2, 3))
        #expect(base.role == .fact && base.year == 2019 && base.unit == "万元" && base.baseValue == DecimalNumber(520_000_000))
        let target = try #require(at(2, 4))
        #expect(target.role == .target && target.year == 2025 && target.baselineYear == 2019
                && target.baselineValue == DecimalNumber(520_000_000) && target.bindingness == .expected
                && target.metric == "农业总产值" && target.category == "农业" && target.periodStart == 2021 && target.periodEnd == 2025)
        let cumulative = try #require(at(2, 5))
        #expect(cumulative.accumulation == .cumulative && cumulative.baseValue == DecimalNumber(3_000_000_000) && cumulative.surface == "[300000]")
        // A vertical merge carries the category; a target spanning two columns is read once.
        let area = try #require(at(3, 4))
        #expect(area.comparator == .atLeast && area.unit == "万亩" && area.category == "农业" && area.bindingness == .binding)
        #expect(at(3, 5) == nil)
        let growth = try #require(at(4, 5))
        #expect(growth.accumulation == .annualAverage && growth.comparator == .about && growth.change == .increase
                && growth.baseValue == DecimalNumber(significand: 65, exponent: -3) && growth.baselineValue == DecimalNumber(significand: 71, exponent: -3))
        #expect(at(4, 4) == nil)
        #expect(indicators.filter { $0.rules.contains { $0.hasPrefix("table.") } }.count == 7)
    }
}
