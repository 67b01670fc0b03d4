import Foundation
import Testing
import Zhibiao
import ZhibiaoTestSupport

/// Other projects' published cases (../shared/peer-specs) as a conformance suite: prints the pass
/// rate per file and every failure with its reason; fails when a rate drops below what it was
/// when this floor was set.
@Suite struct ConformanceTests {
    static var directory: URL? {
        RepoPaths.shared.map { $0.appendingPathComponent("peer-specs") }.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
    }

    /// Pass rates measured when the suite was set up, less a little room.
    static let floors: [String: Double] = [
        "cn2an/cases.jsonl": 0.80, "recognizers-zh/number.jsonl": 0.57, "recognizers-zh/percent.jsonl": 0.55,
        "recognizers-zh/currency.jsonl": 0.52, "recognizers-zh/dimension.jsonl": 0.50,
    ]

    @Test(.enabled(if: directory != nil)) func passRatesHold() throws {
        let reports = try PeerSpecSuite(pipeline: Fixtures.pipeline).run(directory: try #require(Self.directory))
        #expect(reports.count == PeerSpecSuite.files.count)
        for report in reports {
            let categories = report.categories.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            print(String(format: "conformance %@: %d/%d applicable cases pass (%.1f%%); %d not applicable; failures: %@",
                         report.file, report.passed, report.applicable, report.passRate * 100,
                         report.cases - report.applicable, categories))
            for failure in report.failures { print("conformance \(report.file):\(failure.line): \(failure.category): \(failure.detail)") }
            #expect(report.passRate >= Self.floors[report.file] ?? 1, "\(report.file) fell to \(report.passRate)")
        }
    }

    @Test func aCaseFailsForAReason() throws {
        // A small file of our own: one pass, one miss, one not applicable.
        let directory = RepoPaths.temporaryDirectory("zhibiao-peer")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("cn2an"), withIntermediateDirectories: true)
        try """
            {"input": "一亿五千万零六千三百五十五", "expected": 150006355, "mode": "cn2an:smart"}
            {"input": "壹拾壹元整", "expected": 11, "mode": "cn2an:strict"}
            {"input": 7, "expected": "七", "mode": "an2cn:low"}
            """.write(to: directory.appendingPathComponent("cn2an/cases.jsonl"), atomically: true, encoding: .utf8)
        let reports = try PeerSpecSuite(pipeline: Fixtures.pipeline).run(directory: directory)
        let report = try #require(reports.first)
        #expect(report.cases == 3 && report.applicable == 2 && report.passed == 1)
        #expect(report.failures.first?.category == "rejected" && report.failures.first?.line == 2)
    }
}
