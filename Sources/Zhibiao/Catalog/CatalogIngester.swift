import Foundation
import Logging
import ZhibiaoCatalog
import ZhibiaoCore
import ZhibiaoIngest

/// Ingests files into a catalog: reads and extracts them in parallel, stores them one at a time
/// (each in its own transaction), skips files stored unchanged (same path, content hash and
/// pipeline fingerprint) without extracting them, and reports every step as an event. Library
/// code: it never prints.
public struct CatalogIngester: Sendable {
    /// Why a file was not stored.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The file could not be read or extracted.
        case read(IngestError)
        /// The catalog refused it.
        case store(CatalogError)

        public var description: String {
            switch self {
            case .read(let error): error.description
            case .store(let error): error.description
            }
        }
    }

    public enum Event: Sendable {
        /// Before any work: how many files and bytes.
        case planned(files: Int, bytes: Int)
        /// A file was handled (stored, replaced, left unchanged or found a duplicate).
        case done(path: String, bytes: Int, outcome: StoreOutcome, indicators: Int)
        case failed(path: String, bytes: Int, failure: Failure)
    }

    public struct Summary: Sendable {
        public var files = 0
        public var added = 0
        public var replaced = 0
        public var unchanged = 0
        public var duplicates = 0
        public var failed = 0
        /// Bytes of the files handled (stored or not).
        public var bytes = 0
        public var indicators = 0
        /// The catalog error that ended the run early (full disk, read-only, connection lost).
        public var stopped: CatalogError?
        /// Whether the run was interrupted before every file was handled.
        public var interrupted = false
        public var seconds = 0.0

        public var handled: Int { added + replaced + unchanged + duplicates + failed }
    }

    public let pipeline: Pipeline
    public let store: any CatalogStore
    public var levels: IssuerLevels?
    /// The level of every document, instead of reading it from the issuer.
    public var level: String?
    /// Files extracted at once.
    public var jobs: Int
    /// Extract and store again even when unchanged.
    public var force = false
    public var logger = Logger(label: "zhibiao")

    public init(pipeline: Pipeline, store: any CatalogStore, levels: IssuerLevels?, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.pipeline = pipeline
        self.store = store
        self.levels = levels
        self.jobs = max(1, jobs)
    }

    /// What a worker made of one file.
    enum Work: Sendable {
        case entry(CatalogEntry, bytes: Int)
        case unchanged(bytes: Int, indicators: Int)
        case failed(IngestError, bytes: Int)
    }

    /// Ingests `paths` (files, in this order). `shouldStop` is asked before each file is started
    /// (an interrupt); `events` is called from one task at a time, in order.
    public func run(paths: [String], shouldStop: @escaping @Sendable () -> Bool = { false },
                    events: @escaping @Sendable (Event) -> Void) async -> Summary {
        let clock = ContinuousClock.now
        var summary = Summary()
        summary.files = paths.count
        let sizes = paths.map { path -> Int in
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        }
        events(.planned(files: paths.count, bytes: sizes.reduce(0, +)))
        let stored: [String: StoredFingerprint]
        do {
            stored = Dictionary(try await store.fingerprints().map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        } catch {
            summary.stopped = error
            summary.seconds = Self.seconds(since: clock)
            return summary
        }
        let fingerprint = pipeline.fingerprint
        let worker = Worker(pipeline: pipeline, levels: levels, level: level, force: force, fingerprint: fingerprint, logger: logger)

        await withTaskGroup(of: (Int, Work).self) { group in
            var next = 0
            func startNext() -> Bool {
                guard next < paths.count, !shouldStop() else { return false }
                let index = next, path = paths[index], known = stored[path]
                next += 1
                group.addTask { (index, worker.work(path: path, known: known)) }
                return true
            }
            for _ in 0..<jobs where !startNext() { break }
            while let (index, work) = await group.next() {
                let path = paths[index]
                if summary.stopped == nil {
                    switch work {
                    case .unchanged(let bytes, let indicators):
                        summary.unchanged += 1
                        summary.bytes += bytes
                        events(.done(path: path, bytes: bytes, outcome: .unchanged, indicators: indicators))
                    case .failed(let error, let bytes):
                        summary.failed += 1
                        summary.bytes += bytes
                        events(.failed(path: path, bytes: bytes, failure: .read(error)))
                    case .entry(let entry, let bytes):
                        summary.bytes += bytes
                        do throws(CatalogError) {
                            let outcome = try await store.store(entry, force: force)
                            switch outcome {
                            case .added: summary.added += 1
                            case .replaced: summary.replaced += 1
                            case .unchanged: summary.unchanged += 1
                            case .duplicate: summary.duplicates += 1
                            }
                            if case .duplicate = outcome {} else { summary.indicators += entry.indicators.count }
                            events(.done(path: path, bytes: bytes, outcome: outcome, indicators: entry.indicators.count))
                        } catch {
                            summary.failed += 1
                            events(.failed(path: path, bytes: bytes, failure: .store(error)))
                            if error.stopsEverything { summary.stopped = error }
                        }
                    }
                }
                if summary.stopped != nil {
                    group.cancelAll()
                    continue
                }
                _ = startNext()
            }
        }
        summary.interrupted = summary.stopped == nil && summary.handled < paths.count
        summary.seconds = Self.seconds(since: clock)
        return summary
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// The part of the work that runs in parallel: read, hash, compare, extract.
    struct Worker: Sendable {
        let pipeline: Pipeline
        let levels: IssuerLevels?
        let level: String?
        let force: Bool
        let fingerprint: String
        let logger: Logger

        func work(path: String, known: StoredFingerprint?) -> Work {
            if Task.isCancelled { return .failed(.notReadable("interrupted"), bytes: 0) }
            let bytes: [UInt8]
            do {
                bytes = try DocumentReader.load(path: path, limit: pipeline.options.limits.maxInputBytes)
            } catch {
                return .failed(error, bytes: 0)
            }
            if let known, !force, known.pipeline == fingerprint, known.sha256 == SHA256.hex(bytes) {
                return .unchanged(bytes: bytes.count, indicators: 0)
            }
            do {
                let extracted = try pipeline.extractDocument(bytes: bytes, path: path, logger: logger)
                return .entry(pipeline.catalogEntry(extracted, levels: levels, level: level, fingerprint: fingerprint), bytes: bytes.count)
            } catch {
                return .failed(error, bytes: bytes.count)
            }
        }
    }
}
