import Foundation
import Testing
import ZhibiaoTestSupport

/// Tests/Hostile: every file with its expected exit code, message and indicator count; the
/// folder as a whole; inputs too big to commit.
@Suite struct HostileInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var status: Int32
        var message: String?
        var indicators: Int?
        var testDescription: String { file }
    }

    static let folder = RepoPaths.hostile

    static let cases: [Case] = {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(file: f[0], status: Int32(f[1]) ?? -2, message: f[2] == "-" ? nil : f[2], indicators: Int(f[3]))
        }
    }()

    /// Generous: a hang, not a slow run, is what this catches (debug builds are slow).
    static let limit = 120.0

    @Test func everyFileIsListed() throws {
        #expect(Set(RepoPaths.hostileInputs.map(\.lastPathComponent)) == Set(Self.cases.map(\.file)))
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func extractsOrRefusesClearly(_ c: Case) throws {
        let path = "Tests/Hostile/\(c.file)"
        let result = try CommandRunner.run(["extract", path], timeout: Self.limit)
        #expect(result.status == c.status, "\(c.file): exit \(result.status): \(result.stderr)")
        if let message = c.message { #expect(result.stderr.contains(message), "\(c.file): \(result.stderr)") }
        if c.status != 0 {
            // One line naming the file and the problem.
            #expect(result.stderr.hasPrefix("zhibiao: \(path): ") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let lines = result.stdout.split(separator: "\n")
        if let count = c.indicators { #expect(lines.count == count, "\(c.file): \(lines.count) indicators") }
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil) }
        // The other commands read the same way.
        for command in ["outline", "checklist"] {
            let other = try CommandRunner.run([command, path], timeout: Self.limit)
            #expect(other.status == c.status, "\(command) \(c.file): exit \(other.status): \(other.stderr)")
        }
    }

    @Test func theFolderIsReadPartially() throws {
        let result = try CommandRunner.run(["extract", "Tests/Hostile"], timeout: Self.limit * 2)
        #expect(result.status == 3)
        // binary.bin is no document: skipped and said so. README.md is read (no indicators).
        let read = Self.cases.filter { !$0.file.hasSuffix(".bin") }
        let good = read.filter { $0.status == 0 }.count + 1, bad = read.filter { $0.status != 0 }.count
        #expect(result.stderr.contains("skipped 2 file(s) that are not documents (.bin .tsv)"), "\(result.stderr)")
        #expect(result.stderr.contains("zhibiao: \(good) of \(good + bad) inputs processed, \(bad) failed"), "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count >= 8)
    }

    @Test func aLineOf100MegabytesIsRefusedAboveTheLimitAndReadWithinIt() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-huge")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("one-line.txt")
        let unit = Data("全省建设200个重点村组团片区，".utf8)
        var data = Data(capacity: 100 * 1_048_576 + unit.count)
        while data.count < 100 * 1_048_576 { data.append(unit) }
        try data.write(to: url)
        let refused = try CommandRunner.run(["extract", url.path], timeout: Self.limit)
        #expect(refused.status == 65 && refused.stderr.contains("over the 64.0 MB input limit; raise it with --max-input-mb"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        // Within the limit the line is read (normalize is linear; extract reads it in pieces).
        let read = try CommandRunner.run(["normalize", "--max-input-mb", "128", url.path], timeout: Self.limit * 3)
        // Full-width commas become ASCII ones: 35 bytes of each 37 remain.
        #expect(read.status == 0 && read.stdout.utf8.count >= 90 * 1_048_576, "\(read.status) \(read.stderr)")
    }

    /// The 10,000-row table of Tests/Hostile, as an HTML page and as tab-separated text.
    @Test func tablesOfTenThousandRowsInHTMLAndText() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-table")
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = (1...10_000).map { i in (name: "指标\(i)(%)", base: "\(i % 100).5", target: "\(i % 100 + 1)") }
        let html = "<html><body><p>表1 主要指标</p><table><tr><td>指标<td>2020年<td>2025年<td>属性\n"
            + rows.map { "<tr><td>\($0.name)<td>\($0.base)<td>\($0.target)<td>预期性\n" }.joined() + "</table></body></html>"
        let text = "指标\t2020年\t2025年\t属性\n" + rows.map { "\($0.name)\t\($0.base)\t\($0.target)\t预期性\n" }.joined()
        for (name, contents) in [("table.html", html), ("table.txt", text)] {
            let url = directory.appendingPathComponent(name)
            try contents.write(to: url, atomically: true, encoding: .utf8)
            let result = try CommandRunner.run(["extract", url.path], timeout: Self.limit)
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 20_000, "\(name): \(lines.count) indicators")
            #expect(lines.last?.contains(#""cell":{"table":1,"row":10001,"column":3}"#) == true, "\(name)")
        }
    }

    /// Shapes that once cost quadratic time (a scan per quantity bounded by the document, not
    /// the sentence): they must be read whole within the limit. `Benchmarks/complexity.py`
    /// checks in a release build that 4x the input costs about 4x the time.
    @Test(arguments: ["many-short-sentences", "one-long-sentence", "many-sections", "table-rows"])
    func largeShapesAreReadWhole(_ name: String) throws {
        let (text, indicators, warning): (String, Int, String?) = switch name {
        case "many-short-sentences": (String(repeating: "达到85%。", count: 20_000), 20_000, nil)
        case "one-long-sentence": (String(repeating: "达到85%,", count: 20_000), 20_000, "1 sentence(s) longer than 1000 characters read in pieces")
        case "many-sections": ((1...5_000).map { "\($0).到2025年,第\($0)片区建成示范村10个,覆盖率达到85%。\n" }.joined(), 10_000, nil)
        default: ((1...5_000).map { "\($0).签约服务覆盖率\t2025年\t每年增加1-3个百分点\t达到85%\n" }.joined(), 10_000, nil)
        }
        let directory = RepoPaths.temporaryDirectory("zhibiao-shape")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("\(name).txt")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["extract", url.path], timeout: Self.limit)
        #expect(result.status == 0, "\(name): \(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == indicators, "\(name)")
        if let warning { #expect(result.stderr.contains(warning), "\(result.stderr)") } else { #expect(result.stderr.isEmpty, "\(result.stderr)") }
    }

    @Test func tenMegabytesOfDigitsAreReadOnce() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-digits")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("digits.txt")
        try Data(repeating: UInt8(ascii: "7"), count: 10 * 1_048_576).write(to: url)
        let result = try CommandRunner.run(["extract", url.path], timeout: Self.limit * 2)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("a run of 10485760 numeral characters is too long to read as a number"), "\(result.stderr)")
    }
}
