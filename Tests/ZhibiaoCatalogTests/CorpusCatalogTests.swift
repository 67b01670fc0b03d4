import Foundation
import Testing
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCore
import ZhibiaoTestSupport

/// Every readable document of ../shared/corpus, ingested in parallel: the store's indicators
/// are `extract`'s, document by document.
@Suite(.serialized) struct CorpusCatalogTests {
    static let documents: [String] = {
        var paths: [String] = []
        for folder in ["pairs", "hant", "html", "eval", "bulk/national-fyp", "bulk/pkulaw-local-policies"] {
            paths += RepoPaths.sharedFiles(folder, extensions: ["txt", "md", "html", "docx"]).map(\.path)
        }
        return paths
    }()

    /// `extract`'s indicators for each document, computed once for both backends.
    static let extracted: [String: [Indicator]] = {
        var result: [String: [Indicator]] = [:]
        for path in documents { result[path] = (try? Fixtures.pipeline.extract(path: path))?.2 }
        return result
    }()

    @Test(.enabled(if: RepoPaths.hasSharedCorpus), arguments: Backend.available)
    func theStoreHoldsWhatExtractFinds(backend: Backend) async throws {
        #expect(Self.documents.count >= 50)
        let store = try await CatalogFixtures.open(backend, backend.freshLocation())
        let ingester = CatalogIngester(pipeline: Fixtures.pipeline, store: store, levels: CatalogFixtures.levels, jobs: 2)
        let summary = await ingester.run(paths: Self.documents) { _ in }
        #expect(summary.stopped == nil && !summary.interrupted)
        let readable = Self.extracted.count
        #expect(summary.added + summary.duplicates == readable && summary.failed == Self.documents.count - readable)
        let stored = try await store.documents()
        var total = 0
        for summary in stored {
            let want = try #require(Self.extracted[summary.path])
            var query = IndicatorQuery()
            query.documents = [summary.id]
            let got = try await store.indicators(query).map(\.indicator)
            #expect(got == want, "\(summary.path) on \(backend)")
            total += got.count
        }
        #expect(try await store.check() == [])
        print("catalog corpus (\(backend)): \(stored.count) documents, \(total) indicators, \(summary.failed) unreadable, \(String(format: "%.1f", summary.seconds)) s")
        // Again: nothing to do.
        let again = await ingester.run(paths: Self.documents) { _ in }
        #expect(again.unchanged == summary.added && again.added == 0 && again.replaced == 0)
        await store.close()
    }
}
