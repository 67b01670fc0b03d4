import Foundation

/// Paths the tests read: the repository's `Corpus/` and `Grammars/`, and `../shared` (the
/// seeds, the public corpus and peer specs), which may be absent on other machines.
public enum RepoPaths {
    /// The repository root (the directory holding Package.swift).
    public static let root: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) { return directory }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    public static var corpus: URL { root.appendingPathComponent("Corpus") }
    /// `Tests/Hostile`: the hostile inputs and the fuzzers' findings.
    public static var hostile: URL { root.appendingPathComponent("Tests/Hostile") }

    /// Every input of `Tests/Hostile` (not its README and expectations), sorted.
    public static var hostileInputs: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: hostile.path)) ?? []
        return names.filter { !["EXPECTED.tsv", "README.md"].contains($0) }.sorted().map { hostile.appendingPathComponent($0) }
    }
    public static var grammars: URL { root.appendingPathComponent("Grammars") }

    /// `../shared` next to the repository, when present.
    public static var shared: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// `../shared/corpus`, when present.
    public static var sharedCorpus: URL? {
        guard let shared else { return nil }
        let url = shared.appendingPathComponent("corpus")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("MANIFEST.tsv").path) ? url : nil
    }

    public static var hasSharedCorpus: Bool { sharedCorpus != nil }

    /// The two seed documents kept in `Corpus/`.
    public static let provincialSeed = "000_cd4c2e10bd593054.txt"
    public static let districtSeed = "002_113670edcd97c76e.txt"

    public static func corpusFile(_ name: String) -> URL { corpus.appendingPathComponent(name) }

    public static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Files under a shared corpus folder with one of the extensions, sorted.
    public static func sharedFiles(_ folder: String, extensions: Set<String>) -> [URL] {
        guard let corpus = sharedCorpus else { return [] }
        let directory = corpus.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.sorted().filter { extensions.contains(($0 as NSString).pathExtension) }
            .map { directory.appendingPathComponent($0) }
    }

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory(_ name: String = "zhibiao-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
