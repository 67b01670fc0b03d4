import Foundation
import Zhibiao
import ZhibiaoCatalog

/// Progress of `ingest` on stderr: a bar redrawn in place on a terminal (documents done/total,
/// MB/s, ETA), a plain line every few seconds otherwise; errors on lines of their own.
final class IngestProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal: Bool
    private let quiet: Bool
    private let interval: Double
    private let start = Date()
    private lazy var lastDraw = start
    private var files = 0, totalBytes = 0, done = 0, bytes = 0
    private var barShown = false
    /// The first failure, for the exit code when every file failed.
    private(set) var firstFailure: CatalogIngester.Failure?

    init(quiet: Bool) {
        terminal = isatty(2) == 1
        self.quiet = quiet
        interval = terminal ? 0.1 : (ProcessInfo.processInfo.environment["ZHIBIAO_PROGRESS_SECONDS"].flatMap(Double.init) ?? 5)
    }

    func handle(_ event: CatalogIngester.Event) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .planned(let files, let bytes):
            self.files = files
            totalBytes = bytes
        case .done(let path, let size, let outcome, _):
            done += 1
            bytes += size
            if case .duplicate(let other) = outcome, !quiet { line("zhibiao: \(path): same content as the stored \(other); not stored again") }
        case .failed(let path, let size, let failure):
            if firstFailure == nil { firstFailure = failure }
            done += 1
            bytes += size
            // A catalog that cannot go on is said once, in the summary's "stopped:" line.
            if case .store(let error) = failure, error.stopsEverything { break }
            line("zhibiao: \(path): \(failure)")
        }
        let now = Date()
        if !quiet && now.timeIntervalSince(lastDraw) >= interval {
            lastDraw = now
            draw()
        }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// A line of its own (an error): clears the bar first.
    private func line(_ text: String) {
        if barShown { write("\r\u{1B}[K") }
        write(text + "\n")
        if barShown { draw() }
    }

    private func status() -> String {
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(bytes) / 1_048_576 / seconds
        let remaining = Double(max(totalBytes - bytes, 0)) / 1_048_576
        let eta = rate > 0 && done > 0 ? Self.duration(remaining / rate) : "?"
        let mb = String(format: "%.1f/%.1f MB", Double(bytes) / 1_048_576, Double(totalBytes) / 1_048_576)
        return "\(done)/\(files) documents, \(mb), \(String(format: "%.2f", rate)) MB/s, ETA \(eta)"
    }

    private func draw() {
        if terminal {
            let fraction = files > 0 ? Double(done) / Double(files) : 0
            let filled = Int(fraction * 24)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 24 - filled)
            write("\r\u{1B}[Kingest \(bar) \(Int(fraction * 100))%  \(status())")
            barShown = true
        } else {
            write("zhibiao: ingest: \(status())\n")
        }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }

    /// The summary line (and clears the bar).
    func finish(_ s: CatalogIngester.Summary, location: String) {
        lock.lock()
        defer { lock.unlock() }
        if barShown { write("\r\u{1B}[K") }
        barShown = false
        if quiet { return }
        let rate = s.seconds > 0 ? Double(s.bytes) / 1_048_576 / s.seconds : 0
        var parts = ["\(s.added) added", "\(s.replaced) replaced", "\(s.unchanged) unchanged"]
        if s.duplicates > 0 { parts.append("\(s.duplicates) duplicate\(s.duplicates == 1 ? "" : "s")") }
        parts.append("\(s.failed) failed")
        var text = "zhibiao: ingested \(s.handled) of \(s.files) files into \(location) in \(String(format: "%.1f", s.seconds)) s "
        text += "(\(String(format: "%.2f", rate)) MB/s, \(String(format: "%.1f", Double(s.handled) / max(s.seconds, 0.001))) documents/s): "
        text += parts.joined(separator: ", ") + "; \(s.indicators) indicators stored"
        write(text + "\n")
        if s.interrupted { write("zhibiao: interrupted: every stored document is complete; run the same command again to go on\n") }
        if let stopped = s.stopped {
            write("zhibiao: stopped: \(stopped); documents stored before are complete; run the same command again to go on\n")
        }
    }
}

/// Set by Ctrl-C (SIGINT) or SIGTERM: `ingest` starts no new document and finishes cleanly; a
/// second signal exits at once (the store stays consistent either way).
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.fire() }
            source.resume()
            sources.append(source)
        }
    }

    private func fire() {
        lock.lock()
        let again = stopped
        stopped = true
        lock.unlock()
        if again { exit(130) }
        FileHandle.standardError.write(Data("\nzhibiao: stopping after the documents in progress (Ctrl-C again to stop now)\n".utf8))
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }
}
