import Foundation
import Testing
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCatalogPostgres
import ZhibiaoCore
import ZhibiaoTestSupport

/// A PostgreSQL server that goes away in the middle of an ingest: the run stops with a clear
/// error, every document stored before is complete, and the next run stores the rest.
@Suite struct CatalogFailureTests {
    static func copies(_ count: Int) throws -> [String] {
        let directory = RepoPaths.temporaryDirectory("zhibiao-copies")
        return try (0..<count).map { n in
            try CatalogFixtures.changedCopy(of: n % 2 == 0 ? RepoPaths.provincialSeed : RepoPaths.districtSeed,
                                            note: "附件\(n)：第\(n)号抄送", at: directory.appendingPathComponent("\(n)", isDirectory: true)
                                                .creatingDirectory())
        }
    }

    @Test(.enabled(if: TestPostgres.isAvailable)) func aServerThatGoesAwayStopsTheIngestCleanly() async throws {
        let server = try TestPostgres()
        defer { server.stop() }
        let url = server.url("postgres")
        let paths = try Self.copies(40)
        let store = try await PostgresCatalog(url: url)
        let ingester = CatalogIngester(pipeline: Fixtures.pipeline, store: store, levels: CatalogFixtures.levels, jobs: 2)
        final class Count: @unchecked Sendable {
            let lock = NSLock()
            var stored = 0
            var killed = false
        }
        let count = Count()
        let summary = await ingester.run(paths: paths) { event in
            guard case .done = event else { return }
            count.lock.lock()
            count.stored += 1
            let kill = count.stored == 5 && !count.killed
            if kill { count.killed = true }
            count.lock.unlock()
            if kill { server.kill() }
        }
        await store.close()
        let stopped = try #require(summary.stopped)
        #expect(stopped.kind == .unavailable)
        #expect(stopped.description.hasPrefix("postgres://zb@127.0.0.1:\(server.port)/postgres: "))
        #expect(stopped.description.contains("— while storing "))
        #expect(summary.added >= 5 && summary.added < 40)
        #expect(server.restart())
        let reopened = try await PostgresCatalog(url: url, create: false)
        #expect(try await reopened.check() == [])
        // The document whose COMMIT met the shutdown may have landed.
        let kept = try await reopened.documents().count
        #expect(kept == summary.added || kept == summary.added + 1)
        let again = CatalogIngester(pipeline: Fixtures.pipeline, store: reopened, levels: CatalogFixtures.levels, jobs: 2)
        let rest = await again.run(paths: paths) { _ in }
        #expect(rest.stopped == nil && rest.unchanged == kept && rest.added == 40 - kept)
        #expect(try await reopened.documents().count == 40)
        #expect(try await reopened.check() == [])
        await reopened.close()
    }
}

extension URL {
    func creatingDirectory() throws -> URL {
        try FileManager.default.createDirectory(at: self, withIntermediateDirectories: true)
        return self
    }
}
