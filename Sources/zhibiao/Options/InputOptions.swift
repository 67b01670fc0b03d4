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
    @Argument(help: "Documents to read: .txt/.md (UTF-8, UTF-16, GB18030, Big5), .html, .docx, or folders of them.")
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

    mutating func validate() throws {
        if paths.isEmpty { throw ValidationError("no input: give one or more files or folders") }
        if maxInputMB < 1 { throw ValidationError("--max-input-mb must be at least 1") }
        // libxml2 stops building the tree at 2048 levels (without a word): stay below it so
        // that a deeper page is reported, not silently cut.
        if maxDepth < 8 || maxDepth > 2_000 { throw ValidationError("--max-depth must be between 8 and 2000") }
        if let encoding {
            do { _ = try TextEncoding(named: encoding) } catch { throw ValidationError("\(error)") }
        }
    }

    func apply(to options: inout Pipeline.Options) {
        options.encoding = encoding.flatMap { try? TextEncoding(named: $0) }
        options.lossy = lossy
        options.format = inputFormat.documentFormat
        options.limits.maxInputBytes = maxInputMB * 1_048_576
        options.limits.maxDepth = maxDepth
    }

    /// Files to process: named files as given, folders expanded (sorted, recursive) to the files
    /// with document extensions. Missing paths are kept so that they are reported.
    func expandedPaths(console: Console) -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                result.append(path)
                continue
            }
            let found = Self.documents(in: path)
            if found.documents.isEmpty {
                result.append(path)  // reported as "is a directory" with nothing inside
            }
            result.append(contentsOf: found.documents)
            if found.skipped > 0 {
                console.note("\(path): skipped \(found.skipped) file(s) that are not documents (\(found.extensions.sorted().joined(separator: " ")))")
            }
        }
        return result
    }

    static let documentExtensions: Set<String> = ["txt", "text", "md", "html", "htm", "shtml", "xhtml", "docx",
                                                  // Recognized and refused with a reason, so that a folder run says so.
                                                  "doc", "wps", "pdf", "rtf"]

    static func documents(in directory: String) -> (documents: [String], skipped: Int, extensions: Set<String>) {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return ([], 0, []) }
        var documents: [String] = []
        var skipped = 0
        var extensions: Set<String> = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let ext = (name as NSString).pathExtension.lowercased()
            // Zhibiao's own annotation files sit beside the documents they describe.
            if documentExtensions.contains(ext) && !name.contains(".outline.") && !name.contains(".normalized.") {
                documents.append(full)
            } else {
                skipped += 1
                extensions.insert(ext.isEmpty ? "(none)" : "." + ext)
            }
        }
        return (documents.sorted(), skipped, extensions)
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
