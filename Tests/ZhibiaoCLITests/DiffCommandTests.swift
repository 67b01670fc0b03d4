import Foundation
import Testing
import ZhibiaoTestSupport

/// `zhibiao diff` through the built binary: stdout, stderr and exit codes.
@Suite struct DiffCommandTests {
    let parent = "Corpus/\(RepoPaths.provincialSeed)"
    let child = "Corpus/\(RepoPaths.districtSeed)"

    @Test func markdownIsTheDefault() throws {
        let result = try CommandRunner.run(["diff", parent, child])
        #expect(result.status == 0 && result.stderr == "", "\(result.stderr)")
        for heading in ["# 指标 diff: 浙江关于推进乡村片区组团发展的实施意见", "## Gaps: parent targets the child does not take up (8)",
                        "## Indicator pairs", "## Task coverage", "## Local additions", "| child | parent targets | adopted |"] {
            #expect(result.stdout.contains(heading), "\(heading)")
        }
        #expect(result.stdout.contains("different-measure"))
    }

    @Test func jsonFollowsTheContract() throws {
        let result = try CommandRunner.run(["diff", "--format", "json", parent, child])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let top = ["parent", "children", "summary", "notes", "pairs", "parentOnly", "childOnly", "coverage", "localAdditions"]
        #expect(Set(json.keys) == Set(top))
        let parentInfo = try #require(json["parent"] as? [String: Any])
        #expect(Set(parentInfo.keys) == ["doc", "source", "metadata"] && parentInfo["doc"] as? String == parent)
        let children = try #require(json["children"] as? [[String: Any]])
        #expect(children.count == 1 && children[0]["doc"] as? String == child)
        // With one child, the per-child keys also at the top level, the same.
        #expect((children[0]["pairs"] as? [Any])?.count == (json["pairs"] as? [Any])?.count)
        let pair = try #require((json["pairs"] as? [[String: Any]])?.first)
        #expect(Set(pair.keys) == ["parent", "child", "verdict", "verdicts", "explanation", "score", "share"])
        let indicator = try #require(pair["child"] as? [String: Any])
        #expect(indicator["surface"] != nil && indicator["metricKey"] != nil && indicator["rules"] != nil)
        let coverage = try #require(json["coverage"] as? [[String: Any]])
        #expect(coverage.count == 25)
        let entry = try #require(coverage.first { !(($0["children"] as? [Any]) ?? []).isEmpty })
        #expect(Set(entry.keys) == ["path", "heading", "start", "end", "children"])
        let match = try #require((entry["children"] as? [[String: Any]])?.first)
        #expect(Set(match.keys) == ["path", "heading", "score", "evidence"])
        let evidence = try #require(match["evidence"] as? [String: [String: Int]])
        #expect(evidence["parent"]?["start"] != nil && evidence["child"]?["end"] != nil)
        #expect(((json["parentOnly"] as? [[String: Any]]) ?? []).map { $0["surface"] as? String ?? "" }.contains("3000个"))
    }

    @Test func manyChildrenGiveASummaryRowEach() throws {
        let result = try CommandRunner.run(["diff", "--format", "json", parent, child, "Corpus/mini/continuous.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["children"] as? [Any])?.count == 2)
        #expect(json["pairs"] == nil, "per-child keys at the top level only with one child")
        let md = try CommandRunner.run(["diff", parent, child, "Corpus/mini/continuous.txt"])
        #expect(md.stdout.contains("Children: 2") && md.stdout.contains("## 1. ") && md.stdout.contains("## 2. "))
    }

    @Test func htmlGoesToTheOutputFile() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-diff-cli")
        let output = directory.appendingPathComponent("report.html").path
        let result = try CommandRunner.run(["diff", "--format", "html", "--output", output, parent, child])
        #expect(result.status == 0 && result.stdout == "")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>"))
        let unwritable = try CommandRunner.run(["diff", "--output", "/nonexistent-dir/report.md", parent, child])
        #expect(unwritable.status == 74 && unwritable.stderr.hasPrefix("zhibiao: /nonexistent-dir/report.md: cannot "))
    }

    @Test func badChildrenAreReportedNotCrashedOn() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-diff-cli")
        let empty = directory.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let numbers = directory.appendingPathComponent("numbers.txt")
        try Data("1\n2\n3\n45\n6.5\n100\n".utf8).write(to: numbers)

        let onlyEmpty = try CommandRunner.run(["diff", parent, empty.path])
        #expect(onlyEmpty.status == 65 && onlyEmpty.stdout == "")
        #expect(onlyEmpty.stderr == "zhibiao: \(empty.path): file is empty\n")

        let itself = try CommandRunner.run(["diff", parent, parent])
        #expect(itself.status == 65)
        #expect(itself.stderr == "zhibiao: \(parent): the same document as the parent \(parent): nothing to compare\n")

        // A list of numbers: an honest, empty report, and a warning.
        let list = try CommandRunner.run(["diff", "--format", "json", parent, numbers.path])
        #expect(list.status == 0)
        #expect(list.stderr.contains("\(numbers.path): warning: the child has no numbered sections or tasks"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        #expect((json["coverage"] as? [[String: Any]])?.allSatisfy { (($0["children"] as? [Any]) ?? []).isEmpty } == true)
        #expect((json["pairs"] as? [Any])?.isEmpty == true)

        // One good child among bad ones: the report, and exit 3.
        let partial = try CommandRunner.run(["diff", parent, empty.path, child, "missing.txt"])
        #expect(partial.status == 3)
        #expect(partial.stdout.contains("Children: 1") == false && partial.stdout.contains("# 指标 diff"))
        #expect(partial.stderr.contains("zhibiao: missing.txt: ") && partial.stderr.contains("1 of 3 inputs processed, 2 failed"))
    }

    @Test func usageAndMissingParent() throws {
        let one = try CommandRunner.run(["diff", parent])
        #expect(one.status == 64 && one.stderr.contains("give a parent document and at least one child"))
        let missing = try CommandRunner.run(["diff", "nowhere.txt", child])
        #expect(missing.status == 66 && missing.stderr.hasPrefix("zhibiao: nowhere.txt: ") && missing.stderr.contains("(the parent)"))
    }
}
