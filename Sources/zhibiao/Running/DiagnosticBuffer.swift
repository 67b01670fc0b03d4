import Logging
import Synchronization

/// The log lines of one document's work, kept until the document's turn comes, so that
/// diagnostics appear in input order whatever `--jobs` is.
final class DiagnosticBuffer: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// The lines so far, emptying the buffer.
    func drain() -> [String] { lines.withLock { lines in defer { lines.removeAll() }; return lines } }

    /// A logger that writes to this buffer, formatted as ``ConsoleLogHandler`` does.
    func logger(level: Logger.Level) -> Logger {
        Logger(label: "zhibiao") { _ in BufferedLogHandler(logLevel: level, buffer: self) }
    }
}

/// A log handler that keeps formatted lines in a ``DiagnosticBuffer``.
struct BufferedLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let buffer: DiagnosticBuffer

    init(logLevel: Logger.Level, buffer: DiagnosticBuffer) {
        self.logLevel = logLevel
        self.buffer = buffer
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        buffer.append(ConsoleLogHandler.line(event: event, metadata: metadata))
    }
}
