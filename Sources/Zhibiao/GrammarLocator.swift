import Foundation

/// Finds the grammar set (the `Grammars/` directory: rules, lexicons, unit and script tables).
///
/// The places searched, in order:
/// 1. `ZHIBIAO_GRAMMARS`, when it names a grammar directory;
/// 2. `PREFIX/share/zhibiao/Grammars` for an executable in `PREFIX/bin` (`make install`);
/// 3. the `Grammars/` of the package an executable was built in (`ROOT/.build/…/zhibiao` with
///    `ROOT/Grammars`), so that a grammar edited in the repository is used without rebuilding;
/// 4. the copy that SwiftPM bundles with the `Zhibiao` library (`*_Zhibiao.resources/Grammars`
///    next to the executable): what a package depending on Zhibiao uses, with no environment;
/// 5. the nearest `Grammars/` above the working directory;
/// 6. the `Grammars/` of the source checkout this library was compiled from.
///
/// ## Topics
/// - ``locate(environment:)``
/// - ``find(environment:)``
/// - ``bundled()``
public enum GrammarLocator {
    /// Where a grammar set was found, and by which rule.
    public struct Location: Sendable, Hashable {
        /// How the directory was found.
        public enum Source: String, Sendable, Hashable {
            /// `ZHIBIAO_GRAMMARS`.
            case environment
            /// `PREFIX/share/zhibiao/Grammars` beside an installed executable.
            case installed
            /// The repository an executable was built in.
            case repository
            /// The copy bundled with the library by SwiftPM (resources).
            case bundle
            /// A `Grammars/` above the working directory.
            case workingDirectory = "working-directory"
            /// The source checkout the library was compiled from.
            case sourceCheckout = "source-checkout"
        }

        /// The grammar directory (it holds `script/characters.tsv`).
        public var directory: URL
        public var source: Source
    }

    /// The grammar directory to use, or ``ResourceError/notFound(searched:)`` listing every
    /// place searched.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ResourceError) -> URL {
        try find(environment: environment).directory
    }

    /// The grammar directory to use and how it was found.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ResourceError) -> Location {
        var searched: [String] = []
        func check(_ url: URL, _ source: Location.Source) -> Location? {
            let standardized = url.standardizedFileURL
            if isGrammarDirectory(standardized) { return Location(directory: standardized, source: source) }
            searched.append(standardized.path)
            return nil
        }
        if let path = environment["ZHIBIAO_GRAMMARS"], !path.isEmpty {
            if let found = check(URL(fileURLWithPath: path), .environment) { return found }
        }
        let executables = executableDirectories()
        for directory in executables {
            if let found = check(directory.deletingLastPathComponent().appendingPathComponent("share/zhibiao/Grammars"), .installed) {
                return found
            }
        }
        for directory in executables {
            if let root = buildRoot(of: directory), let found = check(root.appendingPathComponent("Grammars"), .repository) {
                return found
            }
        }
        for directory in executables {
            for bundle in resourceBundles(in: directory) {
                if let found = check(bundle.appendingPathComponent("Grammars"), .bundle) { return found }
            }
        }
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<12 {
            if let found = check(directory.appendingPathComponent("Grammars"), .workingDirectory) { return found }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        if let found = check(sourceCheckout, .sourceCheckout) { return found }
        throw .notFound(searched: searched)
    }

    /// The grammar set that SwiftPM bundled with the library, next to the running executable,
    /// or nil when it is not there (an executable copied away from its build directory).
    public static func bundled() -> URL? {
        for directory in executableDirectories() {
            for bundle in resourceBundles(in: directory) {
                let url = bundle.appendingPathComponent("Grammars")
                if isGrammarDirectory(url) { return url }
            }
        }
        return nil
    }

    /// Whether `url` is a grammar directory (it holds `script/characters.tsv`).
    public static func isGrammarDirectory(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("script/characters.tsv").path)
    }

    /// Directories of the running executable: the resolved `/proc/self/exe`, the main bundle,
    /// and `argv[0]`; without repeats.
    static func executableDirectories() -> [URL] {
        var result: [URL] = []
        func add(_ url: URL?) {
            guard let url else { return }
            let directory = url.resolvingSymlinksInPath().deletingLastPathComponent().standardizedFileURL
            if !result.contains(directory) { result.append(directory) }
        }
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            add(URL(fileURLWithPath: path))
        }
        add(Bundle.main.executableURL)
        if let first = CommandLine.arguments.first, !first.isEmpty, first.contains("/") {
            add(URL(fileURLWithPath: first))
        }
        return result
    }

    /// The package root an executable was built in: the directory above `.build` (or another
    /// SwiftPM scratch directory named `.build-NAME`).
    static func buildRoot(of directory: URL) -> URL? {
        var current = directory
        for _ in 0..<6 {
            let name = current.lastPathComponent
            if name == ".build" || name.hasPrefix(".build-") || name.hasPrefix(".build_") {
                return current.deletingLastPathComponent()
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
        return nil
    }

    /// SwiftPM resource bundles of the `Zhibiao` target in `directory` (`PACKAGE_Zhibiao.resources`;
    /// the package part is the package's name or identity, which depends on how it was added).
    static func resourceBundles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix("_Zhibiao.resources") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// `Grammars/` of the checkout this file was compiled from (`Sources/Zhibiao/` → the root).
    static var sourceCheckout: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Grammars")
    }
}
