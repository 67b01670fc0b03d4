import Foundation
import Logging
import PostgresNIO
import ZhibiaoCatalog
import ZhibiaoCore

/// The catalog in a PostgreSQL database, shared by a team (`--db postgres://…`), through
/// postgres-nio. One connection; operations run one at a time, each document in one transaction
/// under an advisory lock, so that concurrent writers from other processes take turns.
public final class PostgresCatalog: CatalogStore {
    public let location: String
    let connection: PostgresConnection
    let logger: Logger
    let gate = Gate()

    /// The advisory lock every writer holds for its transaction.
    static let writeLock: Int64 = 0x7A68_6962_6961_6F  // "zhibiao"

    /// Connects to the database the URL names and migrates it (`upTo`: tests of upgrades only).
    /// With `create` false, a database without a catalog is refused instead of set up.
    public init(url: String, create: Bool = true, upTo: String? = nil) async throws(CatalogError) {
        let parsed = try PostgresLocation(url: url)
        location = parsed.display
        var logger = Logger(label: "zhibiao.postgres")
        logger.logLevel = .critical
        self.logger = logger
        do {
            connection = try await PostgresConnection.connect(configuration: parsed.configuration, id: 1, logger: logger)
        } catch {
            throw Self.error(error, location: parsed.display, doing: "connecting")
        }
        do {
            try await migrate(create: create, upTo: upTo)
        } catch {
            try? await connection.close()
            throw error
        }
    }

    public func close() async {
        try? await connection.close()
    }

    deinit {
        // A store dropped without close() (an error path): close the connection, keeping it
        // alive until it is closed.
        let connection = self.connection
        if !connection.isClosed { connection.close().whenComplete { _ in _ = connection } }
    }

    // MARK: Running statements

    /// Runs `body` alone on the connection.
    func exclusive<T: Sendable>(_ doing: String, _ body: () async throws -> T) async throws(CatalogError) -> T {
        await gate.enter()
        do {
            let value = try await body()
            await gate.leave()
            return value
        } catch {
            await gate.leave()
            throw Self.error(error, location: location, doing: doing)
        }
    }

    static func query(_ sql: String, _ values: [SQLValue] = []) -> PostgresQuery {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .int(let n): binds.append(n)
            case .double(let d): binds.append(d)
            case .text(let s): binds.append(s)
            case .textArray(let list): binds.append(list)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    @discardableResult
    func run(_ sql: String, _ values: [SQLValue] = []) async throws -> PostgresRowSequence {
        // A statement sent on a connection the server has closed is never answered (postgres-nio
        // 1.33 drops the write): fail at once instead.
        if connection.isClosed { throw ConnectionLost() }
        return try await connection.query(Self.query(sql, values), logger: logger)
    }

    func rows(_ sql: String, _ values: [SQLValue] = []) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await run(sql, values) { rows.append(row) }
        return rows
    }

    /// Runs `body` in a transaction (rolled back when it throws).
    func transaction<T>(_ body: () async throws -> T) async throws -> T {
        try await run("BEGIN")
        do {
            let value = try await body()
            try await run("COMMIT")
            return value
        } catch {
            _ = try? await run("ROLLBACK")
            throw error
        }
    }

    // MARK: Schema

    private func migrate(create: Bool, upTo: String?) async throws(CatalogError) {
        let location = self.location
        try await exclusive("opening the catalog") {
            let tables = try await self.rows("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                .map { try $0.decode(String.self) }
            if !tables.contains("zhibiao_migrations") && tables.contains("document") {
                throw CatalogError(.notACatalog, location: location,
                                   message: "this database has a table 'document' but is not a Zhibiao catalog")
            }
            if !tables.contains("zhibiao_migrations") && !create {
                throw CatalogError(.missing, location: location, message: "no catalog in this database (zhibiao ingest creates one)")
            }
            try await self.transaction {
                try await self.run("SELECT pg_advisory_xact_lock($1)", [.int(Self.writeLock)])
                try await self.run("""
                    CREATE TABLE IF NOT EXISTS zhibiao_migrations (identifier text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                    """)
                let applied = try await self.rows("SELECT identifier FROM zhibiao_migrations").map { try $0.decode(String.self) }
                let unknown = applied.filter { !PostgresSchema.identifiers.contains($0) }
                if !unknown.isEmpty {
                    throw CatalogError(.newerSchema, location: location, message: """
                        written by a newer Zhibiao (schema \(unknown.sorted().joined(separator: ", "))); this one knows up to \
                        \(PostgresSchema.identifiers.last!): upgrade Zhibiao to use this catalog
                        """)
                }
                for identifier in PostgresSchema.identifiers where !applied.contains(identifier) {
                    switch identifier {
                    case "v1-tables":
                        for statement in PostgresSchema.v1Tables { try await self.run(statement) }
                    case "v2-search":
                        for statement in PostgresSchema.v2Search { try await self.run(statement) }
                        try await self.indexExistingRows()
                    case "v3-citations-tables":
                        for statement in PostgresSchema.v3CitationsTables { try await self.run(statement) }
                    case "v4-checklist-marks":
                        for statement in PostgresSchema.v4ChecklistMarks { try await self.run(statement) }
                    default: break
                    }
                    try await self.run("INSERT INTO zhibiao_migrations (identifier) VALUES ($1)", [.text(identifier)])
                    if identifier == upTo { break }
                }
            }
        }
    }

    /// Fills the token columns of rows stored before `v2-search`.
    private func indexExistingRows() async throws {
        for (table, key, source, target) in [("sentence", "id", "search_text", "tokens"), ("indicator", "row_id", "metric_text", "metric_tokens")] {
            let rows = try await self.rows("SELECT \(key), \(source) FROM \(table)")
            var json = JSONWriter()
            json.beginArray()
            for row in rows {
                let (id, text) = try row.decode((Int64, String).self)
                json.beginObject()
                json.key("id"); json.number(literal: String(id))
                json.key("tokens"); Self.writeTokens(text, into: &json)
                json.endObject()
            }
            json.endArray()
            try await run("""
                UPDATE \(table) t SET \(target) = x.tokens FROM json_to_recordset($1::json) AS x(id bigint, tokens text[]) WHERE t.\(key) = x.id
                """, [.text(json.string)])
        }
    }

    static func writeTokens(_ text: String, into json: inout JSONWriter) {
        json.beginArray()
        for token in Set(SearchText.tokens(of: text)).sorted() { json.string(token) }
        json.endArray()
    }

    // MARK: Writing

    public func checklistMarks(document: Int64) async throws(CatalogError) -> [String: ChecklistMark] {
        try await exclusive("reading the checklist marks of document \(document)") {
            var marks: [String: ChecklistMark] = [:]
            for row in try await self.rows("""
                SELECT m.indicator_id, m.status, m.note, m.updated_at FROM checklist_mark m \
                JOIN indicator i ON i.id = m.indicator_id WHERE i.document_id = $1
                """, [.int(document)]) {
                let (id, status, note, updated) = try row.decode((String, String, String, String).self)
                marks[id] = ChecklistMark(indicator: id, status: ChecklistMark.Status(rawValue: status) ?? .notStarted, note: note,
                                          updatedAt: updated)
            }
            return marks
        }
    }

    public func setChecklistMark(_ mark: ChecklistMark) async throws(CatalogError) {
        let location = self.location
        try await exclusive("setting the checklist mark of \(mark.indicator)") {
            try await self.transaction {
                let known = try await self.rows("SELECT 1 FROM indicator WHERE id = $1", [.text(mark.indicator)])
                if known.isEmpty {
                    throw CatalogError(.notFound, location: location, message: "no stored indicator has id '\(mark.indicator)'")
                }
                try await self.run("""
                    INSERT INTO checklist_mark (indicator_id, status, note, updated_at) VALUES ($1, $2, $3, $4) \
                    ON CONFLICT (indicator_id) DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at
                    """, [.text(mark.indicator), .text(mark.status.rawValue), .text(mark.note), .text(mark.updatedAt)])
            }
        }
    }

    public func fingerprints() async throws(CatalogError) -> [StoredFingerprint] {
        try await exclusive("reading the stored documents") {
            try await self.rows("SELECT id, path, sha256, pipeline FROM document").map {
                let (id, path, sha, pipeline) = try $0.decode((Int64, String, String, String).self)
                return StoredFingerprint(id: id, path: path, sha256: sha, pipeline: pipeline)
            }
        }
    }

    public func store(_ entry: CatalogEntry, force: Bool) async throws(CatalogError) -> StoreOutcome {
        let doc = entry.document
        return try await exclusive("storing \(doc.path)") {
            try await self.transaction {
                try await self.run("SELECT pg_advisory_xact_lock($1)", [.int(Self.writeLock)])
                let rows = try await self.rows("SELECT id, path, sha256, pipeline FROM document WHERE path = $1 OR sha256 = $2",
                                               [.text(doc.path), .text(doc.sha256)])
                    .map { try $0.decode((Int64, String, String, String).self) }
                let samePath = rows.first { $0.1 == doc.path }
                let sameContent = rows.first { $0.2 == doc.sha256 }
                if let samePath, samePath.2 == doc.sha256, samePath.3 == doc.pipeline, !force { return StoreOutcome.unchanged }
                var outcome = StoreOutcome.added
                if let samePath {
                    try await self.run("DELETE FROM document WHERE id = $1", [.int(samePath.0)])
                    outcome = .replaced
                }
                if let sameContent, sameContent.1 != doc.path { return .duplicate(of: sameContent.1) }
                try await self.insert(entry)
                return outcome
            }
        }
    }

    private func insert(_ entry: CatalogEntry) async throws {
        let d = entry.document
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let blocks = String(decoding: try encoder.encode(d.blocks), as: UTF8.self)
        let metadata = String(decoding: try encoder.encode(d.metadata), as: UTF8.self)
        let citations = String(decoding: try encoder.encode(d.citations), as: UTF8.self)
        let tables = String(decoding: try encoder.encode(d.tables), as: UTF8.self)
        let idRows = try await rows("""
            INSERT INTO document (path, sha256, title, issuer, level, issued, period, doc_number, format, encoding, encoding_source, \
            script, byte_count, original_text, blocks_json, metadata_json, pipeline, ingested_at, section_count, sentence_count, \
            indicator_count, target_count, noise_count, citations_json, tables_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
            $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25) RETURNING id
            """, [
                .text(d.path), .text(d.sha256), .optional(d.title), .optional(d.issuers.isEmpty ? nil : d.issuerText), .optional(d.level),
                .optional(d.date), .optional(d.period), .optional(d.docNumber), .text(d.format.rawValue), .text(d.encoding),
                .text(d.encodingSource), .text(d.script.rawValue), .optional(d.byteCount), .text(d.text), .text(blocks), .text(metadata),
                .text(d.pipeline), .text(d.ingestedAt), .optional(entry.nodes.count), .optional(entry.sentences.count),
                .optional(entry.indicators.count), .optional(entry.targetCount), .optional(entry.noise.count), .text(citations), .text(tables),
            ])
        guard let id = try idRows.first?.decode(Int64.self) else { throw PostgresStoreFailure("the document row got no id") }

        var json = JSONWriter(capacity: 64 * entry.nodes.count)
        json.beginArray()
        for (ordinal, n) in entry.nodes.enumerated() {
            json.beginObject()
            json.field("ordinal", ordinal); json.field("path", n.path); json.field("level", n.level); json.field("kind", n.kind.rawValue)
            json.field("marker", n.marker); json.field("style", n.style); json.field("number", n.number)
            json.field("marker_start", n.markerSpan?.start); json.field("marker_end", n.markerSpan?.end); json.field("heading", n.heading)
            json.field("heading_start", n.headingSpan?.start); json.field("heading_end", n.headingSpan?.end)
            json.field("span_start", n.span.start); json.field("span_end", n.span.end)
            json.endObject()
        }
        json.endArray()
        try await run("""
            INSERT INTO section (document_id, ordinal, path, level, kind, marker, style, number, marker_start, marker_end, heading, \
            heading_start, heading_end, span_start, span_end) SELECT $1, x.ordinal, x.path, x.level, x.kind, x.marker, x.style, x.number, \
            x.marker_start, x.marker_end, x.heading, x.heading_start, x.heading_end, x.span_start, x.span_end FROM json_to_recordset($2::json) \
            AS x(ordinal bigint, path text, level bigint, kind text, marker text, style text, number bigint, marker_start bigint, \
            marker_end bigint, heading text, heading_start bigint, heading_end bigint, span_start bigint, span_end bigint)
            """, [.int(id), .text(json.string)])

        json = JSONWriter(capacity: 200 * entry.sentences.count)
        json.beginArray()
        for s in entry.sentences {
            json.beginObject()
            json.field("ordinal", s.ordinal); json.field("node", s.node); json.field("span_start", s.span.start)
            json.field("span_end", s.span.end); json.field("text", s.text)
            json.key("tokens"); Self.writeTokens(s.text, into: &json)
            json.endObject()
        }
        json.endArray()
        try await run("""
            INSERT INTO sentence (document_id, ordinal, section_ordinal, span_start, span_end, search_text, tokens) \
            SELECT $1, x.ordinal, x.node, x.span_start, x.span_end, x.text, x.tokens FROM json_to_recordset($2::json) \
            AS x(ordinal bigint, node bigint, span_start bigint, span_end bigint, text text, tokens text[]) ORDER BY x.ordinal
            """, [.int(id), .text(json.string)])

        json = JSONWriter(capacity: 1200 * entry.indicators.count)
        json.beginArray()
        for (ordinal, r) in entry.indicators.enumerated() {
            let i = r.indicator
            json.beginObject()
            json.field("ordinal", ordinal); json.field("id", i.id); json.field("span_start", i.span.start); json.field("span_end", i.span.end)
            json.field("kind", i.kind.rawValue); json.field("unit", i.unit); json.field("unit_key", r.unitKey)
            json.field("base_unit", i.baseUnit.rawValue); json.field("value", i.value.description)
            json.key("base_value"); if let v = r.baseValueDouble, v.isFinite { json.number(literal: "\(v)") } else { json.null() }
            json.field("comparator", i.comparator.rawValue); json.field("year", i.year); json.field("period_start", i.periodStart)
            json.field("period_end", i.periodEnd); json.field("metric", i.metric); json.field("metric_key", i.metricKey)
            json.field("metric_text", r.metricText); json.key("metric_tokens"); Self.writeTokens(r.metricText, into: &json)
            json.field("scope", i.scope); json.field("section", i.section); json.field("role", i.role.rawValue)
            json.field("record_json", r.json)
            json.endObject()
        }
        json.endArray()
        try await run("""
            INSERT INTO indicator (document_id, ordinal, id, span_start, span_end, kind, unit, unit_key, base_unit, value, base_value, \
            comparator, year, period_start, period_end, metric, metric_key, metric_text, metric_tokens, scope, section, role, record_json) \
            SELECT $1, x.ordinal, x.id, x.span_start, x.span_end, x.kind, x.unit, x.unit_key, x.base_unit, x.value, x.base_value, \
            x.comparator, x.year, x.period_start, x.period_end, x.metric, x.metric_key, x.metric_text, x.metric_tokens, x.scope, x.section, \
            x.role, x.record_json FROM json_to_recordset($2::json) AS x(ordinal bigint, id text, span_start bigint, span_end bigint, \
            kind text, unit text, unit_key text, base_unit text, value text, base_value double precision, comparator text, year bigint, \
            period_start bigint, period_end bigint, metric text, metric_key text, metric_text text, metric_tokens text[], scope text, \
            section text, role text, record_json text) ORDER BY x.ordinal
            """, [.int(id), .text(json.string)])

        json = JSONWriter(capacity: 64 * entry.noise.count)
        json.beginArray()
        for (ordinal, n) in entry.noise.enumerated() {
            json.beginObject()
            json.field("ordinal", ordinal); json.field("span_start", n.span.start); json.field("span_end", n.span.end)
            json.field("reason", n.reason.rawValue)
            json.endObject()
        }
        json.endArray()
        try await run("""
            INSERT INTO noise (document_id, ordinal, span_start, span_end, reason) SELECT $1, x.ordinal, x.span_start, x.span_end, x.reason \
            FROM json_to_recordset($2::json) AS x(ordinal bigint, span_start bigint, span_end bigint, reason text)
            """, [.int(id), .text(json.string)])
    }

    public func remove(id: Int64) async throws(CatalogError) -> Bool {
        try await exclusive("removing document \(id)") {
            try await self.transaction {
                try await self.run("SELECT pg_advisory_xact_lock($1)", [.int(Self.writeLock)])
                let deleted = try await self.rows("DELETE FROM document WHERE id = $1 RETURNING id", [.int(id)])
                return !deleted.isEmpty
            }
        }
    }

    // MARK: Reading

    static let dialect = SQLDialect(
        placeholder: { "$\($0)" },
        contains: { "strpos(\($0), \($1)) > 0" },
        narrow: { index, plan, bind in
            let tokens = plan.requiredTokens
            if tokens.isEmpty { return nil }
            switch index {
            case .sentence: return "s.tokens @> \(bind(.textArray(tokens)))::text[]"
            case .metric: return "i.metric_tokens @> \(bind(.textArray(tokens)))::text[]"
            }
        })

    static func reference(_ cells: PostgresRandomAccessRow, from i: Int) throws -> DocumentReference {
        DocumentReference(id: try cells[i].decode(Int64.self), path: try cells[i + 1].decode(String.self),
                          title: try cells[i + 2].decode(String?.self), issuer: try cells[i + 3].decode(String?.self),
                          level: try cells[i + 4].decode(String?.self), date: try cells[i + 5].decode(String?.self))
    }

    public func indicators(_ query: IndicatorQuery) async throws(CatalogError) -> [IndicatorHit] {
        let statement = CatalogSQL.indicators(query, dialect: Self.dialect)
        return try await exclusive("querying indicators") {
            try await self.rows(statement.sql, statement.values).map { row in
                let cells = row.makeRandomAccess()
                let indicator = try Indicator(json: try JSONValue(parsing: try cells[0].decode(String.self)))
                return IndicatorHit(indicator: indicator, document: try Self.reference(cells, from: 1))
            }
        }
    }

    public func sentences(_ query: SentenceQuery) async throws(CatalogError) -> [SentenceHit] {
        let statement = CatalogSQL.sentences(query, dialect: Self.dialect)
        return try await exclusive("searching sentences") {
            try await self.rows(statement.sql, statement.values).map { row in
                let c = row.makeRandomAccess()
                return SentenceHit(document: try Self.reference(c, from: 5), ordinal: try c[0].decode(Int.self),
                                   span: OriginalSpan(start: try c[1].decode(Int.self), end: try c[2].decode(Int.self)),
                                   sentence: try c[11].decode(String.self), text: try c[3].decode(String.self), section: try c[4].decode(String.self))
            }
        }
    }

    public func documents() async throws(CatalogError) -> [DocumentSummary] {
        try await exclusive("listing documents") {
            try await self.rows("SELECT \(CatalogSQL.summaryColumns) FROM document d ORDER BY d.path").map { row in
                let c = row.makeRandomAccess()
                return DocumentSummary(
                    id: try c[0].decode(Int64.self), path: try c[1].decode(String.self), title: try c[2].decode(String?.self),
                    issuer: try c[3].decode(String?.self), level: try c[4].decode(String?.self), date: try c[5].decode(String?.self),
                    period: try c[6].decode(String?.self), script: Script(rawValue: try c[7].decode(String.self)) ?? .none,
                    format: DocumentFormat(rawValue: try c[8].decode(String.self)) ?? .text, byteCount: try c[9].decode(Int.self),
                    sha256: try c[10].decode(String.self), ingestedAt: try c[11].decode(String.self), pipeline: try c[12].decode(String.self),
                    sections: try c[13].decode(Int.self), sentences: try c[14].decode(Int.self), indicators: try c[15].decode(Int.self),
                    targets: try c[16].decode(Int.self))
            }
        }
    }

    /// Every stored document's title, 文号 and citations in one query (no texts, no trees).
    public func citationRecords() async throws(CatalogError) -> [CitationRecord] {
        try await exclusive("reading the stored documents' citations") { try await self.readCitationRecords() }
    }

    private func readCitationRecords() async throws -> [CitationRecord] {
        let decoder = JSONDecoder()
        var records: [CitationRecord] = []
        for row in try await rows("SELECT id, path, title, doc_number, level, sha256, citations_json FROM document ORDER BY path") {
            let c = row.makeRandomAccess()
            records.append(CitationRecord(
                id: try c[0].decode(Int64.self), path: try c[1].decode(String.self), title: try c[2].decode(String?.self),
                docNumber: try c[3].decode(String?.self), level: try c[4].decode(String?.self), sha256: try c[5].decode(String.self),
                citations: try decoder.decode([Citation].self, from: Data(try c[6].decode(String.self).utf8))))
        }
        return records
    }

    public func load(id: Int64) async throws(CatalogError) -> StoredDocument {
        try await exclusive("loading document \(id)") { try await self.loadDocument(id: id) }
    }

    /// The body of ``load(id:)``, written with plain loops (Swift 6.3's optimizer crashed on the
    /// same code as closures inside the `exclusive` closure).
    private func loadDocument(id: Int64) async throws -> StoredDocument {
        let found = try await rows("""
            SELECT path, title, issuer, level, issued, period, doc_number, format, encoding, encoding_source, script, \
            byte_count, sha256, original_text, blocks_json, metadata_json, pipeline, ingested_at, citations_json, tables_json \
            FROM document WHERE id = $1
            """, [.int(id)])
        guard let row = found.first else {
            throw CatalogError(.notFound, location: location, message: "no stored document has id \(id)")
        }
        let c = row.makeRandomAccess()
        let decoder = JSONDecoder()
        let blocks = try decoder.decode([SourceBlock].self, from: Data(try c[14].decode(String.self).utf8))
        let metadata = try decoder.decode(DocumentMetadata.self, from: Data(try c[15].decode(String.self).utf8))
        let citations = try decoder.decode([Citation].self, from: Data(try c[18].decode(String.self).utf8))
        let tables = try decoder.decode([SourceTable].self, from: Data(try c[19].decode(String.self).utf8))
        let record = DocumentRecord(
            path: try c[0].decode(String.self), title: try c[1].decode(String?.self), issuers: metadata.issuers.map(\.value),
            level: try c[3].decode(String?.self), date: try c[4].decode(String?.self), period: try c[5].decode(String?.self),
            docNumber: try c[6].decode(String?.self), format: DocumentFormat(rawValue: try c[7].decode(String.self)) ?? .text,
            encoding: try c[8].decode(String.self), encodingSource: try c[9].decode(String.self),
            script: Script(rawValue: try c[10].decode(String.self)) ?? .none, byteCount: try c[11].decode(Int.self),
            sha256: try c[12].decode(String.self), text: try c[13].decode(String.self), blocks: blocks, metadata: metadata,
            pipeline: try c[16].decode(String.self), ingestedAt: try c[17].decode(String.self), citations: citations, tables: tables)
        var nodes: [StructureNode] = []
        for row in try await rows("""
            SELECT path, level, kind, marker, style, number, marker_start, marker_end, heading, heading_start, heading_end, \
            span_start, span_end FROM section WHERE document_id = $1 ORDER BY ordinal
            """, [.int(id)]) {
            let r = row.makeRandomAccess()
            nodes.append(StructureNode(
                path: try r[0].decode(String.self), level: try r[1].decode(Int.self),
                kind: NodeKind(rawValue: try r[2].decode(String.self)) ?? .section, marker: try r[3].decode(String?.self),
                style: try r[4].decode(String?.self), number: try r[5].decode(Int?.self),
                markerSpan: Self.span(try r[6].decode(Int?.self), try r[7].decode(Int?.self)), heading: try r[8].decode(String?.self),
                headingSpan: Self.span(try r[9].decode(Int?.self), try r[10].decode(Int?.self)),
                span: OriginalSpan(start: try r[11].decode(Int.self), end: try r[12].decode(Int.self)), sentences: []))
        }
        var sentences: [(node: Int, span: OriginalSpan)] = []
        for row in try await rows("SELECT section_ordinal, span_start, span_end FROM sentence WHERE document_id = $1 ORDER BY ordinal", [.int(id)]) {
            let (node, start, end) = try row.decode((Int, Int, Int).self)
            sentences.append((node: node, span: OriginalSpan(start: start, end: end)))
        }
        var noise: [NoiseBlock] = []
        for row in try await rows("SELECT span_start, span_end, reason FROM noise WHERE document_id = $1 ORDER BY ordinal", [.int(id)]) {
            let (start, end, reason) = try row.decode((Int, Int, String).self)
            noise.append(NoiseBlock(span: OriginalSpan(start: start, end: end), reason: NoiseReason(rawValue: reason) ?? .pageFurniture))
        }
        var indicators: [Indicator] = []
        for row in try await rows("SELECT record_json FROM indicator WHERE document_id = $1 ORDER BY ordinal", [.int(id)]) {
            indicators.append(try Indicator(json: try JSONValue(parsing: try row.decode(String.self))))
        }
        return StoredDocument(id: id, record: record, tree: StoredDocument.tree(metadata: metadata, nodes: nodes, sentences: sentences, noise: noise,
                                                                                citations: citations),
                              indicators: indicators)
    }

    static func span(_ start: Int?, _ end: Int?) -> OriginalSpan? {
        guard let start, let end else { return nil }
        return OriginalSpan(start: start, end: end)
    }

    public func check() async throws(CatalogError) -> [String] {
        try await exclusive("checking the catalog") {
            var problems: [String] = []
            for row in try await self.rows(CatalogSQL.countMismatches) {
                let c = row.makeRandomAccess()
                let counts = try (2...9).map { try c[$0].decode(Int.self) }
                problems.append("document \(try c[0].decode(Int64.self)) \(try c[1].decode(String.self)): stored counts \(counts[0])/\(counts[2])/\(counts[4])/\(counts[6]) sections/sentences/indicators/noise, rows \(counts[1])/\(counts[3])/\(counts[5])/\(counts[7])")
            }
            for row in try await self.rows(CatalogSQL.orphans) {
                let (table, count) = try row.decode((String, Int).self)
                if count > 0 { problems.append("\(count) \(table) rows belong to no document") }
            }
            return problems
        }
    }

    // MARK: Errors

    static func error(_ error: any Error, location: String, doing: String) -> CatalogError {
        if let error = error as? CatalogError { return error.doing(doing) }
        if let error = error as? PSQLError {
            if let info = error.serverInfo {
                let state = info[.sqlState] ?? ""
                let message = info[.message] ?? "server error \(state)"
                let kind: CatalogError.Kind
                switch state {
                case "23505", "23503", "23502", "23514": kind = .constraint
                case "25006", "42501": kind = .readOnly
                case "53100", "53200", "54000": kind = .full
                case "3D000": kind = .missing
                case _ where state.hasPrefix("57") || state.hasPrefix("08") || state.hasPrefix("28"): kind = .unavailable
                default: kind = .other
                }
                let constraint = info[.constraintName].map { " (\(info[.tableName].map { "\($0)." } ?? "")\($0))" } ?? ""
                return CatalogError(kind, location: location, message: message + constraint, doing: doing)
            }
            let message: String
            switch error.code {
            case .serverClosedConnection, .uncleanShutdown: message = "the server closed the connection"
            case .clientClosedConnection: message = "the connection was closed"
            case .connectionError: message = "cannot connect" + (error.underlying.map { " (\($0))" } ?? "")
            case .sslUnsupported: message = "the server does not support TLS (add ?sslmode=disable)"
            default: message = "\(error.code)" + (error.underlying.map { " (\($0))" } ?? "")
            }
            return CatalogError(.unavailable, location: location, message: message, doing: doing)
        }
        if let error = error as? PostgresDecodingError {
            return CatalogError(.other, location: location, message: "a stored value does not read back (\(error.code))", doing: doing)
        }
        if let error = error as? IndicatorDecodingError {
            return CatalogError(.constraint, location: location, message: "a stored indicator does not read back: \(error)", doing: doing)
        }
        if error is ConnectionLost {
            return CatalogError(.unavailable, location: location, message: "the server closed the connection", doing: doing)
        }
        if let error = error as? PostgresStoreFailure {
            return CatalogError(.other, location: location, message: error.message, doing: doing)
        }
        return CatalogError(.unavailable, location: location, message: "\(error)", doing: doing)
    }
}

struct ConnectionLost: Error {}

struct PostgresStoreFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// One operation at a time on the connection (a transaction must not interleave with another
/// caller's statements).
actor Gate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

extension PostgresCatalog {
    /// Runs SQL as it is (tests that damage or age a catalog on purpose).
    package func executeForTesting(_ sql: String) async throws {
        await gate.enter()
        do {
            for statement in sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) { try await run(String(statement)) }
            await gate.leave()
        } catch {
            await gate.leave()
            throw error
        }
    }
}
