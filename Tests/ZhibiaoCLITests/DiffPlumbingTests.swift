import Foundation
import Testing
import ZhibiaoTestSupport

/// `zhibiao diff` on the CLI's common plumbing: folders of children, standard input, `-o`
/// written atomically, partial runs, `--jobs`.
@Suite struct DiffPlumbingTests {
    let parent = "Corpus/\(RepoPaths.provincialSeed)"
    let child = "Corpus/\(RepoPaths.districtSeed)"
    let other = "Corpus/mini/continuous.txt"

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A folder holding two good children and two bad ones.
    func folder() throws -> URL {
        let directory = RepoPaths.temporaryDirectory("zhibiao-diff-folder")
        try Data(contentsOf: RepoPaths.root.appendingPathComponent(child)).write(to: directory.appendingPathComponent("a-district.txt"))
        try Data(contentsOf: RepoPaths.root.appendingPathComponent(other)).write(to: directory.appendingPathComponent("b-other.txt"))
        try Data().write(to: directory.appendingPathComponent("c-empty.txt"))
        try Data(contentsOf: RepoPaths.root.appendingPathComponent(parent)).write(to: directory.appendingPathComponent("d-parent-copy.txt"))
        return directory
    }

    @Test func aFolderOfChildrenWithBadOnes() throws {
        let directory = try folder()
        let result = try CommandRunner.run(["diff", "--format", "json", parent, directory.path])
        #expect(result.status == 3)
        let report = try json(result.stdout)
        let docs = ((report["children"] as? [[String: Any]]) ?? []).compactMap { $0["doc"] as? String }
        #expect(docs == [directory.appendingPathComponent("a-district.txt").path, directory.appendingPathComponent("b-other.txt").path])
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("zhibiao: \(directory.appendingPathComponent("c-empty.txt").path): file is empty"), "\(result.stderr)")
        #expect(lines.contains("zhibiao: \(directory.appendingPathComponent("d-parent-copy.txt").path): the same document as the parent \(parent): nothing to compare"))
        #expect(lines.last == "zhibiao: 2 of 4 inputs processed, 2 failed")
        // The same report as the good children given one by one.
        let good = try CommandRunner.run(["diff", "--format", "json", parent, directory.appendingPathComponent("a-district.txt").path,
                                          directory.appendingPathComponent("b-other.txt").path])
        #expect(good.status == 0 && good.stdout == result.stdout)
    }

    @Test func jobsGiveTheSameOutput() throws {
        let directory = try folder()
        let one = try CommandRunner.run(["diff", "--jobs", "1", parent, directory.path, child])
        let three = try CommandRunner.run(["diff", "--jobs", "3", parent, directory.path, child])
        #expect(one.status == 3 && three.status == 3)
        #expect(!one.stdout.isEmpty && one.stdout == three.stdout && one.stderr == three.stderr)
    }

    @Test func standardInputAsChildOrParent() throws {
        let bytes = try Data(contentsOf: RepoPaths.root.appendingPathComponent(child))
        let fileRun = try CommandRunner.run(["diff", "--format", "json", parent, child])
        let files = try json(fileRun.stdout)
        let piped = try CommandRunner.run(["diff", "--format", "json", parent, "-"], stdin: bytes)
        #expect(piped.status == 0, "\(piped.stderr)")
        let report = try json(piped.stdout)
        #expect(((report["children"] as? [[String: Any]])?.first?["doc"] as? String) == "-")
        // The same report but for the child's name.
        #expect(piped.stdout == fileRun.stdout.replacingOccurrences(of: "\"\(child)\"", with: "\"-\""))
        let parentBytes = try Data(contentsOf: RepoPaths.root.appendingPathComponent(parent))
        let pipedParent = try CommandRunner.run(["diff", "--format", "json", "-", child], stdin: parentBytes)
        let pipedCoverage = try json(pipedParent.stdout)["coverage"] as? [Any]
        #expect(pipedParent.status == 0 && pipedCoverage?.count == (files["coverage"] as? [Any])?.count)
        let emptyParent = try CommandRunner.run(["diff", "-", child], stdin: Data())
        #expect(emptyParent.status == 66 && emptyParent.stderr == "zhibiao: -: standard input is empty (the parent)\n")
        let parentFolder = try CommandRunner.run(["diff", "Corpus/mini", child])
        #expect(parentFolder.status == 64 && parentFolder.stderr == "zhibiao: Corpus/mini: the parent is a folder: give one document\n")
    }

    @Test func outputFileIsReplacedOnlyWhenComplete() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-diff-output")
        let output = directory.appendingPathComponent("report.md").path
        let written = try CommandRunner.run(["diff", "-o", output, parent, child])
        #expect(written.status == 0 && written.stdout == "")
        let report = try String(contentsOfFile: output, encoding: .utf8)
        #expect(report == (try CommandRunner.run(["diff", parent, child]).stdout))
        // Every child bad: the old report stays, no temporary file is left.
        let failed = try CommandRunner.run(["diff", "-o", output, parent, "missing.txt"])
        let kept = try String(contentsOfFile: output, encoding: .utf8)
        #expect(failed.status == 66 && kept == report)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.md"])
        // Some bad: the good ones' report is written.
        let partial = try CommandRunner.run(["diff", "-o", output, parent, "missing.txt", other])
        let partialReport = try String(contentsOfFile: output, encoding: .utf8)
        #expect(partial.status == 3 && partialReport.contains("# 指标 diff"))
    }

    @Test func inputsThatAreNotPlans() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-diff-odd")
        let numbers = directory.appendingPathComponent("numbers.txt").path
        try "1\n2\n3\n45\n6.5\n100\n".write(toFile: numbers, atomically: true, encoding: .utf8)
        // A parent that is a list of numbers: a warning, an honest report.
        let numbersParent = try CommandRunner.run(["diff", "--format", "json", numbers, child])
        #expect(numbersParent.status == 0 && numbersParent.stderr.contains("\(numbers): warning: the parent has no numbered sections and no targets"))
        #expect((try json(numbersParent.stdout)["coverage"] as? [Any])?.isEmpty == true)
        // Binary junk as a child: refused on one line, never a crash.
        let junk = directory.appendingPathComponent("junk.txt").path
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: URL(fileURLWithPath: junk))
        let result = try CommandRunner.run(["diff", parent, junk, child])
        #expect(result.status == 3 || result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("# 指标 diff"))
    }
}
