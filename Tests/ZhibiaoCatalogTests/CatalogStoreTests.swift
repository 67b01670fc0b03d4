import Foundation
import Testing
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCore
import ZhibiaoTestSupport

/// Every store behaviour, on SQLite and on a throwaway PostgreSQL server.
@Suite struct CatalogStoreTests {
    @Test(arguments: Backend.available) func aStoredDocumentReadsBackAsExtracted(backend: Backend) async throws {
        #expect(CatalogFixtures.seeds.count == 2)
        let (store, _) = try await CatalogFixtures.seeded(backend)
        let documents = try await store.documents()
        #expect(documents.count == 2)
        for fresh in CatalogFixtures.seeds {
            let summary = try #require(documents.first { $0.path == fresh.path })
            #expect(summary.indicators == fresh.indicators.count && summary.targets == fresh.targets.count)
            #expect(summary.sha256 == fresh.document.source.sha256 && summary.title == fresh.tree.metadata.title?.value)
            let stored = try await store.load(id: summary.id)
            #expect(stored.indicators == fresh.indicators)
            #expect(stored.tree == fresh.tree)
            let again = Fixtures.pipeline.extractedDocument(from: stored)
            #expect(again.document.original == fresh.document.original)
            #expect(again.document.text == fresh.document.text)
            #expect(again.document.map == fresh.document.map)
            #expect(again.document.source == fresh.document.source)
            #expect(again.tree == fresh.tree && again.indicators == fresh.indicators)
        }
        // The district seed is issued by a district government.
        #expect(documents.first { $0.path.hasSuffix(RepoPaths.districtSeed) }?.level == "county")
        #expect(try await store.check() == [])
        await store.close()
    }

    @Test(arguments: Backend.available) func storingIsIdempotentAndAChangedFileReplacesItsOldVersion(backend: Backend) async throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-catalog-files")
        let store = try await CatalogFixtures.open(backend, backend.freshLocation())
        let path = try CatalogFixtures.changedCopy(of: RepoPaths.provincialSeed, note: "附件：第一版", at: directory)
        let first = try Fixtures.pipeline.extractDocument(path: path)
        #expect(try await store.store(CatalogFixtures.entry(first), force: false) == .added)
        #expect(try await store.store(CatalogFixtures.entry(first), force: false) == .unchanged)
        #expect(try await store.store(CatalogFixtures.entry(first), force: true) == .replaced)
        // The file changes: its old version goes, in the same transaction.
        _ = try CatalogFixtures.changedCopy(of: RepoPaths.provincialSeed, note: "附件：第二版，新增指标3个。", at: directory)
        let second = try Fixtures.pipeline.extractDocument(path: path)
        #expect(try await store.store(CatalogFixtures.entry(second), force: false) == .replaced)
        let documents = try await store.documents()
        #expect(documents.count == 1 && documents[0].sha256 == second.document.source.sha256)
        var all = IndicatorQuery()
        all.limit = nil
        let ids = try await store.indicators(all).map(\.indicator.id)
        #expect(ids == second.indicators.map(\.id))
        #expect(!ids.contains { first.indicators.map(\.id).contains($0) })
        // The same content from another path is not stored twice.
        let copy = directory.appendingPathComponent("copy.txt").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let duplicate = try Fixtures.pipeline.extractDocument(path: copy)
        #expect(try await store.store(CatalogFixtures.entry(duplicate), force: false) == .duplicate(of: path))
        #expect(try await store.documents().count == 1)
        #expect(try await store.check() == [])
        await store.close()
    }

    /// The store's answer to each filter equals the same filter applied to the extracted
    /// indicators in Swift.
    @Test(arguments: Backend.available) func everyFilterSelectsWhatItSays(backend: Backend) async throws {
        let (store, _) = try await CatalogFixtures.seeded(backend)
        let documents = try await store.documents()
        let pipeline = Fixtures.pipeline
        var rows: [(doc: ExtractedDocument, i: Indicator)] = []
        for doc in CatalogFixtures.seeds.sorted(by: { $0.path < $1.path }) { rows += doc.indicators.map { (doc, $0) } }
        func check(_ name: String, _ configure: (inout IndicatorQuery) -> Void, _ expected: ((doc: ExtractedDocument, i: Indicator)) -> Bool,
                   sourceLocation: SourceLocation = #_sourceLocation) async throws {
            var query = IndicatorQuery()
            configure(&query)
            let got = try await store.indicators(query).map(\.indicator.id)
            let want = rows.filter(expected).map(\.i.id)
            #expect(!want.isEmpty, "\(name): the seeds have no such indicator", sourceLocation: sourceLocation)
            #expect(got == want, "\(name) (\(backend))", sourceLocation: sourceLocation)
        }
        let rural = pipeline.normalizedQuery("農村")  // Traditional in, Simplified stored
        #expect(rural == "农村")
        try await check("metric", { $0.metric = rural }) { ($0.i.metric ?? "").contains(rural) || ($0.i.metricKey ?? "").contains(rural) }
        try await check("kind", { $0.kinds = [.percentage, .money] }) { [.percentage, .money].contains($0.i.kind) }
        try await check("unit as written, either script", { $0.unit = pipeline.normalizedQuery("萬元") }) { pipeline.normalizedQuery($0.i.unit) == "万元" }
        try await check("base unit", { $0.unit = "fraction" }) { $0.i.baseUnit == .fraction }
        try await check("years", { $0.years = 2025...2026 }) { ($0.i.year ?? 0) >= 2025 && ($0.i.year ?? 0) <= 2026 }
        try await check("role", { $0.role = .fact }) { $0.i.role == .fact }
        try await check("scope", { $0.scope = "全" }) { ($0.i.scope ?? "").contains("全") }
        let district = try #require(documents.first { $0.path.hasSuffix(RepoPaths.districtSeed) })
        try await check("document", { $0.documents = [district.id] }) { $0.doc.path == district.path }
        let issuer = try #require(CatalogFixtures.seeds.first?.tree.metadata.issuers.first?.value)
        try await check("issuer", { $0.issuer = String(issuer.prefix(3)) }) { $0.doc.tree.metadata.issuers.contains { $0.value.contains(String(issuer.prefix(3))) } }
        try await check("level", { $0.level = "county" }) { $0.doc.path == district.path }
        // A section: its path and below, or under a heading that holds the text.
        let sectionPath = try #require(rows.first { $0.i.section.contains("/") }?.i.section.split(separator: "/").first.map(String.init))
        func underHeading(_ row: (doc: ExtractedDocument, i: Indicator), _ text: String) -> Bool {
            row.doc.tree.nodes.contains { node in
                (node.heading ?? "").contains(text) && (row.i.section == node.path || row.i.section.hasPrefix(node.path + "/"))
            }
        }
        try await check("section path", { $0.section = sectionPath }) {
            $0.i.section == sectionPath || $0.i.section.hasPrefix(sectionPath + "/") || underHeading($0, sectionPath)
        }
        let heading = "目标"
        try await check("section heading", { $0.section = heading }) { $0.i.section == heading || $0.i.section.hasPrefix(heading + "/") || underHeading($0, heading) }
        try await check("together", { $0.kinds = [.count]; $0.role = .target; $0.years = 2020...2030 }) {
            $0.i.kind == .count && $0.i.role == .target && (2020...2030).contains($0.i.year ?? 0)
        }
        var limited = IndicatorQuery()
        limited.limit = 3
        #expect(try await store.indicators(limited).map(\.indicator.id) == Array(rows.prefix(3).map(\.i.id)))
        await store.close()
    }

    /// Sentence search finds exactly the sentences whose normalized text holds the query, typed
    /// in either script, with two characters, one character, digits or both.
    @Test(arguments: Backend.available) func searchFindsEverySentenceThatHoldsTheText(backend: Backend) async throws {
        let (store, _) = try await CatalogFixtures.seeded(backend)
        let entries = CatalogFixtures.seeds.sorted(by: { $0.path < $1.path }).map(CatalogFixtures.entry)
        for typed in ["農村", "农村", "村", "2025", "2025年", "示范村", "城乡居民", "%", "万元", "5.7萬元", "nonexistent"] {
            let needle = SearchText.fold(Fixtures.pipeline.normalizedQuery(typed))
            let want = entries.flatMap { e in e.sentences.filter { $0.text.contains(needle) }.map { "\(e.document.path)#\($0.ordinal)" } }
            let hits = try await store.sentences(SentenceQuery(text: Fixtures.pipeline.normalizedQuery(typed)))
            #expect(hits.map { "\($0.document.path)#\($0.ordinal)" } == want, "\(typed) on \(backend)")
            for hit in hits.prefix(5) {
                let doc = try #require(CatalogFixtures.seeds.first { $0.path == hit.document.path })
                #expect(hit.sentence == doc.document.originalString(hit.span))
            }
            if typed == "農村" { #expect(want.count > 5) }
        }
        await store.close()
    }

    @Test(arguments: Backend.available) func removingADocumentLeavesNothingOfIt(backend: Backend) async throws {
        let (store, _) = try await CatalogFixtures.seeded(backend)
        let district = try #require(try await store.documents().first { $0.path.hasSuffix(RepoPaths.districtSeed) })
        #expect(try await store.remove(id: district.id))
        #expect(try await !store.remove(id: district.id))
        #expect(try await store.documents().map(\.path) == [CatalogFixtures.seedPath(RepoPaths.provincialSeed)])
        let hits = try await store.sentences(SentenceQuery(text: "余杭"))
        #expect(hits.allSatisfy { $0.document.id != district.id })
        var query = IndicatorQuery()
        query.documents = [district.id]
        #expect(try await store.indicators(query).isEmpty)
        #expect(try await store.check() == [])
        await store.close()
    }

    /// The one-query citation records agree with each stored document read whole.
    @Test(arguments: Backend.available) func citationRecordsAgreeWithTheStoredDocuments(backend: Backend) async throws {
        let (store, _) = try await CatalogFixtures.seeded(backend)
        let records = try await store.citationRecords()
        let documents = try await store.documents()
        #expect(records.map(\.path) == documents.map(\.path).sorted())
        for record in records {
            let stored = try await store.load(id: record.id)
            #expect(record.title == stored.record.title && record.docNumber == stored.record.docNumber)
            #expect(record.level == stored.record.level && record.sha256 == stored.record.sha256)
            #expect(record.citations.map(\.title) == stored.record.citations.map(\.title))
        }
        // The provincial seed cites the provincial plan it implements.
        #expect(records.contains { !$0.citations.isEmpty })
        await store.close()
    }

    @Test(arguments: Backend.available) func resolvingAReference(backend: Backend) async throws {
        let (store, _) = try await CatalogFixtures.seeded(backend)
        let documents = try await store.documents()
        let district = try #require(documents.first { $0.path.hasSuffix(RepoPaths.districtSeed) })
        #expect(try await store.resolveOne(String(district.id)).id == district.id)
        #expect(try await store.resolveOne(district.path).id == district.id)
        #expect(try await store.resolveOne(String(district.sha256.prefix(10))).id == district.id)
        let title = try #require(district.title)
        #expect(try await store.resolveOne(String(title.prefix(6))).id == district.id)
        await #expect(throws: CatalogError.self) { try await store.resolveOne("没有这个文件") }
        await store.close()
    }

    @Test(arguments: Backend.available) func aNewerZhibiaoUpgradesAnOlderCatalog(backend: Backend) async throws {
        let (store, location) = try await CatalogFixtures.seeded(backend)
        let before = try await store.sentences(SentenceQuery(text: "农村")).map(\.ordinal)
        // Take the catalog back to its first schema: no search index.
        switch backend {
        case .sqlite:
            try await CatalogFixtures.execute(store, """
                DROP TABLE sentence_search; DROP TABLE metric_search; DELETE FROM catalog_info WHERE key = 'search_tokens';
                DELETE FROM grdb_migrations WHERE identifier = 'v2-search';
                """)
        case .postgres:
            try await CatalogFixtures.execute(store, """
                DROP INDEX sentence_tokens; DROP INDEX indicator_metric_tokens; ALTER TABLE sentence DROP COLUMN tokens;
                ALTER TABLE indicator DROP COLUMN metric_tokens; DELETE FROM catalog_info WHERE key = 'search_tokens';
                DELETE FROM zhibiao_migrations WHERE identifier = 'v2-search'
                """)
        }
        await store.close()
        let upgraded = try await CatalogFixtures.open(backend, location, create: false)
        #expect(try await upgraded.sentences(SentenceQuery(text: "农村")).map(\.ordinal) == before)
        var query = IndicatorQuery()
        query.metric = "农村"
        #expect(try await !upgraded.indicators(query).isEmpty)
        #expect(try await upgraded.check() == [])
        await upgraded.close()
    }

    @Test(arguments: Backend.available) func aCatalogWithoutCitationsGainsThem(backend: Backend) async throws {
        let (store, location) = try await CatalogFixtures.seeded(backend)
        // Take the catalog back to before `v3-citations-tables`.
        let table = backend == .sqlite ? "grdb_migrations" : "zhibiao_migrations"
        try await CatalogFixtures.execute(store, """
            ALTER TABLE document DROP COLUMN citations_json; ALTER TABLE document DROP COLUMN tables_json;
            DELETE FROM \(table) WHERE identifier = 'v3-citations-tables'
            """)
        await store.close()
        let upgraded = try await CatalogFixtures.open(backend, location, create: false)
        let documents = try await upgraded.documents()
        #expect(!documents.isEmpty)
        for summary in documents {
            // Stored before the upgrade: no citations or tables were kept, and the rest reads back.
            let stored = try await upgraded.load(id: summary.id)
            #expect(stored.tree.citations.isEmpty && stored.record.tables.isEmpty && !stored.indicators.isEmpty)
        }
        #expect(try await upgraded.check() == [])
        await upgraded.close()
    }

    @Test(arguments: Backend.available) func aCatalogWithoutChecklistMarksGainsThem(backend: Backend) async throws {
        let (store, location) = try await CatalogFixtures.seeded(backend)
        // Take the catalog back to before `v4-checklist-marks`.
        let table = backend == .sqlite ? "grdb_migrations" : "zhibiao_migrations"
        try await CatalogFixtures.execute(store, """
            DROP TABLE checklist_mark; DELETE FROM \(table) WHERE identifier = 'v4-checklist-marks'
            """)
        await store.close()
        let upgraded = try await CatalogFixtures.open(backend, location, create: false)
        let document = try #require(try await upgraded.documents().first)
        #expect(try await upgraded.checklistMarks(document: document.id).isEmpty)
        let target = try #require(try await upgraded.load(id: document.id).indicators.first { $0.role == .target })
        try await upgraded.setChecklistMark(ChecklistMark(indicator: target.id, status: .inProgress, note: "已上报", updatedAt: "2026-12-01T00:00:00Z"))
        #expect(try await upgraded.checklistMarks(document: document.id)[target.id]?.status == .inProgress)
        #expect(try await upgraded.check() == [])
        await upgraded.close()
    }

    @Test(arguments: Backend.available) func checklistMarksAreSetReplacedAndKeptByIndicator(backend: Backend) async throws {
        let (store, _) = try await CatalogFixtures.seeded(backend)
        let documents = try await store.documents()
        let first = try #require(documents.first)
        let targets = try await store.load(id: first.id).indicators.filter { $0.role == .target }
        let one = try #require(targets.first)
        // A note that looks like SQL is kept as text.
        let note = "'); DROP TABLE indicator; --"
        try await store.setChecklistMark(ChecklistMark(indicator: one.id, status: .doubtful, note: note, updatedAt: "2026-12-01T00:00:00Z"))
        try await store.setChecklistMark(ChecklistMark(indicator: one.id, status: .done, note: note, updatedAt: "2026-12-01T00:00:01Z"))
        let marks = try await store.checklistMarks(document: first.id)
        #expect(marks.count == 1 && marks[one.id]?.status == .done && marks[one.id]?.note == note)
        // Another document's marks are its own.
        if let other = documents.dropFirst().first { #expect(try await store.checklistMarks(document: other.id).isEmpty) }
        await #expect(throws: CatalogError.self) {
            try await store.setChecklistMark(ChecklistMark(indicator: "no-such-id", status: .done, note: "", updatedAt: "2026-12-01T00:00:00Z"))
        }
        #expect(try await store.check() == [])
        await store.close()
    }

    @Test(arguments: Backend.available) func anOlderZhibiaoRefusesANewerCatalog(backend: Backend) async throws {
        let (store, location) = try await CatalogFixtures.seeded(backend)
        let table = backend == .sqlite ? "grdb_migrations" : "zhibiao_migrations"
        try await CatalogFixtures.execute(store, "INSERT INTO \(table) (identifier) VALUES ('v9-future')")
        await store.close()
        do {
            _ = try await CatalogFixtures.open(backend, location, create: false)
            Issue.record("a catalog with an unknown migration opened")
        } catch let error as CatalogError {
            #expect(error.kind == .newerSchema)
            #expect(error.description.contains("written by a newer Zhibiao (schema v9-future)"))
        }
    }

    @Test(arguments: Backend.available) func theCheckFindsADocumentWrittenInPart(backend: Backend) async throws {
        let (store, _) = try await CatalogFixtures.seeded(backend)
        try await CatalogFixtures.execute(store, "DELETE FROM indicator WHERE row_id = (SELECT min(row_id) FROM indicator)")
        let problems = try await store.check()
        #expect(problems.count == 1 && problems[0].contains("stored counts"))
        await store.close()
    }

    @Test func aFileThatIsNotSQLiteIsNotACatalog() async throws {
        let file = RepoPaths.temporaryDirectory("zhibiao-notdb").appendingPathComponent("notes.sqlite")
        try String(repeating: "这不是数据库。\n", count: 500).write(to: file, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: file)
        do {
            _ = try await CatalogFixtures.open(.sqlite, file.path)
            Issue.record("a text file opened as a catalog")
        } catch let error as CatalogError {
            #expect(error.kind == .notACatalog)
            #expect(error.description.hasPrefix("\(file.path): not a Zhibiao catalog (file is not a database)"))
        }
        #expect(try Data(contentsOf: file) == before)
    }

    @Test func aPostgresServerThatIsNotThereIsSaidSo() async throws {
        do {
            _ = try await CatalogFixtures.open(.postgres, "postgres://zb@127.0.0.1:1/nothing")
            Issue.record("connected to nothing")
        } catch let error as CatalogError {
            #expect(error.kind == .unavailable)
            #expect(error.description.hasPrefix("postgres://zb@127.0.0.1:1/nothing: cannot connect"))
            #expect(error.description.hasSuffix("— while connecting"))
        }
    }
}
