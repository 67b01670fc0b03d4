import Foundation
import Testing
import ZhibiaoTestSupport

@Suite struct NormalizeCommandTests {
    let directory = RepoPaths.temporaryDirectory("zhibiao-cli")

    @Test func normalizesTheDistrictSeedToSimplified() throws {
        let result = try CommandRunner.run(["normalize", "Corpus/\(RepoPaths.districtSeed)"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("各镇人民政府、街道办事处,专班各成员单位:\n"))
        #expect(result.stdout.contains("到2025年,全区常住人口城镇化率达到85%以上"))
        #expect(result.stdout.contains("余杭区区域承载能力提升和深化“千村示范、万村整治”工程实施方案(2023-2027年)"))
    }

    @Test func keepsTheScriptWhenAsked() throws {
        let result = try CommandRunner.run(["normalize", "--script", "keep", "Corpus/\(RepoPaths.districtSeed)"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("各鎮人民政府、街道辦事處,專班各成員單位:\n"))
    }

    @Test func convertsSimplifiedToTraditionalWhenAsked() throws {
        let result = try CommandRunner.run(["normalize", "--script", "hant", "Corpus/\(RepoPaths.provincialSeed)"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("鄉村"))
        #expect(!result.stdout.contains("乡村"))
    }

    /// The 2026 No.1 document is Simplified: normalizing it must not touch its characters
    /// (显著 used to become 显着).
    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func leavesASimplifiedDocumentAlone() throws {
        let path = RepoPaths.sharedCorpus!.appendingPathComponent("html/cn-2026-central-no1-document.docx").path
        let result = try CommandRunner.run(["normalize", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("显著"))
        #expect(!result.stdout.contains("显着"))
    }

    @Test func missingFile() throws {
        let result = try CommandRunner.run(["normalize", "no/such/file.txt"])
        #expect(result.status == 66)
        #expect(result.stdout == "")
        #expect(result.stderr == "zhibiao: no/such/file.txt: file does not exist\n")
    }

    @Test func goodAndBadFilesGivePartial() throws {
        let good = directory.appendingPathComponent("good.txt")
        try "一、总体要求\n到2025年，全省建设200个重点村组团片区。".write(to: good, atomically: true, encoding: .utf8)
        let binary = directory.appendingPathComponent("binary.txt")
        try Data([0x41, 0x00, 0x42, 0x00, 0x00, 0xFF]).write(to: binary)
        let empty = directory.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let result = try CommandRunner.run(["normalize", good.path, binary.path, empty.path])
        #expect(result.status == 3)
        #expect(result.stdout == "==> \(good.path) <==\n一、总体要求\n到2025年,全省建设200个重点村组团片区。\n")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "zhibiao: \(binary.path): looks binary (NUL byte at offset 1); pass --encoding to force a decoder")
        #expect(lines[1] == "zhibiao: \(empty.path): file is empty")
        #expect(lines[2] == "zhibiao: 1 of 3 inputs processed, 2 failed")
    }

    @Test func foldersAreExpanded() throws {
        let folder = directory.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "甲".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "乙".write(to: folder.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        try "{}".write(to: folder.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["normalize", folder.path])
        #expect(result.status == 0)
        #expect(result.stdout == "==> \(folder.path)/a.txt <==\n甲\n==> \(folder.path)/b.md <==\n乙\n")
        #expect(result.stderr == "\(folder.path): skipped 1 file(s) that are not documents (.json)\n")

        let emptyFolder = directory.appendingPathComponent("nothing")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: true)
        let none = try CommandRunner.run(["normalize", emptyFolder.path])
        #expect(none.status == 66)
        #expect(none.stderr == "zhibiao: \(emptyFolder.path): the folder holds no files\n")
    }

    @Test func forcedEncoding() throws {
        let gb = directory.appendingPathComponent("gb.txt")
        // "农村居民" in GB18030.
        try Data([0xC5, 0xA9, 0xB4, 0xE5, 0xBE, 0xD3, 0xC3, 0xF1]).write(to: gb)
        let result = try CommandRunner.run(["normalize", "--encoding", "gbk", gb.path])
        #expect(result.status == 0)
        #expect(result.stdout == "农村居民\n")
        let wrong = try CommandRunner.run(["normalize", "--encoding", "klingon", gb.path])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("unknown encoding 'klingon'"))
    }

    @Test func usageErrors() throws {
        // No path and no terminal on stdin: standard input is read (here, nothing).
        let piped = try CommandRunner.run(["normalize"])
        #expect(piped.status == 66 && piped.stderr == "zhibiao: -: standard input is empty\n")
        #expect(try CommandRunner.run(["normalize", "--script", "latin", "x"]).status == 64)
        #expect(try CommandRunner.run(["frobnicate"]).status == 64)
    }

    @Test func helpListsCommandsAndExitCodes() throws {
        let result = try CommandRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("normalize"))
        #expect(result.stdout.contains("3 partial"))
    }
}
