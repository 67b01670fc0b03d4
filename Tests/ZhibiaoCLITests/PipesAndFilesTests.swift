import Foundation
import Testing
import ZhibiaoTestSupport

/// Standard input, `-o FILE`, `--version`, and what a folder without documents says.
@Suite struct PipesAndFilesTests {
    let seed = "Corpus/\(RepoPaths.provincialSeed)"

    @Test func dashAndPipedInputReadStandardInput() throws {
        let bytes = try Data(contentsOf: RepoPaths.corpusFile(RepoPaths.provincialSeed))
        let fromFile = try CommandRunner.run(["extract", seed])
        let dash = try CommandRunner.run(["extract", "-"], stdin: bytes)
        let piped = try CommandRunner.run(["extract"], stdin: bytes)
        #expect(dash.status == 0 && piped.status == 0, "\(dash.stderr) \(piped.stderr)")
        // The same indicators, named "-".
        #expect(dash.stdout == fromFile.stdout.replacingOccurrences(of: "\"doc\":\"\(seed)\"", with: "\"doc\":\"-\""))
        #expect(piped.stdout == dash.stdout)
        // With a file, stdin comes in its place.
        let mixed = try CommandRunner.run(["outline", "--format", "json", seed, "-"], stdin: bytes)
        #expect(mixed.status == 0 && mixed.stdout.split(separator: "\n").count == 2)
        #expect(try CommandRunner.run(["extract", "-", "-"], stdin: bytes).status == 64)
    }

    @Test func standardInputTakesTheInputOptions() throws {
        // "农村居民人均可支配收入达到5.7万元" in GB18030 would be detected; a forced wrong
        // encoding shows the option is applied.
        let gb = Data([0xC5, 0xA9, 0xB4, 0xE5, 0xBE, 0xD3, 0xC3, 0xF1])
        let forced = try CommandRunner.run(["normalize", "--encoding", "gbk", "-"], stdin: gb)
        #expect(forced.status == 0 && forced.stdout == "农村居民\n")
        let html = try CommandRunner.run(["normalize", "--input-format", "html", "-"], stdin: Data("<p>全省<b>建设</b></p>".utf8))
        #expect(html.status == 0 && html.stdout == "全省建设\n", "\(html.stdout)")
        let text = try CommandRunner.run(["normalize", "--input-format", "text", "-"], stdin: Data("<p>全省</p>".utf8))
        #expect(text.stdout == "<p>全省</p>\n")
        let empty = try CommandRunner.run(["extract", "-"], stdin: Data())
        #expect(empty.status == 66 && empty.stderr == "zhibiao: -: standard input is empty\n")
        let big = try CommandRunner.run(["extract", "--max-input-mb", "1", "-"], stdin: Data(repeating: 0x41, count: 1_100_000))
        #expect(big.status == 65 && big.stderr.contains("standard input is over the 1 MB input limit"), "\(big.stderr)")
    }

    @Test func outputFileIsWrittenWholeOrNotAtAll() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-output")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("catalog.csv")
        let direct = try CommandRunner.run(["extract", "--format", "csv", seed])
        let written = try CommandRunner.run(["extract", "--format", "csv", seed, "-o", out.path])
        #expect(written.status == 0 && written.stdout.isEmpty && written.stderr.isEmpty)
        #expect(try Data(contentsOf: out) == Data(direct.stdout.utf8))
        // Every input failing leaves the file as it was, and no temporary file behind.
        let failed = try CommandRunner.run(["extract", "no/such.txt", "--output", out.path])
        #expect(failed.status == 66)
        #expect(try Data(contentsOf: out) == Data(direct.stdout.utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["catalog.csv"])
        // So does a command that stops early.
        let early = try CommandRunner.run(["conformance", "no/such/dir", "-o", out.path])
        #expect(early.status == 66)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["catalog.csv"])
        #expect(try Data(contentsOf: out) == Data(direct.stdout.utf8))
        // A folder that cannot be written to is an I/O error.
        let nowhere = try CommandRunner.run(["extract", seed, "-o", "/no/such/dir/out.jsonl"])
        #expect(nowhere.status == 74 && nowhere.stderr.hasPrefix("zhibiao: /no/such/dir/out.jsonl: cannot create a temporary file beside it"))
        // `-o -` is standard output.
        #expect(try CommandRunner.run(["extract", seed, "-o", "-"]).stdout == (try CommandRunner.run(["extract", seed])).stdout)
    }

    @Test func anInterruptedRunLeavesNoHalfFile() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-interrupt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("catalog.jsonl")
        try Data("before\n".utf8).write(to: out)
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.currentDirectoryURL = RepoPaths.root
        // Standard input that never ends: the run waits until it is interrupted.
        let pipe = Pipe()
        process.standardInput = pipe
        process.standardError = FileHandle.nullDevice
        process.arguments = ["extract", seed, "-", "-o", out.path]
        try process.run()
        var waited = 0.0
        while try waited < 20 && FileManager.default.contentsOfDirectory(atPath: directory.path).count < 2 {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 0.05
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)  // the temporary file
        // libdispatch registers signal sources asynchronously: give it a moment, as a person would.
        Thread.sleep(forTimeInterval: 0.2)
        process.interrupt()
        process.waitUntilExit()
        try? pipe.fileHandleForWriting.close()
        #expect(process.terminationStatus == 130)
        #expect(try String(contentsOf: out, encoding: .utf8) == "before\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["catalog.jsonl"])
    }

    @Test func versionNamesTheGrammarSet() throws {
        let result = try CommandRunner.run(["--version"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0].hasPrefix("zhibiao 0."))
        #expect(lines[1].hasPrefix("grammars sha256:") && lines[1].contains("(repository: \(RepoPaths.grammars.path))"), "\(lines)")
        let digest = lines[1].dropFirst("grammars sha256:".count).prefix(64)
        #expect(digest.count == 64 && digest.allSatisfy(\.isHexDigit))
        // Another grammar set, another digest.
        let copy = RepoPaths.temporaryDirectory("zhibiao-version-grammars")
        defer { try? FileManager.default.removeItem(at: copy) }
        let grammars = copy.appendingPathComponent("Grammars")
        try FileManager.default.copyItem(at: RepoPaths.grammars, to: grammars)
        try "# changed\n".write(to: grammars.appendingPathComponent("extra.rules"), atomically: true, encoding: .utf8)
        let other = try CommandRunner.run(["--version"], environment: ["ZHIBIAO_GRAMMARS": grammars.path])
        #expect(other.status == 0 && other.stdout.contains("(environment: \(grammars.path))") && !other.stdout.contains(digest))
    }

    @Test func foldersWithoutDocumentsSaySo() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-folders")
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty"), other = directory.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        for name in ["data.bin", "LICENSE", "notes.xyz"] { try Data("x".utf8).write(to: other.appendingPathComponent(name)) }
        let none = try CommandRunner.run(["extract", empty.path])
        #expect(none.status == 66 && none.stderr == "zhibiao: \(empty.path): the folder holds no files\n")
        let unsupported = try CommandRunner.run(["checklist", other.path])
        #expect(unsupported.status == 66)
        #expect(unsupported.stderr == "zhibiao: \(other.path): the folder holds no documents (.bin .xyz, 1 without an extension: LICENSE); documents are .txt, .md, .html and .docx files\n")
        // Beside a good document, the empty folder is one failed input.
        let alone = try CommandRunner.run(["extract", seed]).stdout.split(separator: "\n").count
        #expect(alone > 0)
        let mixed = try CommandRunner.run(["extract", seed, empty.path])
        #expect(mixed.status == 3 && mixed.stdout.split(separator: "\n").count == alone)
        // A file without an extension given by name is read by its content.
        let bare = directory.appendingPathComponent("PLAN")
        try FileManager.default.copyItem(at: RepoPaths.corpusFile(RepoPaths.provincialSeed), to: bare)
        #expect(try CommandRunner.run(["extract", bare.path]).stdout.split(separator: "\n").count == alone)
    }
}
