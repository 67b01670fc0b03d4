import Foundation
import Testing
import ZhibiaoTestSupport

/// `ingest`, `query`, `search`, `list`, `remove` and `checklist --db` through the built binary,
/// on SQLite and on a throwaway PostgreSQL server.
@Suite struct CatalogCommandTests {
    let seeds = ["Corpus/\(RepoPaths.provincialSeed)", "Corpus/\(RepoPaths.districtSeed)"]

    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test(arguments: Backend.available) func ingestQuerySearchListRemove(backend: Backend) throws {
        let db = backend.freshLocation()
        let ingest = try CommandRunner.run(["ingest", "--db", db] + seeds)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout == "")
        #expect(ingest.stderr.contains("ingested 2 of 2 files into ") && ingest.stderr.contains("2 added, 0 replaced, 0 unchanged, 0 failed"))
        let again = try CommandRunner.run(["ingest", "--db", db] + seeds)
        #expect(again.status == 0 && again.stderr.contains("0 added, 0 replaced, 2 unchanged, 0 failed"))

        // The store's records are extract's, line for line.
        let extract = try CommandRunner.run(["extract", seeds[1]])
        let query = try CommandRunner.run(["query", "--db", db, "--doc", seeds[1]])
        #expect(query.status == 0 && query.stdout == extract.stdout && !query.stdout.isEmpty)

        // Filters in either script.
        let traditional = try CommandRunner.run(["query", "--db", db, "--metric", "農村", "--role", "target"])
        let simplified = try CommandRunner.run(["query", "--db", db, "--metric", "农村", "--role", "target"])
        #expect(traditional.status == 0 && traditional.stdout == simplified.stdout)
        let rows = try jsonLines(simplified.stdout)
        #expect(!rows.isEmpty && rows.allSatisfy { ($0["role"] as? String) == "target" })
        #expect(rows.allSatisfy { (($0["metric"] as? String) ?? "").contains("农村") || (($0["metricKey"] as? String) ?? "").contains("农村") })
        let years = try jsonLines(try CommandRunner.run(["query", "--db", db, "--year", "2025-2027", "--kind", "percentage,count"]).stdout)
        #expect(!years.isEmpty && years.allSatisfy { ((2025...2027).contains(($0["year"] as? Int) ?? 0)) && ["percentage", "count"].contains($0["kind"] as? String) })
        let level = try jsonLines(try CommandRunner.run(["query", "--db", db, "--level", "county"]).stdout)
        #expect(!level.isEmpty && level.allSatisfy { ($0["doc"] as? String) == seeds[1] })

        // CSV for Excel, Markdown.
        let csv = try CommandRunner.run(["query", "--db", db, "--format", "csv", "--role", "target"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("\u{FEFF}title,issuer,level,date,doc,id,start,end,"))
        let md = try CommandRunner.run(["query", "--db", db, "--format", "md", "--metric", "农村"])
        #expect(md.status == 0 && md.stdout.contains("| section | role | metric |"))

        // Search: sentences as written, found in either script.
        let search = try CommandRunner.run(["search", "--db", db, "農村"])
        let hits = try jsonLines(search.stdout)
        #expect(search.status == 0 && hits.count > 5)
        #expect(hits.allSatisfy { (($0["text"] as? String) ?? "").contains("农村") })
        #expect(hits.contains { (($0["sentence"] as? String) ?? "").contains("農村") })
        let limited = try CommandRunner.run(["search", "--db", db, "--limit", "2", "农村"])
        #expect(try jsonLines(limited.stdout).count == 2 && limited.stderr.contains("more than 2 sentences"))

        // List, remove.
        let list = try jsonLines(try CommandRunner.run(["list", "--db", db]).stdout)
        #expect(list.count == 2 && list.allSatisfy { ($0["indicators"] as? Int ?? 0) > 0 })
        let check = try CommandRunner.run(["list", "--db", db, "--check", "--format", "csv"])
        #expect(check.status == 0 && check.stderr.contains("integrity check passed (2 documents)"))
        let remove = try CommandRunner.run(["remove", "--db", db, seeds[1]])
        #expect(remove.status == 0 && remove.stderr.hasPrefix("zhibiao: removed "))
        #expect(try jsonLines(try CommandRunner.run(["list", "--db", db]).stdout).count == 1)
        let missing = try CommandRunner.run(["remove", "--db", db, "没有这个文件"])
        #expect(missing.status == 66 && missing.stderr.contains("no stored document is '没有这个文件'"))
    }

    @Test(arguments: Backend.available) func checklistOfAStoredDocumentEqualsTheFiles(backend: Backend) throws {
        let db = backend.freshLocation()
        #expect(try CommandRunner.run(["ingest", "--db", db, seeds[1]]).status == 0)
        let file = try CommandRunner.run(["checklist", seeds[1]])
        let id = try #require(try jsonLines(try CommandRunner.run(["list", "--db", db]).stdout).first?["id"] as? Int)
        let stored = try CommandRunner.run(["checklist", "--db", db, String(id)])
        #expect(stored.status == 0 && stored.stdout == file.stdout && !file.stdout.isEmpty)
        let byTitle = try CommandRunner.run(["checklist", "--db", db, "余杭区区域承载能力"])
        #expect(byTitle.status == 0 && byTitle.stdout == file.stdout)
    }

    @Test func anExcelWorkbookOpensWithOpenpyxl() throws {
        guard CommandRunner.python(module: "openpyxl") else {
            Issue.record("python3 with openpyxl is needed (make test installs it: pip install openpyxl)")
            return
        }
        let directory = RepoPaths.temporaryDirectory("zhibiao-xlsx")
        let db = directory.appendingPathComponent("c.sqlite").path
        #expect(try CommandRunner.run(["ingest", "--db", db] + seeds).status == 0)
        let workbook = directory.appendingPathComponent("q.xlsx")
        let result = try CommandRunner.run(["query", "--db", db, "--format", "xlsx", "--role", "target"])
        #expect(result.status == 0)
        let raw = try CommandRunner.runRaw(["query", "--db", db, "--format", "xlsx", "--role", "target"])
        try raw.write(to: workbook)
        let json = try CommandRunner.run(["query", "--db", db, "--role", "target"])
        let records = try jsonLines(json.stdout)
        let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {"sheets": wb.sheetnames}
            ws = wb[wb.sheetnames[0]]
            out["freeze"] = ws.freeze_panes
            out["header"] = [c.value for c in ws[1]]
            out["bold"] = all(c.font.b for c in ws[1])
            out["rows"] = ws.max_row - 1
            header = out["header"]
            out["value"] = [ws.cell(row=r, column=header.index("value") + 1).value for r in range(2, ws.max_row + 1)]
            out["valueTypes"] = sorted({type(v).__name__ for v in out["value"]})
            out["surface"] = ws.cell(row=2, column=header.index("surface") + 1).value
            out["widths"] = {k: v.width for k, v in ws.column_dimensions.items()}
            out["filter"] = ws.auto_filter.ref
            print(json.dumps(out, ensure_ascii=False))
            """
        let python = try CommandRunner.runProgram("/usr/bin/env", ["python3", "-c", script, workbook.path])
        #expect(python.status == 0, "\(python.stderr)")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(python.stdout.utf8)) as? [String: Any])
        #expect((info["sheets"] as? [String])?.count == 3)  // every row, then one sheet per document
        #expect(info["freeze"] as? String == "A2" && info["bold"] as? Bool == true)
        #expect((info["header"] as? [String])?.prefix(6) == ["title", "issuer", "level", "date", "doc", "id"])
        #expect(info["rows"] as? Int == records.count)
        #expect(info["valueTypes"] as? [String] == ["float", "int"] || info["valueTypes"] as? [String] == ["int"] || info["valueTypes"] as? [String] == ["float"])
        let values = (info["value"] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? []
        let expected = records.compactMap { ($0["value"] as? NSNumber)?.doubleValue }
        #expect(values == expected)
        #expect(info["surface"] as? String == records.first?["surface"] as? String)
        let widths = (info["widths"] as? [String: Double]) ?? [:]
        #expect((widths["A"] ?? 0) >= 6 && widths.values.allSatisfy { $0 <= 60 })
        #expect((info["filter"] as? String)?.hasPrefix("A1:") == true)
    }

    @Test func aStoreThatIsNotACatalogIsRefusedAndLeftAlone() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-notdb")
        let file = directory.appendingPathComponent("notes.txt")
        try "我的笔记\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["ingest", "--db", file.path, seeds[0]])
        #expect(result.status == 65 && result.stderr == "zhibiao: \(file.path): not a Zhibiao catalog (file is not a database) — while opening the catalog\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == "我的笔记\n")
        let query = try CommandRunner.run(["query", "--db", directory.appendingPathComponent("none.sqlite").path])
        #expect(query.status == 66 && query.stderr.contains("no catalog here (zhibiao ingest creates one; --db names another)"))
        let url = try CommandRunner.run(["list", "--db", "mysql://x"])
        #expect(url.status == 64 && url.stderr.contains("not a file path nor a postgres:// URL"))
    }

    /// A folder with a bad file: the good ones are stored, the bad one reported, exit 3.
    @Test func aBadFileIsReportedAndTheRestIngested() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-mixed")
        try FileManager.default.copyItem(atPath: RepoPaths.corpusFile(RepoPaths.provincialSeed).path,
                                         toPath: directory.appendingPathComponent("good.txt").path)
        try FileManager.default.copyItem(at: RepoPaths.hostile.appendingPathComponent("binary.bin"), to: directory.appendingPathComponent("bad.txt"))
        let db = directory.appendingPathComponent("c.sqlite").path
        let result = try CommandRunner.run(["ingest", "--db", db, directory.path])
        #expect(result.status == 3)
        #expect(result.stderr.contains("zhibiao: \(directory.path)/bad.txt: "))
        #expect(result.stderr.contains("1 added, 0 replaced, 0 unchanged, 1 failed"))
    }
}
