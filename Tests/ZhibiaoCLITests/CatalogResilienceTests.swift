import Foundation
import Testing
import ZhibiaoTestSupport

/// What happens to a catalog when things go wrong: the process is killed in the middle of a large
/// ingest, the disk is full, the catalog is read-only. Every document is complete or absent, and
/// the next run goes on.
@Suite(.serialized) struct CatalogResilienceTests {
    /// `count` distinct documents (the seeds with a numbered line added), in a new folder.
    static func documents(_ count: Int) throws -> URL {
        let directory = RepoPaths.temporaryDirectory("zhibiao-many")
        let seeds = try [RepoPaths.provincialSeed, RepoPaths.districtSeed].map { try String(contentsOf: RepoPaths.corpusFile($0), encoding: .utf8) }
        for n in 0..<count {
            try (seeds[n % 2] + "\n附件\(n)：抄送第\(n)号。\n").write(to: directory.appendingPathComponent(String(format: "doc-%04d.txt", n)),
                                                                  atomically: false, encoding: .utf8)
        }
        return directory
    }

    func list(_ db: String) throws -> [[String: Any]] {
        let result = try CommandRunner.run(["list", "--db", db])
        return try result.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test(arguments: Backend.available) func killedInTheMiddleOfAnIngestTheNextRunGoesOn(backend: Backend) throws {
        let total = 80
        let folder = try Self.documents(total)
        let db = backend.freshLocation()
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["ingest", "--db", db, "--jobs", "2", folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some documents are stored, then kill -9.
        var stored = 0
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline && process.isRunning {
            stored = (try? list(db).count) ?? 0
            if stored >= 8 { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(process.isRunning, "the ingest ended before it could be killed (\(stored) stored)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let check = try CommandRunner.run(["list", "--db", db, "--check"])
        #expect(check.status == 0, "\(check.stderr)")
        let before = try list(db).count
        #expect(before >= 8 && before < total)

        let resume = try CommandRunner.run(["ingest", "--db", db, folder.path])
        #expect(resume.status == 0, "\(resume.stderr)")
        #expect(resume.stderr.contains("\(total - before) added, 0 replaced, \(before) unchanged, 0 failed"))
        let after = try list(db)
        #expect(after.count == total)
        #expect(Set(after.compactMap { $0["path"] as? String }).count == total)
        #expect(after.allSatisfy { ($0["indicators"] as? Int ?? 0) > 0 })
        let final = try CommandRunner.run(["list", "--db", db, "--check", "--format", "csv"])
        #expect(final.status == 0 && final.stderr.contains("integrity check passed (\(total) documents)"))
    }

    /// A small tmpfs (as root), else a file size limit.
    static func smallDisk(kilobytes: Int) -> URL? {
        guard getuid() == 0 else { return nil }
        let directory = RepoPaths.temporaryDirectory("zhibiao-tmpfs")
        let mount = try? CommandRunner.runProgram("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", directory.path])
        return mount?.status == 0 ? directory : nil
    }

    static func unmount(_ directory: URL) {
        _ = try? CommandRunner.runProgram("/bin/umount", ["-l", directory.path])
    }

    @Test func aFullDiskStopsTheIngestAndKeepsWhatWasStored() throws {
        let folder = try Self.documents(40)
        let result: CommandResult
        let db: String
        var mounted: URL?
        if let disk = Self.smallDisk(kilobytes: 1536) {
            mounted = disk
            db = disk.appendingPathComponent("c.sqlite").path
            result = try CommandRunner.run(["ingest", "--db", db, "--jobs", "1", folder.path])
        } else {
            db = RepoPaths.temporaryDirectory("zhibiao-full").appendingPathComponent("c.sqlite").path
            let command = "ulimit -f 3072; exec '\(CommandRunner.executable.path)' ingest --db '\(db)' --jobs 1 '\(folder.path)'"
            result = try CommandRunner.runProgram("/bin/sh", ["-c", command])
        }
        defer { if let mounted { Self.unmount(mounted) } }
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("— while storing \(folder.path)/doc-"))
        #expect(result.stderr.contains("database or disk is full") || result.stderr.contains("disk I/O error"))
        #expect(result.stderr.contains("zhibiao: stopped: "))
        let check = try CommandRunner.run(["list", "--db", db, "--check"])
        #expect(check.status == 0, "\(check.stderr)")
        let stored = try list(db)
        #expect(stored.count > 0 && stored.count < 40)
    }

    @Test func aReadOnlyCatalogIsSaidSoAndLeftAsItWas() throws {
        let seeds = ["Corpus/\(RepoPaths.provincialSeed)", "Corpus/\(RepoPaths.districtSeed)"]
        let directory: URL
        var mounted = false
        if let disk = Self.smallDisk(kilobytes: 8192) {
            directory = disk
            mounted = true
        } else {
            directory = RepoPaths.temporaryDirectory("zhibiao-readonly")
        }
        defer { if mounted { Self.unmount(directory) } }
        let db = directory.appendingPathComponent("c.sqlite").path
        #expect(try CommandRunner.run(["ingest", "--db", db, seeds[0]]).status == 0)
        if mounted {
            #expect(try CommandRunner.runProgram("/bin/mount", ["-o", "remount,ro", directory.path]).status == 0)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
        }
        let result = try CommandRunner.run(["ingest", "--db", db, seeds[1]])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("zhibiao: stopped: \(db): attempt to write a readonly database — while storing Corpus/"))
        if mounted { _ = try CommandRunner.runProgram("/bin/mount", ["-o", "remount,rw", directory.path]) }
        let check = try CommandRunner.run(["list", "--db", db, "--check"])
        #expect(check.status == 0 && check.stderr.contains("integrity check passed (1 documents)"))
        if !mounted { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path) }
    }
}
