import Foundation
import Testing
import ZhibiaoTestSupport

/// pandas reads the CSV and the JSON Lines as they are (`make test` pip-installs pandas when
/// it can; without it this test is skipped).
@Suite struct SpreadsheetReadTests {
    static let hasPandas: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import pandas"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(.enabled(if: hasPandas, "pandas is not installed (pip install pandas)"))
    func pandasReadsTheCSVAndTheJSONLinesAsTheyAre() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-pandas")
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = ["Corpus/\(RepoPaths.provincialSeed)", "Corpus/\(RepoPaths.districtSeed)"]
        for (arguments, name) in [(["extract", "--format", "csv"], "catalog.csv"), (["extract"], "catalog.jsonl"),
                                  (["checklist", "--format", "csv"], "checklist.csv")] {
            let result = try CommandRunner.run(arguments + inputs + ["-o", directory.appendingPathComponent(name).path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let script = """
            import sys, pandas as pd
            d = sys.argv[1]
            csv = pd.read_csv(d + "/catalog.csv")
            jsonl = pd.read_json(d + "/catalog.jsonl", lines=True)
            checklist = pd.read_csv(d + "/checklist.csv")
            assert csv.columns[0] == "doc", csv.columns[0]  # the byte order mark is not in the name
            assert len(csv) == len(jsonl) > 70, (len(csv), len(jsonl))
            assert (csv["id"] == jsonl["id"]).all()
            for frame in (csv, checklist):
                for name in ("year", "baselineYear", "baseValue", "low", "high", "value"):
                    assert frame[name].dtype.kind in "if", (name, frame[name].dtype)
                assert frame["aspirational"].dtype == bool
                assert set(frame["comparator"]) <= {"eq", "ge", "gt", "le", "lt", "approx"}
                assert frame["title"].notna().all() and frame["date"].notna().all()
            assert jsonl["value"].dtype.kind in "if" and set(jsonl["comparator"]) <= {"=", ">=", ">", "<=", "<", "~"}
            assert (checklist["year"].dropna() >= 2020).all()
            print(len(csv), len(checklist))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, directory.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(errors)")
        #expect(!printed.isEmpty)
    }
}
