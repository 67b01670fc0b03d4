import Foundation
import Testing
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCatalogPostgres
import ZhibiaoCatalogSQLite
import ZhibiaoCore
import ZhibiaoTestSupport

enum CatalogFixtures {
    static let levels: IssuerLevels? = try? Fixtures.resources.issuerLevels()

    static func seedPath(_ name: String) -> String { RepoPaths.corpusFile(name).path }

    /// The two seeds, extracted once.
    static let seeds: [ExtractedDocument] = [RepoPaths.provincialSeed, RepoPaths.districtSeed].compactMap {
        try? Fixtures.pipeline.extractDocument(path: seedPath($0))
    }

    static func entry(_ extracted: ExtractedDocument) -> CatalogEntry {
        Fixtures.pipeline.catalogEntry(extracted, levels: levels)
    }

    static func open(_ backend: Backend, _ location: String, create: Bool = true, upTo: String? = nil) async throws -> any CatalogStore {
        switch backend {
        case .sqlite: return try await SQLiteCatalog(path: location, mode: create ? .create : .open, upTo: upTo)
        case .postgres: return try await PostgresCatalog(url: location, create: create, upTo: upTo)
        }
    }

    /// A fresh catalog holding both seeds.
    static func seeded(_ backend: Backend) async throws -> (store: any CatalogStore, location: String) {
        let location = backend.freshLocation()
        let store = try await open(backend, location)
        for seed in seeds { _ = try await store.store(entry(seed), force: false) }
        return (store, location)
    }

    static func execute(_ store: any CatalogStore, _ sql: String) async throws {
        if let sqlite = store as? SQLiteCatalog { try await sqlite.executeForTesting(sql) }
        if let postgres = store as? PostgresCatalog { try await postgres.executeForTesting(sql) }
    }

    /// A copy of a seed with a line added at the end, in a new file: different content.
    static func changedCopy(of name: String, note: String, at directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        let text = try String(contentsOfFile: seedPath(name), encoding: .utf8)
        try (text + "\n\(note)\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
