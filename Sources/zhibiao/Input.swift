import Foundation
import Zhibiao
import ZhibiaoCore
import ZhibiaoIngest

/// One input of a run: a file, standard input (`-`), or something that stood for inputs but
/// holds none (an empty folder), reported in its turn.
struct Input: Sendable {
    enum Source: Sendable {
        case file(String)
        /// The bytes read from standard input (at most `--max-input-mb`).
        case standardInput([UInt8])
        /// Reported as this input's failure, in its turn.
        case unavailable(message: String, status: ExitStatus)
    }

    /// The path as given, or `-` for standard input: what errors and outputs name.
    var name: String
    var source: Source
    /// Size in bytes (for the progress line); 0 when unknown.
    var byteCount: Int

    /// Reads the document with the pipeline's reader.
    func read(with pipeline: Pipeline) throws -> IngestedDocument {
        switch source {
        case .file(let path): return try pipeline.read(path: path)
        case .standardInput(let bytes): return try pipeline.read(bytes: bytes, name: name)
        case .unavailable(let message, let status): throw InputFailure(message: message, status: status)
        }
    }
}

/// An input that failed before reading: its message (without the `zhibiao: NAME: ` prefix) and
/// exit status.
struct InputFailure: Error, CustomStringConvertible {
    var message: String
    var status: ExitStatus
    var description: String { message }
}

/// Turns the path arguments into inputs: files as given, folders expanded (sorted, recursive)
/// to the documents in them, `-` to standard input.
enum InputExpander {
    /// Extensions of the files a folder stands for.
    static let documentExtensions: Set<String> = ["txt", "text", "md", "html", "htm", "shtml", "xhtml", "docx",
                                                  // Recognized and refused with a reason, so that a folder run says so.
                                                  "doc", "wps", "pdf", "rtf"]

    static func inputs(_ paths: [String], maxInputBytes: Int, console: Console) -> [Input] {
        var result: [Input] = []
        for path in paths {
            if path == "-" {
                result.append(standardInput(limit: maxInputBytes))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                result.append(Input(name: path, source: .file(path), byteCount: fileSize(path)))
                continue
            }
            let found = documents(in: path)
            for document in found.documents {
                result.append(Input(name: document, source: .file(document), byteCount: fileSize(document)))
            }
            let skipped = skippedSummary(found)
            if found.documents.isEmpty {
                let message = found.skipped.isEmpty
                    ? "the folder holds no files"
                    : "the folder holds no documents (\(skipped)); documents are .txt, .md, .html and .docx files"
                result.append(Input(name: path, source: .unavailable(message: message, status: .noInput), byteCount: 0))
            } else if !found.skipped.isEmpty {
                console.note("\(path): skipped \(found.skipped.count) file(s) that are not documents (\(skipped))")
            }
        }
        return result
    }

    /// `.bin .tsv`, then the files without an extension by name: `.bin .tsv, 2 without an
    /// extension: LICENSE, Makefile`.
    static func skippedSummary(_ found: (documents: [String], skipped: [String])) -> String {
        var extensions: Set<String> = []
        var bare: [String] = []
        for path in found.skipped {
            let name = (path as NSString).lastPathComponent
            let ext = (name as NSString).pathExtension.lowercased()
            if ext.isEmpty { bare.append(name) } else { extensions.insert("." + ext) }
        }
        var parts: [String] = []
        if !extensions.isEmpty { parts.append(extensions.sorted().joined(separator: " ")) }
        if !bare.isEmpty {
            let names = bare.sorted().prefix(5).joined(separator: ", ") + (bare.count > 5 ? ", …" : "")
            parts.append(bare.count == 1 ? "1 without an extension: \(names)" : "\(bare.count) without an extension: \(names)")
        }
        return parts.joined(separator: ", ")
    }

    /// The documents in a folder (sorted) and the other files (skipped); hidden files and
    /// Zhibiao's own annotation files (`NAME.outline.json` …) are left out.
    static func documents(in directory: String) -> (documents: [String], skipped: [String]) {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return ([], []) }
        var documents: [String] = []
        var skipped: [String] = []
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
                skipped.append(full)
            }
        }
        return (documents.sorted(), skipped.sorted())
    }

    /// Standard input, read whole (documents are read whole anyway), up to the size limit.
    static func standardInput(limit: Int) -> Input {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                return Input(name: "-", source: .unavailable(message: "cannot read standard input: \(reason)", status: .ioError), byteCount: 0)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        if bytes.count > limit {
            let message = "standard input is over the \(limit / 1_048_576) MB input limit; raise it with --max-input-mb"
            return Input(name: "-", source: .unavailable(message: message, status: .dataError), byteCount: bytes.count)
        }
        if bytes.isEmpty {
            return Input(name: "-", source: .unavailable(message: "standard input is empty", status: .noInput), byteCount: 0)
        }
        return Input(name: "-", source: .standardInput(bytes), byteCount: bytes.count)
    }

    /// The size of the file (a symbolic link followed), or 0.
    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
