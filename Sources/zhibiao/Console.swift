import Foundation

/// Standard output for data (buffered) and standard error for diagnostics.
///
/// One per command run; not shared across tasks.
final class Console {
    private var buffer: [UInt8] = []

    init() {
        // A closed pipe (`| head`) must end the program quietly, not kill it with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    deinit { flush() }

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
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { exit(0) }  // reader went away
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// One diagnostic line: `zhibiao: MESSAGE`.
    func error(_ message: String) {
        FileHandle.standardError.write(Data("zhibiao: \(message)\n".utf8))
    }

    /// A progress or summary line on stderr.
    func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}
