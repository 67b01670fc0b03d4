import Foundation
import Testing
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCatalogSQLite
import ZhibiaoCore
import ZhibiaoTestSupport

/// FTS5's trigram tokenizer against the catalog's character bigrams, on the corpus's sentences
/// (the seeds when ../shared is absent): precision and recall of the raw index hits for queries
/// of two, three and more characters, digits and Traditional input.
@Suite struct SearchIndexComparisonTests {
    static let queries = [
        // Two characters: the common case in Chinese, where a trigram index has nothing to look up.
        "托位", "养老", "医保", "耕地", "就业", "社区", "农村", "教育", "住房", "税收",
        // Three, four and more.
        "城镇化", "覆盖率", "新能源", "示范村", "城镇化率", "高标准农田", "人均可支配收入", "人工智能产业",
        // Digits and mixed runs.
        "2025年", "5G基站", "100万", "年底前",
        // Typed in Traditional (normalized before the lookup, like every query).
        "農村", "城鎮化率", "醫療衛生",
    ]

    @Test func bigramsFindTwoCharacterWordsThatTrigramsCannot() throws {
        var texts: [String] = []
        let paths = CorpusCatalogTests.documents.isEmpty ? [RepoPaths.provincialSeed, RepoPaths.districtSeed].map(CatalogFixtures.seedPath)
            : CorpusCatalogTests.documents
        for path in paths {
            guard let extracted = try? Fixtures.pipeline.extractDocument(path: path) else { continue }
            texts += CatalogFixtures.entry(extracted).sentences.map(\.text)
        }
        let normalized = Self.queries.map { Fixtures.pipeline.normalizedQuery($0) }
        let report = try SearchIndexComparison.run(texts: texts, queries: normalized, directory: RepoPaths.temporaryDirectory("zhibiao-fts"))
        print("search index comparison: \(report.texts) sentences; trigram index \(report.trigramBytes / 1024) KB, bigram index \(report.bigramBytes / 1024) KB")
        print("query | sentences | trigram P / R | bigram P / R | trigram ms | bigram ms")
        func ratio(_ a: Int, _ b: Int) -> String { b == 0 ? "-" : String(format: "%.2f", Double(a) / Double(b)) }
        var classes: [String: (truth: Int, tHits: Int, tOK: Int, bHits: Int, bOK: Int)] = [:]
        for (typed, r) in zip(Self.queries, report.results) {
            print("\(typed) | \(r.truth) | \(ratio(r.trigramCorrect, r.trigramHits)) / \(ratio(r.trigramCorrect, r.truth)) | \(ratio(r.bigramCorrect, r.bigramHits)) / \(ratio(r.bigramCorrect, r.truth)) | \(String(format: "%.2f", r.trigramMilliseconds)) | \(String(format: "%.2f", r.bigramMilliseconds))")
            let length = r.query.unicodeScalars.count
            let name = r.query.unicodeScalars.contains { $0.properties.numericType != nil || $0.isASCII } ? "mixed" : length == 2 ? "2 chars" : "3+ chars"
            var c = classes[name, default: (0, 0, 0, 0, 0)]
            c.truth += r.truth; c.tHits += r.trigramHits; c.tOK += r.trigramCorrect; c.bHits += r.bigramHits; c.bOK += r.bigramCorrect
            classes[name] = c
            // Bigrams never miss (the exact test then removes what they over-find).
            #expect(r.bigramCorrect == r.truth || !SearchPlan(query: r.query).usesIndex, "\(typed): bigrams found \(r.bigramCorrect) of \(r.truth)")
            if length == 2 && r.truth > 0 { #expect(r.trigramCorrect == 0, "\(typed): a trigram index found two characters") }
        }
        for (name, c) in classes.sorted(by: { $0.key < $1.key }) {
            print("\(name): trigram P \(ratio(c.tOK, c.tHits)) R \(ratio(c.tOK, c.truth)); bigram P \(ratio(c.bOK, c.bHits)) R \(ratio(c.bOK, c.truth))")
        }
        #expect(report.results.filter { $0.truth > 0 }.count >= 15)
    }
}
