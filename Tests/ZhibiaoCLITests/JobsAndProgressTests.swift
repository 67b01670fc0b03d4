import Foundation
import Testing
import ZhibiaoTestSupport

/// `--jobs N` reads documents in parallel and prints the same bytes, in the same order, as
/// `--jobs 1`; the progress line shows on a terminal only.
@Suite struct JobsAndProgressTests {
    @Test(arguments: [["extract"], ["extract", "--format", "json"], ["extract", "--format", "csv"], ["checklist"],
                      ["outline", "--format", "json"], ["normalize"]])
    func outputIsTheSameWhateverTheJobs(_ arguments: [String]) throws {
        // Good and bad documents mixed: the diagnostics keep their order too.
        let inputs = ["Corpus", "Tests/Hostile/empty.txt", "Tests/Hostile/huge-numbers.txt", "Tests/Hostile/unclosed-brackets.txt",
                      "Tests/Hostile/markup-in-text.md", "Tests/Hostile/nul-bytes.txt"]
        let serial = try CommandRunner.run(arguments + ["--jobs", "1"] + inputs)
        #expect(serial.status == 3)
        if ["extract", "checklist"].contains(arguments[0]) {
            #expect(serial.stderr.contains("huge-numbers.txt: warning:"), "\(serial.stderr)")
        }
        for jobs in ["2", "5"] {
            let parallel = try CommandRunner.run(arguments + ["-j", jobs] + inputs)
            #expect(parallel.status == serial.status)
            #expect(parallel.stdout == serial.stdout, "\(arguments) --jobs \(jobs)")
            #expect(parallel.stderr == serial.stderr, "\(arguments) --jobs \(jobs)")
        }
        #expect(try CommandRunner.run(arguments + ["--jobs", "0", "Corpus"]).status == 64)
    }

    @Test func progressIsQuietUnlessAskedOrOnATerminal() throws {
        let quiet = try CommandRunner.run(["extract", "Corpus", "Corpus/mini"])
        #expect(quiet.status == 0 && !quiet.stderr.contains("documents,"))
        // Forced: the line is drawn from the first document on, and erased at the end.
        let seeds = ["Corpus/\(RepoPaths.provincialSeed)", "Corpus/\(RepoPaths.districtSeed)"]
        let forced = try CommandRunner.run(["extract", "--progress", "--jobs", "1"] + seeds)
        #expect(forced.status == 0)
        #expect(forced.stderr.contains("\rzhibiao: 1/2 documents, ") && forced.stderr.contains("\rzhibiao: 2/2 documents, "), "\(forced.stderr)")
        #expect(forced.stderr.contains(" MB/s\u{1B}[K") && forced.stderr.hasSuffix("\r\u{1B}[K"))
        let never = try CommandRunner.run(["extract", "--no-progress", "--jobs", "1"] + seeds)
        #expect(never.status == 0 && never.stderr.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aTerminalGetsTheProgressLineAndAUsageErrorWithoutInput() throws {
        // `script` runs the command on a pseudo-terminal (stdin, stdout and stderr).
        let slow = RepoPaths.temporaryDirectory("zhibiao-tty")
        defer { try? FileManager.default.removeItem(at: slow) }
        let unit = try Data(contentsOf: RepoPaths.corpusFile(RepoPaths.districtSeed))
        var data = Data()
        for _ in 0..<30 { data.append(unit) }
        try data.write(to: slow.appendingPathComponent("a.txt"))
        try data.write(to: slow.appendingPathComponent("b.txt"))
        func onTerminal(_ command: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command, "/dev/null"]
            process.currentDirectoryURL = RepoPaths.root
            let out = Pipe()
            process.standardOutput = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let bytes = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: bytes, as: UTF8.self)
        }
        let binary = CommandRunner.executable.path
        let shown = try onTerminal("'\(binary)' checklist --jobs 1 '\(slow.path)' > /dev/null")
        #expect(shown.contains("\rzhibiao: 2/2 documents, "), "\(shown)")
        let usage = try onTerminal("'\(binary)' extract; echo \"exit $?\"")
        #expect(usage.contains("no input: give files or folders, or - to read standard input") && usage.contains("exit 64"), "\(usage)")
    }
}
