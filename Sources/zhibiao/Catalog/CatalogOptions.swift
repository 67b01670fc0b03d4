import ArgumentParser
import Foundation
import Logging
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCatalogPostgres
import ZhibiaoCatalogSQLite
import ZhibiaoCore
import ZhibiaoIngest

/// `--db`: the catalog, a SQLite file or a `postgres://` URL.
struct CatalogOptions: ParsableArguments {
    static let defaultPath = "zhibiao.sqlite"

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The catalog: a SQLite file, or a postgres:// URL for a shared one.", valueName: "PATH|URL"))
    var db: String = CatalogOptions.defaultPath

    /// Opens the catalog: `create` makes a new SQLite file (or sets up an empty PostgreSQL
    /// database); otherwise a missing catalog is an error. A read-only SQLite file opens for
    /// reading when `create` is false.
    func open(create: Bool) async throws(CatalogError) -> any CatalogStore {
        try await CatalogOpener.open(db, create: create)
    }
}

enum CatalogOpener {
    static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    static func open(_ location: String, create: Bool) async throws(CatalogError) -> any CatalogStore {
        if isPostgres(location) { return try await PostgresCatalog(url: location, create: create) }
        if location.contains("://") {
            throw CatalogError(.badLocation, location: location, message: "not a file path nor a postgres:// URL")
        }
        do {
            return try await SQLiteCatalog(path: location, mode: create ? .create : .open)
        } catch let error where error.kind == .readOnly && !create {
            return try await SQLiteCatalog(path: location, mode: .readOnly)
        }
    }

    /// Every stored document's title, 文号 and citations (the parent/child graph's nodes), read
    /// from an existing catalog, which is closed after.
    static func citationRecords(_ location: String) throws -> [CitationRecord] {
        try blockingAwait { () async throws -> [CitationRecord] in
            let store = try await open(location, create: false)
            do {
                let records = try await store.citationRecords()
                await store.close()
                return records
            } catch {
                await store.close()
                throw error
            }
        }
    }
}

extension ExitStatus {
    init(_ error: CatalogError) {
        switch error.kind {
        case .missing, .notFound: self = .noInput
        case .ambiguous, .badLocation: self = .usage
        case .notACatalog, .newerSchema, .constraint: self = .dataError
        case .readOnly, .full, .unavailable: self = .ioError
        case .other: self = .software
        }
    }
}

extension CommandContext {
    /// Reports a catalog error on one line and gives the exit code to throw.
    func fail(_ error: CatalogError) -> ExitCode {
        console.error(error.description)
        return ExitStatus(error).code
    }
}

/// Runs async work from a synchronous command (the store's API is async) and waits for it.
final class BlockingBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
    init() {}
}

func blockingAwait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = BlockingBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = Result<T, any Error>.success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Inputs of `checklist` and `diff` that name a stored document instead of a file: `db:REF`,
/// or (with a catalog) any name that is not a file.
enum StoredInput {
    /// `db:12`, `db:3f2a9c1e`, `db:PATH`, `db:TITLE`: a stored document even when a file of that
    /// name exists.
    static let prefix = "db:"

    /// The document of `input` when it is a file or standard input (or no catalog is given),
    /// else the stored document its name stands for (an id, a path, a hash prefix or a title) in
    /// the catalog `db`: its stored tree and indicators, its stored text normalized again.
    static func extractedDocument(_ input: Input, db: String?, pipeline: Pipeline, logger: Logger) throws -> ExtractedDocument {
        guard let db, case .file(let path) = input.source,
              path.hasPrefix(prefix) || !FileManager.default.fileExists(atPath: path) else {
            return pipeline.extractDocument(try input.read(with: pipeline), logger: logger)
        }
        let reference = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        do {
            return try blockingAwait { () async throws -> ExtractedDocument in
                let store = try await CatalogOpener.open(db, create: false)
                do {
                    let summary = try await store.resolveOne(reference, normalizedTitle: pipeline.normalizedQuery(reference))
                    let stored = try await store.load(id: summary.id)
                    await store.close()
                    return pipeline.extractedDocument(from: stored)
                } catch {
                    await store.close()
                    throw error
                }
            }
        } catch let error as CatalogError {
            throw InputFailure(message: error.description, status: ExitStatus(error))
        }
    }

    /// What went wrong, as one line and an exit status.
    static func describe(_ error: any Error) -> (message: String, status: ExitStatus) {
        switch error {
        case let error as IngestError: return ("\(error)", ExitStatus(error))
        case let error as InputFailure: return (error.message, error.status)
        case let error as CatalogError: return (error.description, ExitStatus(error))
        case let error as DocumentError: return ("\(error.reason)", ExitStatus(error.reason))
        default: return ("\(error)", .dataError)
        }
    }
}
