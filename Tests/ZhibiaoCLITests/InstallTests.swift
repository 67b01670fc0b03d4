import Foundation
import Testing
import ZhibiaoTestSupport

/// `make install`: the installed binary finds its grammar set from any directory, with no
/// environment, and the shell completions are in place.
@Suite struct InstallTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/make")))
    func theInstalledBinaryWorksFromAnyDirectory() throws {
        let prefix = RepoPaths.temporaryDirectory("zhibiao-prefix")
        let elsewhere = RepoPaths.temporaryDirectory("zhibiao-elsewhere")
        defer {
            try? FileManager.default.removeItem(at: prefix)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        // The install step of `make install`, with the binary this test run built (`make
        // install` builds a release binary first).
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/make")
        make.arguments = ["--no-print-directory", "-C", RepoPaths.root.path, "install-files",
                          "PREFIX=\(prefix.path)", "BIN=\(CommandRunner.executable.path)"]
        let log = Pipe()
        make.standardOutput = log
        make.standardError = log
        try make.run()
        let output = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        make.waitUntilExit()
        #expect(make.terminationStatus == 0, "\(output)")

        let installed = prefix.appendingPathComponent("bin/zhibiao")
        for path in ["bin/zhibiao", "share/zhibiao/Grammars/script/characters.tsv", "share/zhibiao/Grammars/quantity.rules",
                     "share/bash-completion/completions/zhibiao", "share/zsh/site-functions/_zhibiao",
                     "share/fish/vendor_completions.d/zhibiao.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path)")
        }
        let bash = try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/zhibiao"), encoding: .utf8)
        #expect(bash.contains("checklist") && bash.contains("--jobs"))

        // From another directory, with ZHIBIAO_GRAMMARS unset: the installed grammar set is used.
        let seed = elsewhere.appendingPathComponent("plan.txt")
        try FileManager.default.copyItem(at: RepoPaths.corpusFile(RepoPaths.provincialSeed), to: seed)
        func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            let process = Process()
            process.executableURL = installed
            process.arguments = arguments
            process.currentDirectoryURL = elsewhere
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "ZHIBIAO_GRAMMARS")
            process.environment = environment
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, stdout, stderr)
        }
        let version = try run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.contains("(installed: \(prefix.path)/share/zhibiao/Grammars)"), "\(version.stdout)")
        let extract = try run(["extract", "plan.txt"])
        #expect(extract.status == 0 && extract.stderr.isEmpty, "\(extract.stderr)")
        // The same catalog as the built binary gives from the repository.
        let here = try CommandRunner.run(["extract", RepoPaths.corpusFile(RepoPaths.provincialSeed).path]).stdout
        #expect(extract.stdout.split(separator: "\n").count == here.split(separator: "\n").count)
    }
}
