import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoTestSupport

/// CSV for Excel, pandas and R: no cell starts a formula, comparators are words, numbers stay
/// numbers, and every row carries what a tidy table needs.
@Suite struct SpreadsheetSafetyTests {
    @Test(arguments: [("=1+2", "'=1+2"), ("+86 571", "'+86 571"), ("-5%", "'-5%"), ("@SUM(A1)", "'@SUM(A1)"),
                      ("\tx", "'\tx"), ("＝1", "'＝1"), ("≥ 85%", "≥ 85%"), ("全省", "全省"), ("", "")])
    func textThatWouldStartAFormulaIsNeutralized(_ input: String, _ expected: String) {
        var writer = CSVWriter(byteOrderMark: false)
        writer.row(cells: [.text(input)])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected + "\r\n")
    }

    @Test func numbersStayNumbers() {
        var writer = CSVWriter(byteOrderMark: false)
        writer.row(cells: [.number("-12.5"), .number("2025"), .number("0.85"), .empty, .number("=1"), .number("1e5")])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "-12.5,2025,0.85,,'=1,1e5\r\n")
    }

    /// A minimal RFC 4180 reader for the tests.
    static func rows(_ bytes: [UInt8]) -> [[String]] {
        let text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r" {
                continue
            } else if c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        return rows
    }

    @Test func theCatalogCSVIsTidy() throws {
        let document = try Fixtures.pipeline.extractDocument(path: RepoPaths.corpusFile(RepoPaths.districtSeed).path)
        let rows = Self.rows(IndicatorTableRenderer.csv(document.indicators, document: DocumentColumns(document)))
        let header = try #require(rows.first)
        #expect(header == IndicatorField.allCases.map(\.rawValue) + ["title", "issuer", "date"])
        #expect(rows.count == document.indicators.count + 1)
        func column(_ name: String) -> [String] {
            guard let index = header.firstIndex(of: name) else { return [] }
            return rows.dropFirst().map { $0[index] }
        }
        #expect(Set(column("comparator")).isSubset(of: ["eq", "ge", "gt", "le", "lt", "approx"]))
        #expect(column("comparator").contains("ge"))
        #expect(column("year").allSatisfy { $0.isEmpty || Int($0) != nil })
        #expect(column("baseValue").allSatisfy { $0.isEmpty || Double($0) != nil })
        #expect(Set(column("aspirational")).isSubset(of: ["true", "false"]))
        #expect(Set(column("title")) == ["余杭区区域承载能力提升和深化“千村示范、万村整治”工程实施方案(2023-2027年)"])
        #expect(Set(column("issuer")) == ["杭州市余杭区人民政府办公室"] && Set(column("date")) == ["2023-04-11"])
        for row in rows { for cell in row { #expect(!(cell.first.map { "=+-@".contains($0) } ?? false), "\(cell)") } }
    }

    @Test func theChecklistCSVCarriesNumbersBesideWords() throws {
        let document = try Fixtures.pipeline.extractDocument(path: RepoPaths.corpusFile(RepoPaths.districtSeed).path)
        let checklist = Checklist(document: document.document, tree: document.tree, indicators: document.indicators)
        let rows = Self.rows(ChecklistRenderer.csv([checklist]))
        let header = try #require(rows.first)
        #expect(header == ChecklistRenderer.csvHeader && header.last == "status")
        let index = { (name: String) in header.firstIndex(of: name)! }
        let first = rows[1]
        #expect(first[index("target")] == "≥ 85%" && first[index("comparator")] == "ge")
        #expect(first[index("deadline")] == "2025年" && first[index("year")] == "2025")
        #expect(first[index("baseValue")] == "0.85" && first[index("baseUnit")] == "fraction")
        #expect(first[index("date")] == "2023-04-11" && first[index("issuer")] == "杭州市余杭区人民政府办公室")
        let difference = try #require(rows.first { $0[index("target")] == "≥ 0.01（减少）" })
        #expect(difference[index("baseline")] == "比2022年" && difference[index("baselineYear")] == "2022")
        #expect(rows.dropFirst().allSatisfy { $0.count == header.count && $0.last == "" })
    }

    @Test func documentTextThatLooksLikeAFormulaIsNeutralized() throws {
        let text = "=HYPERLINK(\"http://x\")全省建设200个重点村。\n-1.到2025年，+建设300个示范村。"
        let document = try Fixtures.pipeline.extractDocument(text: text, name: "@evil.txt")
        let rows = Self.rows(IndicatorTableRenderer.csv(document.indicators, document: DocumentColumns(document)))
        #expect(rows.count == 3)
        for row in rows.dropFirst() {
            #expect(row[0] == "'@evil.txt")
            for cell in row { #expect(!(cell.first.map { "=+-@".contains($0) } ?? false), "\(cell)") }
        }
    }
}
