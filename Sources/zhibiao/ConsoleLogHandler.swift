import Foundation
import Logging

/// Log lines as the CLI's other diagnostics: one line on stderr, `zhibiao: PATH: LEVEL: MESSAGE`
/// (the path from the `doc.path` metadata), other metadata as `key=value` in debug output.
struct ConsoleLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        FileHandle.standardError.write(Data((Self.line(event: event, metadata: metadata) + "\n").utf8))
    }

    /// The line for an event (without its line break).
    static func line(event: LogEvent, metadata: Logger.Metadata) -> String {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        var line = "zhibiao: "
        if let path = all.removeValue(forKey: "doc.path") { line += "\(path): " }
        line += "\(event.level): \(event.message)"
        if !all.isEmpty {
            line += " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        return line
    }
}
