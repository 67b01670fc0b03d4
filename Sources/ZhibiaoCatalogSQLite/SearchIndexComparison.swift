import Foundation
import GRDB
import ZhibiaoCatalog

/// Measures how well two ways of indexing Chinese text for search find what a query means (the
/// sentences whose folded text holds it): SQLite FTS5's `trigram` tokenizer over the text, and
/// the character bigrams of ``SearchText`` (what the catalog uses). Each index is built in a
/// temporary file; the raw index hits are compared with the truth before any exact-substring test.
package enum SearchIndexComparison {
    package struct Result: Sendable {
        package var query: String
        package var truth: Int
        package var trigramHits: Int
        package var trigramCorrect: Int
        package var bigramHits: Int
        package var bigramCorrect: Int
        package var trigramMilliseconds: Double
        package var bigramMilliseconds: Double
    }

    package struct Report: Sendable {
        package var results: [Result]
        package var trigramBytes: Int
        package var bigramBytes: Int
        package var texts: Int
    }

    package static func run(texts: [String], queries: [String], directory: URL) throws -> Report {
        let trigramPath = directory.appendingPathComponent("trigram.sqlite").path
        let bigramPath = directory.appendingPathComponent("bigram.sqlite").path
        for path in [trigramPath, bigramPath] { try? FileManager.default.removeItem(atPath: path) }
        let trigram = try DatabaseQueue(path: trigramPath)
        let bigram = try DatabaseQueue(path: bigramPath)
        try trigram.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(text, content = '', tokenize = 'trigram')")
            let insert = try db.makeStatement(sql: "INSERT INTO t (rowid, text) VALUES (?, ?)")
            for (id, text) in texts.enumerated() { try insert.execute(arguments: [id + 1, text]) }
        }
        try bigram.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE b USING fts5(tokens, content = '', tokenize = 'ascii')")
            let insert = try db.makeStatement(sql: "INSERT INTO b (rowid, tokens) VALUES (?, ?)")
            for (id, text) in texts.enumerated() { try insert.execute(arguments: [id + 1, SearchText.tokenLine(of: text)]) }
        }
        for queue in [trigram, bigram] { try queue.writeWithoutTransaction { try $0.execute(sql: "VACUUM") } }
        var results: [Result] = []
        for query in queries {
            let needle = SearchText.fold(query)
            let truth = Set(texts.indices.filter { texts[$0].contains(needle) }.map { Int64($0 + 1) })
            func timed(_ body: () throws -> Set<Int64>) rethrows -> (Set<Int64>, Double) {
                let start = ContinuousClock.now
                let value = try body()
                let elapsed = ContinuousClock.now - start
                return (value, Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
            }
            let (t, tms) = timed {
                let phrase = "\"" + needle.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
                return Set((try? trigram.read { try Int64.fetchAll($0, sql: "SELECT rowid FROM t WHERE t MATCH ?", arguments: [phrase]) }) ?? [])
            }
            let (b, bms) = timed {
                guard let expression = SearchPlan(query: query).fts5Expression else { return [] }
                return Set((try? bigram.read { try Int64.fetchAll($0, sql: "SELECT rowid FROM b WHERE b MATCH ?", arguments: [expression]) }) ?? [])
            }
            results.append(Result(query: query, truth: truth.count, trigramHits: t.count, trigramCorrect: t.intersection(truth).count,
                                  bigramHits: b.count, bigramCorrect: b.intersection(truth).count, trigramMilliseconds: tms,
                                  bigramMilliseconds: bms))
        }
        try trigram.close()
        try bigram.close()
        func size(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0 }
        return Report(results: results, trigramBytes: size(trigramPath), bigramBytes: size(bigramPath), texts: texts.count)
    }
}
