import Foundation

/// Data out (standard output, or the `-o` file) and diagnostics on standard error, with the
/// progress line erased before each diagnostic.
///
/// One per command run; not shared across tasks. Data is buffered: call ``flush()`` before
/// writing to stderr what must come after it, and let ``CommandContext/finish(_:)`` put a `-o`
/// file in place.
final class Console {
    private var buffer: [UInt8] = []
    private let file: OutputFile?
    /// The progress line of the current run, if any.
    var progress: ProgressMeter?

    /// Writes data to standard output.
    init() {
        file = nil
        // A closed pipe (`| head`) must end the program quietly, not kill it with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes data to `path` through a temporary file (see ``OutputFile``); `-` is standard output.
    init(output path: String?) throws(OutputFile.Failure) {
        signal(SIGPIPE, SIG_IGN)
        if let path, path != "-" { file = try OutputFile(path: path) } else { file = nil }
    }

    deinit {
        if file == nil { flush() }  // an uncommitted output file is discarded by its own deinit
    }

    /// Where the data goes, as the user named it.
    var outputName: String { file?.path ?? "standard output" }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        if let file {
            do {
                try file.write(buffer)
            } catch {
                self.error("\(error)")
                file.discard()
                exit(ExitStatus.ioError.rawValue)
            }
            return
        }
        buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(1, base + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { exit(0) }  // reader went away
                offset += written
            }
        }
    }

    /// Flushes and, for `-o FILE`, puts the file in place.
    func commit() throws(OutputFile.Failure) {
        flush()
        try file?.commit()
    }

    /// Leaves a `-o FILE` as it was (nothing worth writing was produced).
    func discard() {
        buffer.removeAll()
        file?.discard()
    }

    /// One diagnostic line: `zhibiao: MESSAGE`.
    func error(_ message: String) {
        note("zhibiao: \(message)")
    }

    /// A progress or summary line on stderr.
    func note(_ message: String) {
        progress?.clear()
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}
