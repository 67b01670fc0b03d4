import Foundation
import GRDB
import ZhibiaoCatalog
import ZhibiaoCore

/// The catalog in one SQLite file (WAL mode), through GRDB.
///
/// Opening migrates an older file to this Zhibiao's schema and refuses a file written by a
/// newer one. Each document is written in one immediate transaction.
public final class SQLiteCatalog: CatalogStore {
    public let location: String
    let pool: DatabasePool

    public enum Mode: Sendable {
        /// Create the file when absent; migrate.
        case create
        /// The file must exist; migrate.
        case open
        /// The file must exist; never write (a read-only file or folder).
        case readOnly
    }

    /// Opens (or creates) the catalog at `path`. `upTo` stops migrating after that identifier
    /// (tests of upgrades only).
    public init(path: String, mode: Mode = .create, upTo: String? = nil) async throws(CatalogError) {
        location = path
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue {
            throw CatalogError(.notACatalog, location: path, message: "is a directory, not a catalog file")
        }
        if !exists && mode != .create {
            throw CatalogError(.missing, location: path, message: "no catalog here (zhibiao ingest creates one; --db names another)")
        }
        var config = Configuration()
        config.readonly = mode == .readOnly
        config.busyMode = .timeout(30)
        config.label = "zhibiao.catalog"
        config.prepareDatabase { db in
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw Self.error(error, location: path, doing: "opening the catalog")
        }
        do {
            try await prepareSchema(writable: mode != .readOnly, upTo: upTo)
        } catch {
            try? pool.close()
            throw error
        }
    }

    private func prepareSchema(writable: Bool, upTo: String?) async throws(CatalogError) {
        let migrator = Self.migrator
        do {
            let (tables, applied) = try await pool.read { db -> ([String], [String]) in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                let applied = tables.contains("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
                return (tables, applied)
            }
            if !tables.isEmpty && !tables.contains("grdb_migrations") {
                throw CatalogError(.notACatalog, location: location,
                                   message: "a SQLite database, but not a Zhibiao catalog (tables: \(tables.prefix(5).joined(separator: ", ")))")
            }
            let unknown = applied.filter { !SQLiteSchema.identifiers.contains($0) }
            if !unknown.isEmpty {
                throw CatalogError(.newerSchema, location: location, message: """
                    written by a newer Zhibiao (schema \(unknown.sorted().joined(separator: ", "))); this one knows up to \
                    \(SQLiteSchema.identifiers.last!): upgrade Zhibiao to use this catalog
                    """)
            }
            let missing = SQLiteSchema.identifiers.filter { !applied.contains($0) }
            if !missing.isEmpty {
                guard writable else {
                    throw CatalogError(.readOnly, location: location,
                                       message: "has an older schema that needs upgrading (\(missing.joined(separator: ", "))), but it is read-only")
                }
                if let upTo { try migrator.migrate(pool, upTo: upTo) } else { try migrator.migrate(pool) }
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw Self.error(error, location: location, doing: "opening the catalog")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-tables") { db in
            try db.execute(sql: SQLiteSchema.v1Tables)
        }
        migrator.registerMigration("v2-search") { db in
            try db.execute(sql: SQLiteSchema.v2Search)
            // Index what an older file already holds.
            let sentences = try Row.fetchCursor(db, sql: "SELECT id, search_text FROM sentence")
            while let row = try sentences.next() {
                try insertTokens(db, table: "sentence_search", rowid: row[0], text: row[1])
            }
            let metrics = try Row.fetchCursor(db, sql: "SELECT row_id, metric_text FROM indicator")
            while let row = try metrics.next() {
                try insertTokens(db, table: "metric_search", rowid: row[0], text: row[1])
            }
        }
        migrator.registerMigration("v3-citations-tables") { db in
            try db.execute(sql: SQLiteSchema.v3CitationsTables)
        }
        migrator.registerMigration("v4-checklist-marks") { db in
            try db.execute(sql: SQLiteSchema.v4ChecklistMarks)
        }
        return migrator
    }

    public func close() async {
        try? pool.close()
    }

    // MARK: Writing

    static func insertTokens(_ db: Database, table: String, rowid: Int64, text: String) throws {
        let line = SearchText.tokenLine(of: text)
        if line.isEmpty { return }
        try db.cachedStatement(sql: "INSERT INTO \(table) (rowid, tokens) VALUES (?, ?)").execute(arguments: [rowid, line])
    }

    static func deleteTokens(_ db: Database, table: String, rowid: Int64, text: String) throws {
        let line = SearchText.tokenLine(of: text)
        if line.isEmpty { return }
        try db.cachedStatement(sql: "INSERT INTO \(table) (\(table), rowid, tokens) VALUES ('delete', ?, ?)").execute(arguments: [rowid, line])
    }

    static func removeDocument(_ db: Database, id: Int64) throws {
        let sentences = try Row.fetchAll(db, sql: "SELECT id, search_text FROM sentence WHERE document_id = ?", arguments: [id])
        for row in sentences { try deleteTokens(db, table: "sentence_search", rowid: row[0], text: row[1]) }
        let metrics = try Row.fetchAll(db, sql: "SELECT row_id, metric_text FROM indicator WHERE document_id = ?", arguments: [id])
        for row in metrics { try deleteTokens(db, table: "metric_search", rowid: row[0], text: row[1]) }
        try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id])
    }

    public func fingerprints() async throws(CatalogError) -> [StoredFingerprint] {
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT id, path, sha256, pipeline FROM document").map {
                    StoredFingerprint(id: $0[0], path: $0[1], sha256: $0[2], pipeline: $0[3])
                }
            }
        } catch {
            throw Self.error(error, location: location, doing: "reading the stored documents")
        }
    }

    public func store(_ entry: CatalogEntry, force: Bool) async throws(CatalogError) -> StoreOutcome {
        let doc = entry.document
        do {
            return try await pool.writeWithoutTransaction { db in
                var outcome = StoreOutcome.added
                try db.inTransaction(.immediate) {
                    let rows = try Row.fetchAll(db, sql: "SELECT id, path, sha256, pipeline FROM document WHERE path = ? OR sha256 = ?",
                                                arguments: [doc.path, doc.sha256])
                    let samePath = rows.first { ($0["path"] as String) == doc.path }
                    let sameContent = rows.first { ($0["sha256"] as String) == doc.sha256 }
                    if let samePath, (samePath["sha256"] as String) == doc.sha256, (samePath["pipeline"] as String) == doc.pipeline, !force {
                        outcome = .unchanged
                        return .commit
                    }
                    if let samePath {
                        try Self.removeDocument(db, id: samePath["id"])
                        outcome = .replaced
                    }
                    if let sameContent, (sameContent["path"] as String) != doc.path {
                        outcome = .duplicate(of: sameContent["path"])
                        return .commit
                    }
                    try Self.insert(db, entry)
                    return .commit
                }
                return outcome
            }
        } catch {
            throw Self.error(error, location: location, doing: "storing \(doc.path)")
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func insert(_ db: Database, _ entry: CatalogEntry) throws {
        let d = entry.document
        try db.execute(sql: """
            INSERT INTO document (path, sha256, title, issuer, level, issued, period, doc_number, format, encoding, encoding_source, \
            script, byte_count, original_text, blocks_json, metadata_json, pipeline, ingested_at, section_count, sentence_count, \
            indicator_count, target_count, noise_count, citations_json, tables_json) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                d.path, d.sha256, d.title, d.issuers.isEmpty ? nil : d.issuerText, d.level, d.date, d.period, d.docNumber, d.format.rawValue,
                d.encoding, d.encodingSource, d.script.rawValue, d.byteCount, d.text, try json(d.blocks), try json(d.metadata),
                d.pipeline, d.ingestedAt, entry.nodes.count, entry.sentences.count, entry.indicators.count, entry.targetCount,
                entry.noise.count, try json(d.citations), try json(d.tables),
            ])
        let id = db.lastInsertedRowID
        let section = try db.cachedStatement(sql: """
            INSERT INTO section (document_id, ordinal, path, level, kind, marker, style, number, marker_start, marker_end, heading, \
            heading_start, heading_end, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (ordinal, n) in entry.nodes.enumerated() {
            try section.execute(arguments: [
                id, ordinal, n.path, n.level, n.kind.rawValue, n.marker, n.style, n.number, n.markerSpan?.start, n.markerSpan?.end,
                n.heading, n.headingSpan?.start, n.headingSpan?.end, n.span.start, n.span.end,
            ])
        }
        let sentence = try db.cachedStatement(sql: """
            INSERT INTO sentence (document_id, ordinal, section_ordinal, span_start, span_end, search_text) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for s in entry.sentences {
            try sentence.execute(arguments: [id, s.ordinal, s.node, s.span.start, s.span.end, s.text])
            try insertTokens(db, table: "sentence_search", rowid: db.lastInsertedRowID, text: s.text)
        }
        let indicator = try db.cachedStatement(sql: """
            INSERT INTO indicator (document_id, ordinal, id, span_start, span_end, kind, unit, unit_key, base_unit, value, base_value, \
            comparator, year, period_start, period_end, metric, metric_key, metric_text, scope, section, role, record_json) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (ordinal, r) in entry.indicators.enumerated() {
            let i = r.indicator
            try indicator.execute(arguments: [
                id, ordinal, i.id, i.span.start, i.span.end, i.kind.rawValue, i.unit, r.unitKey, i.baseUnit.rawValue, i.value.description,
                r.baseValueDouble, i.comparator.rawValue, i.year, i.periodStart, i.periodEnd, i.metric, i.metricKey, r.metricText,
                i.scope, i.section, i.role.rawValue, r.json,
            ])
            try insertTokens(db, table: "metric_search", rowid: db.lastInsertedRowID, text: r.metricText)
        }
        let noise = try db.cachedStatement(sql: "INSERT INTO noise (document_id, ordinal, span_start, span_end, reason) VALUES (?, ?, ?, ?, ?)")
        for (ordinal, n) in entry.noise.enumerated() {
            try noise.execute(arguments: [id, ordinal, n.span.start, n.span.end, n.reason.rawValue])
        }
    }

    public func checklistMarks(document: Int64) async throws(CatalogError) -> [String: ChecklistMark] {
        do {
            return try await pool.read { db in
                var marks: [String: ChecklistMark] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT m.indicator_id, m.status, m.note, m.updated_at FROM checklist_mark m \
                    JOIN indicator i ON i.id = m.indicator_id WHERE i.document_id = ?
                    """, arguments: [document]) {
                    let id: String = row[0]
                    marks[id] = ChecklistMark(indicator: id, status: ChecklistMark.Status(rawValue: row[1]) ?? .notStarted, note: row[2],
                                              updatedAt: row[3])
                }
                return marks
            }
        } catch {
            throw Self.error(error, location: location, doing: "reading the checklist marks of document \(document)")
        }
    }

    public func setChecklistMark(_ mark: ChecklistMark) async throws(CatalogError) {
        let location = self.location
        do {
            try await pool.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM indicator WHERE id = ?", arguments: [mark.indicator]) ?? false else {
                    throw CatalogError(.notFound, location: location, message: "no stored indicator has id '\(mark.indicator)'")
                }
                try db.execute(sql: """
                    INSERT INTO checklist_mark (indicator_id, status, note, updated_at) VALUES (?, ?, ?, ?) \
                    ON CONFLICT (indicator_id) DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at
                    """, arguments: [mark.indicator, mark.status.rawValue, mark.note, mark.updatedAt])
            }
        } catch {
            throw Self.error(error, location: location, doing: "setting the checklist mark of \(mark.indicator)")
        }
    }

    public func remove(id: Int64) async throws(CatalogError) -> Bool {
        do {
            return try await pool.writeWithoutTransaction { db in
                var found = false
                try db.inTransaction(.immediate) {
                    found = try Bool.fetchOne(db, sql: "SELECT 1 FROM document WHERE id = ?", arguments: [id]) ?? false
                    if found { try Self.removeDocument(db, id: id) }
                    return .commit
                }
                return found
            }
        } catch {
            throw Self.error(error, location: location, doing: "removing document \(id)")
        }
    }

    // MARK: Reading

    static let dialect = SQLDialect(
        placeholder: { "?\($0)" },
        contains: { "instr(\($0), \($1)) > 0" },
        narrow: { index, plan, bind in
            guard let expression = plan.fts5Expression else { return nil }
            switch index {
            case .sentence: return "s.id IN (SELECT rowid FROM sentence_search WHERE sentence_search MATCH \(bind(.text(expression))))"
            case .metric: return "i.row_id IN (SELECT rowid FROM metric_search WHERE metric_search MATCH \(bind(.text(expression))))"
            }
        })

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: return nil
            case .int(let n): return n
            case .double(let d): return d
            case .text(let s): return s
            case .textArray(let list): return list.joined(separator: " ")
            }
        })
    }

    static func reference(_ row: Row, from i: Int) -> DocumentReference {
        DocumentReference(id: row[i], path: row[i + 1], title: row[i + 2], issuer: row[i + 3], level: row[i + 4], date: row[i + 5])
    }

    public func indicators(_ query: IndicatorQuery) async throws(CatalogError) -> [IndicatorHit] {
        let statement = CatalogSQL.indicators(query, dialect: Self.dialect)
        let location = self.location
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: statement.sql, arguments: Self.arguments(statement.values)).map { row in
                    let json: String = row[0]
                    let indicator: Indicator
                    do { indicator = try Indicator(json: try JSONValue(parsing: json)) } catch {
                        throw CatalogError(.constraint, location: location, message: "a stored indicator does not read back: \(error)")
                    }
                    return IndicatorHit(indicator: indicator, document: Self.reference(row, from: 1))
                }
            }
        } catch {
            throw Self.error(error, location: location, doing: "querying indicators")
        }
    }

    public func sentences(_ query: SentenceQuery) async throws(CatalogError) -> [SentenceHit] {
        let statement = CatalogSQL.sentences(query, dialect: Self.dialect)
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: statement.sql, arguments: Self.arguments(statement.values)).map { row in
                    SentenceHit(document: Self.reference(row, from: 5), ordinal: row[0], span: OriginalSpan(start: row[1], end: row[2]),
                                sentence: row[11], text: row[3], section: row[4])
                }
            }
        } catch {
            throw Self.error(error, location: location, doing: "searching sentences")
        }
    }

    static func summary(_ row: Row) -> DocumentSummary {
        DocumentSummary(id: row[0], path: row[1], title: row[2], issuer: row[3], level: row[4], date: row[5], period: row[6],
                        script: Script(rawValue: row[7]) ?? .none, format: DocumentFormat(rawValue: row[8]) ?? .text,
                        byteCount: row[9], sha256: row[10], ingestedAt: row[11], pipeline: row[12], sections: row[13],
                        sentences: row[14], indicators: row[15], targets: row[16])
    }

    public func documents() async throws(CatalogError) -> [DocumentSummary] {
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(CatalogSQL.summaryColumns) FROM document d ORDER BY d.path").map(Self.summary)
            }
        } catch {
            throw Self.error(error, location: location, doing: "listing documents")
        }
    }

    public func citationRecords() async throws(CatalogError) -> [CitationRecord] {
        do {
            return try await pool.read { db in
                let decoder = JSONDecoder()
                return try Row.fetchAll(db, sql: "SELECT id, path, title, doc_number, level, sha256, citations_json FROM document ORDER BY path")
                    .map { row in
                        CitationRecord(id: row[0], path: row[1], title: row[2], docNumber: row[3], level: row[4], sha256: row[5],
                                       citations: try decoder.decode([Citation].self, from: Data((row[6] as String).utf8)))
                    }
            }
        } catch {
            throw Self.error(error, location: location, doing: "reading the stored documents' citations")
        }
    }

    public func load(id: Int64) async throws(CatalogError) -> StoredDocument {
        let location = self.location
        do {
            return try await pool.read { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT path, title, issuer, level, issued, period, doc_number, format, encoding, encoding_source, script, \
                    byte_count, sha256, original_text, blocks_json, metadata_json, pipeline, ingested_at, citations_json, tables_json \
                    FROM document WHERE id = ?
                    """, arguments: [id]) else {
                    throw CatalogError(.notFound, location: location, message: "no stored document has id \(id)")
                }
                let decoder = JSONDecoder()
                let blocks = try decoder.decode([SourceBlock].self, from: Data((row[14] as String).utf8))
                let metadata = try decoder.decode(DocumentMetadata.self, from: Data((row[15] as String).utf8))
                let citations = try decoder.decode([Citation].self, from: Data((row[18] as String).utf8))
                let tables = try decoder.decode([SourceTable].self, from: Data((row[19] as String).utf8))
                let record = DocumentRecord(
                    path: row[0], title: row[1], issuers: metadata.issuers.map(\.value), level: row[3], date: row[4], period: row[5],
                    docNumber: row[6], format: DocumentFormat(rawValue: row[7]) ?? .text, encoding: row[8], encodingSource: row[9],
                    script: Script(rawValue: row[10]) ?? .none, byteCount: row[11], sha256: row[12], text: row[13], blocks: blocks,
                    metadata: metadata, pipeline: row[16], ingestedAt: row[17], citations: citations, tables: tables)
                let nodes = try Row.fetchAll(db, sql: """
                    SELECT path, level, kind, marker, style, number, marker_start, marker_end, heading, heading_start, heading_end, \
                    span_start, span_end FROM section WHERE document_id = ? ORDER BY ordinal
                    """, arguments: [id]).map { r in
                    StructureNode(path: r[0], level: r[1], kind: NodeKind(rawValue: r[2]) ?? .section, marker: r[3], style: r[4], number: r[5],
                                  markerSpan: Self.span(r[6], r[7]), heading: r[8], headingSpan: Self.span(r[9], r[10]),
                                  span: OriginalSpan(start: r[11], end: r[12]), sentences: [])
                }
                let sentences = try Row.fetchAll(db, sql: """
                    SELECT section_ordinal, span_start, span_end FROM sentence WHERE document_id = ? ORDER BY ordinal
                    """, arguments: [id]).map { r in (node: r[0] as Int, span: OriginalSpan(start: r[1], end: r[2])) }
                let noise = try Row.fetchAll(db, sql: "SELECT span_start, span_end, reason FROM noise WHERE document_id = ? ORDER BY ordinal",
                                             arguments: [id]).map { r in
                    NoiseBlock(span: OriginalSpan(start: r[0], end: r[1]), reason: NoiseReason(rawValue: r[2]) ?? .pageFurniture)
                }
                let indicators = try String.fetchAll(db, sql: "SELECT record_json FROM indicator WHERE document_id = ? ORDER BY ordinal",
                                                     arguments: [id]).map { try Indicator(json: try JSONValue(parsing: $0)) }
                return StoredDocument(id: id, record: record,
                                      tree: StoredDocument.tree(metadata: metadata, nodes: nodes, sentences: sentences, noise: noise,
                                                                citations: citations),
                                      indicators: indicators)
            }
        } catch {
            throw Self.error(error, location: location, doing: "loading document \(id)")
        }
    }

    static func span(_ start: Int?, _ end: Int?) -> OriginalSpan? {
        guard let start, let end else { return nil }
        return OriginalSpan(start: start, end: end)
    }

    public func check() async throws(CatalogError) -> [String] {
        do {
            return try await pool.read { db in
                var problems: [String] = []
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity != ["ok"] { problems += integrity.map { "integrity_check: \($0)" } }
                for row in try Row.fetchAll(db, sql: CatalogSQL.countMismatches) {
                    problems.append("document \(row[0] as Int64) \(row[1] as String): stored counts \(row[2] as Int)/\(row[4] as Int)/\(row[6] as Int)/\(row[8] as Int) sections/sentences/indicators/noise, rows \(row[3] as Int)/\(row[5] as Int)/\(row[7] as Int)/\(row[9] as Int)")
                }
                for row in try Row.fetchAll(db, sql: CatalogSQL.orphans) where (row[1] as Int) > 0 {
                    problems.append("\(row[1] as Int) \(row[0] as String) rows belong to no document")
                }
                // Every sentence and metric with tokens is in its index, and nothing else.
                let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM sentence_search") ?? 0
                var expected = 0
                for text in try String.fetchAll(db, sql: "SELECT search_text FROM sentence") where !SearchText.tokenLine(of: text).isEmpty { expected += 1 }
                if indexed != expected { problems.append("sentence_search holds \(indexed) rows for \(expected) sentences") }
                return problems
            }
        } catch {
            throw Self.error(error, location: location, doing: "checking the catalog")
        }
    }

    // MARK: Errors

    /// A GRDB or SQLite error as a ``CatalogError`` in the database's own words.
    static func error(_ error: any Error, location: String, doing: String) -> CatalogError {
        if let error = error as? CatalogError { return error.doing(doing) }
        if let error = error as? DatabaseError {
            let message = error.message ?? "\(error.resultCode)"
            let kind: CatalogError.Kind
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT: kind = .notACatalog
            case .SQLITE_READONLY, .SQLITE_PERM: kind = .readOnly
            case .SQLITE_FULL: kind = .full
            case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_BUSY, .SQLITE_LOCKED: kind = .unavailable
            case .SQLITE_CONSTRAINT: kind = .constraint
            default: kind = .other
            }
            let text = kind == .notACatalog ? "not a Zhibiao catalog (\(message))" : message
            return CatalogError(kind, location: location, message: text, doing: doing)
        }
        if let error = error as? IndicatorDecodingError {
            return CatalogError(.constraint, location: location, message: "a stored indicator does not read back: \(error)", doing: doing)
        }
        return CatalogError(.other, location: location, message: "\(error)", doing: doing)
    }
}

extension SQLiteCatalog {
    /// Runs SQL as it is (tests that damage or age a catalog on purpose).
    package func executeForTesting(_ sql: String) async throws {
        try await pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }
}
