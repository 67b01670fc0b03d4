import Foundation

/// Finds the bundled `Grammars/` directory.
///
/// In order: `ZHIBIAO_GRAMMARS`; `share/zhibiao/Grammars` next to the executable's prefix
/// (`make install`); the nearest `Grammars/` above the executable (a build inside the
/// repository); the nearest `Grammars/` above the working directory.
public enum GrammarLocator {
    public struct NotFound: Error, CustomStringConvertible, Sendable {
        public var description: String {
            "cannot find the Grammars/ directory; set ZHIBIAO_GRAMMARS or run from the repository"
        }
    }

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(NotFound) -> URL {
        if let path = environment["ZHIBIAO_GRAMMARS"], !path.isEmpty, isGrammarDirectory(URL(fileURLWithPath: path)) {
            return URL(fileURLWithPath: path)
        }
        var starts: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: path).deletingLastPathComponent())
        }
        starts.append(executable.deletingLastPathComponent())
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for start in starts {
            let share = start.deletingLastPathComponent().appendingPathComponent("share/zhibiao/Grammars")
            if isGrammarDirectory(share) { return share }
            var directory = start
            for _ in 0..<12 {
                let candidate = directory.appendingPathComponent("Grammars")
                if isGrammarDirectory(candidate) { return candidate }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw NotFound()
    }

    static func isGrammarDirectory(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("script/characters.tsv").path)
    }
}
