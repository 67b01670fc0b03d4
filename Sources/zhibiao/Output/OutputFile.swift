import Dispatch
import Foundation
import Synchronization

/// `-o FILE`: output written to a temporary file beside FILE and renamed over it at the end, so
/// that FILE is either as it was or complete — never half written, even when the run is
/// interrupted (SIGINT, SIGTERM and SIGHUP remove the temporary file) or ends early (an exit
/// before ``commit()`` removes it too).
final class OutputFile {
    /// Temporary files not yet committed or discarded, removed at exit.
    private static let pending = Mutex<Set<String>>([])
    private static let removeAtExit: Void = {
        atexit {
            OutputFile.pending.withLock { paths in
                for path in paths { unlink(path) }
                paths.removeAll()
            }
        }
    }()

    let path: String
    let temporaryPath: String
    private var descriptor: Int32 = -1
    private var signalSources: [DispatchSourceSignal] = []

    /// Why the output file could not be written.
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var doing: String
        var errorNumber: Int32
        var description: String { "\(path): cannot \(doing): \(String(cString: strerror(errorNumber)))" }
    }

    init(path: String) throws(Failure) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure(path: path, doing: "write the output", errorNumber: EISDIR)
        }
        temporaryPath = (directory as NSString).appendingPathComponent(".\(url.lastPathComponent).zhibiao-\(getpid()).tmp")
        let temporary = temporaryPath
        // The signal handlers are in place before the temporary file exists, so that a signal
        // that arrives as soon as it can be seen still removes it (and is not lost in between).
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                unlink(temporary)
                _exit(128 + signalNumber)
            }
            source.resume()
            signalSources.append(source)
        }
        Self.removeAtExit
        Self.pending.withLock { _ = $0.insert(temporary) }
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        if descriptor < 0 {
            let number = errno
            Self.pending.withLock { _ = $0.remove(temporary) }
            throw Failure(path: path, doing: "create a temporary file beside it", errorNumber: number)
        }
    }

    deinit { discard() }

    /// Writes every byte, or fails with the reason.
    func write(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Foundation.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, doing: "write the output", errorNumber: errno)
            }
            offset += written
        }
    }

    /// Puts the complete file in place: flushed to disk, then renamed over `path`.
    func commit() throws(Failure) {
        guard descriptor >= 0 else { return }
        if fsync(descriptor) != 0 && errno != EINVAL {
            throw Failure(path: path, doing: "write the output", errorNumber: errno)
        }
        close(descriptor)
        descriptor = -1
        let renamed = rename(temporaryPath, path) == 0
        let number = errno
        if !renamed { unlink(temporaryPath) }
        forget()
        if !renamed { throw Failure(path: path, doing: "move the finished output into place", errorNumber: number) }
    }

    /// Leaves `path` as it was and removes the temporary file.
    func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
        forget()
    }

    /// The temporary file is gone or in place: no signal or exit needs to remove it.
    private func forget() {
        let temporary = temporaryPath
        Self.pending.withLock { _ = $0.remove(temporary) }
        for source in signalSources { source.cancel() }
        signalSources.removeAll()
    }
}
