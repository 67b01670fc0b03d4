import Foundation
import Testing
import ZhibiaoTestSupport

/// Nothing is lost when one input fails: every command and format writes the good documents'
/// output (the same bytes as a run over the good ones alone), reports the bad one on one line
/// and exits 3.
@Suite struct PartialOutputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        ["normalize"], ["text"], ["outline"], ["outline", "--format", "json"],
        ["extract"], ["extract", "--format", "json"], ["extract", "--format", "csv"], ["extract", "--format", "md"],
        ["checklist"], ["checklist", "--format", "csv"], ["eval"],
    ].map { Case(arguments: $0) }

    /// A folder with two good documents (each with an annotation, for `eval`) and a bad one.
    static let folder: URL = {
        let folder = RepoPaths.temporaryDirectory("zhibiao-partial")
        let copies = [(RepoPaths.corpusFile(RepoPaths.provincialSeed), "a-plan.txt"),
                      (RepoPaths.corpus.appendingPathComponent("mini/notice.html"), "c-notice.html")]
        for (source, name) in copies {
            try? FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(name))
        }
        try? FileManager.default.copyItem(at: RepoPaths.corpusFile("000_cd4c2e10bd593054.indicators.jsonl"),
                                          to: folder.appendingPathComponent("a-plan.indicators.jsonl"))
        try? Data().write(to: folder.appendingPathComponent("c-notice.indicators.jsonl"))
        // Between the two in order, so that output before and after it must survive.
        try? Data([0x41, 0x00, 0x42, 0x00, 0x00, 0xFF]).write(to: folder.appendingPathComponent("b-broken.txt"))
        try? Data().write(to: folder.appendingPathComponent("b-broken.indicators.jsonl"))
        return folder
    }()

    @Test(arguments: cases)
    func aFolderWithOneBadFileKeepsTheGoodOutput(_ c: Case) throws {
        let good = ["a-plan.txt", "c-notice.html"].map { Self.folder.appendingPathComponent($0).path }
        let bad = Self.folder.appendingPathComponent("b-broken.txt").path
        let all = try CommandRunner.run(c.arguments + [Self.folder.path])
        let reference = try CommandRunner.run(c.arguments + good)
        #expect(reference.status == 0, "\(reference.stderr)")
        #expect(all.status == 3, "\(all.stderr)")
        #expect(!reference.stdout.isEmpty)
        #expect(all.stdout == reference.stdout, "\(c.arguments): \(all.stdout.count) vs \(reference.stdout.count) characters")
        #expect(all.stderr.contains("zhibiao: \(bad): looks binary (NUL byte at offset 1)"), "\(all.stderr)")
        #expect(all.stderr.contains("zhibiao: 2 of 3 inputs processed, 1 failed"), "\(all.stderr)")
        // The same with -o: the file holds the good output.
        let out = Self.folder.deletingLastPathComponent().appendingPathComponent("out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let written = try CommandRunner.run(c.arguments + [Self.folder.path, "-o", out.path])
        #expect(written.status == 3 && written.stdout.isEmpty)
        #expect(try Data(contentsOf: out) == Data(reference.stdout.utf8))
    }
}
