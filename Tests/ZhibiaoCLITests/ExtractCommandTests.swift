import Foundation
import Testing
import ZhibiaoTestSupport

@Suite struct ExtractCommandTests {
    let seed = "Corpus/\(RepoPaths.provincialSeed)"

    @Test func jsonLinesFollowTheContract() throws {
        let result = try CommandRunner.run(["extract", seed])
        #expect(result.status == 0 && result.stderr == "")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 10)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let keys = ["doc", "id", "start", "end", "surface", "sentence", "sentenceStart", "sentenceEnd", "value", "unit", "baseValue",
                    "baseUnit", "kind", "comparator", "approximate", "low", "high", "year", "yearSource", "baselineYear", "baseline",
                    "baselineValue", "periodStart", "periodEnd", "accumulation", "change", "aspirational", "bindingness", "action",
                    "metric", "metricKey", "category", "scope", "section", "role", "roleBasis", "cell", "rule", "rules"]
        #expect(Set(first.keys) == Set(keys))
        // Keys in the documented order.
        let order = keys.compactMap { lines[0].range(of: "\"\($0)\":")?.lowerBound }
        #expect(order == order.sorted() && order.count == keys.count)
        #expect(first["surface"] as? String == "200个" && first["doc"] as? String == seed)
        // Stable ids across runs.
        #expect(try CommandRunner.run(["extract", seed]).stdout == result.stdout)
    }

    @Test func jsonIsOneArrayOverEveryInput() throws {
        let result = try CommandRunner.run(["extract", "--format", "json", seed, "Corpus/\(RepoPaths.districtSeed)"])
        #expect(result.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.count > 70)
    }

    @Test func csvAndMarkdown() throws {
        let csv = try CommandRunner.run(["extract", "--format", "csv", "--role", "target", seed])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("\u{FEFF}doc,id,start,end,surface,sentence,sentenceStart,sentenceEnd,value,unit,baseValue"))
        #expect(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 9)
        let md = try CommandRunner.run(["extract", "--format", "md", seed])
        #expect(md.status == 0 && md.stdout.contains("## \(seed)") && md.stdout.contains("**200个**"))
    }

    @Test func checklistPrintsTargetsBySection() throws {
        let md = try CommandRunner.run(["checklist", "Corpus/\(RepoPaths.districtSeed)"])
        #expect(md.status == 0 && md.stdout.contains("## 二、總體目標") && md.stdout.contains("| 状态 status |"))
        let csv = try CommandRunner.run(["checklist", "--format", "csv", seed, "Corpus/\(RepoPaths.districtSeed)"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("\u{FEFF}doc,section,heading,metric,target"))
    }

    @Test func badInputsFailOnOneLine() throws {
        let missing = try CommandRunner.run(["extract", "no/such.txt"])
        #expect(missing.status == 66 && missing.stdout == "" && missing.stderr == "zhibiao: no/such.txt: file does not exist\n")
        let partial = try CommandRunner.run(["checklist", seed, "no/such.txt"])
        #expect(partial.status == 3 && partial.stdout.contains("**200个**"))
        let format = try CommandRunner.run(["extract", "--format", "xml", seed])
        #expect(format.status == 64 && format.stdout == "")
    }

    @Test func evalPrintsTheSeedScores() throws {
        let result = try CommandRunner.run(["eval", "Corpus"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("targets with the right value, base unit, comparator, year and role: 72/72"))
    }

    @Test func grammarTestReportsABrokenOverlayWithItsPlace() throws {
        let overlay = RepoPaths.temporaryDirectory("zhibiao-bad-grammar")
        try "rule broken\n  stage quantity\n  pattern number:n @no.such.class\n  produce value=$n\n"
            .write(to: overlay.appendingPathComponent("broken.rules"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["grammar", "test", overlay.path])
        #expect(result.status == 65 && result.stdout == "")
        #expect(result.stderr.contains("broken.rules:3:"))
        #expect(result.stderr.contains("unknown word class '@no.such.class'"))
        let good = try CommandRunner.run(["grammar", "test"])
        #expect(good.status == 0 && good.stderr.contains(" 0 failed"))
    }

    @Test func conformanceNeedsItsDirectory() throws {
        let result = try CommandRunner.run(["conformance", "no/such/dir"])
        #expect(result.status == 66 && result.stderr == "zhibiao: no/such/dir: no such directory\n")
    }
}
