import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoCore
import ZhibiaoIngest
import ZhibiaoText

/// Input format as the user may force it.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case auto, text, html, docx

    var documentFormat: DocumentFormat? {
        switch self {
        case .auto: return nil
        case .text: return .text
        case .html: return .html
        case .docx: return .docx
        }
    }
}

/// Options shared by every command that reads documents.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Documents to read: .txt/.md (UTF-8, UTF-16, GB18030, Big5), .html, .docx, or folders of them; - (or nothing, when input is piped) reads standard input.",
        valueName: "path"))
    var paths: [String] = []

    @Option(help: "Decode text and HTML with this encoding instead of detecting it (e.g. gb18030, big5, utf-16le).")
    var encoding: String?

    @Flag(help: "Replace undecodable bytes with U+FFFD instead of refusing the file.")
    var lossy = false

    @Option(name: .customLong("input-format"), help: "Input format (auto tells it from the bytes).")
    var inputFormat: InputFormat = .auto

    @Option(name: .customLong("max-input-mb"), help: "Largest file to read, in MB.")
    var maxInputMB = 64

    @Option(name: .customLong("max-depth"), help: "Deepest HTML/DOCX element nesting to walk.")
    var maxDepth = 1_000

    @Option(name: [.short, .long], help: "Documents read at once (default: the number of cores); the output is the same whatever the number.")
    var jobs: Int?

    @Flag(inversion: .prefixedNo, help: "Show documents done and MB/s on stderr (default: when stderr is a terminal).")
    var progress: Bool?

    mutating func validate() throws {
        // `links --db CATALOG` without a path: the stored documents alone.
        if paths.isEmpty && !Self.storedDocumentsOnly {
            guard isatty(0) == 0 else { throw ValidationError("no input: give files or folders, or - to read standard input") }
            paths = ["-"]
        }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxInputMB < 1 { throw ValidationError("--max-input-mb must be at least 1") }
        // libxml2 stops building the tree at 2048 levels (without a word): stay below it so
        // that a deeper page is reported, not silently cut.
        if maxDepth < 8 || maxDepth > 2_000 { throw ValidationError("--max-depth must be between 8 and 2000") }
        if let encoding {
            do { _ = try TextEncoding(named: encoding) } catch { throw ValidationError("\(error)") }
        }
    }

    /// Whether the command works on a catalog's documents when no path is given (`links --db`).
    static var storedDocumentsOnly: Bool {
        let arguments = CommandLine.arguments.dropFirst()
        return arguments.first == "links" && arguments.contains { $0 == "--db" || $0.hasPrefix("--db=") }
    }

    /// `--jobs`, or the number of cores.
    var threads: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    func apply(to options: inout Pipeline.Options) {
        options.encoding = encoding.flatMap { try? TextEncoding(named: $0) }
        options.lossy = lossy
        options.format = inputFormat.documentFormat
        options.limits.maxInputBytes = maxInputMB * 1_048_576
        options.limits.maxDepth = maxDepth
    }

    /// The inputs of the run: files as given, folders expanded (sorted, recursive) to their
    /// documents, `-` to standard input. Missing paths are kept so that they are reported; a
    /// folder without documents is reported as such in its turn.
    func inputs(console: Console) -> [Input] {
        InputExpander.inputs(paths, maxInputBytes: maxInputMB * 1_048_576, console: console)
    }

    /// The paths of ``inputs(console:)`` (standard input as `-`), for commands that read by path.
    func expandedPaths(console: Console) -> [String] {
        inputs(console: console).map(\.name)
    }
}

/// Options every command has.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Extra grammar directory: its files add to or override the bundled Grammars/.")
    var grammars: String?

    @Flag(name: .shortAndLong, help: "Log decisions (encoding, main block, …) to stderr.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only errors on stderr.")
    var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet exclude each other") }
    }
}

/// Where a command's data goes.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp(
        "Write the output to this file instead of standard output; it is replaced only once complete (- is standard output).",
        valueName: "file"))
    var output: String?
}
