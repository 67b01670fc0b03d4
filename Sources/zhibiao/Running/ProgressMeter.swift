import Foundation

/// One line on stderr that tells how far a long run is: documents done of the total, megabytes
/// read and the rate (`zhibiao: 12/340 documents, 4.1/25.3 MB, 3.4 MB/s`).
///
/// Drawn only when enabled (stderr is a terminal, or `--progress`), first after `delay` (half a
/// second on a terminal, so that a short run shows nothing; at once with `--progress`), at most
/// ten times a second, and erased before any other line on stderr and at the end.
final class ProgressMeter {
    private let total: Int
    private let totalBytes: Int
    private let enabled: Bool
    private let delay: TimeInterval
    private let started = Date()
    private var lastDrawn: Date?
    private var done = 0
    private var doneBytes = 0
    private(set) var isShown = false

    init(total: Int, totalBytes: Int, enabled: Bool, delay: TimeInterval = 0.5) {
        self.total = total
        self.totalBytes = totalBytes
        self.enabled = enabled
        self.delay = delay
    }

    /// One more document done, of `bytes` bytes.
    func advance(bytes: Int) {
        done += 1
        doneBytes += bytes
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(started) >= delay || (done == total && isShown) else { return }
        if let lastDrawn, now.timeIntervalSince(lastDrawn) < 0.1, done < total { return }
        lastDrawn = now
        Self.writeError("\r" + line(elapsed: now.timeIntervalSince(started)) + "\u{1B}[K")
        isShown = true
    }

    /// The line as drawn.
    func line(elapsed: TimeInterval) -> String {
        let mb = Double(doneBytes) / 1_048_576
        let rate = elapsed > 0 ? mb / elapsed : 0
        return String(format: "zhibiao: %d/%d documents, %.1f/%.1f MB, %.1f MB/s", done, total, mb, Double(totalBytes) / 1_048_576, rate)
    }

    /// Erases the line (before another line is written to stderr, and at the end).
    func clear() {
        guard isShown else { return }
        Self.writeError("\r\u{1B}[K")
        isShown = false
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
